// Step 1, validate: the request's text or body, its components and its tokens, before anything
// is stored. Pure (no I/O), so it runs in a worker thread for requests off the wire (request.ts):
// reading, validating and hashing a design system blocked the event loop for 100–250 ms.
import { LIMITS } from '../../../core/contract/limits.js';
import { SyncRequest } from '../../../core/contract/sync.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { sha256Hex } from '../../../core/tokens/hash.js';
import { hashTokenSet } from '../../../core/tokens/index.js';
import { AppError, badRequest, conflict } from '../../lib/errors.js';
import { inputProblem, inputRefused } from '../../lib/input-problem.js';
import { parseJsonBody } from '../../lib/json-body.js';
import { canonicalTokens } from '../generation/index.js';
import { validationFailed, zodIssues } from '../../lib/validation-error.js';

/** A sync request that passed validation, with its canonical tokens and hashes. */
export interface ValidSync {
  /** the request but its token input, which `tokens` replaces */
  request: Omit<SyncRequest, 'tokens'>;
  /** sha256 of the request's JSON text: what an Idempotency-Key is bound to */
  inputHash: string;
  tokens: TokenSet;
  /** `tokens` as JSON text (the snapshot a sync stores) */
  tokensJson: string;
  tokensHash: string;
  warnings: string[];
  /** milliseconds spent validating */
  validateMs: number;
}

/** From the body's JSON text: the checks every route's body gets (depth, JSON, NUL, lone surrogates, sizes), then the sync's own. */
export function validateSyncText(text: string): ValidSync {
  const started = performance.now();
  const body = parseJsonBody(text);
  const problem = inputProblem(body, 'body');
  if (problem) throw inputRefused(problem);
  return validated(body, syncInputHash(text), started);
}

/** From a parsed body (the poller's and the webhook's requests). Throws a 4xx naming the problem. */
export function validateSyncBody(body: unknown): ValidSync {
  const started = performance.now();
  // What Figma's REST API answers is JSON too: a name can carry a lone surrogate or a NUL.
  const problem = inputProblem(body, 'body');
  if (problem) throw inputRefused(problem);
  return validated(body, syncInputHash(JSON.stringify(body)), started);
}

/** What an Idempotency-Key is bound to: the body's bytes, as Stripe binds a key to its request. */
export function syncInputHash(text: string): string {
  return sha256Hex(text);
}

function validated(body: unknown, inputHash: string, started: number): ValidSync {
  const parsed = SyncRequest.safeParse(body);
  if (!parsed.success) throw validationFailed(zodIssues('body', parsed.error.issues));
  const { tokens: input, ...request } = parsed.data;
  checkSpecs(request.components, request.unchanged);
  const { tokens, warnings, componentsDecided } = canonicalTokens(input, request.components);
  if (componentsDecided && request.unchanged?.length) throw unchangedNeedsComponents();
  return {
    request,
    inputHash,
    tokens,
    tokensJson: JSON.stringify(tokens),
    tokensHash: hashTokenSet(tokens),
    warnings,
    validateMs: performance.now() - started,
  };
}

function checkSpecs(components: ComponentSpec[], unchanged: ValidSync['request']['unchanged']): void {
  const seen = new Set<string>();
  for (const c of components) {
    if (seen.has(c.id)) throw badRequest(`component id ${c.id} (${c.name}) appears twice in components`);
    seen.add(c.id);
  }
  for (const [i, u] of (unchanged ?? []).entries()) {
    if (seen.has(u.id))
      throw badRequest(`unchanged[${i}]: component id ${u.id} appears twice in components and unchanged`);
    seen.add(u.id);
  }
  if (seen.size > LIMITS.componentsPerSync)
    throw badRequest(
      `components and unchanged name ${seen.size} components; a sync takes at most ${LIMITS.componentsPerSync}`,
    );
}

/**
 * Tokens that cannot be understood are left out unless a component reaches them, which would
 * refuse the sync: that takes every component's bindings, and the ones named unchanged are not
 * here (services/sync/unchanged.ts reads them later). Rare; the client sends them in full.
 */
function unchangedNeedsComponents(): AppError {
  return conflict(
    'unchanged_needs_components',
    'The token set has tokens that cannot be understood, and whether the sync is refused for them depends on every component that reaches them: send every component in components, none in unchanged',
  );
}

/** An AppError as plain data (to cross a thread), and back. */
export interface SerializedAppError {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export function serializeAppError(err: AppError): SerializedAppError {
  return { statusCode: err.statusCode, code: err.code, message: err.message, details: err.details };
}

export function reviveAppError(e: SerializedAppError): AppError {
  return new AppError(e.statusCode, e.code, e.message, e.details);
}
