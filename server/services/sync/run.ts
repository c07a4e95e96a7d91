// A sync, top to bottom: validate → resolve → detect → generate → diff → store (the regeneration flow).
import type { Trigger } from '../../../core/contract/api.js';
import type { Proposal, RejectedEarlier } from '../../../core/contract/sync.js';
import type { RequestContext } from '../../lib/context.js';
import { PhaseTimer } from '../../lib/phases.js';
import { detectComponents } from './detect.js';
import { generateComponents, type Generation, type Generator } from './generate.js';
import { closeOperation, failOperation, findByKey, openOperation, type OpenSync } from './operation.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { ClosureCache } from '../../../core/tokens/index.js';
import { expireLeases, holdLease } from './lease.js';
import { releaseExpiredKey, replay } from './replay.js';
import { firstLine, statusOf } from './result.js';
import { componentStore, markRemoved, touchUpToDate } from './store.js';
import type { Stored, StoredSyncResult, SyncError, SyncScope, UndoEntry } from './types.js';
import { nameComponents } from './names.js';
import { withUnchanged } from './unchanged.js';
import { inDependencyOrder, proposeForDependents } from './dependents.js';
import type { ValidSync } from './validate.js';
import { refuseLongClosures, rememberSnapshot } from '../generation/index.js';

export interface SyncOptions {
  idempotencyKey?: string | undefined;
  trigger?: Trigger | undefined;
  /** Component transactions side by side (PostgreSQL); 1 on PGlite's single connection. */
  concurrency?: number | undefined;
  /** Components stored together in one transaction (see store.ts); default 1, one by one. */
  batchSize?: number | undefined;
  /** Minutes without progress after which a running sync counts as crashed (SYNC_LEASE_MINUTES). */
  leaseMinutes: number;
  /** Where code generation runs (a worker pool); this thread when absent. */
  generator?: Generator | undefined;
  /** Waits (boundedly) for short requests in flight, called before each of the sync's transactions. */
  deferTo?: (() => Promise<void>) | undefined;
}

/**
 * Proposes a new version of every component whose inputs changed, each component in its own
 * transaction so one failure loses nothing else. Only an Idempotency-Key replays (24 h);
 * otherwise the sync is computed against the current state, so equal inputs propose nothing.
 * Every sync ends completed, partial or failed, never running.
 */
export async function runSync(
  ctx: RequestContext,
  valid: ValidSync,
  options: SyncOptions,
): Promise<{ result: StoredSyncResult; replayed: boolean }> {
  const { inputHash, tokens, tokensHash, warnings } = valid;
  const key = options.idempotencyKey ?? null;
  await expireLeases(ctx);
  if (key !== null) {
    await releaseExpiredKey(ctx, key);
    const previous = await findByKey(ctx, key);
    if (previous) return replay(previous, inputHash, key);
  }

  const timer = new PhaseTimer();
  timer.record('validate', valid.validateMs);
  // Reading the stored designs of the components named unchanged counts as detection's reading.
  const request = await timer.measureAsync('detect', () => withUnchanged(ctx, valid.request));
  const { leaseMinutes } = options;
  const open: OpenSync = {
    key,
    inputHash,
    request,
    tokens,
    tokensJson: valid.tokensJson,
    tokensHash,
    trigger: options.trigger ?? 'sync',
    leaseMinutes,
  };
  // The sync's row (with its token snapshot) is written while detection reads: detection
  // writes nothing, so the two overlap, and a sync that is replayed after all just wasted a read.
  // Components binding the same tokens share one closure (and hash): computed once per sync.
  const closures = new ClosureCache(tokens);
  // The closure caps were checked over the components sent; the ones named unchanged count too.
  if (valid.request.unchanged?.length)
    timer.measure('detect', () => refuseLongClosures(tokens, request.components, closures));
  const [opened, seen] = await Promise.allSettled([
    openOrReplay(ctx, open, options),
    detect(ctx, request, tokens, timer, closures),
  ]);
  if (opened.status === 'rejected') throw opened.reason;
  if ('replayed' in opened.value) return opened.value;
  const op = opened.value;
  if (op.tokenSnapshotId) rememberSnapshot(ctx.projectId, op.tokenSnapshotId, tokens, closures);
  const stopLease = holdLease(ctx, op.id, leaseMinutes);
  try {
    if (seen.status === 'rejected') throw seen.reason;
    const scope: SyncScope = {
      ctx,
      syncId: op.id,
      snapshotId: op.tokenSnapshotId,
      request,
      tokens,
      trigger: open.trigger,
      timer,
    };
    const result = await generateAndStore(scope, seen.value, options, open, warnings);
    return { result, replayed: false };
  } catch (err) {
    // Whatever broke, the sync ends failed (keeping the drafts it stored); if even that write
    // fails, its lease expires and the next request fails it.
    await failOperation(ctx, op.id, `The sync failed: ${firstLine(err)}`, { warnings }).catch(() => undefined);
    throw err;
  } finally {
    stopLease();
  }
}

/** The sync's `running` row; or, when the same keyed sync arrived twice at once, the other one's answer. */
async function openOrReplay(ctx: RequestContext, open: OpenSync, options: SyncOptions) {
  try {
    await options.deferTo?.();
    return await openOperation(ctx, open);
  } catch (err) {
    if (open.key !== null && (err as { code?: string }).code === 'P2002') {
      const other = await findByKey(ctx, open.key);
      if (other) return replay(other, open.inputHash, open.key);
    }
    throw err;
  }
}

/** Step 2: code names (inputs of generation, settled against the whole project), then what changed. */
async function detect(
  ctx: RequestContext,
  request: ValidSync['request'],
  tokens: TokenSet,
  timer: PhaseTimer,
  closures: ClosureCache,
) {
  const named = await nameComponents(ctx, request.components);
  const detected = await detectComponents(ctx, request.fileKey, named.specs, tokens, timer, closures);
  return { detected, nameWarnings: named.warnings };
}

/** Steps 3–5: generate, diff and store (a chunk is stored while the next is generated), then the stored answer. */
async function generateAndStore(
  scope: SyncScope,
  seen: Awaited<ReturnType<typeof detect>>,
  options: SyncOptions,
  open: OpenSync,
  validationWarnings: string[],
): Promise<StoredSyncResult> {
  const { ctx, request, timer } = scope;
  const store = componentStore(scope, { concurrency: options.concurrency ?? 1, deferTo: options.deferTo });
  const generated = await generateComponents(
    seen.detected,
    timer,
    options.batchSize ?? 1,
    store.add,
    options.generator,
    options.deferTo,
  );
  const stored = await store.done();
  await touchUpToDate(
    scope,
    generated.flatMap((g) => (g.kind === 'upToDate' || g.kind === 'rejectedEarlier' ? [g.component.id] : [])),
  );
  await markRemoved(
    scope,
    request.components.map((c) => c.id),
  );

  const tallied = tally(generated, stored);
  const { unchanged, errors, undo, rejectedEarlier } = tallied;
  const warnings = [...validationWarnings, ...seen.nameWarnings];
  await options.deferTo?.();
  await proposeForDependents(scope, tallied, warnings);
  const proposals = await inDependencyOrder(scope, tallied.proposals);
  const settled = proposals.length + unchanged + rejectedEarlier.length;
  const result: StoredSyncResult = {
    syncId: scope.syncId,
    status: statusOf(errors.length, settled),
    proposals,
    unchanged,
    errors,
    rejectedEarlier,
    warnings,
    timingsMs: timer.report(),
  };
  await options.deferTo?.();
  await closeOperation(ctx, scope.syncId, open, result, undo);
  return result;
}

/** The sync's answer, in the request's order of components (run orders the proposals by dependency). */
function tally(generated: Generation[], stored: Stored[]) {
  const byFigmaId = new Map(stored.map((s) => [s.prepared.spec.id, s]));
  const proposals: Proposal[] = [];
  const errors: SyncError[] = [];
  const undo: UndoEntry[] = [];
  const rejectedEarlier: RejectedEarlier[] = [];
  let unchanged = 0;
  for (const g of generated) {
    if (g.kind === 'upToDate') {
      unchanged += 1;
      continue;
    }
    if (g.kind === 'rejectedEarlier') {
      rejectedEarlier.push(g.rejected);
      continue;
    }
    if (g.kind === 'failed') {
      errors.push({ componentId: g.spec.id, message: g.message });
      continue;
    }
    const s = byFigmaId.get(g.spec.id)!;
    if ('error' in s) {
      errors.push({ componentId: g.spec.id, message: s.error });
      continue;
    }
    const outcome = s.outcome;
    if (outcome.kind === 'unchanged') unchanged += 1;
    else if (outcome.kind === 'rejectedEarlier') rejectedEarlier.push(outcome.rejected);
    else proposals.push(outcome.proposal);
    if (outcome.kind === 'proposed')
      undo.push({
        componentId: outcome.proposal.componentId,
        before: outcome.beforeVersionId,
        versionId: outcome.proposal.draftVersionId,
      });
  }
  return { proposals, unchanged, errors, undo, rejectedEarlier };
}
