// The sync's own row: opened with its token snapshot before any component, closed with its result.
import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { Trigger } from '../../../core/contract/api.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import type { UndoEntry } from './undo.js';
import { leaseUntil } from './lease.js';
import { storeSnapshot } from '../generation/index.js';
import { storable, type StoredSyncResult } from './result.js';

export interface OpenSync {
  key: string | null;
  inputHash: string;
  request: Omit<SyncRequest, 'tokens'>;
  tokens: TokenSet;
  /** `tokens` as JSON text, written as the snapshot */
  tokensJson: string;
  tokensHash: string;
  trigger: Trigger;
  leaseMinutes: number;
}

/** Snapshots the tokens, then creates the `running` row referring to them. */
export async function openOperation(ctx: RequestContext, open: OpenSync) {
  const snapshotId = await storeSnapshot(ctx.db, ctx.projectId, open.request.fileKey, open.tokensHash, open.tokensJson);
  return ctx.db.syncOperation.create({
    data: {
      projectId: ctx.projectId,
      idempotencyKey: open.key,
      inputHash: open.inputHash,
      fileKey: open.request.fileKey,
      fileVersion: open.request.fileVersion ?? null,
      trigger: open.trigger,
      actor: ctx.actor,
      status: 'running',
      leaseExpiresAt: leaseUntil(open.leaseMinutes),
      tokenSnapshotId: snapshotId,
      correlationId: ctx.correlationId,
    },
  });
}

/** Stores the result and its undo list, ends the lease, and audits the sync, in one transaction. */
export async function closeOperation(ctx: RequestContext, syncId: string, open: OpenSync, result: StoredSyncResult, undo: UndoEntry[]): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    await tx.syncOperation.update({
      where: { id: syncId },
      data: {
        status: result.status,
        leaseExpiresAt: null,
        result: storable(result) as unknown as Prisma.InputJsonValue,
        undoState: undo as unknown as Prisma.InputJsonValue,
        durationMs: Math.round(performance.now() - ctx.startedAt),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'sync.run',
      targetType: 'sync',
      targetId: syncId,
      afterHash: open.inputHash,
      data: { fileKey: open.request.fileKey, proposals: result.proposals.length, unchanged: result.unchanged, errors: result.errors.length, trigger: open.trigger },
    });
  });
}
