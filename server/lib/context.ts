import type { PrismaClient } from '../db/generated/client.js';
import type { Scope } from '../../core/contract/api.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Differ } from '../workers/diffs.js';

/** Who is acting, for which project, under which correlation id: passed to every service. */
export interface RequestContext {
  db: PrismaClient;
  projectId: string;
  actor: string;
  scope: Scope;
  correlationId: string;
  startedAt: number;
  /** the job queue, when this process runs one: services enqueue follow-up work in their transaction */
  jobs?: JobQueue | undefined;
  /** where diffs and three-way merges run: the server's worker thread; absent, this thread (still bounded) */
  diffs?: Differ | undefined;
}
