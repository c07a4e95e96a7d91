import fp from 'fastify-plugin';
import { LIMITS } from '../../core/contract/limits.js';
import { AppError } from '../errors.js';

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
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Replaces the JSON body parser with one that refuses bodies nested deeper than LIMITS.jsonDepth. */
export default fp(
  async (app) => {
    const parse = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (jsonDepthExceeds(body as string, LIMITS.jsonDepth)) {
        done(new AppError(400, 'too_deep', `The JSON body is nested deeper than ${LIMITS.jsonDepth} levels (objects and arrays)`), undefined);
        return;
      }
      parse(request, body as string, done);
    });
  },
  { name: 'json-depth', fastify: '5.x' },
);
