import type { Token, TokenSet } from '../contract/tokens.js';
import { collectAliasTargets } from './aliases.js';
import { hashTokenSet } from './token-hash.js';

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

/**
 * The closures taken from one token set, each computed once: the components of a sync often
 * bind the same tokens, and a closure can be long (a deep alias chain), so they share one
 * closure object (and its hash). Keyed by the distinct refs, sorted.
 */
export class ClosureCache {
  private readonly closures = new Map<string, { closure: TokenSet; hash?: string }>();

  constructor(readonly set: TokenSet) {}

  of(refs: Iterable<string>): TokenSet {
    return this.entry(refs).closure;
  }

  /** The closure and its hashTokenSet, computed once. */
  withHash(refs: Iterable<string>): { closure: TokenSet; hash: string } {
    const entry = this.entry(refs);
    entry.hash ??= hashTokenSet(entry.closure);
    return { closure: entry.closure, hash: entry.hash };
  }

  private entry(refs: Iterable<string>) {
    const sorted = [...new Set(refs)].sort();
    const key = sorted.join('\u0000');
    let entry = this.closures.get(key);
    if (!entry) {
      entry = { closure: tokenClosure(this.set, sorted) };
      this.closures.set(key, entry);
    }
    return entry;
  }
}

/** What the closures of a request's components cost: a component over its cap, or all of them together over theirs. */
export type ClosureExcess =
  | { kind: 'component'; componentId: string; name: string; tokens: number; limit: number }
  | { kind: 'total'; total: number; limit: number; componentId: string; name: string };

/**
 * The first closure over `perComponent` tokens, or the point where the closures added up pass
 * `perSync`: the work a sync does per component (its tokens.css, hashing, change detection)
 * grows with its closure, so both bound a request's work. Counting stops there, so counting is
 * bounded too (by perSync plus one closure).
 */
export function closureExcess(
  closures: ClosureCache,
  components: ReadonlyArray<{ id: string; name: string; refs: readonly string[] }>,
  limits: { perComponent: number; perSync: number },
): ClosureExcess | null {
  let total = 0;
  for (const c of components) {
    const tokens = closures.of(c.refs).tokens.length;
    if (tokens > limits.perComponent)
      return { kind: 'component', componentId: c.id, name: c.name, tokens, limit: limits.perComponent };
    total += tokens;
    if (total > limits.perSync) return { kind: 'total', total, limit: limits.perSync, componentId: c.id, name: c.name };
  }
  return null;
}
