import type { Collection, Mode, ModeValue, Token, TokenSet, TokenType } from '../contract/tokens.js';

export type { Alias, Collection, Mode, ModeValue, Token, TokenSet, TokenType, Value } from '../contract/tokens.js';
export { TokenTypes } from '../contract/enums.js';

/**
 * Collection that holds tokens made from Figma styles. Styles have no modes, so it has one.
 * Other modules may rely on this id to tell style tokens from variable tokens.
 */
export const STYLES_COLLECTION_ID = 'styles';
export const STYLES_MODE_ID = 'default';
export const stylesCollection = (): Collection => ({
  id: STYLES_COLLECTION_ID,
  name: 'Styles',
  modes: [{ id: STYLES_MODE_ID, name: 'Default' }],
  defaultModeId: STYLES_MODE_ID,
});

/**
 * Path segments of a token: its slash name split. Empty segments (a name like "a//b") are
 * kept, so joining the segments with "/" always gives the name back.
 */
export function tokenPath(token: Pick<Token, 'name'>): string[] {
  return token.name.split('/');
}

/** Lookups over a token set, built once: sets are immutable values passed between modules. */
export interface TokenIndex {
  readonly set: TokenSet;
  readonly tokens: ReadonlyMap<string, Token>;
  readonly collections: ReadonlyMap<string, Collection>;
}

export function indexTokenSet(set: TokenSet): TokenIndex {
  const tokens = new Map<string, Token>();
  // First occurrence wins so that a duplicated id cannot silently replace a token;
  // validateTokenSet reports the duplicate.
  for (const token of set.tokens) if (!tokens.has(token.id)) tokens.set(token.id, token);
  const collections = new Map<string, Collection>();
  for (const collection of set.collections)
    if (!collections.has(collection.id)) collections.set(collection.id, collection);
  return { set, tokens, collections };
}

export function tokenById(index: TokenIndex, id: string): Token | undefined {
  return index.tokens.get(id);
}

export function collectionOf(index: TokenIndex, token: Pick<Token, 'collectionId'>): Collection | undefined {
  return index.collections.get(token.collectionId);
}

/**
 * The modes a token has values for: its collection's modes. When the collection is
 * missing (an invalid set), the token's own mode ids stand in, named by their ids.
 */
export function tokenModes(index: TokenIndex, token: Token): Mode[] {
  const collection = collectionOf(index, token);
  if (collection) return collection.modes;
  return Object.keys(token.valuesByMode).map((id) => ({ id, name: id }));
}

export function defaultModeId(index: TokenIndex, token: Token): string | undefined {
  return collectionOf(index, token)?.defaultModeId ?? Object.keys(token.valuesByMode)[0];
}

/** The token's value in its collection's default mode. */
export function defaultValue(index: TokenIndex, token: Token): ModeValue | undefined {
  const mode = defaultModeId(index, token);
  return mode === undefined ? undefined : token.valuesByMode[mode];
}

export function tokensOfType(set: TokenSet, type: TokenType): Token[] {
  return set.tokens.filter((t) => t.type === type);
}

/**
 * The same set with tokens and collections ordered by id. Array order carries no meaning in
 * a token set (modes keep theirs: the order of modes is meaningful), so comparisons and
 * hashes use this form.
 */
export function sortTokenSet(set: TokenSet): TokenSet {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { ...set, collections: [...set.collections].sort(byId), tokens: [...set.tokens].sort(byId) };
}
