import { describe, expect, it } from 'vitest';
import type { Collection, Token, TokenSet } from '../../../core/contract/tokens.js';
import {
  aliasChain,
  collectAliasTargets,
  indexTokenSet,
  resolveTokenSet,
  tokenClosure,
  validateTokenSet,
} from '../../../core/tokens/index.js';

/*
 * Alias chains and nesting are walked without recursion: a chain or a cycle of 20,000 tokens, or a
 * value nested 20,000 deep, gives an answer (a value or an issue), never a RangeError.
 */
const N = 20_000;
const prim: Collection = { id: 'prim', name: 'Primitives', modes: [{ id: 'p', name: 'Value' }], defaultModeId: 'p' };
const tok = (id: string, type: Token['type'], value: Token['valuesByMode'][string]): Token => ({
  id,
  name: id,
  collectionId: 'prim',
  type,
  valuesByMode: { p: value },
});
const red = { colorSpace: 'srgb', components: [1, 0, 0], alpha: 1, hex: '#ff0000' };

function chain(end: Token['valuesByMode'][string], type: Token['type'] = 'color'): TokenSet {
  const tokens = Array.from({ length: N }, (_, i) => tok(`c/${i}`, type, i === N - 1 ? end : { alias: `c/${i + 1}` }));
  return { collections: [prim], tokens };
}

describe('alias chains of 20,000 tokens', () => {
  it('resolve and validate', () => {
    const set = chain(red);
    const resolved = resolveTokenSet(set);
    expect(resolved.errors).toEqual([]);
    expect(resolved.values.get('c/0')).toEqual({ p: red });
    expect(validateTokenSet(set).errors).toEqual([]);
    expect(aliasChain(indexTokenSet(set), 'c/0', prim.modes[0]!)).toHaveLength(N);
    expect(tokenClosure(set, ['c/0']).tokens).toHaveLength(N);
  });

  it('report a dangling end with a shortened chain', () => {
    const { errors } = resolveTokenSet(chain({ alias: 'gone' }));
    expect(errors).toHaveLength(N);
    const first = errors[0]!.message;
    expect(first).toMatch(/^c\/0: dangling alias c\/0 → c\/1 → .* → … → .* → c\/19999 → "gone" \(no such token\)$/);
    expect(first.length).toBeLessThan(400);
  });

  it('report a 20,000-long cycle once per token, from that token', () => {
    const set = chain({ alias: 'c/0' });
    const { errors } = validateTokenSet(set);
    expect(errors).toHaveLength(N);
    expect(errors.every((e) => e.kinds.includes('alias-cycle'))).toBe(true);
    expect(errors[0]!.message).toMatch(/^c\/0: alias cycle c\/0 → c\/1 → .* → … → .* → c\/19999 → c\/0$/);
    expect(errors[5]!.message).toMatch(/^c\/5: alias cycle c\/5 → c\/6 → .* → … → .* → c\/4 → c\/5$/);
  });

  it('resolve through 20,000 composite hops (a shadow layer aliasing the next shadow)', () => {
    const layer = {
      color: red,
      offsetX: { value: 0, unit: 'px' },
      offsetY: { value: 1, unit: 'px' },
      blur: { value: 2, unit: 'px' },
      spread: { value: 0, unit: 'px' },
    };
    const tokens = Array.from({ length: N }, (_, i) =>
      tok(`s/${i}`, 'shadow', i === N - 1 ? layer : [{ alias: `s/${i + 1}` }]),
    );
    const set: TokenSet = { collections: [prim], tokens };
    const resolved = resolveTokenSet(set);
    expect(resolved.errors).toEqual([]);
    expect(validateTokenSet(set).errors).toEqual([]);
  });
});

describe('values nested 20,000 deep', () => {
  const deep = (leaf: unknown): unknown => {
    let v: unknown = leaf;
    for (let i = 0; i < N; i++) v = [v];
    return v;
  };

  it('are walked for aliases', () => {
    expect(collectAliasTargets(deep({ alias: 'x' }) as never)).toEqual(['x']);
  });

  it('are reported as invalid values, not thrown', () => {
    const set: TokenSet = {
      collections: [prim],
      tokens: [tok('odd', 'string', deep('x') as never), tok('odd2', 'string', deep({ alias: 'gone' }) as never)],
    };
    const { errors } = validateTokenSet(set);
    expect(errors.map((e) => [e.tokenId, e.kinds])).toEqual([
      ['odd', ['invalid-value']],
      ['odd2', ['dangling-alias']],
    ]);
  });
});
