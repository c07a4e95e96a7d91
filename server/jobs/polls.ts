// The poll of each tracked file is one job that, when it has run, enqueues the next at the
// file's interval: one queued and one running at most per file (the queue's stately policy),
// so several server instances on one database never poll one file twice at once.
import type { PrismaClient } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { JobQueue } from './job-queue.js';

export const pollKey = (fileId: string): string => `poll:${fileId}`;
export const hookKey = (fileId: string): string => `hook:${fileId}`;
/** a check asked for by hand: its own key, so a debounced webhook check waiting does not swallow it */
export const manualKey = (fileId: string): string => `manual:${fileId}`;

export async function schedulePoll(
  db: PrismaClient | Tx,
  jobs: JobQueue,
  file: { id: string; projectId: string },
  at: Date,
  tx: Tx | null = null,
): Promise<void> {
  await jobs.send(
    tx,
    'file-check',
    { projectId: file.projectId, fileId: file.id, reason: 'schedule' },
    { singletonKey: pollKey(file.id), startAfter: at },
  );
  await db.trackedFile.update({ where: { id: file.id }, data: { nextCheckAt: at } });
}

/**
 * A poll chain broken by a crash (a job lost mid-run) is restarted: files whose next check is
 * long overdue get one. In normal operation nothing is overdue, and an equal queued job makes
 * the send a no-op anyway.
 */
export async function resumeOverduePolls(db: PrismaClient, jobs: JobQueue, graceSeconds = 120): Promise<number> {
  const overdue = await db.$queryRawUnsafe<Array<{ id: string; project_id: string }>>(
    `SELECT id, project_id FROM tracked_files
     WHERE status = 'active' AND figma_token_enc IS NOT NULL
       AND (next_check_at IS NULL OR next_check_at < now() - (poll_interval_seconds + $1::int) * interval '1 second')`,
    graceSeconds,
  );
  for (const f of overdue) await schedulePoll(db, jobs, { id: f.id, projectId: f.project_id }, new Date());
  return overdue.length;
}
