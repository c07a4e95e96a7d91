import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type SyncBody = {
  syncId: string;
  status: string;
  proposals: Array<{ componentId: string; componentName: string; draftVersionId: string; toVersion: string }>;
  unchanged: number;
  errors: Array<{ componentId: string; message: string }>;
};

// More components than a chunk on either database (5 on PGlite, 10 on PostgreSQL): both the
// chunk holding the failing component and a clean chunk are exercised.
const COPIES = 12;

/** Button copies under distinct ids and names; `explode` names the one the database refuses. */
function many(explode: string) {
  return syncRequest((ds) => {
    const button = ds.components[0]!;
    const copies: ComponentSpec[] = [];
    for (let i = 0; i < COPIES; i++) {
      const name = i === 5 ? explode : `Button ${i}`;
      copies.push({
        ...structuredClone(button),
        id: `${100 + i}:1`,
        name,
        variants: button.variants.map((v, k) => ({ ...structuredClone(v), id: `${100 + i}:${k + 2}` })),
      });
    }
    ds.components = copies;
  });
}

describe.each(dbKinds)('batched store of a sync on %s', (kind) => {
  let t: TestApp;
  const sync = async (body: unknown) => t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });

  beforeAll(async () => {
    t = await startTestApp(kind);
    // A real database error for one component only, raised while its draft is inserted: the
    // chunk's multi-row insert fails as a whole, as a constraint or a bad value would.
    await t.db.raw.exec(`
      CREATE FUNCTION refuse_exploding() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.spec->>'name' LIKE 'Explodes%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_exploding BEFORE INSERT ON component_versions FOR EACH ROW EXECUTE FUNCTION refuse_exploding();
    `);
  });
  afterAll(async () => t?.close());

  it('one component the database refuses fails alone: every other component of its chunk is stored, it leaves nothing behind', async () => {
    const res = await sync(many('Explodes'));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as SyncBody;
    expect(body.status).toBe('partial');
    expect(body.errors).toEqual([{ componentId: '105:1', message: expect.stringContaining('Explodes') }]);
    expect(body.proposals.map((p) => p.componentName).sort()).toEqual(
      Array.from({ length: COPIES }, (_, i) => `Button ${i}`)
        .filter((n) => n !== 'Button 5')
        .sort(),
    );

    for (const p of body.proposals) {
      const draft = (await t.api('GET', `/api/v1/versions/${p.draftVersionId}`)).json();
      expect(draft).toMatchObject({ status: 'draft', version: '1.0.0', syncId: body.syncId });
      expect(draft.files.map((f: { path: string }) => f.path)).toContain('tokens.css');
    }
    const p = t.db.prisma;
    expect(await p.component.count({ where: { name: 'Explodes' } })).toBe(0);
    const stored = await p.component.findMany({ select: { id: true } });
    expect(stored).toHaveLength(COPIES - 1);
    // Each stored component was audited once as created and once per draft; nothing for the refused one.
    const ids = new Set(stored.map((c) => c.id));
    const created = await p.auditEvent.findMany({ where: { action: 'component.create' }, select: { targetId: true } });
    expect(created.map((a) => a.targetId).sort()).toEqual([...ids].sort());
    const drafts = await p.auditEvent.findMany({ where: { action: 'version.create' }, select: { data: true } });
    expect(drafts.map((a) => (a.data as { componentId: string }).componentId).sort()).toEqual([...ids].sort());
    expect(await p.notification.count({ where: { kind: 'draft.proposed' } })).toBe(COPIES - 1);
  });

  it('a changed sync in batches supersedes the pending drafts and numbers past the current version', async () => {
    const accepted = (await sync(many('Explodes'))).json() as SyncBody;
    const decided = await t.api('POST', `/api/v1/syncs/${accepted.syncId}/decisions`, {
      body: {
        decisions: accepted.proposals.slice(0, 6).map((p) => ({ componentId: p.componentId, decision: 'accept' })),
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const changed = many('Explodes');
    setColor(changed.tokens as Parameters<typeof setColor>[0], 'VariableID:1:1', '#112233');
    const res = await sync(changed);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as SyncBody;
    expect(body.errors.map((e) => e.componentId)).toEqual(['105:1']);
    const published = new Set(accepted.proposals.slice(0, 6).map((p) => p.componentId));
    for (const p of body.proposals) expect(p.toVersion).toBe(published.has(p.componentId) ? '1.1.0' : '1.0.0');
    // One pending draft per component: the earlier drafts of the unpublished ones were superseded.
    const pending = await t.db.prisma.componentVersion.groupBy({
      by: ['componentId'],
      where: { status: 'draft' },
      _count: true,
    });
    expect(pending.every((g) => g._count === 1)).toBe(true);
    expect(pending).toHaveLength(COPIES - 1);
    const superseded = await t.db.prisma.componentVersion.count({ where: { status: 'superseded' } });
    expect(superseded).toBe(COPIES - 1 - 6);
    // What the sync saw is recorded on every component row, as one by one.
    const rows = await t.db.prisma.component.findMany({ include: { versions: { where: { status: 'draft' } } } });
    const op = await t.db.prisma.syncOperation.findUniqueOrThrow({ where: { id: body.syncId } });
    for (const c of rows) {
      expect(c.latestTokensHash).toBe(c.versions[0]!.tokensHash);
      expect(c.latestSpecHash).toBe(c.versions[0]!.specHash);
      expect(c.latestSnapshotId).toBe(op.tokenSnapshotId);
      expect(c.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(op.createdAt.getTime());
    }
  });
});
