// The validate step for a request off the wire, on a worker thread (validate-worker.ts).
import { primeTokenHashes } from '../../../core/tokens/index.js';
import { WorkerPool } from '../../workers/pool.js';
import { reviveAppError, type ValidSync } from './validate.js';
import type { ValidateAnswer } from './validate-worker.js';

export type SyncValidator = WorkerPool<string, ValidateAnswer>;

export function syncValidator(): SyncValidator {
  return new WorkerPool<string, ValidateAnswer>(import.meta.url, 'validate-worker');
}

/** The body's text validated on the worker: the valid sync, or the 4xx it throws there. */
export async function validateOffThread(validator: SyncValidator, text: string): Promise<ValidSync> {
  const answer = await validator.run(text);
  if (!answer.ok) throw reviveAppError(answer.error);
  // The tokens are copies; the worker's hashes of them spare hashing each again in detect.
  primeTokenHashes(answer.valid.tokens.tokens, answer.tokenHashes);
  return answer.valid;
}
