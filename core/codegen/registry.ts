/** The patterns codegen can use, looked up by id. Immutable: a registry is a value. */
import { badgePattern } from './patterns/badge.js';
import { buttonPattern } from './patterns/button.js';
import { cardPattern } from './patterns/card.js';
import { checkboxPattern } from './patterns/checkbox.js';
import { genericPattern } from './patterns/generic.js';
import { inputPattern } from './patterns/input.js';
import type { Pattern } from './types.js';

export interface PatternRegistry {
  get(id: string): Pattern | undefined;
  list(): readonly Pattern[];
  /** the pattern for components nothing else fits */
  readonly fallback: Pattern;
}

export function createPatternRegistry(patterns: readonly Pattern[], fallbackId = 'generic'): PatternRegistry {
  const byId = new Map<string, Pattern>();
  for (const p of patterns) {
    if (byId.has(p.id)) throw new Error(`pattern ${JSON.stringify(p.id)} is registered twice`);
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(p.version))
      throw new Error(`pattern ${p.id}: version ${JSON.stringify(p.version)} is not semver`);
    byId.set(p.id, p);
  }
  const fallback = byId.get(fallbackId);
  if (!fallback) throw new Error(`fallback pattern ${JSON.stringify(fallbackId)} is not registered`);
  const list = Object.freeze([...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
  return { get: (id) => byId.get(id), list: () => list, fallback };
}

export const builtinPatterns: readonly Pattern[] = [
  genericPattern,
  buttonPattern,
  inputPattern,
  checkboxPattern,
  badgePattern,
  cardPattern,
];

export const defaultRegistry: PatternRegistry = createPatternRegistry(builtinPatterns);
