// A sync, top to bottom: validate → detect → generate → diff → store (the regeneration flow).
import type { Trigger } from '../../../core/contract/api.js';
import type { Proposal, SyncRequest } from '../../../core/contract/sync.js';
import { canonicalHash } from '../../../core/tokens/hash.js';
import type { RequestContext } from '../context.js';
import { PhaseTimer } from '../phases.js';
import { detectComponents } from './detect.js';
import { generateComponents, type Prepared } from './generate.js';
import { closeOperation, openOperation, type OpenSync } from './operation.js';
import { findByKey, replay } from './replay.js';
import { statusOf, type StoredSyncResult, type SyncError } from './result.js';
import { markRemoved, storeComponents, touchUpToDate, type Stored, type SyncScope } from './store.js';
import type { UndoEntry } from './undo.js';
import { validateRequest } from './validate.js';

export interface SyncOptions {
  idempotencyKey?: string | undefined;
  trigger?: Trigger | undefined;
  /** Component transactions side by side (PostgreSQL); 1 on PGlite's single connection. */
  concurrency?: number | undefined;
}

/**
 * Proposes a new version of every component whose inputs changed, each component in its own
 * transaction so one failure loses nothing else. Idempotent: the same Idempotency-Key (or,
 * without one, the same input) returns the first result and writes nothing.
 */
export async function runSync(ctx: RequestContext, request: SyncRequest, options: SyncOptions): Promise<{ result: StoredSyncResult; replayed: boolean }> {
  const inputHash = canonicalHash(request);
  const key = options.idempotencyKey ?? `input:${inputHash}`;
  const previous = await findByKey(ctx, key);
  if (previous) return replay(previous, inputHash, options.idempotencyKey);

  const timer = new PhaseTimer();
  const { tokens, tokensHash, warnings } = timer.measure('validate', () => validateRequest(request));
  const open: OpenSync = { key, inputHash, request, tokens, tokensHash, trigger: options.trigger ?? 'sync' };
  let op;
  try {
    op = await openOperation(ctx, open);
  } catch (err) {
    // The same sync arrived twice at once: the other request owns it.
    if ((err as { code?: string }).code === 'P2002') {
      const other = await findByKey(ctx, key);
      if (other) return replay(other, inputHash, options.idempotencyKey);
    }
    throw err;
  }
  const scope: SyncScope = { ctx, syncId: op.id, snapshotId: op.tokenSnapshotId, request, tokens, trigger: open.trigger, timer };

  const detected = await detectComponents(ctx, request.fileKey, request.components, tokens, timer);
  const generated = generateComponents(detected, timer);
  const stored = await storeComponents(scope, generated.filter((g): g is Prepared => g.kind === 'changed'), options.concurrency ?? 1);
  await touchUpToDate(scope, generated.flatMap((g) => (g.kind === 'upToDate' ? [g.component.id] : [])));
  await markRemoved(scope, request.components.map((c) => c.id));

  const { proposals, unchanged, errors, undo } = tally(generated, stored);
  const result: StoredSyncResult = { syncId: op.id, status: statusOf(errors.length, proposals.length + unchanged), proposals, unchanged, errors, warnings, timingsMs: timer.report() };
  await closeOperation(ctx, op.id, open, result, undo);
  return { result, replayed: false };
}

/** The sync's answer, in the request's order of components. */
function tally(generated: ReturnType<typeof generateComponents>, stored: Stored[]) {
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
