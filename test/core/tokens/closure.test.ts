import { describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../core/contract/tokens.js';
import {
  ClosureCache,
  closureExcess,
  hashTokenSet,
  normalizeFromPluginApi,
  tokenClosure,
  validateTokenSet,
} from '../../../core/tokens/index.js';
import { pluginFixture } from './support/fixtures.js';

const set = () => normalizeFromPluginApi(pluginFixture()).tokens;

describe('tokenClosure', () => {
  it('keeps the given tokens and everything they alias, transitively, in every mode', () => {
    const closure = tokenClosure(set(), ['VariableID:2:4']);
    // border/focus → fg/link → fg/accent → color/blue/500 (Light) and color/blue/700 (Dark)
    expect(closure.tokens.map((t) => t.name)).toEqual([
      'color/blue/500',
      'color/blue/700',
      'fg/accent',
      'fg/link',
      'border/focus',
    ]);
    expect(closure.collections.map((c) => c.name)).toEqual(['Primitives', 'Theme']);
  });

  it('follows aliases inside composite values', () => {
    const closure = tokenClosure(set(), ['S:effect-card,12:1', 'S:text-h1,11:1']);
    expect(closure.tokens.map((t) => t.name).sort()).toEqual([
      'Elevation/Card',
      'Heading/H1',
      'color/gray/900',
      'font/family/sans',
      'space/4',
    ]);
    expect(closure.collections.map((c) => c.id)).toEqual(['VariableCollectionId:1:0', 'styles']);
  });

  it('is self-contained: it validates and resolves on its own', () => {
    const closure = tokenClosure(set(), ['VariableID:3:1', 'S:paint-hero,10:3', 'VariableID:2:1']);
    expect(validateTokenSet(closure).errors).toEqual([]);
  });

  it('ignores unknown ids, keeps dangling aliases dangling, and is empty for no ids', () => {
    const s = set();
    s.tokens.push({
      id: 'x',
      name: 'x',
      collectionId: 'VariableCollectionId:1:0',
      type: 'color',
      valuesByMode: { '1:0': { alias: 'gone' } },
    });
    const closure = tokenClosure(s, ['x', 'nope']);
    expect(closure.tokens.map((t) => t.id)).toEqual(['x']);
    expect(tokenClosure(s, [])).toEqual({ collections: [], tokens: [] });
  });

  it('follows the set as it is now when it changes between calls (the index a set gets is not stale)', () => {
    const s = set();
    expect(tokenClosure(s, ['VariableID:2:4']).tokens.map((t) => t.name)).toContain('color/blue/500');
    // An element replaced in place: border/focus re-pointed to a literal.
    const at = s.tokens.findIndex((t) => t.id === 'VariableID:2:4');
    s.tokens[at] = {
      ...s.tokens[at]!,
      valuesByMode: Object.fromEntries(
        Object.keys(s.tokens[at]!.valuesByMode).map((m) => [
          m,
          { colorSpace: 'srgb', components: [0, 0, 0], alpha: 1, hex: '#000000' },
        ]),
      ),
    };
    expect(tokenClosure(s, ['VariableID:2:4']).tokens.map((t) => t.name)).toEqual(['border/focus']);
    // A token removed and another put where it was: the old id is gone, the new one is found.
    s.tokens[at] = { ...s.tokens[at]!, id: 'replacement', name: 'replacement' };
    expect(tokenClosure(s, ['VariableID:2:4']).tokens).toEqual([]);
    expect(tokenClosure(s, ['replacement']).tokens.map((t) => t.name)).toEqual(['replacement']);
    // The array grown, then swapped for another.
    s.tokens.push({
      id: 'y',
      name: 'y',
      collectionId: 'VariableCollectionId:1:0',
      type: 'color',
      valuesByMode: { '1:0': { alias: 'replacement' } },
    });
    expect(tokenClosure(s, ['y']).tokens.map((t) => t.id)).toEqual(['replacement', 'y']);
    s.tokens = s.tokens.filter((t) => t.id !== 'replacement');
    expect(tokenClosure(s, ['y']).tokens.map((t) => t.id)).toEqual(['y']);
  });
});

describe('ClosureCache and closureExcess', () => {
  /** `length` tokens in one alias chain, t0 a literal. */
  const chain = (length: number): TokenSet => ({
    collections: [{ id: 'c', name: 'C', modes: [{ id: 'm', name: 'M' }], defaultModeId: 'm' }],
    tokens: Array.from({ length }, (_, i) => ({
      id: `t${i}`,
      name: `t${i}`,
      collectionId: 'c',
      type: 'number' as const,
      valuesByMode: { m: i === 0 ? 1 : { alias: `t${i - 1}` } },
    })),
  });

  it('shares one closure object, and one hash, between refs listed in any order or repeated', () => {
    const cache = new ClosureCache(chain(50));
    const a = cache.withHash(['t10', 't40']);
    const b = cache.withHash(['t40', 't10', 't40']);
    expect(b.closure).toBe(a.closure);
    expect(b.hash).toBe(hashTokenSet(tokenClosure(chain(50), ['t40'])));
    expect(a.closure.tokens).toHaveLength(41);
  });

  it('names the first component whose closure passes its cap, with the closure size', () => {
    const excess = closureExcess(
      new ClosureCache(chain(300)),
      [
        { id: 'a', name: 'A', refs: ['t99'] },
        { id: 'b', name: 'B', refs: ['t250'] },
        { id: 'c', name: 'C', refs: ['t299'] },
      ],
      { perComponent: 200, perSync: 10_000 },
    );
    expect(excess).toEqual({ kind: 'component', componentId: 'b', name: 'B', tokens: 251, limit: 200 });
  });

  it('stops counting where the closures added up pass the per-sync cap, naming the component that passed it', () => {
    const components = Array.from({ length: 1000 }, (_, i) => ({ id: `c${i}`, name: `C${i}`, refs: [`t${i % 100}`] }));
    // Closures of 1, 2, …, 100 tokens, repeating: 5,050 a hundred components; the 200th (C199,
    // 100 tokens) brings the sum from 10,000 to 10,100, past the cap; the rest is never counted.
    expect(closureExcess(new ClosureCache(chain(100)), components, { perComponent: 100, perSync: 10_000 })).toEqual({
      kind: 'total',
      total: 10_100,
      limit: 10_000,
      componentId: 'c199',
      name: 'C199',
    });
  });
});
