// The job that builds a version's preview after the version is stored (enqueued in the same
// transaction, so it exists exactly when the version does). Idempotent: a page already built
// for the same inputs is found, not built again.
import type { PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { buildVersionPreview } from './pages.js';

export async function enqueuePreviewBuilds(
  tx: Tx,
  jobs: JobQueue | undefined,
  versionIds: readonly string[],
): Promise<void> {
  if (!jobs || !versionIds.length) return;
  await jobs.sendMany(
    tx,
    'preview-build',
    versionIds.map((versionId) => ({ versionId })),
  );
}

export async function runPreviewBuild(db: PrismaClient, versionId: string) {
  return { versionId, outcome: await buildVersionPreview(db, versionId) };
}
