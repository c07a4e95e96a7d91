import fp from 'fastify-plugin';
import { LIMITS } from '../../core/contract/limits.js';
import { AppError } from '../errors.js';

const NUL = '\u0000';

export interface InputProblem {
  path: string;
  message: string;
  code: 'nul_character' | 'too_many_items';
}

/**
 * The first thing in a parsed value that must not reach validation or the database: a NUL
 * character (in a string or an object key), or an array or object larger than any the API takes. The
 * path is in the style of validation errors ("body.components.0.name"). Walks with an
 * explicit stack, never recursing, and checks an array's length before looking inside it:
 * a million-element array is refused without a million validation errors.
 */
export function inputProblem(value: unknown, root: string): InputProblem | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.indexOf(NUL) !== -1) return { path, code: 'nul_character', message: `${path}: contains a NUL character (U+0000), which cannot be stored` };
    } else if (Array.isArray(v)) {
      if (v.length > LIMITS.listItems) {
        return { path, code: 'too_many_items', message: `${path}: at most ${LIMITS.listItems} items in any list; this one has ${v.length}` };
      }
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length > LIMITS.listItems) {
        return { path, code: 'too_many_items', message: `${path}: at most ${LIMITS.listItems} entries in any object; this one has ${keys.length}` };
      }
      for (const key of keys) {
        if (key.indexOf(NUL) !== -1) {
          return { path, code: 'nul_character', message: `${path}: the key ${JSON.stringify(key)} contains a NUL character (U+0000), which cannot be stored` };
        }
      }
      for (let i = keys.length - 1; i >= 0; i--) stack.push([(v as Record<string, unknown>)[keys[i]!], `${path}.${keys[i]}`]);
    }
  }
  return null;
}

/**
 * Runs before validation on every route: PostgreSQL text and jsonb cannot hold U+0000 (it
 * would fail deep inside a transaction), and an oversized list would make validation itself
 * the attack. A 400 in the validation error shape, naming the field.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
        const problem = inputProblem(value, part);
        if (problem) throw new AppError(400, 'validation_failed', problem.message, { issues: [problem] });
      }
    });
  },
  { name: 'input-guard', fastify: '5.x' },
);
