import type { TokenSet } from '../contract/tokens.js';
import { collectAliasTargets } from './aliases.js';
import { indexTokenSet } from './model.js';

/**
 * The given tokens plus everything they alias, transitively (in every mode, inside
 * composites too), with the collections they belong to: "the tokens a component uses",
 * self-contained so it resolves on its own. Ids not in the set are ignored; dangling aliases
 * stay dangling. Arrays keep the set's order.
 */
export function tokenClosure(set: TokenSet, ids: Iterable<string>): TokenSet {
  const index = indexTokenSet(set);
  const keep = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const token = index.tokens.get(id);
    if (!token || keep.has(id)) continue;
    keep.add(id);
    for (const value of Object.values(token.valuesByMode)) queue.push(...collectAliasTargets(value));
  }
  const seen = new Set<string>();
  const tokens = set.tokens.filter((t) => keep.has(t.id) && !seen.has(t.id) && seen.add(t.id));
  const collectionIds = new Set(tokens.map((t) => t.collectionId));
  return { collections: set.collections.filter((c) => collectionIds.has(c.id)), tokens };
}
