// A running sync holds a lease, renewed while it works; a sync whose lease ran out crashed
// (the process died or lost its database) and is failed, so nothing stays `running` forever.
import type { Prisma } from '../../db/generated/client.js';
import type { RequestContext } from '../context.js';
import { proposalFromDraft } from '../proposals.js';
import { storable, type StoredSyncResult } from './result.js';
import type { UndoEntry } from './undo.js';

export const DEFAULT_LEASE_MINUTES = 5;

export const leaseUntil = (minutes: number): Date => new Date(Date.now() + minutes * 60_000);

/** Renews the lease every third of its length until stopped; a lost renewal only shortens it. */
export function holdLease(ctx: RequestContext, syncId: string, minutes: number): () => void {
  const timer = setInterval(() => {
    ctx.db.syncOperation
      .updateMany({ where: { id: syncId, status: 'running' }, data: { leaseExpiresAt: leaseUntil(minutes) } })
      .catch(() => undefined);
  }, Math.max(1000, (minutes * 60_000) / 3));
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}

type Row = { id: string; status: string; leaseExpiresAt: Date | null };

/** Running with its lease gone (rows from before leases existed have none: they are stuck). */
export const leaseExpired = (op: Row, now = new Date()): boolean => op.status === 'running' && (op.leaseExpiresAt === null || op.leaseExpiresAt <= now);

/** Fails the project's syncs whose lease ran out; each gets its key released so it can run again. */
export async function expireLeases(ctx: RequestContext, where: Prisma.SyncOperationWhereInput = {}): Promise<void> {
  const now = new Date();
  const stuck = await ctx.db.syncOperation.findMany({
    where: { ...where, projectId: ctx.projectId, status: 'running', OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lte: now } }] },
    select: { id: true, leaseExpiresAt: true },
  });
  for (const op of stuck) {
    const when = op.leaseExpiresAt ? ` at ${op.leaseExpiresAt.toISOString()}` : '';
    await failOperation(ctx, op.id, `The sync stopped before it finished (its lease expired${when}); run it again`, { onlyIfRunning: true });
  }
}

/**
 * Ends a sync `failed`, keeping what it did store: its drafts stay reviewable (as proposals)
 * and undoable. Releases its Idempotency-Key, since its first answer was never given.
 */
export async function failOperation(ctx: RequestContext, syncId: string, message: string, options: { onlyIfRunning?: boolean; warnings?: string[] } = {}): Promise<void> {
  const versions = await ctx.db.componentVersion.findMany({ where: { syncId }, include: { component: { select: { id: true, name: true } } }, orderBy: { createdAt: 'asc' } });
  const result: StoredSyncResult = {
    syncId,
    status: 'failed',
    proposals: versions.map((v) => proposalFromDraft(v.component, v)),
    unchanged: 0,
    errors: [{ componentId: '*', message }],
    warnings: options.warnings ?? [],
  };
  const undo: UndoEntry[] = versions.map((v) => ({ componentId: v.componentId, before: v.baseVersionId, versionId: v.id }));
  await ctx.db.syncOperation.updateMany({
    where: { id: syncId, ...(options.onlyIfRunning ? { status: 'running' } : {}) },
    data: { status: 'failed', idempotencyKey: null, leaseExpiresAt: null, result: storable(result) as unknown as Prisma.InputJsonValue, undoState: undo as unknown as Prisma.InputJsonValue },
  });
}
