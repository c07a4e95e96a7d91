// The daily job: a summary per project (over the API and as a notification), archival of old
// versions nobody points at, and on the embedded database the VACUUM ANALYZE it never runs by itself.
import type { Database } from '../../db/database.js';
import type { PrismaClient } from '../../db/generated/client.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { notify } from '../notifications/index.js';

export interface DailySummary {
  projectId: string;
  from: string;
  to: string;
  changesDetected: number;
  versionsCreated: number;
  published: number;
  rejected: number;
  failures: number;
}

/** What happened in a project between two times. */
export async function dailySummary(db: PrismaClient, projectId: string, from: Date, to: Date): Promise<DailySummary> {
  const [row] = await db.$queryRawUnsafe<
    Array<{ created: bigint; published: bigint; rejected: bigint; drift: bigint; failures: bigint }>
  >(
    `SELECT
       (SELECT count(*) FROM component_versions v JOIN components c ON c.id = v.component_id WHERE c.project_id = $1::uuid AND v.created_at >= $2 AND v.created_at < $3) AS created,
       (SELECT count(*) FROM component_versions v JOIN components c ON c.id = v.component_id WHERE c.project_id = $1::uuid AND v.published_at >= $2 AND v.published_at < $3) AS published,
       (SELECT count(*) FROM component_versions v JOIN components c ON c.id = v.component_id WHERE c.project_id = $1::uuid AND v.status = 'rejected' AND v.decided_at >= $2 AND v.decided_at < $3) AS rejected,
       (SELECT count(*) FROM notifications n WHERE n.project_id = $1::uuid AND n.kind = 'update.available' AND n.created_at >= $2 AND n.created_at < $3) AS drift,
       (SELECT count(*) FROM notifications n WHERE n.project_id = $1::uuid AND n.kind IN ('regeneration.failed', 'check.failed', 'file.credentials_broken') AND n.created_at >= $2 AND n.created_at < $3)
         + (SELECT count(*) FROM sync_operations s WHERE s.project_id = $1::uuid AND s.status IN ('failed', 'partial') AND s.created_at >= $2 AND s.created_at < $3) AS failures`,
    projectId,
    from,
    to,
  );
  return {
    projectId,
    from: from.toISOString(),
    to: to.toISOString(),
    // A change detected is a component whose design changed: a new version, or under policy manual a recorded drift.
    changesDetected: Number(row?.created ?? 0) + Number(row?.drift ?? 0),
    versionsCreated: Number(row?.created ?? 0),
    published: Number(row?.published ?? 0),
    rejected: Number(row?.rejected ?? 0),
    failures: Number(row?.failures ?? 0),
  };
}

/**
 * Published versions created before `cutoff` that are neither a component's current version, nor
 * tagged, nor a branch's head, base or merge result: archived (hidden from the default history,
 * still downloadable, their numbers still taken). Only published ones: a rejected or superseded
 * draft keeps what was decided about it, and may share a number with a published version.
 */
export async function archiveOldVersions(db: PrismaClient, cutoff: Date): Promise<number> {
  return db.$executeRawUnsafe(
    `UPDATE component_versions v SET status = 'archived'
     WHERE v.status = 'published'
       AND v.created_at < $1
       AND cardinality(v.tags) = 0
       AND NOT EXISTS (SELECT 1 FROM components c WHERE c.current_version_id = v.id)
       AND NOT EXISTS (SELECT 1 FROM branches b WHERE v.id IN (b.head_version_id, b.base_version_id, b.merged_version_id))`,
    cutoff,
  );
}

export async function runDaily(
  database: Database,
  jobs: JobQueue,
  archiveAfterDays: number,
  now = new Date(),
): Promise<{ summaries: DailySummary[]; archived: number; vacuumed: boolean }> {
  const db = database.prisma;
  const from = new Date(now.getTime() - 24 * 3600 * 1000);
  const projects = await db.project.findMany({ select: { id: true, name: true } });
  const summaries: DailySummary[] = [];
  for (const p of projects) {
    const s = await dailySummary(db, p.id, from, now);
    summaries.push(s);
    await db.$transaction((tx) =>
      notify(tx, { projectId: p.id, jobs }, [
        {
          kind: 'summary.daily',
          title: `design-sync daily summary for ${p.name}`,
          body: `${s.changesDetected} changes detected, ${s.versionsCreated} versions created, ${s.published} published, ${s.rejected} rejected, ${s.failures} failures`,
          data: { ...s },
        },
      ]),
    );
  }
  const archived = await archiveOldVersions(db, new Date(now.getTime() - archiveAfterDays * 24 * 3600 * 1000));
  let vacuumed = false;
  if (database.kind === 'pglite') {
    await database.raw.exec('VACUUM ANALYZE');
    vacuumed = true;
  }
  return { summaries, archived, vacuumed };
}
