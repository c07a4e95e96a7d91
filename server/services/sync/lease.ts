// A running sync holds a lease, renewed while it works; a sync whose lease ran out crashed
// (the process died or lost its database) and is failed, so nothing stays `running` forever.
import type { RequestContext } from '../../lib/context.js';
import { failOperation, findExpired, renewLease } from './operation.js';

/** Renews the lease every third of its length until stopped; a lost renewal only shortens it. */
export function holdLease(ctx: RequestContext, syncId: string, minutes: number): () => void {
  const timer = setInterval(
    () => {
      renewLease(ctx, syncId, minutes).catch(() => undefined);
    },
    Math.max(1000, (minutes * 60_000) / 3),
  );
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}

type Row = { id: string; status: string; leaseExpiresAt: Date | null };

/** Running with its lease gone (rows from before leases existed have none: they are stuck). */
export const leaseExpired = (op: Row, now = new Date()): boolean =>
  op.status === 'running' && (op.leaseExpiresAt === null || op.leaseExpiresAt <= now);

/** Fails the project's syncs (or sync `syncId`) whose lease ran out; each gets its key released so it can run again. */
export async function expireLeases(ctx: RequestContext, syncId?: string): Promise<void> {
  const stuck = await findExpired(ctx, new Date(), syncId);
  for (const op of stuck) {
    const when = op.leaseExpiresAt ? ` at ${op.leaseExpiresAt.toISOString()}` : '';
    await failOperation(ctx, op.id, `The sync stopped before it finished (its lease expired${when}); run it again`, {
      onlyIfRunning: true,
    });
  }
}
