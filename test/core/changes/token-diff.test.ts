import { describe, expect, it } from 'vitest';
import { TokenChange } from '../../../core/contract/changes.js';
import { diffTokenSets } from '../../../core/changes/index.js';
import { alias, color, px, tokenSet } from './helpers.js';

const primary = { id: 'V:1', name: 'color/primary', valuesByMode: { m1: color('#0055ff'), m2: color('#3377ff') } };

describe('diffTokenSets', () => {
  it('finds nothing between a set and itself', () => {
    const set = tokenSet([primary]);
    expect(diffTokenSets(set, set)).toEqual([]);
  });

  it('reports added and removed tokens with their values by mode name', () => {
    const before = tokenSet([primary]);
    const after = tokenSet([
      { id: 'V:2', name: 'space/sm', type: 'dimension', valuesByMode: { m1: px(4), m2: px(4) } },
    ]);
    expect(diffTokenSets(before, after)).toEqual([
      {
        kind: 'removed',
        tokenId: 'V:1',
        name: 'color/primary',
        before: { Light: color('#0055ff'), Dark: color('#3377ff') },
      },
      { kind: 'added', tokenId: 'V:2', name: 'space/sm', after: { Light: px(4), Dark: px(4) } },
    ]);
  });

  it('reports one modified change per mode that differs, named by mode', () => {
    const after = tokenSet([{ ...primary, valuesByMode: { m1: color('#0055ff'), m2: color('#0044dd') } }]);
    expect(diffTokenSets(tokenSet([primary]), after)).toEqual([
      {
        kind: 'modified',
        tokenId: 'V:1',
        name: 'color/primary',
        mode: 'Dark',
        before: color('#3377ff'),
        after: color('#0044dd'),
      },
    ]);
  });

  it('compares values canonically (key order does not matter)', () => {
    const reordered = {
      hex: '#0055ff',
      components: (color('#0055ff') as { components: number[] }).components,
      colorSpace: 'srgb',
    };
    const after = tokenSet([{ ...primary, valuesByMode: { m1: reordered, m2: color('#3377ff') } }]);
    expect(diffTokenSets(tokenSet([primary]), after)).toEqual([]);
  });

  it('treats a changed alias target as a modified value', () => {
    const before = tokenSet([{ ...primary, valuesByMode: { m1: alias('V:9'), m2: alias('V:9') } }]);
    const after = tokenSet([{ ...primary, valuesByMode: { m1: alias('V:8'), m2: alias('V:9') } }]);
    expect(diffTokenSets(before, after)).toEqual([
      {
        kind: 'modified',
        tokenId: 'V:1',
        name: 'color/primary',
        mode: 'Light',
        before: alias('V:9'),
        after: alias('V:8'),
      },
    ]);
  });

  it('reports a rename (same id, new name) as renamed, not removed + added', () => {
    const after = tokenSet([{ ...primary, name: 'color/brand' }]);
    expect(diffTokenSets(tokenSet([primary]), after)).toEqual([
      { kind: 'renamed', tokenId: 'V:1', name: 'color/brand', previousName: 'color/primary' },
    ]);
  });

  it('reports type and description changes', () => {
    const before = tokenSet([{ ...primary, description: 'Brand' }]);
    const after = tokenSet([{ ...primary, type: 'string', description: 'Brand colour' }]);
    expect(diffTokenSets(before, after)).toEqual([
      { kind: 'typeChanged', tokenId: 'V:1', name: 'color/primary', before: 'color', after: 'string' },
      { kind: 'descriptionChanged', tokenId: 'V:1', name: 'color/primary', before: 'Brand', after: 'Brand colour' },
    ]);
    expect(diffTokenSets(tokenSet([primary]), before)).toEqual([
      { kind: 'descriptionChanged', tokenId: 'V:1', name: 'color/primary', after: 'Brand' },
    ]);
  });

  it('reports a mode gained or lost as a modified change with one side missing', () => {
    const before = tokenSet([{ ...primary, valuesByMode: { m1: color('#0055ff') } }]);
    expect(diffTokenSets(before, tokenSet([primary]))).toEqual([
      { kind: 'modified', tokenId: 'V:1', name: 'color/primary', mode: 'Dark', after: color('#3377ff') },
    ]);
    expect(diffTokenSets(tokenSet([primary]), before)).toEqual([
      { kind: 'modified', tokenId: 'V:1', name: 'color/primary', mode: 'Dark', before: color('#3377ff') },
    ]);
  });

  it('pairs modes by name when a token moved to a collection with other mode ids', () => {
    const before = tokenSet([primary]);
    const after = {
      collections: [
        {
          id: 'c2',
          name: 'Brand',
          modes: [
            { id: 'x1', name: 'Light' },
            { id: 'x2', name: 'Dark' },
          ],
          defaultModeId: 'x1',
        },
      ],
      tokens: [
        {
          ...primary,
          collectionId: 'c2',
          type: 'color' as const,
          valuesByMode: { x1: color('#0055ff'), x2: color('#000000') },
        },
      ],
    };
    expect(diffTokenSets(before, after)).toEqual([
      {
        kind: 'modified',
        tokenId: 'V:1',
        name: 'color/primary',
        mode: 'Dark',
        before: color('#3377ff'),
        after: color('#000000'),
      },
    ]);
  });

  it('orders changes by token id whatever the input order, and emits valid wire TokenChanges', () => {
    const a = tokenSet([
      { id: 'V:3', name: 'c', valuesByMode: { m1: px(1) } },
      { id: 'V:1', name: 'a', valuesByMode: { m1: px(1) } },
    ]);
    const b = tokenSet([
      { id: 'V:1', name: 'a', valuesByMode: { m1: px(2) } },
      { id: 'V:3', name: 'c', valuesByMode: { m1: px(2) } },
    ]);
    const changes = diffTokenSets(a, b);
    expect(changes.map((c) => c.tokenId)).toEqual(['V:1', 'V:3']);
    for (const c of changes) expect(TokenChange.parse(c)).toEqual(c);
  });
});
