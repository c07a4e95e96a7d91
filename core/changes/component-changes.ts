import type { CollectionChange, TokenChange } from '../contract/changes.js';
import type { Collection, Token, TokenSet } from '../contract/tokens.js';
import { diffCollections } from './collection-diff.js';
import type { TokenNameLookup } from './format-value.js';
import { changesReaching, tokenNameLookup } from './impact.js';
import { diffTokenSets } from './token-diff.js';

/** One side (before or after) of a component's token inputs. */
export interface TokenSide {
  /** the tokens its refs reach through aliases, with their collections (what a version stores) */
  closure: TokenSet;
  /** the design system's whole token set on this side, when known (a sync's snapshot) */
  full?: TokenSet | null | undefined;
  /** the token ids its spec binds */
  refs: readonly string[];
}

export interface ComponentTokenChanges {
  tokenChanges: TokenChange[];
  collectionChanges: CollectionChange[];
  tokenName: TokenNameLookup;
}

/**
 * The token and collection changes that reach one component, from its inputs before and
 * after. The whole design system is diffed (where a side's full set is known), and a change
 * counts when it reaches the component through its alias chains before *or* after: a token
 * outside both closures cannot, so only the closures' tokens need comparing. What a side does
 * not know is taken as unchanged:
 * - a token reached before and absent after is "removed" only when the after set is the whole
 *   design system and lacks it; otherwise it still exists, it is just no longer reached;
 * - a token reached only after, with no full before set, is taken as it is now (unchanged),
 *   not "added": the alias or binding that now reaches it is the change.
 * Collections compared are those of the tokens reached on either side.
 */
export function componentTokenChanges(before: TokenSide, after: TokenSide): ComponentTokenChanges {
  const ids = new Set<string>();
  for (const t of before.closure.tokens) ids.add(t.id);
  for (const t of after.closure.tokens) ids.add(t.id);
  const b = restrict(ids, before, after);
  const a = restrict(ids, after, before);
  const diff = diffTokenSets(b, a);
  const reached = changesReaching(diff, [...before.refs, ...after.refs], [b, a]);
  return { tokenChanges: reached.changes, collectionChanges: diffCollections(b, a), tokenName: tokenNameLookup(b, a) };
}

/** `side`'s tokens among `ids`, filling what it cannot know from `other` (unchanged). */
function restrict(ids: ReadonlySet<string>, side: TokenSide, other: TokenSide): TokenSet {
  const own = indexOf(side.full ?? side.closure);
  const borrowed = side.full ? null : indexOf(other.full ?? other.closure);
  const tokens: Token[] = [];
  for (const id of ids) {
    const token = own.tokens.get(id) ?? borrowed?.tokens.get(id);
    if (token) tokens.push(token);
  }
  const collections: Collection[] = [];
  for (const id of new Set(tokens.map((t) => t.collectionId))) {
    const c = own.collections.get(id) ?? indexOf(other.full ?? other.closure).collections.get(id);
    if (c) collections.push(c);
  }
  return { collections, tokens };
}

interface SetIndex {
  tokens: Map<string, Token>;
  collections: Map<string, Collection>;
}

// A sync compares every component against the same few sets: index each once.
const indexes = new WeakMap<TokenSet, SetIndex>();

function indexOf(set: TokenSet): SetIndex {
  let index = indexes.get(set);
  if (!index) {
    index = { tokens: new Map(), collections: new Map() };
    for (const t of set.tokens) if (!index.tokens.has(t.id)) index.tokens.set(t.id, t);
    for (const c of set.collections) if (!index.collections.has(c.id)) index.collections.set(c.id, c);
    indexes.set(set, index);
  }
  return index;
}
