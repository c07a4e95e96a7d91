import { describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../core/contract/tokens.js';
import {
  collectionOf,
  defaultModeId,
  defaultValue,
  indexTokenSet,
  sortTokenSet,
  tokenById,
  tokenModes,
  tokenPath,
  tokensOfType,
} from '../../../core/tokens/index.js';

const set: TokenSet = {
  collections: [
    {
      id: 'theme',
      name: 'Theme',
      modes: [
        { id: 'l', name: 'Light' },
        { id: 'd', name: 'Dark' },
      ],
      defaultModeId: 'd',
    },
    { id: 'prim', name: 'Primitives', modes: [{ id: 'v', name: 'Value' }], defaultModeId: 'v' },
  ],
  tokens: [
    {
      id: 't2',
      name: 'color/bg/default',
      collectionId: 'theme',
      type: 'color',
      valuesByMode: { l: { alias: 't1' }, d: { alias: 't1' } },
    },
    {
      id: 't1',
      name: 'color/white',
      collectionId: 'prim',
      type: 'color',
      valuesByMode: { v: { colorSpace: 'srgb', components: [1, 1, 1] } },
    },
    { id: 't3', name: 'orphan', collectionId: 'gone', type: 'number', valuesByMode: { x: 1, y: 2 } },
    { id: 't1', name: 'duplicate', collectionId: 'prim', type: 'number', valuesByMode: { v: 0 } },
  ],
};

describe('model helpers', () => {
  it('tokenPath splits the slash name and joins back to it', () => {
    expect(tokenPath({ name: 'color/bg/default' })).toEqual(['color', 'bg', 'default']);
    expect(tokenPath({ name: 'a//b' })).toEqual(['a', '', 'b']);
    expect(tokenPath({ name: 'single' })).toEqual(['single']);
  });

  it('looks tokens and collections up by id; the first of duplicated ids wins', () => {
    const index = indexTokenSet(set);
    expect(tokenById(index, 't1')!.name).toBe('color/white');
    expect(tokenById(index, 'nope')).toBeUndefined();
    expect(collectionOf(index, set.tokens[0]!)!.name).toBe('Theme');
  });

  it("gives a token its collection's modes and default value, or its own mode ids without a collection", () => {
    const index = indexTokenSet(set);
    expect(tokenModes(index, set.tokens[0]!).map((m) => m.name)).toEqual(['Light', 'Dark']);
    expect(defaultModeId(index, set.tokens[0]!)).toBe('d');
    expect(defaultValue(index, set.tokens[1]!)).toEqual({ colorSpace: 'srgb', components: [1, 1, 1] });
    expect(tokenModes(index, set.tokens[2]!)).toEqual([
      { id: 'x', name: 'x' },
      { id: 'y', name: 'y' },
    ]);
    expect(defaultModeId(index, set.tokens[2]!)).toBe('x');
  });

  it('filters by type and sorts tokens and collections by id, keeping modes in order', () => {
    expect(tokensOfType(set, 'color').map((t) => t.id)).toEqual(['t2', 't1']);
    const sorted = sortTokenSet(set);
    expect(sorted.tokens.map((t) => t.id)).toEqual(['t1', 't1', 't2', 't3']);
    expect(sorted.collections.map((c) => c.id)).toEqual(['prim', 'theme']);
    expect(sorted.collections[1]!.modes.map((m) => m.id)).toEqual(['l', 'd']);
    expect(set.tokens[0]!.id).toBe('t2');
  });
});
