import { describe, expect, it } from 'vitest';
import type { Collection, Token, TokenSet } from '../../../core/contract/tokens.js';
import { aliasChain, indexTokenSet, normalizeFromPluginApi, resolveTokenSet } from '../../../core/tokens/index.js';
import { pluginFixture } from './support/fixtures.js';

const rgb = (hex: string) => ({ colorSpace: 'srgb', components: [0, 0, 0], alpha: 1, hex });
const primitives: Collection = {
  id: 'prim',
  name: 'Primitives',
  modes: [{ id: 'p', name: 'Value' }],
  defaultModeId: 'p',
};
const brand: Collection = {
  id: 'brand',
  name: 'Brand',
  modes: [
    { id: 'b-light', name: 'Light' },
    { id: 'b-dark', name: 'Dark' },
  ],
  defaultModeId: 'b-light',
};
const theme: Collection = {
  id: 'theme',
  name: 'Theme',
  modes: [
    { id: 't-light', name: 'Light' },
    { id: 't-dark', name: 'Dark' },
    { id: 't-hc', name: 'High contrast' },
  ],
  defaultModeId: 't-light',
};
const tok = (id: string, collectionId: string, type: Token['type'], valuesByMode: Token['valuesByMode']): Token => ({
  id,
  name: id,
  collectionId,
  type,
  valuesByMode,
});

const set: TokenSet = {
  collections: [primitives, brand, theme],
  tokens: [
    tok('color/white', 'prim', 'color', { p: rgb('#ffffff') }),
    tok('color/black', 'prim', 'color', { p: rgb('#000000') }),
    tok('color/blue', 'prim', 'color', { p: rgb('#0000ff') }),
    tok('brand/primary', 'brand', 'color', { 'b-light': { alias: 'color/blue' }, 'b-dark': rgb('#8080ff') }),
    // chain of depth 3: theme → brand → primitives, with modes that exist in Brand by name only
    tok('bg', 'theme', 'color', {
      't-light': { alias: 'color/white' },
      't-dark': { alias: 'color/black' },
      't-hc': { alias: 'color/black' },
    }),
    tok('accent', 'theme', 'color', {
      't-light': { alias: 'brand/primary' },
      't-dark': { alias: 'brand/primary' },
      't-hc': { alias: 'brand/primary' },
    }),
    tok('link', 'theme', 'color', {
      't-light': { alias: 'accent' },
      't-dark': { alias: 'accent' },
      't-hc': { alias: 'accent' },
    }),
    tok('space/4', 'prim', 'dimension', { p: { value: 16, unit: 'px' } }),
    tok('gap', 'theme', 'number', { 't-light': { alias: 'space/4' }, 't-dark': 8, 't-hc': 8 }),
    tok('body', 'theme', 'typography', {
      't-light': { fontFamily: 'Inter', fontSize: { alias: 'space/4' }, fontWeight: { alias: 'gap' } },
      't-dark': { fontFamily: 'Inter', fontSize: { alias: 'space/4' }, fontWeight: 400 },
      't-hc': { fontFamily: 'Inter', fontSize: { alias: 'space/4' }, fontWeight: 700 },
    }),
    tok('card', 'theme', 'shadow', {
      't-light': [
        {
          color: { alias: 'link' },
          offsetX: { value: 0, unit: 'px' },
          offsetY: { value: 1, unit: 'px' },
          blur: { alias: 'space/4' },
          spread: { value: 0, unit: 'px' },
        },
      ],
      't-dark': {
        color: { alias: 'bg' },
        offsetX: { value: 0, unit: 'px' },
        offsetY: { value: 1, unit: 'px' },
        blur: { value: 2, unit: 'px' },
        spread: { value: 0, unit: 'px' },
      },
      't-hc': {
        color: { alias: 'bg' },
        offsetX: { value: 0, unit: 'px' },
        offsetY: { value: 1, unit: 'px' },
        blur: { value: 2, unit: 'px' },
        spread: { value: 0, unit: 'px' },
      },
    }),
  ],
};

describe('resolveTokenSet', () => {
  it('resolves every token in every mode of its collection, through chains', () => {
    const { values, errors } = resolveTokenSet(set);
    expect(errors).toEqual([]);
    expect(values.get('bg')).toEqual({ 't-light': rgb('#ffffff'), 't-dark': rgb('#000000'), 't-hc': rgb('#000000') });
    expect(values.get('color/white')).toEqual({ p: rgb('#ffffff') });
  });

  it("uses the target collection's mode of the same name, else its default mode", () => {
    const link = resolveTokenSet(set).values.get('link')!;
    expect(link['t-light']).toEqual(rgb('#0000ff')); // Brand "Light" → alias to primitives (default mode)
    expect(link['t-dark']).toEqual(rgb('#8080ff')); // Brand "Dark", matched by name
    expect(link['t-hc']).toEqual(rgb('#0000ff')); // Brand has no "High contrast": its default, Light
  });

  it("lets the caller fix the mode of a collection, like a Figma frame's explicit mode", () => {
    const link = resolveTokenSet(set, { modes: { brand: 'b-dark' } }).values.get('link')!;
    expect(link['t-light']).toEqual(rgb('#8080ff'));
  });

  it('resolves aliases inside composites and converts numbers and px dimensions where slots need it', () => {
    const { values } = resolveTokenSet(set);
    expect(values.get('gap')).toEqual({ 't-light': 16, 't-dark': 8, 't-hc': 8 });
    expect(values.get('body')!['t-light']).toEqual({
      fontFamily: 'Inter',
      fontSize: { value: 16, unit: 'px' },
      fontWeight: 16,
    });
    expect(values.get('card')!['t-light']).toEqual([
      {
        color: rgb('#0000ff'),
        offsetX: { value: 0, unit: 'px' },
        offsetY: { value: 1, unit: 'px' },
        blur: { value: 16, unit: 'px' },
        spread: { value: 0, unit: 'px' },
      },
    ]);
    expect((values.get('card')!['t-dark'] as { color: unknown }).color).toEqual(rgb('#000000'));
  });

  it('reports a cycle once per token, naming the chain from that token', () => {
    const cyclic: TokenSet = {
      collections: [primitives],
      tokens: [
        tok('color/a', 'prim', 'color', { p: { alias: 'color/b' } }),
        tok('color/b', 'prim', 'color', { p: { alias: 'color/a' } }),
        tok('color/c', 'prim', 'color', { p: { alias: 'color/a' } }),
        tok('self', 'prim', 'color', { p: { alias: 'self' } }),
      ],
    };
    const { errors, values } = resolveTokenSet(cyclic);
    expect(errors.map((e) => e.message)).toEqual([
      'color/a: alias cycle color/a → color/b → color/a',
      'color/b: alias cycle color/b → color/a → color/b',
      'color/c: alias cycle color/c → color/a → color/b → color/a',
      'self: alias cycle self → self',
    ]);
    expect(errors.every((e) => e.kinds.join() === 'alias-cycle')).toBe(true);
    expect(values.get('color/a')).toEqual({});
  });

  it('reports dangling aliases with the chain that leads to them, also from composites', () => {
    const dangling: TokenSet = {
      collections: [primitives],
      tokens: [
        tok('color/a', 'prim', 'color', { p: { alias: 'color/b' } }),
        tok('color/b', 'prim', 'color', { p: { alias: 'VariableID:9:9' } }),
        tok('text', 'prim', 'typography', { p: { fontFamily: 'Inter', fontSize: { alias: 'size/gone' } } }),
      ],
    };
    expect(resolveTokenSet(dangling).errors.map((e) => [e.tokenId, e.message])).toEqual([
      ['color/a', 'color/a: dangling alias color/a → color/b → "VariableID:9:9" (no such token)'],
      ['color/b', 'color/b: dangling alias color/b → "VariableID:9:9" (no such token)'],
      ['text', 'text: dangling alias text [fontSize] → "size/gone" (no such token)'],
    ]);
  });

  it('says in which modes a failure happens when it is not all of them, and a missing mode value', () => {
    const partial: TokenSet = {
      collections: [brand],
      tokens: [
        tok('x', 'brand', 'color', { 'b-light': rgb('#ffffff'), 'b-dark': { alias: 'gone' } }),
        tok('y', 'brand', 'color', { 'b-light': rgb('#ffffff') }),
        tok('z', 'brand', 'color', { 'b-light': rgb('#ffffff'), 'b-dark': { alias: 'y' } }),
      ],
    };
    expect(resolveTokenSet(partial).errors.map((e) => e.message)).toEqual([
      'x: dangling alias x → "gone" (no such token) (in mode "Dark")',
      'y: no value for mode "Dark"',
      'z: alias chain z → y ends at a token with no value for mode "Dark"',
    ]);
  });

  it('resolves the Figma fixture, cross-collection aliases included', () => {
    const { tokens } = normalizeFromPluginApi(pluginFixture());
    const { values, errors } = resolveTokenSet(tokens);
    expect(errors).toEqual([]);
    expect(values.get('VariableID:2:4')).toEqual({
      '2:0': {
        colorSpace: 'srgb',
        components: [0.0392156862745098, 0.4, 0.8980392156862745],
        alpha: 1,
        hex: '#0a66e5',
      },
      '2:1': { colorSpace: 'srgb', components: [1, 0.5019607843137255, 0], alpha: 1, hex: '#ff8000' },
    });
    // a style (one mode "default") resolves bound variables in their default modes
    expect(values.get('S:text-strong,11:3')!.default).toMatchObject({ fontWeight: 700 });
  });
});

describe('aliasChain', () => {
  it('lists the ids from the token to its literal, in one mode', () => {
    const index = indexTokenSet(set);
    expect(aliasChain(index, 'link', { id: 't-light', name: 'Light' })).toEqual([
      'link',
      'accent',
      'brand/primary',
      'color/blue',
    ]);
    expect(aliasChain(index, 'link', { id: 't-dark', name: 'Dark' })).toEqual(['link', 'accent', 'brand/primary']);
  });
});
