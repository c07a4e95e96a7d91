// Idempotency: a request that was already answered gets the first answer again.
import { conflict, unprocessable } from '../../errors.js';
import type { RequestContext } from '../context.js';
import type { StoredSyncResult } from './result.js';

type Answered = { id: string; status: string; inputHash: string; result: unknown };

export async function findByKey(ctx: RequestContext, key: string) {
  return ctx.db.syncOperation.findUnique({ where: { projectId_idempotencyKey: { projectId: ctx.projectId, idempotencyKey: key } } });
}

/** The first result for this key; a key reused for another body is refused. */
export function replay(op: Answered, inputHash: string, explicitKey: string | undefined): { result: StoredSyncResult; replayed: true } {
  if (explicitKey && op.inputHash !== inputHash) {
    throw unprocessable('idempotency_key_reused', `Idempotency-Key ${explicitKey} was already used for a different sync request (${op.id})`);
  }
  if (op.status === 'running') throw conflict('sync_in_progress', `The same sync (${op.id}) is still running; retry shortly`);
  return { result: op.result as StoredSyncResult, replayed: true };
}
