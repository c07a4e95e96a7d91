import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type SyncBody = {
  syncId: string;
  status: string;
  proposals: Array<{ componentId: string; componentName: string; draftVersionId: string; toVersion: string }>;
  unchanged: number;
  errors: unknown[];
  replayed?: boolean;
  rejectedEarlier?: unknown[];
};

// Replays only where they help: a key replays for 24 h; without one every sync is computed afresh.
describe.each(dbKinds)('sync replays on %s', (kind) => {
  let t: TestApp;
  const sync = async (body: unknown, key?: string) =>
    t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body, headers: key ? { 'idempotency-key': key } : {} });
  const decide = async (s: SyncBody, decision: 'accept' | 'reject') =>
    t.api('POST', `/api/v1/syncs/${s.syncId}/decisions`, {
      body: { decisions: s.proposals.map((p) => ({ componentId: p.componentId, decision })) },
    });
  const age = async (syncId: string, hours: number) =>
    t.db.prisma.syncOperation.update({
      where: { id: syncId },
      data: { createdAt: new Date(Date.now() - hours * 3600_000) },
    });

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  let first: SyncBody;

  it('with an Idempotency-Key, the same key within 24 h returns the first result, flagged replayed', async () => {
    const res = await sync(syncRequest(), 'first');
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    expect(first.replayed).toBe(false);
    const syncs = await t.db.prisma.syncOperation.count();
    const again = await sync(syncRequest(), 'first');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ syncId: first.syncId, replayed: true, proposals: first.proposals });
    expect(await t.db.prisma.syncOperation.count()).toBe(syncs);
  });

  it('without a key, the same body is computed again: pending drafts are proposed again, no replay', async () => {
    const res = await sync(syncRequest());
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as SyncBody;
    expect(body.replayed).toBe(false);
    expect(body.syncId).not.toBe(first.syncId);
    // Nothing changed since the first sync: the same drafts, not new versions.
    expect(body.proposals.map((p) => p.draftVersionId).sort()).toEqual(
      first.proposals.map((p) => p.draftVersionId).sort(),
    );
  });

  it('without a key, inputs equal to what is current propose nothing (everything is up to date)', async () => {
    expect((await decide(first, 'accept')).statusCode).toBe(200);
    const body = (await sync(syncRequest())).json() as SyncBody;
    expect(body).toMatchObject({ status: 'completed', proposals: [], unchanged: 3, errors: [], replayed: false });
    const twice = (await sync(syncRequest())).json() as SyncBody;
    expect(twice).toMatchObject({ proposals: [], unchanged: 3, replayed: false });
    expect(twice.syncId).not.toBe(body.syncId);
  });

  const blue = () => syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', '#0044dd'));

  it('after a reject, the same body is computed again and proposes nothing: the change is listed as rejected earlier', async () => {
    const navy = syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', '#0033aa'));
    const proposed = (await sync(navy)).json() as SyncBody;
    expect(proposed.proposals.map((p) => [p.componentName, p.toVersion])).toEqual([['Button', '1.1.0']]);
    expect((await decide(proposed, 'reject')).json().results[0]).toMatchObject({ ok: true, status: 'rejected' });
    const again = (await sync(navy)).json() as SyncBody;
    expect(again.replayed).toBe(false);
    expect(again.syncId).not.toBe(proposed.syncId);
    expect(again.proposals).toEqual([]);
    expect(again.rejectedEarlier).toEqual([
      {
        componentId: proposed.proposals[0]!.componentId,
        componentName: 'Button',
        versionId: proposed.proposals[0]!.draftVersionId,
        version: '1.1.0',
      },
    ]);
  });

  it('after an accept, the same body is up to date; after an undo, it proposes the undone change again', async () => {
    const proposed = (await sync(blue())).json() as SyncBody;
    expect((await decide(proposed, 'accept')).json().results[0]).toMatchObject({ ok: true, status: 'published' });
    expect((await sync(blue())).json()).toMatchObject({ proposals: [], unchanged: 3, replayed: false });
    expect((await t.api('POST', `/api/v1/syncs/${proposed.syncId}/undo`)).statusCode).toBe(200);
    const again = (await sync(blue())).json() as SyncBody;
    expect(again.replayed).toBe(false);
    expect(again.proposals.map((p) => p.componentName)).toEqual(['Button']);
    expect(again.proposals[0]!.draftVersionId).not.toBe(proposed.proposals[0]!.draftVersionId);
  });

  it('a key reused for a different body is refused (422) within 24 h', async () => {
    const res = await sync(blue(), 'first');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('idempotency_key_reused');
  });

  it('after 24 h a key is free again: a different body, or the same one, runs afresh', async () => {
    await age(first.syncId, 25);
    const other = await sync(blue(), 'first');
    expect(other.statusCode, other.body).toBe(201);
    const otherBody = other.json() as SyncBody;
    expect(otherBody).toMatchObject({ replayed: false });
    expect(otherBody.proposals.map((p) => p.componentName)).toEqual(['Button']);
    // The new use of the key replays for its own 24 h.
    expect((await sync(blue(), 'first')).json()).toMatchObject({ syncId: otherBody.syncId, replayed: true });
    // The first sync is still readable, decisions and undo still find it.
    expect((await t.api('GET', `/api/v1/syncs/${first.syncId}`)).statusCode).toBe(200);
  });
});
