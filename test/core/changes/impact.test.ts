import { describe, expect, it } from 'vitest';
import type { TokenChange } from '../../../core/contract/changes.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { affectedComponents, aliasDependents, diffTokenSets, tokenNameLookup } from '../../../core/changes/index.js';
import { alias, color, px, tokenSet } from './helpers.js';

const spec = (id: string, bindings: Record<string, string>, tokenRefs?: string[]): ComponentSpec => ({
  id,
  name: `C${id}`,
  props: [],
  variants: [{ id, values: {}, bindings }],
  ...(tokenRefs ? { tokenRefs } : {}),
});

// button binds A; A aliases B in Dark only; B aliases C (inside a composite in Light).
const before = tokenSet([
  { id: 'A', name: 'button/bg', valuesByMode: { m1: color('#ffffff'), m2: alias('B') } },
  { id: 'B', name: 'brand/bg', valuesByMode: { m1: { color: alias('C'), width: px(1) }, m2: color('#000000') } },
  { id: 'C', name: 'blue/500', valuesByMode: { m1: color('#0055ff'), m2: color('#0055ff') } },
  { id: 'D', name: 'gray/100', valuesByMode: { m1: color('#eeeeee'), m2: color('#eeeeee') } },
  { id: 'X', name: 'loop/x', valuesByMode: { m1: alias('Y'), m2: alias('Y') } },
  { id: 'Y', name: 'loop/y', valuesByMode: { m1: alias('X'), m2: alias('X') } },
]);

const changed = (id: string): TokenChange => ({
  kind: 'modified',
  tokenId: id,
  name: id,
  mode: 'Light',
  before: 1,
  after: 2,
});

describe('affectedComponents', () => {
  const button = spec('1', { fill: 'A' });
  const card = spec('2', { fill: 'D' });
  const badge = spec('3', { fill: 'C' });
  const looped = spec('4', { fill: 'X' });

  it('maps alias edges in every mode and inside composite values', () => {
    const deps = aliasDependents(before);
    expect([...deps.get('B')!]).toEqual(['A']);
    expect([...deps.get('C')!]).toEqual(['B']);
  });

  it('finds components through alias chains and only those', () => {
    const impacts = affectedComponents([changed('C')], [button, card, badge], before);
    expect(impacts.map((i) => i.componentId)).toEqual(['1', '3']);
    expect(impacts[0]!.via).toEqual({ C: ['A'] });
    expect(impacts[1]!.via).toEqual({ C: ['C'] });
  });

  it('returns per component only its relevant changes, in input order', () => {
    const changes = [changed('D'), changed('B'), changed('C')];
    const impacts = affectedComponents(changes, [button, card], before);
    expect(impacts).toEqual([
      { componentId: '1', componentName: 'C1', changes: [changed('B'), changed('C')], via: { B: ['A'], C: ['A'] } },
      { componentId: '2', componentName: 'C2', changes: [changed('D')], via: { D: ['D'] } },
    ]);
  });

  it('includes removed tokens, using alias edges of the before set', () => {
    const after = tokenSet(
      before.tokens
        .filter((t) => t.id !== 'B')
        .map((t) => (t.id === 'A' ? { ...t, valuesByMode: { m1: color('#ffffff'), m2: alias('D') } } : t)),
    );
    const changes = diffTokenSets(before, after);
    expect(changes.map((c) => `${c.kind}:${c.tokenId}`)).toEqual(['modified:A', 'removed:B']);
    const [impact] = affectedComponents(changes, [button], [before, after]);
    expect(impact!.changes.map((c) => c.kind)).toEqual(['modified', 'removed']);
  });

  it('survives alias cycles', () => {
    const impacts = affectedComponents([changed('Y')], [looped], before);
    expect(impacts[0]!.via).toEqual({ Y: ['X'] });
  });

  it('uses tokenRefs when given and computes them when absent', () => {
    const withRefs = spec('5', {}, ['C']);
    expect(affectedComponents([changed('C')], [withRefs], before).map((i) => i.componentId)).toEqual(['5']);
    expect(affectedComponents([], [withRefs], before)).toEqual([]);
  });

  it('looks token names up across sets, later sets winning', () => {
    const renamed = tokenSet([{ id: 'A', name: 'button/background' }]);
    const name = tokenNameLookup(before, renamed);
    expect(name('A')).toBe('button/background');
    expect(name('C')).toBe('blue/500');
    expect(name('nope')).toBeUndefined();
  });
});
