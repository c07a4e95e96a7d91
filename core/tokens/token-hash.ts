import type { Token, TokenSet } from '../contract/tokens.js';
import { canonicalHash } from './hash.js';

// A sync hashes the design system's tokens while validating, then every component's closure
// and diff meets the same token objects again: each is hashed once (tokens are not mutated
// once built; a token object that changes would need a new object, as every builder makes).
const known = new WeakMap<Token, string>();

/** Canonical hash of one token: key order never matters. */
export function hashToken(token: Token): string {
  let hash = known.get(token);
  if (hash === undefined) {
    hash = canonicalHash(token);
    known.set(token, hash);
  }
  return hash;
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

/**
 * Records hashes computed elsewhere for these very token objects (a worker thread hashed the
 * set while validating it; the objects it sent back are new ones). `hashes[i]` is tokens[i]'s.
 */
export function primeTokenHashes(tokens: readonly Token[], hashes: readonly string[]): void {
  if (hashes.length !== tokens.length) return;
  tokens.forEach((t, i) => {
    if (!known.has(t)) known.set(t, hashes[i]!);
  });
}
