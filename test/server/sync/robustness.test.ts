import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncInputHash } from '../../../server/services/sync/validate.js';
import { loadConfig, testConfig } from '../../../server/config.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type SyncBody = {
  syncId: string;
  status: string;
  proposals: Array<{ componentName: string }>;
  unchanged: number;
  errors: Array<{ componentId: string; message: string }>;
  replayed?: boolean;
};

// No sync stays `running`: errors end it failed or partial, a crash ends when its lease does.
describe.each(dbKinds)('sync robustness on %s', (kind) => {
  let t: TestApp;
  const sync = async (body: unknown, key?: string) =>
    t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body, headers: key ? { 'idempotency-key': key } : {} });
  const running = async () => t.db.prisma.syncOperation.count({ where: { status: 'running' } });
  const sql = async (statement: string) => t.db.prisma.$executeRawUnsafe(statement);

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('a NUL byte in one component name is never a 500, never leaves the sync running, and the body can be sent again', async () => {
    const body = syncRequest((ds) => {
      ds.components.find((c) => c.name === 'Card')!.name = 'Ca\u0000rd';
    }, 'NUL-FILE');
    const res = await sync(body);
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode === 201) {
      // Stored: the other components went through, the one with the NUL is reported.
      const s = res.json() as SyncBody;
      expect(s.status).toBe('partial');
      expect(s.errors.map((e) => e.componentId)).toEqual(['30:1']);
      expect((await t.api('GET', `/api/v1/syncs/${s.syncId}`)).json()).toMatchObject({ status: 'partial' });
    } else {
      expect(res.statusCode).toBe(400);
    }
    expect(await running()).toBe(0);
    const again = await sync(body);
    expect(again.statusCode, again.body).toBe(res.statusCode);
    expect(await running()).toBe(0);
  });

  it('a database error on one component ends the sync partial with that error; the others go through', async () => {
    await sql(
      `CREATE FUNCTION refuse_exploding() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'component name refused by the database'; END $$ LANGUAGE plpgsql`,
    );
    await sql(
      `CREATE TRIGGER refuse_exploding BEFORE INSERT OR UPDATE ON components FOR EACH ROW WHEN (NEW.name = 'Exploding') EXECUTE FUNCTION refuse_exploding()`,
    );
    try {
      const res = await sync(
        syncRequest((ds) => {
          ds.components.find((c) => c.name === 'Card')!.name = 'Exploding';
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const s = res.json() as SyncBody;
      expect(s.status).toBe('partial');
      expect(s.errors).toEqual([
        { componentId: '30:1', message: expect.stringContaining('component name refused by the database') },
      ]);
      expect(s.proposals.map((p) => p.componentName).sort()).toEqual(['Badge', 'Button']);
      const read = await t.api('GET', `/api/v1/syncs/${s.syncId}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ status: 'partial', errors: s.errors });
      expect(await running()).toBe(0);
    } finally {
      await sql('DROP TRIGGER refuse_exploding ON components');
      await sql('DROP FUNCTION refuse_exploding()');
    }
  });

  it('a database error while storing the result ends the sync failed, keeping its drafts; the same request runs again', async () => {
    await sql(
      `CREATE FUNCTION refuse_result() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'result refused by the database'; END $$ LANGUAGE plpgsql`,
    );
    await sql(
      `CREATE TRIGGER refuse_result BEFORE UPDATE ON sync_operations FOR EACH ROW WHEN (NEW.status IN ('completed', 'partial')) EXECUTE FUNCTION refuse_result()`,
    );
    const body = syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:3', '#118844'));
    let syncId: string;
    try {
      const res = await sync(body, 'store-fails');
      expect(res.statusCode).toBe(500);
      const op = await t.db.prisma.syncOperation.findFirstOrThrow({
        where: { projectId: t.projectId },
        orderBy: { createdAt: 'desc' },
      });
      syncId = op.id;
      expect(op.status).toBe('failed');
    } finally {
      await sql('DROP TRIGGER refuse_result ON sync_operations');
      await sql('DROP FUNCTION refuse_result()');
    }
    const read = await t.api('GET', `/api/v1/syncs/${syncId}`);
    expect(read.statusCode).toBe(200);
    const failed = read.json() as SyncBody;
    expect(failed.status).toBe('failed');
    expect(failed.errors[0]!.message).toContain('result refused by the database');
    // The drafts it stored are still there to review: Badge's change, and Card, new since
    // the earlier tests refused it.
    expect(failed.proposals.map((p) => p.componentName).sort()).toEqual(['Badge', 'Card']);
    const again = await sync(body, 'store-fails');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ status: 'completed', replayed: false });
    expect(await running()).toBe(0);
  });

  it('a crashed sync holds its key until its lease expires; then it is failed, readable, and the same request runs again', async () => {
    const body = syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:4', '#e0e0e0'));
    const crashed = await t.db.prisma.syncOperation.create({
      data: {
        projectId: t.projectId,
        idempotencyKey: 'crashed',
        inputHash: syncInputHash(JSON.stringify(body)),
        fileKey: body.fileKey,
        trigger: 'sync',
        actor: 'token:admin',
        status: 'running',
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const busy = await sync(body, 'crashed');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('sync_in_progress');
    const reading = await t.api('GET', `/api/v1/syncs/${crashed.id}`);
    expect(reading.statusCode, reading.body).toBe(200);
    expect(reading.json()).toMatchObject({ status: 'running', proposals: [] });
    // Nothing to decide or undo until it has finished.
    expect((await t.api('POST', `/api/v1/syncs/${crashed.id}/undo`)).json().error.code).toBe('sync_in_progress');
    const deciding = await t.api('POST', `/api/v1/syncs/${crashed.id}/decisions`, {
      body: { decisions: [{ componentId: crashed.id, decision: 'accept' }] },
    });
    expect(deciding.statusCode).toBe(409);

    await t.db.prisma.syncOperation.update({
      where: { id: crashed.id },
      data: { leaseExpiresAt: new Date(Date.now() - 1000) },
    });
    const read = await t.api('GET', `/api/v1/syncs/${crashed.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      syncId: crashed.id,
      status: 'failed',
      errors: [{ message: expect.stringContaining('lease expired') }],
    });
    const again = await sync(body, 'crashed');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ status: 'completed', replayed: false });
    expect((await t.db.prisma.syncOperation.findUniqueOrThrow({ where: { id: crashed.id } })).status).toBe('failed');
  });

  it('a sync left running from before leases existed is failed by the next sync', async () => {
    const stuck = await t.db.prisma.syncOperation.create({
      data: {
        projectId: t.projectId,
        idempotencyKey: `input:${'0'.repeat(64)}`,
        inputHash: '0'.repeat(64),
        trigger: 'sync',
        actor: 'token:admin',
        status: 'running',
      },
    });
    expect((await sync(syncRequest())).statusCode).toBe(201);
    expect((await t.db.prisma.syncOperation.findUniqueOrThrow({ where: { id: stuck.id } })).status).toBe('failed');
    expect(await running()).toBe(0);
  });
});

describe('SYNC_LEASE_MINUTES', () => {
  it('defaults to a few minutes, accepts fractions, refuses nonsense naming the variable', () => {
    expect(testConfig().syncLeaseMinutes).toBe(5);
    expect(testConfig({ SYNC_LEASE_MINUTES: '0.5' }).syncLeaseMinutes).toBe(0.5);
    expect(() => loadConfig({ SYNC_LEASE_MINUTES: 'soon' })).toThrow(/SYNC_LEASE_MINUTES/);
    expect(() => loadConfig({ SYNC_LEASE_MINUTES: '0' })).toThrow(/SYNC_LEASE_MINUTES/);
  });
});

describe.each(dbKinds)('sync lease length on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { SYNC_LEASE_MINUTES: '45' });
  });
  afterAll(async () => t?.close());

  it('a running sync holds a lease of SYNC_LEASE_MINUTES, and none once finished', async () => {
    // Records, while the sync writes its first component, the lease its row holds.
    await t.db.prisma.$executeRawUnsafe('CREATE TABLE lease_seen (lease TIMESTAMPTZ, status TEXT)');
    await t.db.prisma.$executeRawUnsafe(
      `CREATE FUNCTION see_lease() RETURNS trigger AS $$ BEGIN INSERT INTO lease_seen SELECT lease_expires_at, status FROM sync_operations; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await t.db.prisma.$executeRawUnsafe(
      'CREATE TRIGGER see_lease BEFORE INSERT ON components FOR EACH ROW EXECUTE FUNCTION see_lease()',
    );
    const started = Date.now();
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() });
    expect(res.statusCode, res.body).toBe(201);
    const seen = await t.db.prisma.$queryRawUnsafe<Array<{ lease: Date; status: string }>>(
      'SELECT lease, status FROM lease_seen',
    );
    expect(seen.length).toBeGreaterThan(0);
    for (const row of seen) {
      expect(row.status).toBe('running');
      const minutes = (new Date(row.lease).getTime() - started) / 60_000;
      expect(minutes).toBeGreaterThan(40);
      expect(minutes).toBeLessThanOrEqual(46);
    }
    expect(
      (await t.db.prisma.syncOperation.findUniqueOrThrow({ where: { id: res.json().syncId } })).leaseExpiresAt,
    ).toBeNull();
  });
});
