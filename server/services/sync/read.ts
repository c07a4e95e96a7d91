// Reading a sync back: its stored result, with each proposal's draft status as it is now.
import { notFound } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/context.js';
import { expireLeases, leaseExpired } from './lease.js';
import { findOperation, type SyncRow } from './operation.js';

export async function findSync(ctx: RequestContext, syncId: string): Promise<SyncRow> {
  const op = await findOperation(ctx.db, ctx.projectId, syncId);
  if (!op) throw notFound('sync', syncId);
  if (!leaseExpired(op)) return op;
  // A crashed sync is failed the first time anyone looks at it.
  await expireLeases(ctx, op.id);
  const failed = await findOperation(ctx.db, ctx.projectId, syncId);
  if (!failed) throw notFound('sync', syncId);
  return failed;
}

export async function getSync(ctx: RequestContext, syncId: string) {
  const op = await findSync(ctx, syncId);
  const { result } = op;
  const ids = result.proposals.map((p) => p.draftVersionId);
  const rows = await ctx.db.componentVersion.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, version: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    ...result,
    status: op.undoneAt ? 'undone' : result.status,
    createdAt: op.createdAt.toISOString(),
    undoneAt: op.undoneAt?.toISOString() ?? null,
    proposals: result.proposals.map((p) => ({
      ...p,
      draftStatus: byId.get(p.draftVersionId)?.status ?? 'unknown',
      version: byId.get(p.draftVersionId)?.version ?? p.toVersion,
    })),
  };
}
