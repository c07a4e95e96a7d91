import { describe, expect, it } from 'vitest';
import { normalizeFromPluginApi, tokenClosure, validateTokenSet } from '../../../core/tokens/index.js';
import { pluginFixture } from './support/fixtures.js';

const set = () => normalizeFromPluginApi(pluginFixture()).tokens;

describe('tokenClosure', () => {
  it('keeps the given tokens and everything they alias, transitively, in every mode', () => {
    const closure = tokenClosure(set(), ['VariableID:2:4']);
    // border/focus → fg/link → fg/accent → color/blue/500 (Light) and color/blue/700 (Dark)
    expect(closure.tokens.map((t) => t.name)).toEqual(['color/blue/500', 'color/blue/700', 'fg/accent', 'fg/link', 'border/focus']);
    expect(closure.collections.map((c) => c.name)).toEqual(['Primitives', 'Theme']);
  });

  it('follows aliases inside composite values', () => {
    const closure = tokenClosure(set(), ['S:effect-card,12:1', 'S:text-h1,11:1']);
    expect(closure.tokens.map((t) => t.name).sort()).toEqual(['Elevation/Card', 'Heading/H1', 'color/gray/900', 'font/family/sans', 'space/4']);
    expect(closure.collections.map((c) => c.id)).toEqual(['VariableCollectionId:1:0', 'styles']);
  });

  it('is self-contained: it validates and resolves on its own', () => {
    const closure = tokenClosure(set(), ['VariableID:3:1', 'S:paint-hero,10:3', 'VariableID:2:1']);
    expect(validateTokenSet(closure).errors).toEqual([]);
  });

  it('ignores unknown ids, keeps dangling aliases dangling, and is empty for no ids', () => {
    const s = set();
    s.tokens.push({ id: 'x', name: 'x', collectionId: 'VariableCollectionId:1:0', type: 'color', valuesByMode: { '1:0': { alias: 'gone' } } });
    const closure = tokenClosure(s, ['x', 'nope']);
    expect(closure.tokens.map((t) => t.id)).toEqual(['x']);
    expect(tokenClosure(s, [])).toEqual({ collections: [], tokens: [] });
  });

  it('follows the set as it is now when it changes between calls (the index a set gets is not stale)', () => {
    const s = set();
    expect(tokenClosure(s, ['VariableID:2:4']).tokens.map((t) => t.name)).toContain('color/blue/500');
    // An element replaced in place: border/focus re-pointed to a literal.
    const at = s.tokens.findIndex((t) => t.id === 'VariableID:2:4');
    s.tokens[at] = { ...s.tokens[at]!, valuesByMode: Object.fromEntries(Object.keys(s.tokens[at]!.valuesByMode).map((m) => [m, { colorSpace: 'srgb', components: [0, 0, 0], alpha: 1, hex: '#000000' }])) };
    expect(tokenClosure(s, ['VariableID:2:4']).tokens.map((t) => t.name)).toEqual(['border/focus']);
    // A token removed and another put where it was: the old id is gone, the new one is found.
    s.tokens[at] = { ...s.tokens[at]!, id: 'replacement', name: 'replacement' };
    expect(tokenClosure(s, ['VariableID:2:4']).tokens).toEqual([]);
    expect(tokenClosure(s, ['replacement']).tokens.map((t) => t.name)).toEqual(['replacement']);
    // The array grown, then swapped for another.
    s.tokens.push({ id: 'y', name: 'y', collectionId: 'VariableCollectionId:1:0', type: 'color', valuesByMode: { '1:0': { alias: 'replacement' } } });
    expect(tokenClosure(s, ['y']).tokens.map((t) => t.id)).toEqual(['replacement', 'y']);
    s.tokens = s.tokens.filter((t) => t.id !== 'replacement');
    expect(tokenClosure(s, ['y']).tokens.map((t) => t.id)).toEqual(['y']);
  });
});
