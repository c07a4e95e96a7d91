// Steps 4 and 5, diff and store: each changed component in its own transaction (proposeVersion
// diffs against the base it reads there and stores the draft), so one failure loses nothing else.
import pLimit from 'p-limit';
import type { Prisma } from '../../db/generated/client.js';
import type { Trigger } from '../../../core/contract/api.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import { inputsFor } from '../generation/index.js';
import type { PhaseTimer } from '../phases.js';
import { proposeVersion, type ProposalOutcome } from '../proposals.js';
import type { Prepared } from './generate.js';
import { describeError } from './result.js';

export interface SyncScope {
  ctx: RequestContext;
  syncId: string;
  snapshotId: string | null;
  request: SyncRequest;
  tokens: TokenSet;
  trigger: Trigger;
  timer: PhaseTimer;
}

export type Stored = { prepared: Prepared; outcome: ProposalOutcome } | { prepared: Prepared; error: string };

/** Stores every prepared component, a few side by side when `concurrency` allows; results keep their order. */
export async function storeComponents(scope: SyncScope, prepared: Prepared[], concurrency: number): Promise<Stored[]> {
  const limit = pLimit(Math.max(1, concurrency));
  return Promise.all(prepared.map((p) => limit(() => storeOne(scope, p))));
}

async function storeOne(scope: SyncScope, prepared: Prepared): Promise<Stored> {
  const { ctx, request, tokens } = scope;
  const spec = prepared.spec;
  try {
    const outcome = await ctx.db.$transaction(async (tx) => {
      const found = await tx.component.findUnique({ where: { projectId_figmaId: { projectId: ctx.projectId, figmaId: spec.id } } });
      const pattern = found?.pattern ?? null;
      const seenInputs = pattern === prepared.pattern ? prepared.detection.inputs : inputsFor(spec, tokens, pattern);
      const latest = {
        name: spec.name,
        description: spec.description ?? null,
        figmaKey: spec.key ?? null,
        fileKey: request.fileKey,
        latestSpec: spec as unknown as Prisma.InputJsonValue,
        latestSpecHash: seenInputs.specHash,
        latestTokensHash: seenInputs.tokensHash,
        latestSnapshotId: scope.snapshotId,
        lastSeenAt: new Date(),
        removedAt: null,
      };
      const component = found
        ? await tx.component.update({ where: { id: found.id }, data: latest, include: { currentVersion: true } })
        : await tx.component.create({ data: { projectId: ctx.projectId, figmaId: spec.id, ...latest }, include: { currentVersion: true } });
      if (!found) await recordAudit(tx, ctx, { action: 'component.create', targetType: 'component', targetId: component.id, data: { name: spec.name, figmaId: spec.id, syncId: scope.syncId } });
      return proposeVersion(tx, ctx, component, spec, tokens, {
        trigger: scope.trigger,
        syncId: scope.syncId,
        applyPolicy: true,
        timer: scope.timer,
        // Files generated for another pattern override than the stored one would be wrong.
        generated: pattern === prepared.pattern ? prepared.generated : undefined,
        generationParams: { fileKey: request.fileKey, fileVersion: request.fileVersion ?? null, snapshotId: scope.snapshotId },
      });
    });
    return { prepared, outcome };
  } catch (err) {
    return { prepared, error: describeError(err, spec.name) };
  }
}

/** Up-to-date components were seen by this sync: one write for all of them. */
export async function touchUpToDate(scope: SyncScope, componentIds: string[]): Promise<void> {
  if (!componentIds.length) return;
  await scope.ctx.db.component.updateMany({ where: { id: { in: componentIds } }, data: { lastSeenAt: new Date(), latestSnapshotId: scope.snapshotId } });
}

/** Components of this file that the design no longer has (for coverage and drift). */
export async function markRemoved(scope: SyncScope, seenFigmaIds: string[]): Promise<void> {
  await scope.ctx.db.component.updateMany({
    where: { projectId: scope.ctx.projectId, fileKey: scope.request.fileKey, figmaId: { notIn: seenFigmaIds }, removedAt: null },
    data: { removedAt: new Date() },
  });
}
