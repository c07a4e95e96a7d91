import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { RequestContext } from '../../../server/lib/context.js';
import { runSync } from '../../../server/services/sync/index.js';
import { validateSyncBody } from '../../../server/services/sync/validate.js';
import type { Database } from '../../../server/db/database.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { designSystem, setColor } from '../../helpers/sync-fixtures.js';

/**
 * One writer of drafts (services/propose): the same design stored through a sync's batches (the
 * route: chunks of 5 on PGlite, 10 on PostgreSQL) and one component per transaction (the same
 * sync with chunks of one) leaves the same rows, field by field, in two fresh projects. Only
 * what must differ is mapped: ids (to what they name), timestamps and durations (to whether
 * they are set), correlation ids (to their order). The design goes through every rule of a
 * draft: new components, supersede, customization merge, policies auto and manual, a rejection
 * remembered, a number taken by an undone sync, a pending draft proposed again.
 */

type SyncBody = {
  syncId: string;
  status: string;
  proposals: Array<{ componentId: string; componentName: string }>;
  rejectedEarlier: unknown[];
  unchanged: number;
  errors: unknown[];
};
type Design = { tokens: TokenSet; components: ComponentSpec[] };

const BUTTONS = 9;

/** Twelve components: Button copies (bound to blue through aliases), Badge copies (not), a Card. */
function design(mutate: (ds: Design) => void = () => undefined, without: string[] = []): SyncRequest {
  const ds = designSystem();
  const [button, badge, card] = ds.components as [ComponentSpec, ComponentSpec, ComponentSpec];
  const copy = (of: ComponentSpec, n: number, name: string): ComponentSpec => ({
    ...structuredClone(of),
    id: `${n}:1`,
    name,
    variants: of.variants.map((v, k) => ({ ...structuredClone(v), id: `${n}:${k + 2}` })),
  });
  ds.components = [
    ...Array.from({ length: BUTTONS }, (_, i) => copy(button, 100 + i, `Button ${i}`)),
    copy(badge, 200, 'Badge 0'),
    copy(badge, 201, 'Badge 1'),
    card,
  ];
  mutate(ds);
  ds.components = ds.components.filter((c) => !without.includes(c.name));
  return { fileKey: 'FILE123', fileName: 'Design System', tokens: ds.tokens, components: ds.components };
}

describe.each(dbKinds)('one writer of drafts on %s', (kind) => {
  // batch: every sync through the route, in chunks; single: the same syncs, one component per transaction.
  let batch: TestApp;
  let single: TestApp;
  let requests = 0;

  const syncBatch = async (body: SyncRequest): Promise<SyncBody> => {
    const res = await batch.api('POST', `/api/v1/projects/${batch.projectId}/syncs`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SyncBody;
  };
  const syncSingle = async (body: SyncRequest): Promise<SyncBody> => {
    const ctx: RequestContext = {
      db: single.db.prisma,
      projectId: single.projectId,
      actor: 'token:admin',
      scope: 'admin',
      correlationId: `single-${++requests}`,
      startedAt: performance.now(),
      jobs: single.app.jobs ?? undefined,
      diffs: single.app.diffs,
    };
    const { result } = await runSync(ctx, validateSyncBody(body), {
      batchSize: 1,
      leaseMinutes: single.app.config.syncLeaseMinutes,
    });
    return result as unknown as SyncBody;
  };
  /** The same sync on both (their answers are compared as stored, with the sync's row). */
  const sync = async (body: SyncRequest): Promise<SyncBody[]> => {
    const a = await syncBatch(body);
    const b = await syncSingle(body);
    expect([a.status, b.status]).toEqual(['completed', 'completed']);
    return [a, b];
  };
  /** The same requests on both apps, component ids taken by name. */
  const onBoth = async (f: (t: TestApp, idOf: (name: string) => Promise<string>) => Promise<void>) => {
    for (const t of [batch, single]) {
      await f(
        t,
        async (name) => (await t.db.prisma.component.findFirstOrThrow({ where: { projectId: t.projectId, name } })).id,
      );
    }
  };
  const decide = (syncs: SyncBody[], decision: (name: string) => 'accept' | 'reject' | null) =>
    onBoth(async (t) => {
      const s = syncs[t === batch ? 0 : 1]!;
      const decisions = s.proposals.flatMap((p) => {
        const d = decision(p.componentName);
        return d ? [{ componentId: p.componentId, decision: d }] : [];
      });
      const res = await t.api('POST', `/api/v1/syncs/${s.syncId}/decisions`, { body: { decisions } });
      expect(res.statusCode, res.body).toBe(200);
      expect(
        (res.json() as { results: Array<{ ok: boolean }> }).results.every((r) => r.ok),
        res.body,
      ).toBe(true);
    });
  const expectSameRows = async () => {
    const [a, b] = [await rows(batch), await rows(single)];
    for (const table of Object.keys(a) as Array<keyof typeof a>) expect(b[table], table).toEqual(a[table]);
  };

  beforeAll(async () => {
    batch = await startTestApp(kind);
    single = await startTestApp(kind);
  });
  afterAll(async () => {
    await batch?.close();
    await single?.close();
  });

  it('a sync stored in batches and one component at a time leaves the same rows, field by field', async () => {
    // New components: a 1.0.0 draft each, created and proposed.
    const first = await sync(design());
    expect(first[0]!.proposals).toHaveLength(BUTTONS + 3);
    await expectSameRows();
    await decide(first, (name) => (name === 'Badge 1' ? 'reject' : 'accept'));

    // Policies and a customization, then a change of blue without Badge 1: Button 1 is
    // published at once, Button 2 proposed without a notification, Button 0 merged.
    await onBoth(async (t, idOf) => {
      for (const [name, policy] of [
        ['Button 1', 'auto'],
        ['Button 2', 'manual'],
      ] as const) {
        expect((await t.api('PATCH', `/api/v1/components/${await idOf(name)}`, { body: { policy } })).statusCode).toBe(
          200,
        );
      }
      const id = await idOf('Button 0');
      const current = ((await t.api('GET', `/api/v1/components/${id}`)).json() as { currentVersion: { id: string } })
        .currentVersion;
      const files = (
        (await t.api('GET', `/api/v1/versions/${current.id}`)).json() as {
          files: Array<{ path: string; content: string }>;
        }
      ).files;
      const edited = files.map((f) =>
        f.path.endsWith('.tsx') && !f.path.includes('stories') ? { ...f, content: `// kept by hand\n${f.content}` } : f,
      );
      const res = await t.api('PUT', `/api/v1/components/${id}/customizations`, { body: { files: edited } });
      expect(res.statusCode, res.body).toBe(200);
    });
    const blue = await sync(design((ds) => setColor(ds.tokens, 'VariableID:1:1', '#1166ff'), ['Badge 1']));
    expect(blue[0]!.proposals.map((p) => p.componentName).sort()).toEqual(
      Array.from({ length: BUTTONS }, (_, i) => `Button ${i}`).sort(),
    );
    await expectSameRows();
    const notes = await batch.db.prisma.notification.findMany({
      where: { data: { path: ['syncId'], equals: blue[0]!.syncId } },
    });
    expect(notes.filter((n) => n.kind === 'version.auto_published').map((n) => n.title)).toEqual([
      'Button 1 1.1.0 was published automatically (policy auto)',
    ]);
    expect(notes.filter((n) => n.kind === 'draft.proposed')).toHaveLength(BUTTONS - 2);
    expect(
      (
        await batch.db.prisma.componentVersion.findFirstOrThrow({
          where: { syncId: blue[0]!.syncId, component: { name: 'Button 0' } },
        })
      ).warnings,
    ).toContain('customizations preserved in Button0.tsx');

    // Badge 1 is back as it was rejected: remembered, not proposed again. The Buttons' pending
    // drafts are superseded by a second change.
    const dark = await sync(
      design((ds) => {
        setColor(ds.tokens, 'VariableID:1:1', '#1166ff');
        setColor(ds.tokens, 'VariableID:1:2', '#002288');
      }),
    );
    expect(dark[0]!.rejectedEarlier).toHaveLength(1);
    await expectSameRows();

    // Accepted, then undone: the numbers stay taken, the next draft is numbered past them.
    await decide(dark, (name) => (name === 'Button 4' || name === 'Button 5' ? 'accept' : null));
    await onBoth(async (t) => {
      const s = (
        await t.db.prisma.syncOperation.findMany({
          where: { projectId: t.projectId },
          orderBy: { createdAt: 'desc' },
          take: 1,
        })
      )[0]!;
      const res = await t.api('POST', `/api/v1/syncs/${s.id}/undo`);
      expect(res.statusCode, res.body).toBe(200);
    });
    const again = design((ds) => {
      setColor(ds.tokens, 'VariableID:1:1', '#1166ff');
      setColor(ds.tokens, 'VariableID:1:2', '#002288');
    });
    const past = await sync(again);
    expect(past[0]!.proposals.find((p) => p.componentName === 'Button 4')).toMatchObject({ toVersion: '1.2.0' });
    await expectSameRows();

    // The same design again: the drafts waiting for review are the answer, nothing new is written.
    const pending = await sync(again);
    expect(pending[0]!.proposals.length).toBeGreaterThan(0);
    await expectSameRows();
  });

  it('the comparison sees a single field that differs', async () => {
    const one = await single.db.prisma.componentVersion.findFirstOrThrow({
      where: { component: { projectId: single.projectId } },
      orderBy: { createdAt: 'desc' },
    });
    await single.db.prisma.$executeRawUnsafe(
      `UPDATE component_versions SET change_summary = array_append(change_summary, 'x') WHERE id = $1::uuid`,
      one.id,
    );
    const [a, b] = [await rows(batch), await rows(single)];
    expect(b.versions).not.toEqual(a.versions);
    expect(b.notifications).toEqual(a.notifications);
  });
});

/** Every row a draft's writing touches, of the app's project, with ids mapped to what they name. */
async function rows(t: TestApp) {
  const p = t.db.prisma;
  const inProject = { component: { projectId: t.projectId } };
  const map = await labels(t.db);
  const sorted = (xs: unknown[]) =>
    xs.map((x) => canonical(x, map)).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  return {
    components: sorted(await p.component.findMany({ where: { projectId: t.projectId } })),
    versions: sorted(await p.componentVersion.findMany({ where: inProject })),
    files: sorted(await p.versionFile.findMany({ where: { version: inProject } })),
    blobs: sorted(
      (await p.fileBlob.findMany()).map((b) => ({ ...b, content: Buffer.from(b.content).toString('base64') })),
    ),
    // An undo's hashes are of version ids (sync/undo.ts): ids, which must differ.
    audit: sorted(
      (await p.auditEvent.findMany({ where: { projectId: t.projectId } })).map((a) =>
        a.action === 'sync.undo' ? { ...a, beforeHash: '(ids)', afterHash: '(ids)' } : a,
      ),
    ),
    notifications: sorted(await p.notification.findMany({ where: { projectId: t.projectId } })),
    customizations: sorted(await p.customization.findMany({ where: inProject })),
    syncs: sorted(
      (await p.syncOperation.findMany({ where: { projectId: t.projectId } })).map((s) => ({
        ...s,
        result: { ...(s.result as object), timingsMs: undefined },
      })),
    ),
  };
}

/**
 * Names for the ids of one database, the same in both when they name the same thing:
 * components by Figma id, versions by component and order, syncs by order, token snapshots by
 * hash, API tokens by name, correlation ids by the order they first appear.
 */
async function labels(db: Database): Promise<Map<string, string>> {
  const p = db.prisma;
  const map = new Map<string, string>();
  const components = await p.component.findMany({ select: { id: true, figmaId: true, projectId: true } });
  for (const c of components) {
    map.set(c.id, `component ${c.figmaId}`);
    map.set(c.projectId, 'project');
  }
  const versions = await p.componentVersion.findMany({
    orderBy: [{ createdAt: 'asc' }, { version: 'asc' }],
    select: { id: true, componentId: true },
  });
  const counts = new Map<string, number>();
  for (const v of versions) {
    const k = counts.get(v.componentId) ?? 0;
    counts.set(v.componentId, k + 1);
    map.set(v.id, `${map.get(v.componentId)} version #${k}`);
  }
  for (const token of await p.apiToken.findMany({ select: { id: true, name: true } }))
    map.set(token.id, `api token ${token.name}`);
  for (const [i, s] of (
    await p.syncOperation.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true } })
  ).entries())
    map.set(s.id, `sync #${i}`);
  for (const s of await p.tokenSnapshot.findMany({ select: { id: true, hash: true } }))
    map.set(s.id, `snapshot ${s.hash}`);
  for (const [i, c] of (
    await p.customization.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true } })
  ).entries())
    map.set(c.id, `customization #${i}`);
  const correlations = [
    ...(await p.auditEvent.findMany({ select: { correlationId: true, createdAt: true } })),
    ...(await p.syncOperation.findMany({ select: { correlationId: true, createdAt: true } })),
  ].sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() || (a.correlationId ?? '').localeCompare(b.correlationId ?? ''),
  );
  let requests = 0;
  for (const { correlationId } of correlations)
    if (correlationId && !map.has(correlationId)) map.set(correlationId, `request #${requests++}`);
  return map;
}

/**
 * A row with ids replaced by their labels, in text too (a row's own id dropped when it names nothing else),
 * times by whether they are set, durations dropped (they depend on the machine).
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function canonical(value: unknown, map: ReadonlyMap<string, string>, top = true): unknown {
  if (value instanceof Date) return '(time)';
  if (typeof value === 'string') return map.get(value) ?? value.replace(UUID, (id) => map.get(id) ?? id);
  if (Array.isArray(value)) return value.map((v) => canonical(v, map, false));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'durationMs' || k === 'timingsMs' || v === undefined) continue;
      if (top && k === 'id' && typeof v === 'string' && !map.has(v)) continue;
      out[k] = canonical(v, map, false);
    }
    return out;
  }
  return value;
}
