// Reading a sync back: its stored result, with each proposal's draft status as it is now.
import { notFound } from '../../errors.js';
import type { RequestContext } from '../context.js';
import type { StoredSyncResult } from './result.js';

export async function findSync(ctx: RequestContext, syncId: string) {
  const op = await ctx.db.syncOperation.findFirst({ where: { id: syncId, projectId: ctx.projectId } });
  if (!op) throw notFound('sync', syncId);
  return op;
}

export async function getSync(ctx: RequestContext, syncId: string) {
  const op = await findSync(ctx, syncId);
  const result = op.result as unknown as StoredSyncResult;
  const ids = (result.proposals ?? []).map((p) => p.draftVersionId);
  const rows = await ctx.db.componentVersion.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, version: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    ...result,
    status: op.undoneAt ? 'undone' : result.status ?? op.status,
    createdAt: op.createdAt.toISOString(),
    undoneAt: op.undoneAt?.toISOString() ?? null,
    proposals: (result.proposals ?? []).map((p) => ({ ...p, draftStatus: byId.get(p.draftVersionId)?.status ?? 'unknown', version: byId.get(p.draftVersionId)?.version ?? p.toVersion })),
  };
}
