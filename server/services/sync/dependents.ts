// After a sync's components are stored: the components that use one going major get drafts
// too (services/propose writes them), and the proposals are listed in dependency order.
import type { Proposal, RejectedEarlier } from '../../../core/contract/sync.js';
import { dependencyOrder } from '../../../core/changes/index.js';
import { proposeDependents } from '../propose/index.js';
import { usesOfVersions } from '../versions/index.js';
import { firstLine } from './result.js';
import type { SyncScope, UndoEntry } from './types.js';

/** A chunk's worth of time: proposing dependents is one transaction, whatever their number. */
const DEPENDENTS_TIMEOUT_MS = 60_000;

export interface Tallied {
  proposals: Proposal[];
  undo: UndoEntry[];
  rejectedEarlier: RejectedEarlier[];
}

/**
 * Drafts of the components whose current version uses a component this sync proposes as a
 * major version, when they have no proposal of their own in it; added to `t`. A failure
 * loses none of the sync's own drafts: it is a warning.
 */
export async function proposeForDependents(scope: SyncScope, t: Tallied, warnings: string[]): Promise<void> {
  const majors = t.proposals
    .filter((p) => p.bump === 'major')
    .map((p) => ({
      componentId: p.componentId,
      name: p.componentName,
      fromVersion: p.fromVersion,
      toVersion: p.toVersion,
    }));
  if (!majors.length) return;
  const exclude = new Set([...t.proposals.map((p) => p.componentId), ...t.rejectedEarlier.map((r) => r.componentId)]);
  const { ctx } = scope;
  try {
    const outcomes = await ctx.db.$transaction(
      (tx) =>
        proposeDependents(tx, ctx, majors, exclude, scope.tokens, {
          trigger: scope.trigger,
          syncId: scope.syncId,
          applyPolicy: true,
          timer: scope.timer,
          generationParams: { snapshotId: scope.snapshotId, dependencyOf: majors.map((m) => m.componentId) },
          tokensSnapshotId: scope.snapshotId,
        }),
      { timeout: DEPENDENTS_TIMEOUT_MS },
    );
    for (const o of outcomes) {
      if (o.kind === 'rejectedEarlier') t.rejectedEarlier.push(o.rejected);
      if (o.kind !== 'proposed') continue;
      t.proposals.push(o.proposal);
      t.undo.push({
        componentId: o.proposal.componentId,
        before: o.beforeVersionId,
        versionId: o.proposal.draftVersionId,
      });
    }
  } catch (err) {
    warnings.push(
      `The components that use ${majors.map((m) => m.name).join(', ')} could not be regenerated: ${firstLine(err)}`,
    );
  }
}

/** Proposals in dependency order: a component after the components it uses, ties by name. */
export async function inDependencyOrder(scope: SyncScope, proposals: readonly Proposal[]): Promise<Proposal[]> {
  if (proposals.length < 2) return [...proposals];
  const uses = await usesOfVersions(
    scope.ctx.db,
    scope.ctx.projectId,
    proposals.map((p) => p.draftVersionId),
  );
  return dependencyOrder(
    proposals,
    (p) => p.componentId,
    (p) => p.componentName,
    (p) => uses.get(p.draftVersionId) ?? [],
  );
}
