import { describe, expect, it } from 'vitest';
import { DtcgTokens as DtcgTokensSchema, type DtcgTokens, type TokenSet } from '../../../core/contract/tokens.js';
import {
  exportDtcg,
  importDtcg,
  normalizeFromPluginApi,
  resolveTokenSet,
  sortTokenSet,
  stylesCollection,
  validateTokenSet,
  type Token,
} from '../../../core/tokens/index.js';
import { pluginFixture } from './support/fixtures.js';

type Json = Record<string, unknown>;
const roundTrip = (set: TokenSet) => importDtcg(exportDtcg(set));
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Structural DTCG 2025.10 checks on a document: names, and $type + $value on every token. */
function dtcgProblems(doc: unknown, path: string[] = []): string[] {
  const problems: string[] = [];
  if (!isObject(doc)) return [`${path.join('.')}: not an object`];
  if ('$value' in doc) {
    if (typeof doc.$type !== 'string') problems.push(`${path.join('.')}: no $type`);
    return problems;
  }
  for (const [key, child] of Object.entries(doc)) {
    if (key.startsWith('$') && key !== '$root') continue;
    if (key !== '$root' && !/^[^${}.][^{}.]*$/.test(key)) problems.push(`${[...path, key].join('.')}: invalid name`);
    problems.push(...dtcgProblems(child, [...path, key]));
  }
  return problems;
}

/** What a DTCG tool that ignores our metadata sees. */
function withoutFigmaMetadata(input: DtcgTokens): DtcgTokens {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) if (k !== '$extensions') out[k] = strip(v);
    return out;
  };
  return {
    ...input,
    modes: input.modes.map((m) => ({
      ...m,
      documents: m.documents.map((d) => strip(d) as Json) as typeof m.documents,
    })),
  };
}

const dtcgOrigin: DtcgTokens = {
  format: 'dtcg',
  collectionName: 'acme',
  modes: [
    {
      name: 'light',
      documents: [
        {
          color: {
            $type: 'color',
            base: {
              white: { $value: '#ffffff' },
              ink: { $value: { colorSpace: 'oklch', components: [0.2, 0.02, 260], alpha: 1 } },
            },
            accent: { $root: { $value: '{color.base.ink}' }, soft: { $value: '#8080ff', $deprecated: 'use accent' } },
            bg: {
              $value: '{color.base.white}',
              $description: 'page',
              $extensions: { 'org.acme': { tier: 2 }, 'com.figma': { scopes: ['FRAME_FILL'] } },
            },
          },
          size: { $type: 'dimension', sm: { $value: '4px' }, md: { $value: { value: 0.5, unit: 'rem' } } },
          text: {
            body: {
              $type: 'typography',
              $value: {
                fontFamily: ['Inter', 'sans-serif'],
                fontSize: '{size.md}',
                fontWeight: 'regular',
                letterSpacing: '0px',
                lineHeight: 1.5,
              },
            },
          },
          elevation: {
            $type: 'shadow',
            $value: [{ color: '{color.base.ink}', offsetX: '0px', offsetY: '1px', blur: '2px', spread: '0px' }],
          },
          motion: {
            $type: 'transition',
            $value: { duration: '100ms', delay: '0ms', timingFunction: [0.4, 0, 0.2, 1] },
          },
        },
      ],
    },
    {
      name: 'dark',
      documents: [
        {
          color: {
            $type: 'color',
            base: {
              white: { $value: '#ffffff' },
              ink: { $value: { colorSpace: 'oklch', components: [0.9, 0.02, 260], alpha: 1 } },
            },
            accent: { $root: { $value: '{color.base.white}' }, soft: { $value: '#202060', $deprecated: 'use accent' } },
            bg: {
              $value: '{color.base.ink}',
              $description: 'page',
              $extensions: { 'org.acme': { tier: 2 }, 'com.figma': { scopes: ['FRAME_FILL'] } },
            },
          },
          size: { $type: 'dimension', sm: { $value: '4px' }, md: { $value: { value: 0.5, unit: 'rem' } } },
          text: {
            body: {
              $type: 'typography',
              $value: {
                fontFamily: ['Inter', 'sans-serif'],
                fontSize: '{size.md}',
                fontWeight: 'regular',
                letterSpacing: '0px',
                lineHeight: 1.5,
              },
            },
          },
          elevation: {
            $type: 'shadow',
            $value: [{ color: '{color.base.ink}', offsetX: '0px', offsetY: '1px', blur: '2px', spread: '0px' }],
          },
          motion: {
            $type: 'transition',
            $value: { duration: '100ms', delay: '0ms', timingFunction: [0.4, 0, 0.2, 1] },
          },
        },
      ],
    },
  ],
};

describe('exportDtcg → importDtcg round trip', () => {
  it('gives back an equal set for a set that came from DTCG, as plain documents per mode', () => {
    const imported = importDtcg(dtcgOrigin);
    expect(imported.warnings).toEqual([]);
    expect(validateTokenSet(imported.tokens).errors).toEqual([]);
    const exported = exportDtcg(imported.tokens);
    expect(DtcgTokensSchema.safeParse(exported).success).toBe(true);
    expect(exported.collectionName).toBe('acme');
    expect(exported.modes.map((m) => m.name)).toEqual(['light', 'dark']);
    const light = exported.modes[0]!.documents[0]!;
    expect(light.$extensions).toBeUndefined();
    expect(dtcgProblems(light)).toEqual([]);
    expect((light.color as Json).accent).toMatchObject({ $root: { $type: 'color', $value: '{color.base.ink}' } });
    // the only metadata left is what DTCG has no field for
    expect(((light.color as Json).bg as Json).$extensions).toEqual({
      'org.acme': { tier: 2 },
      'com.figma': { scopes: ['FRAME_FILL'] },
    });

    const back = importDtcg(exported);
    expect(back.warnings).toEqual([]);
    expect(sortTokenSet(back.tokens)).toEqual(sortTokenSet(imported.tokens));
  });

  it('gives back an equal set for a set that came from Figma: ids, names, collections, modes, scopes, styles', () => {
    const figma = normalizeFromPluginApi(pluginFixture()).tokens;
    const exported = exportDtcg(figma);
    expect(DtcgTokensSchema.safeParse(exported).success).toBe(true);
    const back = importDtcg(exported);
    expect(back.warnings).toEqual([]);
    expect(sortTokenSet(back.tokens)).toEqual(sortTokenSet(figma));
    expect(back.tokens.collections).toEqual(figma.collections);
  });

  it('writes Figma sets as one complete DTCG document per mode name, collections as groups', () => {
    const figma = normalizeFromPluginApi(pluginFixture()).tokens;
    const exported = exportDtcg(figma);
    // default modes first, then the others, one document each
    expect(exported.modes.map((m) => m.name)).toEqual(['Value', 'Light', 'Comfortable', 'Default', 'Dark', 'Compact']);
    const dark = exported.modes.find((m) => m.name === 'Dark')!.documents[0]!;
    expect(dtcgProblems(dark)).toEqual([]);
    expect(Object.keys(dark)).toEqual(['$extensions', 'Primitives', 'Theme', 'Density', 'Styles']);
    const bg = ((dark.Theme as Json).bg as Json).default as Json;
    expect(bg).toMatchObject({
      $type: 'color',
      $value: '{Primitives.color.gray.900}',
      $description: 'Page background',
      $extensions: {
        'com.figma': {
          id: 'VariableID:2:1',
          name: 'bg/default',
          collectionId: 'VariableCollectionId:2:0',
          codeSyntax: { web: 'var(--bg-default)' },
        },
      },
    });
    // a collection without a "Dark" mode contributes its default mode to the Dark document
    const padding = ((dark.Density as Json).control as Json).padding as Json;
    expect(padding.$value).toBe('{Primitives.space.4}');
  });

  it('produces documents a DTCG tool without our metadata can still resolve completely', () => {
    const figma = normalizeFromPluginApi(pluginFixture()).tokens;
    const plain = importDtcg(withoutFigmaMetadata(exportDtcg(figma)));
    expect(plain.warnings).toEqual([]);
    expect(validateTokenSet(plain.tokens).errors).toEqual([]);
    const resolved = resolveTokenSet(plain.tokens).values.get('Theme.bg.default')!;
    expect(resolved.Dark).toMatchObject({ hex: '#111318' });
    expect(resolved.Light).toMatchObject({ hex: '#ffffff' });
  });
});

describe('exportDtcg: names DTCG cannot hold', () => {
  const collection = {
    id: 'VariableCollectionId:1:0',
    name: 'Base',
    modes: [{ id: '1:0', name: 'Mode 1' }],
    defaultModeId: '1:0',
  };
  const num = (id: string, name: string, value: Token['valuesByMode'][string], extra: Partial<Token> = {}): Token => ({
    id,
    name,
    collectionId: collection.id,
    type: 'number',
    valuesByMode: { '1:0': value },
    source: { kind: 'variable' },
    ...extra,
  });

  it('makes keys valid, moves a token that is also a group to $root, suffixes clashes, and keeps the true names', () => {
    const set: TokenSet = {
      collections: [collection, stylesCollection()],
      tokens: [
        num('v1', 'space/0.5', 2),
        num('v2', 'odd/{braces}/$dollar', 3),
        num('v3', 'button/bg', 4),
        num('v4', 'button/bg/hover', { alias: 'v3' }),
        num('v5', 'empty//segment', 5),
        {
          id: 'S:a,1:1',
          name: 'Brand',
          collectionId: 'styles',
          type: 'color',
          source: { kind: 'paintStyle', ref: 'a' },
          valuesByMode: { default: { colorSpace: 'srgb', components: [1, 0, 0], alpha: 1, hex: '#ff0000' } },
        },
        {
          id: 'S:b,1:2',
          name: 'Brand',
          collectionId: 'styles',
          type: 'typography',
          source: { kind: 'textStyle', ref: 'b' },
          valuesByMode: { default: { fontFamily: 'Inter', fontSize: { alias: 'v1' } } },
        },
        num('v6', 'dangling', { alias: 'VariableID:404' }),
      ],
    };
    const exported = exportDtcg(set);
    const doc = exported.modes[0]!.documents[0]!;
    expect(dtcgProblems(doc)).toEqual([]);
    const base = doc.Base as Json;
    expect(Object.keys(base.space as Json)).toEqual(['0_5']);
    expect(Object.keys((base.odd as Json)._braces_ as Json)).toEqual(['_dollar']);
    expect(Object.keys((base.button as Json).bg as Json)).toEqual(['$root', 'hover']);
    expect(((base.button as Json).bg as Json).hover).toMatchObject({ $value: '{Base.button.bg.$root}' });
    expect(Object.keys(doc.Styles as Json)).toEqual(['Brand', 'Brand~2']);
    expect(((doc.Styles as Json)['Brand~2'] as Json).$value).toMatchObject({ fontSize: '{Base.space.0_5}' });

    const back = importDtcg(exported);
    expect(back.warnings).toEqual([]);
    expect(sortTokenSet(back.tokens)).toEqual(sortTokenSet(set));
  });

  it('exports an empty set to a document that imports back empty', () => {
    const exported = exportDtcg({ collections: [], tokens: [] });
    expect(DtcgTokensSchema.safeParse(exported).success).toBe(true);
    expect(importDtcg(exported).tokens).toEqual({ collections: [], tokens: [] });
  });

  it('keeps collections whose modes repeat a name apart', () => {
    const twice = {
      id: 'c',
      name: 'C',
      modes: [
        { id: 'a', name: 'Same' },
        { id: 'b', name: 'Same' },
      ],
      defaultModeId: 'a',
    };
    const set: TokenSet = {
      collections: [twice],
      tokens: [
        {
          id: 'x',
          name: 'x',
          collectionId: 'c',
          type: 'number',
          valuesByMode: { a: 1, b: 2 },
          source: { kind: 'variable' },
        },
      ],
    };
    expect(exportDtcg(set).modes.map((m) => m.name)).toEqual(['Same (a)', 'Same (b)']);
    expect(roundTrip(set).tokens).toEqual(set);
  });
});
