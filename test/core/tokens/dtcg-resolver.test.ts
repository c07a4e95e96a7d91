import { describe, expect, it } from 'vitest';
import type { DtcgResolverTokens } from '../../../core/contract/tokens.js';
import { importDtcgResolver } from '../../../core/tokens/index.js';

const color = (hex: string) => ({ $type: 'color', $value: hex });

describe('importDtcgResolver', () => {
  const resolver: DtcgResolverTokens['resolver'] = {
    resolutionOrder: [{ $ref: '#/sets/base' }, { $ref: '#/modifiers/theme' }, { $ref: '#/modifiers/size' }],
    sets: {
      base: {
        sources: [
          { $ref: './base.json' },
          { spacing: { s: { $type: 'dimension', $value: { value: 4, unit: 'px' } } } },
        ],
      },
    },
    modifiers: {
      theme: { contexts: { light: [{ $ref: './light.json' }], dark: [{ $ref: './dark.json' }] }, default: 'light' },
      size: { contexts: { mobile: [{ $ref: './bundle.json#/mobile' }], desktop: [] }, default: 'desktop' },
    },
  };
  const documents: DtcgResolverTokens['documents'] = {
    './base.json': {
      color: { white: color('#ffffff'), black: color('#000000'), bg: { $type: 'color', $value: '{color.white}' } },
      size: { m: { $type: 'dimension', $value: { value: 16, unit: 'px' } } },
    },
    './light.json': { color: { bg: { $type: 'color', $value: '{color.white}' } } },
    './dark.json': { color: { bg: { $type: 'color', $value: '{color.black}' }, accent: color('#3366ff') } },
    // A JSON Pointer after the file names the part of it that is the document.
    './bundle.json': { mobile: { size: { m: { $type: 'dimension', $value: { value: 20, unit: 'px' } } } } },
  };

  it('makes each modifier a collection of its contexts (default first) and the rest "base"', () => {
    const { tokens, warnings, errors } = importDtcgResolver({ format: 'dtcg-resolver', resolver, documents });
    expect(errors).toEqual([]);
    expect(tokens.collections.map((c) => [c.id, c.modes.map((m) => m.name), c.defaultModeId])).toEqual([
      ['base', ['default'], 'default'],
      ['theme', ['light', 'dark'], 'light'],
      ['size', ['desktop', 'mobile'], 'desktop'],
    ]);
    const of = (id: string) => tokens.tokens.find((t) => t.id === id)!;
    expect(of('color.white').collectionId).toBe('base');
    expect(of('spacing.s').collectionId).toBe('base');
    expect(of('color.bg')).toMatchObject({
      collectionId: 'theme',
      valuesByMode: { light: { alias: 'color.white' }, dark: { alias: 'color.black' } },
    });
    // The empty "desktop" context leaves size.m at what the sets give; "mobile" overrides it.
    expect(of('size.m')).toMatchObject({
      collectionId: 'size',
      valuesByMode: { desktop: { value: 16, unit: 'px' }, mobile: { value: 20, unit: 'px' } },
    });
    expect(of('color.accent').collectionId).toBe('theme');
    expect(warnings).toEqual([
      'Token "color.accent" has no value in its default mode "light"; the value of mode "dark" is used',
    ]);
  });

  it('reads sets left out of the resolution order first, with a warning', () => {
    const { tokens, warnings } = importDtcgResolver({
      format: 'dtcg-resolver',
      resolver: {
        resolutionOrder: [{ $ref: '#/sets/b' }],
        sets: { a: { sources: [{ $ref: 'a.json' }] }, b: { sources: [{ $ref: 'b.json' }] } },
      },
      documents: { 'a.json': { x: color('#111111') }, 'b.json': { y: { $type: 'color', $value: '{x}' } } },
    });
    expect(tokens.tokens.map((t) => t.id).sort()).toEqual(['x', 'y']);
    expect(warnings).toEqual([
      'Set "a" is not in the resolution order; its tokens are read first so that references to them resolve',
    ]);
  });

  it('names what it cannot read', () => {
    const { errors } = importDtcgResolver({
      format: 'dtcg-resolver',
      resolver: {
        resolutionOrder: [
          { $ref: '#/sets/a' },
          { $ref: '#/modifiers/nope' },
          { $ref: './x.json' },
          { $ref: '#/modifiers/m' },
        ],
        sets: { a: { sources: [{ $ref: 'missing.json' }] } },
        modifiers: { m: { contexts: { a: [] }, default: 'b' } },
      },
      documents: {},
    });
    expect(errors).toEqual([
      'resolver set "a": $ref "missing.json" is not in "documents"',
      'resolver resolutionOrder[1]: $ref "#/modifiers/nope" names no modifier',
      'resolver resolutionOrder[2]: $ref "./x.json" must point to "#/sets/<name>" or "#/modifiers/<name>"',
      'resolver modifier "m": default "b" is not one of its contexts',
    ]);
  });
});
