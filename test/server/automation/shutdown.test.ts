import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { baseDesign, putFile, startAutomation, track, waitUntil, type Automation } from './support.js';

// The job queue stops with the server gracefully: a job in flight finishes before close returns.
describe.each(dbKinds)('stopping the server on %s', (kind) => {
  let a: Automation;
  beforeAll(async () => {
    a = await startAutomation(kind, { FIGMA_TIMEOUT_SECONDS: '2' });
  });
  afterAll(async () => a?.close());

  it('lets a check that is waiting on Figma finish before it closes', async () => {
    const KEY = 'ShutdownKey0001';
    putFile(a.figma, KEY, baseDesign());
    // Figma does not answer the first call: the check is in flight until the client gives up.
    a.figma.hang(KEY, 1, { endpoint: 'meta' });
    const { id } = await track(a, KEY);
    await waitUntil(
      'the check to reach Figma',
      async () => a.figma.requests.some((r) => r.endpoint === 'meta' && r.fileKey === KEY),
      20_000,
    );

    await a.t.app.close();

    type Row = { state: string };
    const jobs = await a.t.db.prisma.$queryRawUnsafe<Row[]>(
      `SELECT state FROM pgboss.job WHERE name = 'file-check' AND data->>'fileId' = $1`,
      id,
    );
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.filter((j) => j.state === 'active')).toEqual([]);
    expect(jobs.some((j) => j.state === 'completed')).toBe(true);
    // The check ran to its end and recorded what happened.
    const file = await a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id } });
    expect(file.lastCheckedAt).not.toBeNull();
  }, 60_000);
});
