import type { Token, TokenSet } from '../contract/tokens.js';
import { collectAliasTargets } from './aliases.js';

/** Where each id first occurs in a set's tokens array, and which array (and length) that was. */
interface Positions {
  tokens: readonly Token[];
  length: number;
  byId: Map<string, number>;
}

// A sync takes the closure of every component against the same set: indexing it once instead
// of once a component turns O(components × tokens) into O(tokens). A set whose array was
// replaced, grown or shrunk is indexed again; lookups also check the id found at the position.
const positionsCache = new WeakMap<TokenSet, Positions>();

function positionsOf(set: TokenSet, fresh: boolean): Positions {
  const cached = positionsCache.get(set);
  if (!fresh && cached && cached.tokens === set.tokens && cached.length === set.tokens.length) return cached;
  const byId = new Map<string, number>();
  // First occurrence wins, as in indexTokenSet.
  set.tokens.forEach((t, i) => {
    if (!byId.has(t.id)) byId.set(t.id, i);
  });
  const positions = { tokens: set.tokens, length: set.tokens.length, byId };
  positionsCache.set(set, positions);
  return positions;
}

/**
 * The given tokens plus everything they alias, transitively (in every mode, inside
 * composites too), with the collections they belong to: "the tokens a component uses",
 * self-contained so it resolves on its own. Ids not in the set are ignored; dangling aliases
 * stay dangling. Arrays keep the set's order.
 */
export function tokenClosure(set: TokenSet, ids: Iterable<string>): TokenSet {
  const start = [...ids];
  return closureFrom(set, start, positionsOf(set, false)) ?? closureFrom(set, start, positionsOf(set, true))!;
}

/** The closure, or null when `positions` turn out stale (an element was replaced in place). */
function closureFrom(set: TokenSet, ids: string[], positions: Positions): TokenSet | null {
  const keep = new Set<number>();
  const visited = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (visited.has(id)) continue;
    visited.add(id);
    const at = positions.byId.get(id);
    if (at === undefined) continue;
    const token = set.tokens[at];
    if (!token || token.id !== id) return null;
    keep.add(at);
    for (const value of Object.values(token.valuesByMode)) queue.push(...collectAliasTargets(value));
  }
  const tokens = [...keep].sort((a, b) => a - b).map((i) => set.tokens[i]!);
  const collectionIds = new Set(tokens.map((t) => t.collectionId));
  return { collections: set.collections.filter((c) => collectionIds.has(c.id)), tokens };
}
