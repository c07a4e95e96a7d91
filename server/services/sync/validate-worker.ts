// The worker side of the validate step (validate.ts): one request body's text in, the valid
// request and its canonical tokens out, or the 4xx that refuses it.
import { hashToken } from '../../../core/tokens/index.js';
import { AppError } from '../../lib/errors.js';
import { installNativeSha256 } from '../../lib/native-hash.js';
import { serializeAppError, validateSyncText, type SerializedAppError, type ValidSync } from './validate.js';

installNativeSha256();

export type ValidateAnswer =
  { ok: true; valid: ValidSync; tokenHashes: string[] } | { ok: false; error: SerializedAppError };

export default function validateInWorker(text: string): ValidateAnswer {
  try {
    const valid = validateSyncText(text);
    // Already computed for the set's hash; the server thread reuses them (primeTokenHashes).
    return { ok: true, valid, tokenHashes: valid.tokens.tokens.map(hashToken) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: serializeAppError(err) };
    throw err;
  }
}
