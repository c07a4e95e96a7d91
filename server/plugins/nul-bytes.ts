import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

const NUL = '\u0000';

/**
 * The first NUL character in a parsed value (a string or an object key), with its path in the
 * style of validation errors ("body.components.0.name"). Walks with an explicit stack: the
 * value may be as deep as the JSON depth limit allows, and the walk must never recurse.
 */
export function findNul(value: unknown, root: string): { path: string; key?: string } | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.indexOf(NUL) !== -1) return { path };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      for (const key of keys) if (key.indexOf(NUL) !== -1) return { path, key };
      for (let i = keys.length - 1; i >= 0; i--) stack.push([(v as Record<string, unknown>)[keys[i]!], `${path}.${keys[i]}`]);
    }
  }
  return null;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000: a NUL anywhere in the input would fail deep
 * inside a transaction. Refused up front, before validation, for every route.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
        const found = findNul(value, part);
        if (!found) continue;
        const message = found.key !== undefined
          ? `${found.path}: the key ${JSON.stringify(found.key)} contains a NUL character (U+0000), which cannot be stored`
          : `${found.path}: contains a NUL character (U+0000), which cannot be stored`;
        throw new AppError(400, 'validation_failed', message, { issues: [{ path: found.path, message, code: 'nul_character' }] });
      }
    });
  },
  { name: 'nul-bytes', fastify: '5.x' },
);
