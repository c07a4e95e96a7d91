import type { Token, TokenSet } from '../contract/tokens.js';
import { canonicalHash } from './hash.js';

/** Canonical hash of one token: key order never matters. */
export function hashToken(token: Token): string {
  return canonicalHash(token);
}

/** token id → hash; what change detection compares. */
export function tokenHashes(set: TokenSet): Map<string, string> {
  return new Map(set.tokens.map((t) => [t.id, hashToken(t)]));
}

/**
 * Canonical hash of a set: neither key order nor the order of the tokens or collections
 * arrays changes it (both are sorted by id); the order of a collection's modes does, since
 * it is meaningful. Built from the per-token hashes so callers holding those can reuse them.
 */
export function hashTokenSet(set: TokenSet): string {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return canonicalHash({
    collections: [...set.collections].sort(byId),
    tokens: [...set.tokens].sort(byId).map((t) => [t.id, hashToken(t)]),
  });
}
