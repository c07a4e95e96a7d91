import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startAutomation, waitUntil, type Automation } from './support.js';

const POLL_SECONDS = 10;

// The queue drains at the speed of its jobs: an idle worker looks for work every
// JOB_POLL_SECONDS, but one that just ran a job looks again at once.
describe.each(dbKinds)('the job queue on %s', (kind) => {
  let a: Automation;
  beforeAll(async () => {
    a = await startAutomation(kind, { JOB_POLL_SECONDS: String(POLL_SECONDS) });
  });
  afterAll(async () => a?.close());

  it('runs queued jobs one after another without waiting the polling interval between them', async () => {
    const projectId = a.t.projectId;
    const ids: string[] = [];
    // Regenerations of components that do not exist: each job finds nothing and ends at once.
    for (let i = 0; i < 8; i++) {
      const componentId = randomUUID();
      const id = await a.t.app.jobs!.send(
        null,
        'regenerate',
        { projectId, componentId, snapshotId: randomUUID(), trigger: 'manual' },
        { singletonKey: componentId },
      );
      ids.push(id!);
    }
    type Row = { state: string; started_on: Date | null; completed_on: Date | null };
    let rows: Row[] = [];
    await waitUntil(
      'the jobs to complete',
      async () => {
        rows = await a.t.db.prisma.$queryRawUnsafe<Row[]>(
          `SELECT state, started_on, completed_on FROM pgboss.job WHERE id = ANY($1::uuid[])`,
          ids,
        );
        return rows.length === ids.length && rows.every((r) => r.state === 'completed');
      },
      3 * POLL_SECONDS * 1000,
    );
    const started = rows.map((r) => r.started_on!.getTime());
    // Eight jobs one polling interval apart would spread over 70 s; drained, they take well under one.
    expect(Math.max(...started) - Math.min(...started)).toBeLessThan((POLL_SECONDS * 1000) / 2);
  }, 60_000);
});
