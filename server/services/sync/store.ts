// Steps 4 and 5, diff and store: changed components in batches (store-batch.ts) or each in its
// own transaction (proposeVersion diffs against the base it reads there and stores the draft),
// so one failure loses nothing else.
import pLimit from 'p-limit';
import type { Trigger } from '../../../core/contract/api.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import { inputsFor } from '../generation/index.js';
import type { PhaseTimer } from '../phases.js';
import { proposeVersion, type ProposalOutcome } from '../proposals.js';
import type { Prepared } from './generate.js';
import { latestDesign } from './latest-design.js';
import { describeError } from './result.js';
import { storeBatch, type BatchResult } from './store-batch.js';
import { yieldToEventLoop } from '../event-loop.js';

export interface SyncScope {
  ctx: RequestContext;
  syncId: string;
  snapshotId: string | null;
  request: Omit<SyncRequest, 'tokens'>;
  tokens: TokenSet;
  trigger: Trigger;
  timer: PhaseTimer;
}

export type Stored = { prepared: Prepared; outcome: ProposalOutcome } | { prepared: Prepared; error: string };

export interface StoreOptions {
  /** Component transactions side by side (PostgreSQL); 1 on PGlite's single connection. */
  concurrency: number;
  /** Lets short requests go first before each transaction (services/activity.ts). */
  deferTo?: (() => Promise<void>) | undefined;
}

/**
 * Stores prepared components as chunks arrive: each chunk (`batchSize` components) one
 * transaction (store-batch.ts), a few side by side when `concurrency` allows. A chunk that
 * fails is stored again one component per transaction, so one failing component never blocks
 * the others. `add` queues a chunk; `done` waits for every queued one.
 */
export function componentStore(scope: SyncScope, options: StoreOptions): { add(chunk: Prepared[]): void; done(): Promise<Stored[]> } {
  const limit = pLimit(Math.max(1, options.concurrency));
  const queued: Array<Promise<Stored[]>> = [];
  return {
    add: (chunk) => void queued.push(limit(() => storeChunk(scope, chunk, options))),
    done: async () => (await Promise.all(queued)).flat(),
  };
}

async function storeChunk(scope: SyncScope, chunk: Prepared[], options: StoreOptions): Promise<Stored[]> {
  await yieldToEventLoop();
  await options.deferTo?.();
  if (chunk.length === 1) return [await storeOne(scope, chunk[0]!)];
  let batch: BatchResult;
  try {
    batch = await storeBatch(scope, chunk);
  } catch {
    // Which component broke the chunk is not known: each gets its own transaction (and error).
    batch = { stored: [], individually: chunk };
  }
  const rest: Stored[] = [];
  for (const p of batch.individually) {
    await yieldToEventLoop();
    await options.deferTo?.();
    rest.push(await storeOne(scope, p));
  }
  return [...batch.stored, ...rest];
}

async function storeOne(scope: SyncScope, prepared: Prepared): Promise<Stored> {
  const { ctx, request, tokens } = scope;
  const spec = prepared.spec;
  try {
    const outcome = await ctx.db.$transaction(async (tx) => {
      const found = await tx.component.findUnique({ where: { projectId_figmaId: { projectId: ctx.projectId, figmaId: spec.id } } });
      const pattern = found?.pattern ?? null;
      const seenInputs = pattern === prepared.pattern ? prepared.detection.inputs : inputsFor(spec, tokens, pattern);
      const latest = latestDesign(spec, seenInputs, request.fileKey, scope.snapshotId, new Date());
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
        tokensSnapshotId: scope.snapshotId,
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
