// What in a request must never reach validation or the database, found without recursion.
import { LIMITS } from '../../core/contract/limits.js';
import { AppError } from './errors.js';
import { fieldPath, shortKey } from './validation-error.js';

const NUL = '\u0000';

export interface InputProblem {
  path: string;
  message: string;
  code: 'nul_character' | 'lone_surrogate' | 'too_many_items';
}

/**
 * The first thing in a parsed value that must not reach validation or the database: a NUL
 * character or a lone UTF-16 surrogate (in a string or an object key), or an array or object
 * larger than any the API takes. The
 * path is in the style of validation errors ("body.components.0.name"). Walks with an
 * explicit stack, never recursing, and checks an array's length before looking inside it:
 * a million-element array is refused without a million validation errors.
 */
export function inputProblem(value: unknown, root: string): InputProblem | null {
  // Paths are built only for the problem found: a string per visited node made this walk
  // ~100 ms of one blocking slice on a 300-component sync (bench/responsiveness.bench.ts).
  const stack: Array<[unknown, Trail]> = [[value, { key: root, parent: null }]];
  while (stack.length) {
    const [v, trail] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.indexOf(NUL) !== -1) {
        const path = pathOf(trail);
        return {
          path,
          code: 'nul_character',
          message: `${path}: contains a NUL character (U+0000), which cannot be stored`,
        };
      }
      // isWellFormed is native: the common case costs no regex (LONE_SURROGATE only locates one).
      if (!v.isWellFormed()) return loneSurrogate(pathOf(trail), v);
    } else if (Array.isArray(v)) {
      if (v.length > LIMITS.listItems) {
        const path = pathOf(trail);
        return {
          path,
          code: 'too_many_items',
          message: `${path}: at most ${LIMITS.listItems} items in any list; this one has ${v.length}`,
        };
      }
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], { key: i, parent: trail }]);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length > LIMITS.listItems) {
        const path = pathOf(trail);
        return {
          path,
          code: 'too_many_items',
          message: `${path}: at most ${LIMITS.listItems} entries in any object; this one has ${keys.length}`,
        };
      }
      for (const key of keys) {
        if (key.indexOf(NUL) !== -1) {
          return {
            path: pathOf(trail),
            code: 'nul_character',
            message: `${pathOf(trail)}: the key ${JSON.stringify(shortKey(key))} contains a NUL character (U+0000), which cannot be stored`,
          };
        }
        if (!key.isWellFormed()) return loneSurrogate(pathOf(trail), key, true);
      }
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push([(v as Record<string, unknown>)[keys[i]!], { key: keys[i]!, parent: trail }]);
    }
  }
  return null;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * JSON can spell a lone surrogate ("\ud800") and JavaScript strings hold one, but UTF-8 cannot:
 * PostgreSQL refuses it in jsonb, and text would silently store U+FFFD in its place.
 */
function loneSurrogate(path: string, s: string, isKey = false): InputProblem {
  const at = s.search(LONE_SURROGATE);
  const unit = s.charCodeAt(at).toString(16).toUpperCase();
  const what = isKey ? `the key ${JSON.stringify(shortKey(s))} has` : 'has';
  return {
    path,
    code: 'lone_surrogate',
    message: `${path}: ${what} a lone UTF-16 surrogate (U+${unit}) at character ${at}, which is not valid Unicode text and cannot be stored`,
  };
}

/** Where a value sits: its key, and the trail of its parent (null at the root). */
interface Trail {
  key: string | number;
  parent: Trail | null;
}

function pathOf(trail: Trail): string {
  const keys: Array<string | number> = [];
  for (let t: Trail | null = trail; t; t = t.parent) keys.push(t.key);
  const [root, ...rest] = keys.reverse();
  return fieldPath(String(root), rest);
}

/** The 400 for a problem found (the validation error shape, naming the field). */
export function inputRefused(problem: InputProblem): AppError {
  return new AppError(400, 'validation_failed', problem.message, { issues: [problem] });
}
