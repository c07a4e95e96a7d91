// Review of a sync: accept (publish) or reject each of its proposals.
import { AppError, conflict } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/context.js';
import { publishInTx, rejectInTx } from '../versions/index.js';
import { addToUndoList, lockOperation } from './operation.js';
import { findSync } from './read.js';
import { firstLine } from './result.js';

export interface DecisionInput {
  componentId: string;
  decision: 'accept' | 'reject';
  comment?: string | undefined;
  /** Accept even with unresolved merge conflicts. */
  force?: boolean | undefined;
}

export interface DecisionOutcome {
  componentId: string;
  decision: DecisionInput['decision'];
  ok: boolean;
  status: string;
  /** The version decided on; null when the sync has no proposal for the component. */
  version: string | null;
  versionId: string | null;
  error?: { code: string; message: string };
}

/**
 * Accepts (publishes) or rejects each proposal of a sync, each decision in its own
 * transaction, and answers one outcome per decision in their order: whatever fails on one
 * item is that item's error, and never hides the decisions committed around it.
 */
export async function decide(
  ctx: RequestContext,
  syncId: string,
  decisions: DecisionInput[],
): Promise<{ syncId: string; results: DecisionOutcome[] }> {
  const op = await findSync(ctx, syncId);
  if (op.undoneAt) throw conflict('sync_undone', `Sync ${syncId} was undone; run a new sync`);
  if (op.status === 'running')
    throw conflict('sync_in_progress', `Sync ${syncId} is still running; decide once it has finished`);
  const byComponent = new Map(op.result.proposals.map((p) => [p.componentId, p]));
  const results: DecisionOutcome[] = [];
  for (const d of decisions) {
    const proposal = byComponent.get(d.componentId);
    if (!proposal) {
      const error = { code: 'not_in_sync', message: `Sync ${syncId} has no proposal for component ${d.componentId}` };
      results.push({
        componentId: d.componentId,
        decision: d.decision,
        ok: false,
        status: 'error',
        version: null,
        versionId: null,
        error,
      });
      continue;
    }
    try {
      const version = await decideOne(ctx, op.id, d, proposal.draftVersionId);
      results.push({
        componentId: d.componentId,
        decision: d.decision,
        ok: true,
        status: version.status,
        version: version.version,
        versionId: version.id,
      });
    } catch (err) {
      const error =
        err instanceof AppError
          ? { code: err.code, message: err.message }
          : { code: 'decision_failed', message: `${proposal.componentName}: ${firstLine(err)}` };
      results.push({
        componentId: d.componentId,
        decision: d.decision,
        ok: false,
        status: 'error',
        version: proposal.toVersion,
        versionId: proposal.draftVersionId,
        error,
      });
    }
  }
  return { syncId, results };
}

/** One decision, atomically; an accepted version joins the sync's undo list. */
async function decideOne(ctx: RequestContext, syncId: string, d: DecisionInput, draftVersionId: string) {
  return ctx.db.$transaction(async (tx) => {
    // The sync's row first: decisions of one sync take turns with each other and with its undo.
    const op = await lockOperation(tx, syncId);
    if (op?.undoneAt) throw conflict('sync_undone', `Sync ${syncId} was undone; run a new sync`);
    const v =
      d.decision === 'accept'
        ? await publishInTx(tx, ctx, draftVersionId, { comment: d.comment, force: d.force })
        : await rejectInTx(tx, ctx, draftVersionId, { comment: d.comment });
    if (d.decision === 'accept')
      await addToUndoList(tx, syncId, { componentId: d.componentId, before: v.baseVersionId, versionId: v.id });
    return v;
  });
}
