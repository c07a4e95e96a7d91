import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type SyncBody = {
  syncId: string;
  proposals: Array<{ componentId: string; componentName: string; draftVersionId: string }>;
};
type Outcome = {
  componentId: string;
  decision: string;
  ok: boolean;
  status: string;
  version: string | null;
  versionId: string | null;
  error?: { code: string; message: string };
};

// Decisions report every item: one outcome per decision, whatever fails.
describe.each(dbKinds)('sync decisions on %s', (kind) => {
  let t: TestApp;
  let s: SyncBody;
  const idOf = (name: string) => s.proposals.find((p) => p.componentName === name)!.componentId;
  const decide = async (syncId: string, decisions: Array<{ componentId: string; decision: 'accept' | 'reject' }>) =>
    t.api('POST', `/api/v1/syncs/${syncId}/decisions`, { body: { decisions } });
  const currentVersion = async (componentId: string) =>
    (await t.db.prisma.component.findUniqueOrThrow({ where: { id: componentId }, include: { currentVersion: true } }))
      .currentVersion?.version ?? null;

  beforeAll(async () => {
    t = await startTestApp(kind);
    s = (await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() })).json();
  });
  afterAll(async () => t?.close());

  it('a component the sync did not propose gets its own error; the other decisions are made', async () => {
    const stranger = randomUUID();
    const res = await decide(s.syncId, [
      { componentId: idOf('Button'), decision: 'accept' },
      { componentId: stranger, decision: 'accept' },
      { componentId: idOf('Badge'), decision: 'reject' },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results as Outcome[];
    expect(results.map((r) => [r.componentId, r.ok, r.status])).toEqual([
      [idOf('Button'), true, 'published'],
      [stranger, false, 'error'],
      [idOf('Badge'), true, 'rejected'],
    ]);
    expect(results[1]!.error).toMatchObject({ code: 'not_in_sync', message: expect.stringContaining(stranger) });
    expect(await currentVersion(idOf('Button'))).toBe('1.0.0');
  });

  it("a database error on one item is that item's outcome, and the decisions committed before and after it stand", async () => {
    const next = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
        body: syncRequest((ds) => {
          setColor(ds.tokens, 'VariableID:1:1', '#0044dd');
          setColor(ds.tokens, 'VariableID:1:3', '#008833');
          setColor(ds.tokens, 'VariableID:1:4', '#dddddd');
        }),
      })
    ).json() as SyncBody;
    const names = next.proposals.map((p) => p.componentName).sort();
    expect(names).toEqual(['Badge', 'Button', 'Card']);
    const card = next.proposals.find((p) => p.componentName === 'Card')!;
    await t.db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION refuse_publish() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'publishing refused by the database'; END $$ LANGUAGE plpgsql`,
    );
    await t.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_publish BEFORE UPDATE ON component_versions FOR EACH ROW WHEN (NEW.id = '${card.draftVersionId}' AND NEW.status = 'published') EXECUTE FUNCTION refuse_publish()`,
    );
    try {
      const order = ['Button', 'Card', 'Badge'].map((n) => next.proposals.find((p) => p.componentName === n)!);
      const res = await decide(
        next.syncId,
        order.map((p) => ({ componentId: p.componentId, decision: 'accept' })),
      );
      expect(res.statusCode, res.body).toBe(200);
      const results = res.json().results as Outcome[];
      expect(results.map((r) => [r.ok, r.status])).toEqual([
        [true, 'published'],
        [false, 'error'],
        [true, 'published'],
      ]);
      expect(results[1]!.error!.message).toContain('publishing refused by the database');
      expect(results[1]).toMatchObject({ versionId: card.draftVersionId });
      // Button goes 1.0.0 → 1.1.0; Badge, rejected at 1.0.0 before, gets its first version.
      expect(await currentVersion(order[0]!.componentId)).toBe('1.1.0');
      expect(await currentVersion(order[2]!.componentId)).toBe('1.0.0');
      // The refused one is still a draft, and can be accepted once the database allows it.
      expect((await t.api('GET', `/api/v1/versions/${card.draftVersionId}`)).json().status).toBe('draft');
    } finally {
      await t.db.prisma.$executeRawUnsafe('DROP TRIGGER refuse_publish ON component_versions');
      await t.db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_publish()');
    }
    const retry = await decide(next.syncId, [{ componentId: card.componentId, decision: 'accept' }]);
    expect(retry.json().results[0]).toMatchObject({ ok: true, status: 'published' });
  });
});
