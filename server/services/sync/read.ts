// Reading a sync back: its stored result, with each proposal's draft status as it is now.
import { notFound } from '../../errors.js';
import type { RequestContext } from '../context.js';
import { expireLeases, leaseExpired } from './lease.js';
import type { StoredSyncResult } from './result.js';

export async function findSync(ctx: RequestContext, syncId: string) {
  const op = await ctx.db.syncOperation.findFirst({ where: { id: syncId, projectId: ctx.projectId } });
  if (!op) throw notFound('sync', syncId);
  if (!leaseExpired(op)) return op;
  // A crashed sync is failed the first time anyone looks at it.
  await expireLeases(ctx, { id: op.id });
  return ctx.db.syncOperation.findFirstOrThrow({ where: { id: syncId, projectId: ctx.projectId } });
}

export async function getSync(ctx: RequestContext, syncId: string) {
  const op = await findSync(ctx, syncId);
  const result = runningOrStored(op);
  const ids = result.proposals.map((p) => p.draftVersionId);
  const rows = await ctx.db.componentVersion.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, version: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    ...result,
    status: op.undoneAt ? 'undone' : result.status ?? op.status,
    createdAt: op.createdAt.toISOString(),
    undoneAt: op.undoneAt?.toISOString() ?? null,
    proposals: result.proposals.map((p) => ({ ...p, draftStatus: byId.get(p.draftVersionId)?.status ?? 'unknown', version: byId.get(p.draftVersionId)?.version ?? p.toVersion })),
  };
}

/** A sync still running has no result yet: it answers as running, with nothing settled. */
function runningOrStored(op: { id: string; status: string; result: unknown }): StoredSyncResult {
  const stored = op.result as Partial<StoredSyncResult>;
  return { syncId: op.id, status: op.status, proposals: [], unchanged: 0, errors: [], warnings: [], ...stored };
}
