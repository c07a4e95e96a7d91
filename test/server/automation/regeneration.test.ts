import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import {
  baseDesign,
  notificationsOf,
  putFile,
  settled,
  startAutomation,
  track,
  waitUntil,
  type Automation,
} from './support.js';

// A regeneration is retried with backoff; when its last attempt fails, the project is told once.
describe.each(dbKinds)('a regeneration that keeps failing on %s', (kind) => {
  let a: Automation;
  beforeAll(async () => {
    a = await startAutomation(kind, { JOB_RETRY_DELAY_SECONDS: '1' });
  });
  afterAll(async () => a?.close());

  it('is retried, then ends failed with one regeneration.failed notification naming the component', async () => {
    putFile(a.figma, 'RegenFailKey001', baseDesign());
    await track(a, 'RegenFailKey001');
    await settled(a);
    const button = await a.t.db.prisma.component.findFirstOrThrow({
      where: { projectId: a.t.projectId, name: 'Button' },
    });
    // A stored spec damaged by hand (or by a bug): no attempt can generate from it.
    await a.t.db.prisma.component.update({
      where: { id: button.id },
      data: { latestSpec: { name: 'Button', variants: 42 } },
    });
    const jobId = await a.t.app.jobs!.send(
      null,
      'regenerate',
      { projectId: a.t.projectId, componentId: button.id, snapshotId: button.latestSnapshotId!, trigger: 'manual' },
      { singletonKey: button.id },
    );
    expect(jobId).toBeTruthy();

    type Row = { state: string; retry_count: number; retry_limit: number };
    let job: Row | undefined;
    await waitUntil(
      'the job to fail for good',
      async () => {
        [job] = await a.t.db.prisma.$queryRawUnsafe<Row[]>(
          'SELECT state, retry_count, retry_limit FROM pgboss.job WHERE id = $1::uuid',
          jobId,
        );
        return job?.state === 'failed';
      },
      60_000,
    );
    expect(job!.retry_count).toBe(job!.retry_limit);
    expect(job!.retry_limit).toBeGreaterThan(0);

    const notes = await notificationsOf(a, 'regeneration.failed');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe('Button could not be regenerated');
    expect(notes[0]!.body).toContain(`${job!.retry_limit + 1} attempts failed`);
    expect(notes[0]!.data).toMatchObject({ componentId: button.id, trigger: 'manual', attempts: job!.retry_limit + 1 });
    // The failure shows in the jobs list with its error.
    const listed = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?state=failed`)).json().items as Array<{
      id: string;
      lastError: string | null;
    }>;
    expect(listed.find((j) => j.id === jobId)?.lastError).toBeTruthy();
  }, 90_000);
});
