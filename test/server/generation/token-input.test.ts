import { describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { Token, TokenSet } from '../../../core/contract/tokens.js';
import { canonicalTokens } from '../../../server/services/generation/token-input.js';

const collection = { id: 'c', name: 'C', modes: [{ id: 'm', name: 'M' }], defaultModeId: 'm' };
const red = { colorSpace: 'srgb', components: [1, 0, 0], alpha: 1, hex: '#ff0000' };
const tok = (id: string, value: Token['valuesByMode'][string], over: Partial<Token> = {}): Token => ({
  id,
  name: id,
  collectionId: 'c',
  type: 'color',
  valuesByMode: { m: value },
  ...over,
});
const binding = (...ids: string[]): ComponentSpec => ({
  id: '1:1',
  name: 'Box',
  props: [],
  variants: ids.map((id, i) => ({ id: `1:${i + 2}`, values: {}, bindings: { fill: id } })),
});

describe('canonicalTokens: what a sync keeps of a set with problems no component reaches', () => {
  it('keeps the first of two tokens with one id (what aliases it still resolves)', () => {
    const set: TokenSet = {
      collections: [collection],
      tokens: [tok('a', red), tok('a', red, { name: 'a2' }), tok('b', { alias: 'a' })],
    };
    const { tokens, warnings } = canonicalTokens(set, [binding('b')]);
    expect(tokens.tokens.map((t) => t.name)).toEqual(['a', 'b']);
    expect(warnings).toEqual([
      'a2: id "a" is used by more than one token (left out of tokens.css; the first token with this id is kept)',
    ]);
  });

  it('leaves out a token with no collection and, once it is gone, what aliases it', () => {
    const set: TokenSet = {
      collections: [collection],
      tokens: [tok('x', red, { collectionId: 'gone' }), tok('y', { alias: 'x' }), tok('z', red)],
    };
    const { tokens, warnings } = canonicalTokens(set, [binding('z')]);
    expect(tokens.tokens.map((t) => t.id)).toEqual(['z']);
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['x', 'y']);
    expect(warnings.every((w) => w.endsWith('(left out of tokens.css)'))).toBe(true);
  });
});
