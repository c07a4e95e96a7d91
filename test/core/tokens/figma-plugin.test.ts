import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  STYLES_COLLECTION_ID,
  indexTokenSet,
  normalizeFromPluginApi,
  validateTokenSet,
  variableTokenType,
  type PluginApiInput,
  type PluginCollectionInput,
  type PluginEffectStyleInput,
  type PluginGridStyleInput,
  type PluginPaintStyleInput,
  type PluginTextStyleInput,
  type PluginVariableInput,
  type Token,
} from '../../../core/tokens/index.js';
import { pluginFixture } from './support/fixtures.js';

const normalized = () => normalizeFromPluginApi(pluginFixture());
const byName = (tokens: Token[], name: string) => {
  const t = tokens.find((x) => x.name === name);
  if (!t) throw new Error(`no token ${name}`);
  return t;
};

describe('normalizeFromPluginApi: input types', () => {
  it('accepts the real Plugin API objects and rejects objects missing what it reads (type level)', () => {
    expectTypeOf<Variable>().toExtend<PluginVariableInput>();
    expectTypeOf<VariableCollection>().toExtend<PluginCollectionInput>();
    expectTypeOf<PaintStyle>().toExtend<PluginPaintStyleInput>();
    expectTypeOf<TextStyle>().toExtend<PluginTextStyleInput>();
    expectTypeOf<EffectStyle>().toExtend<PluginEffectStyleInput>();
    expectTypeOf<GridStyle>().toExtend<PluginGridStyleInput>();
    expectTypeOf<{
      variables: Variable[];
      collections: VariableCollection[];
      paintStyles: PaintStyle[];
      textStyles: TextStyle[];
      effectStyles: EffectStyle[];
      gridStyles: GridStyle[];
    }>().toExtend<PluginApiInput>();
    expectTypeOf<Omit<Variable, 'valuesByMode'>>().not.toExtend<PluginVariableInput>();
    expectTypeOf<Omit<TextStyle, 'fontName'>>().not.toExtend<PluginTextStyleInput>();
  });
});

describe('normalizeFromPluginApi: variables', () => {
  it('keeps collections with their modes and default mode, local ones only', () => {
    const { tokens } = normalized();
    expect(tokens.collections.map((c) => c.name)).toEqual(['Primitives', 'Theme', 'Density', 'Styles']);
    expect(tokens.collections[1]).toEqual({
      id: 'VariableCollectionId:2:0',
      name: 'Theme',
      defaultModeId: '2:0',
      modes: [
        { id: '2:0', name: 'Light' },
        { id: '2:1', name: 'Dark' },
      ],
    });
  });

  it('turns 0–1 colors into DTCG srgb colors with a lowercase hex and a separate alpha', () => {
    const blue = byName(normalized().tokens.tokens, 'color/blue/500');
    expect(blue).toMatchObject({
      id: 'VariableID:1:1',
      type: 'color',
      description: 'Brand blue',
      collectionId: 'VariableCollectionId:1:0',
      source: { kind: 'variable', ref: 'v11' },
      scopes: ['ALL_SCOPES'],
    });
    expect(blue.valuesByMode['1:0']).toEqual({
      colorSpace: 'srgb',
      components: [0.0392156862745098, 0.4, 0.8980392156862745],
      alpha: 1,
      hex: '#0a66e5',
    });
  });

  it('types FLOAT by scope: dimensional (and ALL_SCOPES) → px dimension, FONT_WEIGHT → fontWeight, others → number', () => {
    const tokens = normalized().tokens.tokens;
    expect(byName(tokens, 'space/4')).toMatchObject({
      type: 'dimension',
      valuesByMode: { '1:0': { value: 16, unit: 'px' } },
    });
    expect(byName(tokens, 'radius/md').type).toBe('dimension');
    expect(byName(tokens, 'font/size/body').type).toBe('dimension');
    expect(byName(tokens, 'size/icon')).toMatchObject({
      type: 'dimension',
      valuesByMode: { '1:0': { value: 24, unit: 'px' } },
    });
    expect(byName(tokens, 'opacity/disabled')).toMatchObject({ type: 'number', valuesByMode: { '1:0': 0.4 } });
    expect(byName(tokens, 'font/weight/bold')).toMatchObject({ type: 'fontWeight', valuesByMode: { '1:0': 700 } });
    expect(byName(tokens, 'z/modal')).toMatchObject({ type: 'number', valuesByMode: { '1:0': 100 } });
  });

  it('types STRING with FONT_FAMILY as fontFamily, other STRINGs as string, BOOLEAN as boolean', () => {
    const tokens = normalized().tokens.tokens;
    expect(byName(tokens, 'font/family/sans')).toMatchObject({ type: 'fontFamily', valuesByMode: { '1:0': 'Inter' } });
    expect(byName(tokens, 'label/brand')).toMatchObject({ type: 'string', valuesByMode: { '1:0': 'Acme' } });
    expect(byName(tokens, 'feature/new-nav')).toMatchObject({ type: 'boolean', valuesByMode: { '1:0': true } });
  });

  it('keeps aliases unresolved, by variable id, per mode', () => {
    const link = byName(normalized().tokens.tokens, 'border/focus');
    expect(link.valuesByMode).toEqual({
      '2:0': { alias: 'VariableID:2:3' },
      '2:1': { colorSpace: 'srgb', components: [1, 0.5019607843137255, 0], alpha: 1, hex: '#ff8000' },
    });
  });

  it('maps code syntax platforms and keeps hiddenFromPublishing as com.figma metadata', () => {
    const tokens = normalized().tokens.tokens;
    expect(byName(tokens, 'space/4').codeSyntax).toEqual({ web: 'var(--space-4)', ios: 'Space.s4' });
    expect(byName(tokens, 'bg/default').codeSyntax).toEqual({ web: 'var(--bg-default)' });
    expect(byName(tokens, 'color/white').extensions).toEqual({ 'com.figma': { hiddenFromPublishing: true } });
    expect(byName(tokens, 'color/blue/500').codeSyntax).toBeUndefined();
  });

  it('skips what it cannot model with a warning that names it, and never throws', () => {
    const { tokens, warnings } = normalized();
    const names = tokens.tokens.map((t) => t.name);
    expect(names).not.toContain('motion/ease');
    expect(names).not.toContain('color/scrim');
    expect(names).not.toContain('color/orphan');
    expect(names).not.toContain('library/red');
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/motion\/ease.*EASING is not supported/),
        expect.stringMatching(/color\/scrim.*composed color/),
        expect.stringMatching(/color\/orphan.*collection VariableCollectionId:99:0 no longer exists; dropped/),
        expect.stringMatching(/Skipped 1 remote \(library\) variable\(s\)/),
        expect.stringMatching(/Skipped 1 remote \(library\) variable collection/),
      ]),
    );
  });

  it('survives garbage: values that do not fit their type, future variable types, empty input', () => {
    const collection = { id: 'c', name: 'C', remote: false, modes: [{ modeId: 'm', name: 'M' }], defaultModeId: 'm' };
    const base = { key: 'k', description: '', remote: false, scopes: [] as string[], variableCollectionId: 'c' };
    const result = normalizeFromPluginApi({
      collections: [collection],
      variables: [
        { ...base, id: 'a', name: 'a', resolvedType: 'COLOR', valuesByMode: { m: 'red' } },
        { ...base, id: 'b', name: 'b', resolvedType: 'FLOAT', valuesByMode: { m: 3, stale: 4 } },
        { ...base, id: 'c1', name: 'c1', resolvedType: 'HOLOGRAM', valuesByMode: { m: 1 } },
      ],
    });
    expect(result.tokens.tokens.map((t) => t.id)).toEqual(['b']);
    expect(result.tokens.tokens[0]!.valuesByMode).toEqual({ m: 3 });
    expect(result.warnings).toEqual([
      expect.stringMatching(/"a".*"red" does not fit its type/),
      expect.stringMatching(/"b".*unknown mode\(s\) stale ignored/),
      expect.stringMatching(/"c1".*HOLOGRAM is not supported/),
    ]);
    expect(normalizeFromPluginApi({})).toEqual({ tokens: { collections: [], tokens: [] }, warnings: [] });
  });

  it('variableTokenType covers the documented rules', () => {
    expect(variableTokenType('FLOAT', ['ALL_SCOPES'])).toBe('dimension');
    expect(variableTokenType('FLOAT', ['EFFECT_FLOAT', 'OPACITY'])).toBe('dimension');
    expect(variableTokenType('FLOAT', ['FONT_WEIGHT'])).toBe('fontWeight');
    expect(variableTokenType('FLOAT', ['FONT_WEIGHT', 'OPACITY'])).toBe('number');
    expect(variableTokenType('FLOAT', [])).toBe('number');
    expect(variableTokenType('STRING', ['FONT_FAMILY', 'TEXT_CONTENT'])).toBe('fontFamily');
    expect(variableTokenType('TIMING', [])).toBeUndefined();
  });
});

describe('normalizeFromPluginApi: styles', () => {
  it('puts styles in their own one-mode collection', () => {
    const { tokens } = normalized();
    const styles = tokens.tokens.filter((t) => t.collectionId === STYLES_COLLECTION_ID);
    expect(styles.map((t) => t.name)).toEqual([
      'Brand/Primary',
      'Overlay/Scrim',
      'Gradient/Hero',
      'Heading/H1',
      'Body/Regular',
      'Body/Strong',
      'Elevation/Card',
      'Inset/Field',
    ]);
    expect(tokens.collections.at(-1)).toEqual({
      id: 'styles',
      name: 'Styles',
      modes: [{ id: 'default', name: 'Default' }],
      defaultModeId: 'default',
    });
    for (const t of styles) expect(Object.keys(t.valuesByMode)).toEqual(['default']);
  });

  it('paint styles: a solid becomes a color (bound color → alias, opacity → alpha), a gradient a gradient', () => {
    const tokens = normalized().tokens.tokens;
    expect(byName(tokens, 'Brand/Primary')).toMatchObject({
      id: 'S:paint-brand,10:1',
      type: 'color',
      description: 'Primary brand fill',
      source: { kind: 'paintStyle', ref: 'paint-brand' },
      valuesByMode: { default: { alias: 'VariableID:1:1' } },
    });
    expect(byName(tokens, 'Overlay/Scrim').valuesByMode.default).toEqual({
      colorSpace: 'srgb',
      components: [0, 0, 0],
      alpha: 0.5,
      hex: '#000000',
    });
    const hero = byName(tokens, 'Gradient/Hero');
    expect(hero.type).toBe('gradient');
    expect(hero.valuesByMode.default).toEqual([
      { color: { colorSpace: 'srgb', components: [1, 0, 0], alpha: 1, hex: '#ff0000' }, position: 0 },
      { color: { alias: 'VariableID:1:1' }, position: 1 },
    ]);
    expect(hero.extensions).toEqual({ 'com.figma': { paintType: 'GRADIENT_LINEAR' } });
  });

  it('paint styles that are not a single solid or gradient are skipped with a warning naming the paint type', () => {
    const { tokens, warnings } = normalized();
    expect(tokens.tokens.map((t) => t.name)).not.toContain('Photo/Hero');
    expect(tokens.tokens.map((t) => t.name)).not.toContain('Mixed');
    expect(warnings).toContainEqual(expect.stringMatching(/Photo\/Hero.*IMAGE/));
    expect(warnings).toContainEqual(expect.stringMatching(/Mixed.*2 visible paints/));
  });

  it('text styles: typography with weight from the style name and bound variables as aliases', () => {
    const tokens = normalized().tokens.tokens;
    expect(byName(tokens, 'Heading/H1')).toMatchObject({
      type: 'typography',
      description: 'Page titles',
      source: { kind: 'textStyle', ref: 'text-h1' },
      valuesByMode: {
        default: {
          fontFamily: { alias: 'VariableID:1:10' },
          fontSize: { value: 32, unit: 'px' },
          fontWeight: 700,
          lineHeight: { value: 40, unit: 'px' },
          letterSpacing: { value: -0.64, unit: 'px' },
        },
      },
    });
    expect(byName(tokens, 'Body/Regular').valuesByMode.default).toEqual({
      fontFamily: 'Inter',
      fontSize: { alias: 'VariableID:1:11' },
      fontWeight: 400,
      lineHeight: 1.5,
      letterSpacing: { value: 0, unit: 'px' },
    });
    // AUTO line height has no DTCG form and is left out; a bound weight wins over the style name.
    expect(byName(tokens, 'Body/Strong').valuesByMode.default).toEqual({
      fontFamily: 'Inter',
      fontSize: { value: 16, unit: 'px' },
      fontWeight: { alias: 'VariableID:1:9' },
      letterSpacing: { value: 0.5, unit: 'px' },
    });
  });

  it('effect styles: visible shadows in order, several → array, inner shadow → inset, bound fields → aliases', () => {
    const { tokens, warnings } = normalized();
    const card = byName(tokens.tokens, 'Elevation/Card');
    expect(card.type).toBe('shadow');
    const layers = card.valuesByMode.default as unknown[];
    expect(layers).toHaveLength(2);
    expect(layers[1]).toEqual({
      color: { alias: 'VariableID:1:3' },
      offsetX: { value: 0, unit: 'px' },
      offsetY: { value: 8, unit: 'px' },
      blur: { alias: 'VariableID:1:5' },
      spread: { value: -4, unit: 'px' },
      inset: false,
    });
    const field = byName(tokens.tokens, 'Inset/Field');
    expect(field.valuesByMode.default).toMatchObject({ inset: true, blur: { value: 2, unit: 'px' } });
    expect(Array.isArray(field.valuesByMode.default)).toBe(false);
    expect(warnings).toContainEqual(expect.stringMatching(/Inset\/Field.*LAYER_BLUR.*ignored/));
  });

  it('grid styles are skipped with a warning', () => {
    const { tokens, warnings } = normalized();
    expect(tokens.tokens.some((t) => t.name.startsWith('Grid/'))).toBe(false);
    expect(warnings).toContainEqual(expect.stringMatching(/Grid style "Grid\/12 columns".*skipped/));
  });

  it('the normalized fixture is a valid set whose aliases all resolve', () => {
    const { tokens } = normalized();
    expect(validateTokenSet(tokens).errors).toEqual([]);
    expect(indexTokenSet(tokens).tokens.size).toBe(tokens.tokens.length);
  });
});
