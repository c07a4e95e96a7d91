import type { Alias, ModeValue } from '../contract/tokens.js';

export function isAlias(value: unknown): value is Alias {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.keys(value).length === 1 && typeof (value as { alias?: unknown }).alias === 'string';
}

/**
 * Every token id a mode value refers to: the value itself when it is an alias, and the
 * aliases held inside composite values (a typography's fontSize, a shadow layer's color, …).
 */
export function collectAliasTargets(value: ModeValue | unknown, into: string[] = []): string[] {
  if (isAlias(value)) {
    into.push(value.alias);
  } else if (Array.isArray(value)) {
    for (const item of value) collectAliasTargets(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectAliasTargets(item, into);
  }
  return into;
}
