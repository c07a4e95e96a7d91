// A sync, top to bottom: validate → detect → generate → diff → store (the regeneration flow).
import type { Trigger } from '../../../core/contract/api.js';
import type { Proposal, SyncRequest } from '../../../core/contract/sync.js';
import { canonicalHashSliced } from '../sliced-hash.js';
import type { RequestContext } from '../context.js';
import { PhaseTimer } from '../phases.js';
import { detectComponents } from './detect.js';
import { generateComponents, type Prepared } from './generate.js';
import { closeOperation, openOperation, type OpenSync } from './operation.js';
import { DEFAULT_LEASE_MINUTES, expireLeases, failOperation, holdLease } from './lease.js';
import { findByKey, releaseExpiredKey, replay } from './replay.js';
import { firstLine, statusOf, type StoredSyncResult, type SyncError } from './result.js';
import { markRemoved, storeComponents, touchUpToDate, type Stored, type SyncScope } from './store.js';
import type { UndoEntry } from './undo.js';
import { nameComponents } from './names.js';
import { validateRequest } from './validate.js';
import { yieldToEventLoop } from '../event-loop.js';

export interface SyncOptions {
  idempotencyKey?: string | undefined;
  trigger?: Trigger | undefined;
  /** Component transactions side by side (PostgreSQL); 1 on PGlite's single connection. */
  concurrency?: number | undefined;
  /** Components stored together in one transaction (see store.ts); default 1, one by one. */
  batchSize?: number | undefined;
  /** Minutes without progress after which a running sync counts as crashed. */
  leaseMinutes?: number | undefined;
}

/**
 * Proposes a new version of every component whose inputs changed, each component in its own
 * transaction so one failure loses nothing else. Only an Idempotency-Key replays (24 h);
 * otherwise the sync is computed against the current state, so equal inputs propose nothing.
 * Every sync ends completed, partial or failed, never running.
 */
export async function runSync(ctx: RequestContext, request: SyncRequest, options: SyncOptions): Promise<{ result: StoredSyncResult; replayed: boolean }> {
  // Not in the same turn as the body's validation (fastify, zod), and in slices: the request is big.
  await yieldToEventLoop();
  const inputHash = await canonicalHashSliced(request);
  const key = options.idempotencyKey ?? null;
  await expireLeases(ctx);
  if (key !== null) {
    await releaseExpiredKey(ctx, key);
    const previous = await findByKey(ctx, key);
    if (previous) return replay(previous, inputHash, key);
  }

  const timer = new PhaseTimer();
  // Hashing and validating a design system take a while: other requests get a turn between (event-loop.ts).
  await yieldToEventLoop();
  const { tokens, tokensHash, warnings } = await timer.measureAsync('validate', () => validateRequest(request));
  await yieldToEventLoop();
  const leaseMinutes = options.leaseMinutes ?? DEFAULT_LEASE_MINUTES;
  const open: OpenSync = { key, inputHash, request, tokens, tokensHash, trigger: options.trigger ?? 'sync', leaseMinutes };
  let op;
  try {
    op = await openOperation(ctx, open);
  } catch (err) {
    // The same keyed sync arrived twice at once: the other request owns it.
    if (key !== null && (err as { code?: string }).code === 'P2002') {
      const other = await findByKey(ctx, key);
      if (other) return replay(other, inputHash, key);
    }
    throw err;
  }
  const stopLease = holdLease(ctx, op.id, leaseMinutes);
  try {
    const result = await pipeline({ ctx, syncId: op.id, snapshotId: op.tokenSnapshotId, request, tokens, trigger: open.trigger, timer }, options, open, warnings);
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

/** After validate: detect → generate → diff and store → the stored answer. */
async function pipeline(scope: SyncScope, options: SyncOptions, open: OpenSync, validationWarnings: string[]): Promise<StoredSyncResult> {
  const { ctx, request, tokens, timer } = scope;
  // Code names are inputs of generation, settled against the whole project before detecting.
  const named = await nameComponents(ctx, request.components);
  const detected = await detectComponents(ctx, request.fileKey, named.specs, tokens, timer);
  const generated = await generateComponents(detected, timer);
  const stored = await storeComponents(scope, generated.filter((g): g is Prepared => g.kind === 'changed'), { concurrency: options.concurrency ?? 1, batchSize: options.batchSize ?? 1 });
  await touchUpToDate(scope, generated.flatMap((g) => (g.kind === 'upToDate' ? [g.component.id] : [])));
  await markRemoved(scope, request.components.map((c) => c.id));

  const { proposals, unchanged, errors, undo } = tally(generated, stored);
  const warnings = [...validationWarnings, ...named.warnings];
  const result: StoredSyncResult = { syncId: scope.syncId, status: statusOf(errors.length, proposals.length + unchanged), proposals, unchanged, errors, warnings, timingsMs: timer.report() };
  await closeOperation(ctx, scope.syncId, open, result, undo);
  return result;
}

/** The sync's answer, in the request's order of components. */
function tally(generated: Awaited<ReturnType<typeof generateComponents>>, stored: Stored[]) {
  const byFigmaId = new Map(stored.map((s) => [s.prepared.spec.id, s]));
  const proposals: Proposal[] = [];
  const errors: SyncError[] = [];
  const undo: UndoEntry[] = [];
  let unchanged = 0;
  for (const g of generated) {
    if (g.kind === 'upToDate') {
      unchanged += 1;
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
    else proposals.push(outcome.proposal);
    if (outcome.kind === 'proposed') undo.push({ componentId: outcome.proposal.componentId, before: outcome.beforeVersionId, versionId: outcome.proposal.draftVersionId });
  }
  return { proposals, unchanged, errors, undo };
}
