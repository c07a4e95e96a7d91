import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type SyncBody = {
  syncId: string;
  proposals: Array<{ componentId: string; componentName: string; draftVersionId: string }>;
};

const UNDOS = 10;

// Undo is one transaction that claims the sync: the same undo arriving many times at once,
// over real connections (PostgreSQL runs them side by side), succeeds exactly once.
describe.each(dbKinds)('undo of a sync, exactly once, on %s', (kind) => {
  let t: TestApp;
  let base: string;

  const sync = async (body: unknown) => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SyncBody;
  };
  const accept = async (s: SyncBody) => {
    const res = await t.api('POST', `/api/v1/syncs/${s.syncId}/decisions`, {
      body: { decisions: s.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** The same undo, UNDOS times at once, each over its own HTTP connection. */
  const undoAtOnce = async (syncId: string) => {
    const answers = await Promise.all(
      Array.from({ length: UNDOS }, async () => {
        const res = await fetch(`${base}/api/v1/syncs/${syncId}/undo`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, connection: 'close' },
        });
        return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
      }),
    );
    return answers.sort((a, b) => a.status - b.status);
  };
  const versionsOf = async () =>
    Object.fromEntries(
      (await t.db.prisma.component.findMany({ include: { currentVersion: true } })).map((c) => [
        c.name,
        c.currentVersion?.version ?? null,
      ]),
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    await accept(await sync(syncRequest()));
  });
  afterAll(async () => t?.close());

  it('restores published versions once: one 200, the others 409 already_undone, one audit event', async () => {
    const before = await versionsOf();
    const s = await sync(
      syncRequest((ds) => {
        setColor(ds.tokens, 'VariableID:1:1', '#0044dd');
        setColor(ds.tokens, 'VariableID:1:3', '#008833');
      }),
    );
    await accept(s);
    expect(await versionsOf()).not.toEqual(before);

    const answers = await undoAtOnce(s.syncId);
    expect(
      answers.map((a) => a.status),
      JSON.stringify(answers),
    ).toEqual([200, ...Array(UNDOS - 1).fill(409)]);
    for (const a of answers.slice(1)) expect(a.body.error!.code, a.body.error!.message).toBe('already_undone');
    expect(await versionsOf()).toEqual(before);
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'sync.undo', targetId: s.syncId } })).toBe(1);
    // Each of the sync's published versions was archived once, and is not current anywhere.
    const made = await t.db.prisma.componentVersion.findMany({ where: { syncId: s.syncId } });
    expect(made.map((v) => v.status)).toEqual(made.map(() => 'archived'));
  });

  it('undoes every accept of a sync when the accepts arrived at once, each in its own request', async () => {
    const before = await versionsOf();
    const change = syncRequest((ds) => {
      setColor(ds.tokens, 'VariableID:1:1', '#0033cc');
      setColor(ds.tokens, 'VariableID:1:3', '#007722');
      setColor(ds.tokens, 'VariableID:1:4', '#cccccc');
    });
    await sync(change);
    // The same design again proposes the drafts the first sync made: this sync's undo list
    // starts empty, and each accept adds its version to it.
    const s = await sync(change);
    expect(s.proposals).toHaveLength(3);
    expect((await t.db.prisma.syncOperation.findUniqueOrThrow({ where: { id: s.syncId } })).undoState).toEqual([]);
    // Writing the undo list waits a moment, so accepts side by side (PostgreSQL) all read the
    // list before any of them wrote it, unless they take turns.
    await t.db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION slow_undo_list() RETURNS trigger AS $$ BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await t.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER slow_undo_list BEFORE UPDATE ON sync_operations FOR EACH ROW WHEN (NEW.undo_state IS DISTINCT FROM OLD.undo_state) EXECUTE FUNCTION slow_undo_list()`,
    );
    const decided = await Promise.all(
      s.proposals.map(async (p) => {
        const res = await fetch(`${base}/api/v1/syncs/${s.syncId}/decisions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ decisions: [{ componentId: p.componentId, decision: 'accept' }] }),
        });
        return (await res.json()) as { results: Array<{ ok: boolean }> };
      }),
    );
    await t.db.prisma.$executeRawUnsafe('DROP TRIGGER slow_undo_list ON sync_operations');
    await t.db.prisma.$executeRawUnsafe('DROP FUNCTION slow_undo_list()');
    expect(decided.map((d) => d.results[0]!.ok)).toEqual([true, true, true]);
    const listed = (await t.db.prisma.syncOperation.findUniqueOrThrow({ where: { id: s.syncId } })).undoState as Array<{
      componentId: string;
    }>;
    expect(listed.map((e) => e.componentId).sort()).toEqual(s.proposals.map((p) => p.componentId).sort());
    const undo = await t.api('POST', `/api/v1/syncs/${s.syncId}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().components).toHaveLength(3);
    expect(await versionsOf()).toEqual(before);
  });

  it('withdraws pending drafts once: one 200, the others 409 already_undone', async () => {
    const s = await sync(syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:4', '#dddddd')));
    expect(s.proposals.length).toBeGreaterThan(0);
    const answers = await undoAtOnce(s.syncId);
    expect(
      answers.map((a) => a.status),
      JSON.stringify(answers),
    ).toEqual([200, ...Array(UNDOS - 1).fill(409)]);
    for (const a of answers.slice(1)) expect(a.body.error!.code).toBe('already_undone');
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'sync.undo', targetId: s.syncId } })).toBe(1);
    const drafts = await t.db.prisma.componentVersion.findMany({ where: { syncId: s.syncId } });
    expect(drafts.map((v) => v.status)).toEqual(drafts.map(() => 'rejected'));
  });
});
