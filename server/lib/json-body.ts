// Reading a JSON request body from its text: depth first, then a parse that refuses prototype
// poisoning, as Fastify's own parser does. The sync route reads its (large) body off the event
// loop with these (sync/validate.ts, on a worker thread); every other route goes through plugins/json-depth.ts.
import secureJson from 'secure-json-parse';
import { LIMITS } from '../../core/contract/limits.js';
import { AppError } from './errors.js';

/**
 * The deepest nesting of objects and arrays in a JSON text, stopping as soon as it passes
 * `max`. A scan without recursion: it runs before JSON.parse, so nothing recursive (zod,
 * hashing, code generation) ever sees a document deeper than the limit.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export const tooDeep = () =>
  new AppError(400, 'too_deep', `The JSON body is nested deeper than ${LIMITS.jsonDepth} levels (objects and arrays)`);

/** The parsed body, or a 400 that says what is wrong with the text. */
export function parseJsonBody(text: string): unknown {
  if (jsonDepthExceeds(text, LIMITS.jsonDepth)) throw tooDeep();
  if (text.trim() === '') throw new AppError(400, 'invalid_json', 'The request body is not valid JSON: it is empty');
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    throw new AppError(400, 'invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}
