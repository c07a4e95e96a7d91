import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { syncRequest } from '../../helpers/sync-fixtures.js';

// The sync row's result column is read through one codec (server/services/sync/operation.ts).
describe.each(dbKinds)('the sync row on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('a stored result without warnings is answered with none, read back and replayed', async () => {
    const first = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
      body: syncRequest(),
      headers: { 'idempotency-key': 'no-warnings' },
    });
    expect(first.statusCode, first.body).toBe(201);
    const { syncId } = first.json() as { syncId: string };
    await t.db.prisma.$executeRawUnsafe(
      `UPDATE sync_operations SET result = result - 'warnings' WHERE id = $1::uuid`,
      syncId,
    );
    const stored = await t.db.prisma.syncOperation.findUniqueOrThrow({ where: { id: syncId } });
    expect(stored.result).not.toHaveProperty('warnings');

    const read = await t.api('GET', `/api/v1/syncs/${syncId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ syncId, status: 'completed', warnings: [] });
    const replayed = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
      body: syncRequest(),
      headers: { 'idempotency-key': 'no-warnings' },
    });
    expect(replayed.statusCode, replayed.body).toBe(200);
    expect(replayed.json()).toMatchObject({ syncId, replayed: true, warnings: [] });
  });
});
