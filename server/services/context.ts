import type { PrismaClient } from '../db/generated/client.js';
import type { Scope } from '../../core/contract/api.js';

/** Who is acting, for which project, under which correlation id: passed to every service. */
export interface RequestContext {
  db: PrismaClient;
  projectId: string;
  actor: string;
  scope: Scope;
  correlationId: string;
  startedAt: number;
}
