// The regeneration job: a new draft (or, under policy auto, a published version) for one
// component from the design last recorded for it. Idempotent: a later design recorded since
// makes this one moot, and equal inputs to a pending draft make no second draft.
import type { RequestContext } from '../../lib/context.js';
import { fullTokensOf } from '../generation/index.js';
import { notify } from '../notifications/index.js';
import { proposeDependents, proposeVersion, type ProposalOutcome, type ProposeOptions } from '../propose/index.js';
import { latestSpecOf } from '../sync/index.js';
import type { BackgroundTrigger } from './apply-design.js';

export type RegenerateResult = { kind: 'superseded' } | { kind: 'missing' } | ProposalOutcome;

export async function regenerateRecorded(
  ctx: RequestContext,
  componentId: string,
  snapshotId: string,
  trigger: BackgroundTrigger | 'manual',
): Promise<RegenerateResult> {
  return ctx.db.$transaction(
    async (tx) => {
      // The row lock orders this job after any other writer of this component.
      await tx.$queryRawUnsafe('SELECT id FROM components WHERE id = $1::uuid FOR UPDATE', componentId);
      const component = await tx.component.findFirst({
        where: { id: componentId, projectId: ctx.projectId },
        include: { currentVersion: true },
      });
      const spec = component && latestSpecOf(component);
      if (!component || !spec) return { kind: 'missing' } as const;
      if (component.latestSnapshotId !== snapshotId) return { kind: 'superseded' } as const;
      const tokens = await fullTokensOf(tx, ctx.projectId, { generationParams: { snapshotId } });
      if (!tokens) return { kind: 'missing' } as const;
      const options: ProposeOptions = {
        trigger,
        applyPolicy: true,
        generationParams: { fileKey: component.fileKey, snapshotId },
        tokensSnapshotId: snapshotId,
      };
      // What the check that recorded this design warned about it.
      const outcome = await proposeVersion(tx, ctx, component, spec, tokens, {
        ...options,
        warnings: component.latestWarnings,
      });
      // A major version found by a check proposes what uses it, as a sync's does (propose/dependents.ts).
      if (outcome.kind === 'proposed' && outcome.proposal.bump === 'major') {
        const { proposal } = outcome;
        const major = {
          componentId: proposal.componentId,
          name: proposal.componentName,
          fromVersion: proposal.fromVersion,
          toVersion: proposal.toVersion,
        };
        await proposeDependents(tx, ctx, [major], new Set([component.id]), tokens, {
          ...options,
          generationParams: { fileKey: component.fileKey, snapshotId, dependencyOf: [component.id] },
        });
      }
      return outcome;
    },
    { timeout: 60_000 },
  );
}

/** A regeneration that failed its last attempt: the project is told once, naming the component. */
export async function regenerationFailed(
  ctx: RequestContext,
  componentId: string,
  trigger: string,
  attempts: number,
  err: unknown,
): Promise<void> {
  const component = await ctx.db.component.findFirst({
    where: { id: componentId, projectId: ctx.projectId },
    select: { name: true },
  });
  const message = err instanceof Error ? err.message : String(err);
  const name = component?.name ?? componentId;
  await ctx.db.$transaction((tx) =>
    notify(tx, ctx, [
      {
        kind: 'regeneration.failed',
        title: `${name} could not be regenerated`,
        body: `${attempts} attempts failed; the last: ${message.slice(0, 500)}. POST /components/:id/regenerate tries again.`,
        data: { componentId, trigger, attempts },
        componentId: component ? componentId : null,
      },
    ]),
  );
}
