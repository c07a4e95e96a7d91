// Idempotency-Key replays (Stripe's rule): the same key within 24 h gets the first answer.
// Without a key nothing is replayed: every sync is computed against the current state.
import { conflict, unprocessable } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/context.js';
import { releaseKey, type SyncRow } from './operation.js';
import type { StoredSyncResult } from './types.js';

const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** After 24 h a key is free again: the old sync keeps its record, not the key. */
export async function releaseExpiredKey(ctx: RequestContext, key: string): Promise<void> {
  await releaseKey(ctx, key, new Date(Date.now() - REPLAY_WINDOW_MS));
}

/** The first result for this key; a key reused for another body is refused. */
export function replay(op: SyncRow, inputHash: string, key: string): { result: StoredSyncResult; replayed: true } {
  if (op.inputHash !== inputHash) {
    throw unprocessable(
      'idempotency_key_reused',
      `Idempotency-Key ${key} was already used for a different sync request (${op.id}) within the last 24 h`,
    );
  }
  if (op.status === 'running')
    throw conflict('sync_in_progress', `The same sync (${op.id}) is still running; retry shortly`);
  return { result: op.result, replayed: true };
}
