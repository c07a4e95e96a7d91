import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { runDaily } from '../../../server/services/automation/daily.js';
import { dbKinds } from '../../helpers/databases.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import { componentIdByName, sync, syncAndAccept } from '../../helpers/versioning.js';
import { startAutomation, type Automation } from './support.js';

const DAY = 24 * 3600 * 1000;

// The daily job: a summary per project, archival of old versions nobody points at, VACUUM on PGlite.
describe.each(dbKinds)('the daily job on %s', (kind) => {
  let a: Automation;
  let button: string;
  const ids: Record<string, string> = {};
  const color = (hex: string) => (d: { tokens: TokenSet }) => setColor(d.tokens, 'VariableID:1:1', hex);

  beforeAll(async () => {
    a = await startAutomation(kind);
    const t = a.t;
    // Button 1.0.0 … 1.3.0, all published; 1.1.0 tagged, 1.2.0 the base of a branch, 1.3.0 current;
    // then a 1.4.0 draft, rejected.
    await syncAndAccept(t);
    button = await componentIdByName(t, 'Button');
    for (const hex of ['#111111', '#222222', '#333333']) await syncAndAccept(t, color(hex));
    const rows = await t.db.prisma.componentVersion.findMany({
      where: { componentId: button },
      select: { id: true, version: true },
    });
    for (const r of rows) ids[r.version] = r.id;
    expect((await t.api('POST', `/api/v1/versions/${ids['1.1.0']}/tags`, { body: { tag: 'stable' } })).statusCode).toBe(
      200,
    );
    const branch = await t.api('POST', `/api/v1/components/${button}/branches`, {
      body: { name: 'exp', fromVersionId: ids['1.2.0'] },
    });
    expect(branch.statusCode, branch.body).toBe(201);
    const { drafts } = await sync(t, color('#444444'));
    expect(
      (await t.api('POST', `/api/v1/versions/${drafts.get(button)}/reject`, { body: { reason: 'not now' } }))
        .statusCode,
    ).toBe(200);
    ids['1.4.0'] = drafts.get(button)!;
  });
  afterAll(async () => a?.close());

  it('is scheduled once a day', async () => {
    const [schedule] = await a.t.db.prisma.$queryRawUnsafe<Array<{ cron: string }>>(
      `SELECT cron FROM pgboss.schedule WHERE name = 'daily'`,
    );
    expect(schedule?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it('summarizes the last day per project, over the API and as a notification', async () => {
    const result = await runDaily(a.t.db, a.t.app.jobs!, 90);
    // Button: five versions (four published, one rejected); Badge and Card: one each, published.
    const expected = {
      projectId: a.t.projectId,
      changesDetected: 7,
      versionsCreated: 7,
      published: 6,
      rejected: 1,
      failures: 0,
    };
    expect(result.summaries.find((s) => s.projectId === a.t.projectId)).toMatchObject(expected);
    const api = await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/summary`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject(expected);
    const note = await a.t.db.prisma.notification.findFirstOrThrow({
      where: { projectId: a.t.projectId, kind: 'summary.daily' },
    });
    expect(note.body).toBe('7 changes detected, 7 versions created, 6 published, 1 rejected, 0 failures');
    // Nothing is old yet.
    expect(result.archived).toBe(0);
    expect(result.vacuumed).toBe(kind === 'pglite');
    // A period before anything happened counts nothing.
    const empty = await a.t.api(
      'GET',
      `/api/v1/projects/${a.t.projectId}/summary?to=${encodeURIComponent(new Date(Date.now() - DAY).toISOString())}`,
    );
    expect(empty.json()).toMatchObject({
      changesDetected: 0,
      versionsCreated: 0,
      published: 0,
      rejected: 0,
      failures: 0,
    });
  });

  it('archives only old published versions that are neither current, tagged nor a branch head or base', async () => {
    const result = await runDaily(a.t.db, a.t.app.jobs!, 90, new Date(Date.now() + 91 * DAY));
    expect(result.archived).toBe(1);
    const status = async (v: string) =>
      (await a.t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: ids[v]! } })).status;
    expect({
      '1.0.0': await status('1.0.0'),
      '1.1.0': await status('1.1.0'),
      '1.2.0': await status('1.2.0'),
      '1.3.0': await status('1.3.0'),
      '1.4.0': await status('1.4.0'),
    }).toEqual({
      '1.0.0': 'archived',
      '1.1.0': 'published',
      '1.2.0': 'published',
      '1.3.0': 'published',
      '1.4.0': 'rejected',
    });

    // Hidden from the default history, listed when asked for, still downloadable.
    const history = (await a.t.api('GET', `/api/v1/components/${button}/versions`)).json().items as Array<{
      version: string;
    }>;
    expect(history.map((v) => v.version)).not.toContain('1.0.0');
    expect(history.map((v) => v.version)).toContain('1.1.0');
    const archived = (await a.t.api('GET', `/api/v1/components/${button}/versions?status=archived`)).json()
      .items as Array<{ version: string }>;
    expect(archived.map((v) => v.version)).toEqual(['1.0.0']);
    const zip = await a.t.api('GET', `/api/v1/versions/${ids['1.0.0']}/download`);
    expect(zip.statusCode).toBe(200);
    expect(zip.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    // Its number stays taken, and running the job again changes nothing.
    expect((await runDaily(a.t.db, a.t.app.jobs!, 90, new Date(Date.now() + 91 * DAY))).archived).toBe(0);
  });

  it('notifications are listed newest first and marked read by id or all at once', async () => {
    const base = `/api/v1/projects/${a.t.projectId}/notifications`;
    const unread = (await a.t.api('GET', `${base}?unread=true`)).json() as {
      items: Array<{ id: string; kind: string }>;
      unread: number;
    };
    expect(unread.unread).toBeGreaterThanOrEqual(2);
    const first = unread.items[0]!;
    expect(first.kind).toBe('summary.daily');
    const one = await a.t.api('POST', `${base}/read`, { body: { ids: [first.id] } });
    expect(one.json()).toMatchObject({ marked: 1 });
    expect((await a.t.api('GET', `${base}?unread=true`)).json().unread).toBe(unread.unread - 1);
    // Ids of another project or none at all: refused or marking nothing, never someone else's.
    expect((await a.t.api('POST', `${base}/read`, { body: { ids: ['not-a-uuid'] } })).statusCode).toBe(400);
    const all = await a.t.api('POST', `${base}/read`, { body: {} });
    expect(all.json().marked).toBe(unread.unread - 1);
    expect((await a.t.api('GET', `${base}?unread=true`)).json()).toMatchObject({ items: [], unread: 0 });
  });
});
