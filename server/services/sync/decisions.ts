// Review of a sync: accept (publish) or reject each of its proposals.
import type { Prisma } from '../../db/generated/client.js';
import { AppError, conflict, unprocessable } from '../../errors.js';
import type { RequestContext } from '../context.js';
import { publishInTx, rejectInTx } from '../versions/index.js';
import { findSync } from './read.js';
import type { StoredSyncResult } from './result.js';
import type { UndoEntry } from './undo.js';

export interface DecisionInput {
  componentId: string;
  decision: 'accept' | 'reject';
  comment?: string | undefined;
  /** Accept even with unresolved merge conflicts. */
  force?: boolean | undefined;
}

/** Accept (publish) or reject each proposal of a sync; each decision is its own transaction. */
export async function decide(ctx: RequestContext, syncId: string, decisions: DecisionInput[]) {
  const op = await findSync(ctx, syncId);
  if (op.undoneAt) throw conflict('sync_undone', `Sync ${syncId} was undone; run a new sync`);
  const result = op.result as unknown as StoredSyncResult;
  const byComponent = new Map((result.proposals ?? []).map((p) => [p.componentId, p]));
  for (const d of decisions) {
    if (!byComponent.has(d.componentId)) throw unprocessable('not_in_sync', `Sync ${syncId} has no proposal for component ${d.componentId}`);
  }
  const outcomes = [];
  for (const d of decisions) {
    const proposal = byComponent.get(d.componentId)!;
    try {
      const version = await ctx.db.$transaction(async (tx) => {
        const v = d.decision === 'accept'
          ? await publishInTx(tx, ctx, proposal.draftVersionId, { comment: d.comment, force: d.force })
          : await rejectInTx(tx, ctx, proposal.draftVersionId, { comment: d.comment });
        if (d.decision === 'accept') {
          const entries = (await tx.syncOperation.findUniqueOrThrow({ where: { id: op.id } })).undoState as unknown as UndoEntry[];
          if (!entries.some((e) => e.versionId === v.id)) {
            entries.push({ componentId: d.componentId, before: v.baseVersionId, versionId: v.id });
            await tx.syncOperation.update({ where: { id: op.id }, data: { undoState: entries as unknown as Prisma.InputJsonValue } });
          }
        }
        return v;
      });
      outcomes.push({ componentId: d.componentId, decision: d.decision, ok: true, status: version.status, version: version.version, versionId: version.id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ componentId: d.componentId, decision: d.decision, ok: false, status: 'error', version: proposal.toVersion, versionId: proposal.draftVersionId, error: { code: err.code, message: err.message } });
    }
  }
  return { syncId, results: outcomes };
}
