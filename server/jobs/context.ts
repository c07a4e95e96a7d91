// Who acts in a job: the server itself, for one project, under the job's id as correlation id.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client.js';
import type { RequestContext } from '../lib/context.js';
import type { JobQueue } from './job-queue.js';

export function systemContext(
  db: PrismaClient,
  jobs: JobQueue,
  projectId: string,
  actor: string,
  correlationId: string = randomUUID(),
): RequestContext {
  return { db, projectId, actor, scope: 'write', correlationId, startedAt: performance.now(), jobs };
}
