import { describe, expect, it } from 'vitest';
import type { DtcgTokens } from '../../../core/contract/tokens.js';
import { importDtcg, validateTokenSet, type Token } from '../../../core/tokens/index.js';

type Doc = DtcgTokens['modes'][number]['documents'][number];
const single = (...documents: Doc[]): DtcgTokens => ({ format: 'dtcg', modes: [{ name: 'default', documents }] });
const token = (tokens: Token[], id: string) => {
  const t = tokens.find((x) => x.id === id);
  if (!t) throw new Error(`no token ${id}; have ${tokens.map((x) => x.id).join(', ')}`);
  return t;
};
const value = (tokens: Token[], id: string, mode = 'default') => token(tokens, id).valuesByMode[mode];

describe('importDtcg: structure', () => {
  it('walks groups, takes ids from dot paths and names from slash paths, one collection named after the input', () => {
    const { tokens, warnings } = importDtcg({
      format: 'dtcg',
      collectionName: 'brand',
      modes: [{ name: 'light', documents: [{ color: { blue: { 500: { $type: 'color', $value: '#0a66e5' } } } }] }],
    });
    expect(warnings).toEqual([]);
    expect(tokens.collections).toEqual([
      { id: 'brand', name: 'brand', modes: [{ id: 'light', name: 'light' }], defaultModeId: 'light' },
    ]);
    expect(tokens.tokens).toEqual([
      {
        id: 'color.blue.500',
        name: 'color/blue/500',
        collectionId: 'brand',
        type: 'color',
        source: { kind: 'file' },
        valuesByMode: {
          light: { colorSpace: 'srgb', components: [10 / 255, 102 / 255, 229 / 255], alpha: 1, hex: '#0a66e5' },
        },
      },
    ]);
    expect(importDtcg(single({ a: { $type: 'number', $value: 1 } })).tokens.collections[0]!.id).toBe('tokens');
  });

  it('inherits $type from the nearest group and lets a token override it', () => {
    const { tokens } = importDtcg(
      single({
        $type: 'number',
        size: { $type: 'dimension', sm: { $value: { value: 4, unit: 'px' } }, ratio: { $type: 'number', $value: 1.5 } },
        z: { $value: 10 },
      }),
    );
    expect(token(tokens.tokens, 'size.sm').type).toBe('dimension');
    expect(token(tokens.tokens, 'size.ratio').type).toBe('number');
    expect(token(tokens.tokens, 'z').type).toBe('number');
  });

  it('reads $root tokens: id keeps $root (as references write it), the name does not', () => {
    const { tokens } = importDtcg(
      single({
        color: { accent: { $type: 'color', $root: { $value: '#ff0000' }, light: { $value: '#ff8080' } } },
        ref: { $type: 'color', $value: '{color.accent.$root}' },
      }),
    );
    expect(token(tokens.tokens, 'color.accent.$root').name).toBe('color/accent');
    expect(token(tokens.tokens, 'color.accent.light').name).toBe('color/accent/light');
    expect(value(tokens.tokens, 'ref')).toEqual({ alias: 'color.accent.$root' });
  });

  it('keeps $description, $deprecated (inherited from groups) and $extensions; pulls modelled com.figma fields out', () => {
    const { tokens } = importDtcg(
      single({
        old: {
          $deprecated: 'use new',
          $type: 'number',
          a: { $value: 1, $description: 'the a' },
          b: { $value: 2, $deprecated: false },
        },
        c: {
          $type: 'number',
          $value: 3,
          $extensions: {
            'org.example': { x: 1 },
            'com.figma': {
              scopes: ['GAP'],
              codeSyntax: { web: 'var(--c)' },
              hiddenFromPublishing: true,
              source: { kind: 'variable', ref: 'k' },
            },
          },
        },
      }),
    );
    expect(token(tokens.tokens, 'old.a')).toMatchObject({ description: 'the a', deprecated: 'use new' });
    expect(token(tokens.tokens, 'old.b').deprecated).toBe(false);
    expect(token(tokens.tokens, 'c')).toMatchObject({
      scopes: ['GAP'],
      codeSyntax: { web: 'var(--c)' },
      source: { kind: 'variable', ref: 'k' },
      extensions: { 'org.example': { x: 1 }, 'com.figma': { hiddenFromPublishing: true } },
    });
  });

  it('merges the documents of a mode in order: groups merge, a later token definition wins, $extensions merge', () => {
    const { tokens } = importDtcg(
      single(
        {
          color: {
            $type: 'color',
            a: { $value: '#000000', $description: 'first', $extensions: { 'x.y': { one: 1 } } },
            b: { $value: '#111111' },
          },
        },
        { color: { a: { $value: '#ffffff', $extensions: { 'x.y': { two: 2 } } }, c: { $value: '#222222' } } },
      ),
    );
    expect(tokens.tokens.map((t) => t.id)).toEqual(['color.a', 'color.b', 'color.c']);
    expect(token(tokens.tokens, 'color.a')).toMatchObject({
      description: 'first',
      extensions: { 'x.y': { one: 1, two: 2 } },
      valuesByMode: { default: { hex: '#ffffff' } },
    });
    expect(token(tokens.tokens, 'color.c').type).toBe('color');
  });

  it('group $extends inherits the members of another group, own members winning', () => {
    const { tokens } = importDtcg(
      single({
        base: { $type: 'dimension', sm: { $value: '4px' }, md: { $value: '8px' } },
        dense: { $extends: '{base}', md: { $value: '6px' } },
      }),
    );
    expect(value(tokens.tokens, 'dense.sm')).toEqual({ value: 4, unit: 'px' });
    expect(value(tokens.tokens, 'dense.md')).toEqual({ value: 6, unit: 'px' });
    expect(token(tokens.tokens, 'dense.md').type).toBe('dimension');
  });

  it('warns about what is not a token or group, unknown types, untyped tokens and malformed metadata; skips them', () => {
    const { tokens, warnings } = importDtcg(
      single({
        a: 5,
        b: { $type: 'hologram', $value: 1 },
        c: { $value: 1 },
        d: { $type: 'number', $value: 1, extra: true, $extensions: { 'com.figma': { scopes: 'GAP' } } },
        e: { $extends: '{nowhere}', x: { $type: 'number', $value: 1 } },
      }),
    );
    expect(tokens.tokens.map((t) => t.id)).toEqual(['d', 'e.x']);
    expect(warnings).toEqual(
      expect.arrayContaining([
        '"a" is neither a token nor a group; ignored',
        'Token "b": type "hologram" is not a DTCG type; skipped',
        'Token "c": no $type (own, inherited from a group, or from its alias target); skipped',
        'Token "d": property "extra" is not part of a token; ignored',
        'Token "d": $extensions["com.figma"].scopes is malformed; ignored',
        'Group "e": $extends target "nowhere" is not a group; ignored',
      ]),
    );
  });
});

describe('importDtcg: references', () => {
  it('turns curly references into aliases by token id, also inside composite values', () => {
    const { tokens } = importDtcg(
      single({
        size: { $type: 'dimension', body: { $value: { value: 16, unit: 'px' } } },
        font: { sans: { $type: 'fontFamily', $value: ['Inter', 'sans-serif'] } },
        text: {
          body: {
            $type: 'typography',
            $value: {
              fontFamily: '{font.sans}',
              fontSize: '{size.body}',
              fontWeight: 'bold',
              letterSpacing: '0px',
              lineHeight: 1.5,
            },
          },
        },
      }),
    );
    expect(value(tokens.tokens, 'text.body')).toEqual({
      fontFamily: { alias: 'font.sans' },
      fontSize: { alias: 'size.body' },
      fontWeight: 'bold',
      letterSpacing: { value: 0, unit: 'px' },
      lineHeight: 1.5,
    });
  });

  it('reads $ref JSON Pointers to a token or its $value, in $value or as the token property', () => {
    const { tokens, warnings } = importDtcg(
      single({
        color: { $type: 'color', blue: { 500: { $value: '#0000ff' } }, 'a~b/c': { $value: '#00ff00' } },
        alias: {
          $type: 'color',
          toToken: { $value: { $ref: '#/color/blue/500' } },
          toValue: { $value: { $ref: '#/color/blue/500/$value' } },
          tokenLevel: { $ref: '#/color/blue/500/$value' },
          escaped: { $value: { $ref: '#/color/a~0b~1c' } },
        },
        border: { $type: 'border', $value: { color: { $ref: '#/color/blue/500' }, width: '1px', style: 'solid' } },
      }),
    );
    for (const id of ['alias.toToken', 'alias.toValue', 'alias.tokenLevel'])
      expect(value(tokens.tokens, id)).toEqual({ alias: 'color.blue.500' });
    expect(value(tokens.tokens, 'alias.escaped')).toEqual({ alias: 'color.a~b/c' });
    expect(value(tokens.tokens, 'border')).toEqual({
      color: { alias: 'color.blue.500' },
      width: { value: 1, unit: 'px' },
      style: 'solid',
    });
    expect(warnings).toEqual([]);
  });

  it('copies the literal a property-level $ref points at, and warns when it cannot', () => {
    const { tokens, warnings } = importDtcg(
      single({
        c: { $type: 'color', $value: { colorSpace: 'srgb', components: [1, 0.5, 0], alpha: 1 } },
        d: { $type: 'color', $value: '{c}' },
        red: { $type: 'number', $value: { $ref: '#/c/$value/components/1' } },
        broken: { $type: 'number', $value: { $ref: '#/d/$value/components/0' } },
      }),
    );
    expect(value(tokens.tokens, 'red')).toBe(0.5);
    expect(value(tokens.tokens, 'broken')).toEqual({ $ref: '#/d/$value/components/0' });
    expect(warnings).toContainEqual(expect.stringMatching(/broken.*cannot be followed/));
  });

  it('types an untyped alias from its target, through chains', () => {
    const { tokens } = importDtcg(
      single({
        base: { $type: 'duration', fast: { $value: '100ms' } },
        a: { $value: '{b}' },
        b: { $value: '{base.fast}' },
      }),
    );
    expect(token(tokens.tokens, 'a').type).toBe('duration');
    expect(value(tokens.tokens, 'base.fast')).toEqual({ value: 100, unit: 'ms' });
  });

  it('keeps references to missing tokens as dangling aliases for validation to report', () => {
    const { tokens, warnings } = importDtcg(single({ a: { $type: 'color', $value: '{nope.x}' } }));
    expect(warnings).toEqual([]);
    expect(value(tokens.tokens, 'a')).toEqual({ alias: 'nope.x' });
    expect(validateTokenSet(tokens).errors[0]!.message).toBe('a: dangling alias a → "nope.x" (no such token)');
  });
});

describe('importDtcg: values', () => {
  const { tokens, warnings } = importDtcg(
    single({
      c: {
        $type: 'color',
        hex6: { $value: '#FF8000' },
        hex3: { $value: '#f80' },
        hex8: { $value: '#ff800080' },
        object: { $value: { colorSpace: 'oklch', components: [0.7, 0.1, 'none'], alpha: 0.9, hex: '#AABBCC' } },
      },
      d: {
        $type: 'dimension',
        px: { $value: { value: 4, unit: 'px' } },
        rem: { $value: '1.5rem' },
        neg: { $value: '-.5px' },
      },
      t: { $type: 'duration', ms: { $value: { value: 200, unit: 'ms' } }, s: { $value: '0.3s' } },
      e: { $type: 'cubicBezier', ease: { $value: [0.25, 0.1, 0.25, 1] } },
      f: { $type: 'fontFamily', one: { $value: 'Inter' }, many: { $value: ['Inter', 'system-ui'] } },
      w: { $type: 'fontWeight', n: { $value: 600 }, k: { $value: 'semi-bold' } },
      n: { $type: 'number', $value: 0.5 },
      s: { $type: 'string', $value: 'hello' },
      b: { $type: 'boolean', $value: true },
      shadow: {
        $type: 'shadow',
        one: { $value: { color: '#00000040', offsetX: '0px', offsetY: '2px', blur: '4px', spread: '0px' } },
        many: {
          $value: [
            { color: '#000000', offsetX: '0px', offsetY: '1px', blur: '2px', spread: '0px', inset: true },
            { color: '{c.hex6}', offsetX: '0px', offsetY: '8px', blur: '16px', spread: '-4px' },
          ],
        },
      },
      border: {
        $type: 'border',
        $value: {
          color: '#000',
          width: { value: 1, unit: 'px' },
          style: { dashArray: ['2px', { value: 4, unit: 'px' }], lineCap: 'round' },
        },
      },
      stroke: { $type: 'strokeStyle', kw: { $value: 'dashed' } },
      gradient: {
        $type: 'gradient',
        $value: [
          { color: '#ff0000', position: 0 },
          { color: '{c.hex3}', position: 1 },
        ],
      },
      transition: { $type: 'transition', $value: { duration: '200ms', delay: '0ms', timingFunction: '{e.ease}' } },
    }),
  );

  it('imports every supported type without warnings, into a valid set', () => {
    expect(warnings).toEqual([]);
    expect(validateTokenSet(tokens).errors).toEqual([]);
  });

  it('converts legacy hex colors (3, 6, 8 digits) to srgb objects, lowercases hex, keeps other color spaces', () => {
    expect(value(tokens.tokens, 'c.hex6')).toEqual({
      colorSpace: 'srgb',
      components: [1, 128 / 255, 0],
      alpha: 1,
      hex: '#ff8000',
    });
    expect(value(tokens.tokens, 'c.hex3')).toEqual({
      colorSpace: 'srgb',
      components: [1, 136 / 255, 0],
      alpha: 1,
      hex: '#ff8800',
    });
    expect(value(tokens.tokens, 'c.hex8')).toEqual({
      colorSpace: 'srgb',
      components: [1, 128 / 255, 0],
      alpha: 128 / 255,
      hex: '#ff8000',
    });
    expect(value(tokens.tokens, 'c.object')).toEqual({
      colorSpace: 'oklch',
      components: [0.7, 0.1, 'none'],
      alpha: 0.9,
      hex: '#aabbcc',
    });
  });

  it('converts legacy dimension and duration strings; keeps objects', () => {
    expect(value(tokens.tokens, 'd.px')).toEqual({ value: 4, unit: 'px' });
    expect(value(tokens.tokens, 'd.rem')).toEqual({ value: 1.5, unit: 'rem' });
    expect(value(tokens.tokens, 'd.neg')).toEqual({ value: -0.5, unit: 'px' });
    expect(value(tokens.tokens, 't.s')).toEqual({ value: 0.3, unit: 's' });
  });

  it('keeps fontFamily strings and lists, fontWeight numbers and keywords', () => {
    expect(value(tokens.tokens, 'f.many')).toEqual(['Inter', 'system-ui']);
    expect(value(tokens.tokens, 'w.k')).toBe('semi-bold');
  });

  it('reads shadows single and layered, borders with stroke styles, gradients and transitions', () => {
    expect(value(tokens.tokens, 'shadow.one')).toMatchObject({
      color: { hex: '#000000', alpha: 64 / 255 },
      offsetY: { value: 2, unit: 'px' },
    });
    const many = value(tokens.tokens, 'shadow.many') as unknown[];
    expect(many[1]).toMatchObject({ color: { alias: 'c.hex6' }, spread: { value: -4, unit: 'px' } });
    expect(value(tokens.tokens, 'border')).toEqual({
      color: { colorSpace: 'srgb', components: [0, 0, 0], alpha: 1, hex: '#000000' },
      width: { value: 1, unit: 'px' },
      style: {
        dashArray: [
          { value: 2, unit: 'px' },
          { value: 4, unit: 'px' },
        ],
        lineCap: 'round',
      },
    });
    expect((value(tokens.tokens, 'gradient') as unknown[])[1]).toEqual({ color: { alias: 'c.hex3' }, position: 1 });
    expect(value(tokens.tokens, 'transition')).toEqual({
      duration: { value: 200, unit: 'ms' },
      delay: { value: 0, unit: 'ms' },
      timingFunction: { alias: 'e.ease' },
    });
  });
});

describe('importDtcg: modes', () => {
  const input: DtcgTokens = {
    format: 'dtcg',
    modes: [
      {
        name: 'light',
        documents: [
          {
            color: {
              $type: 'color',
              base: { white: { $value: '#ffffff' }, black: { $value: '#000000' } },
              bg: { $value: '{color.base.white}' },
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
              base: { white: { $value: '#ffffff' }, black: { $value: '#000000' } },
              bg: { $value: '{color.base.white}' },
            },
          },
          { color: { bg: { $value: '{color.base.black}' }, onlyDark: { $value: '#123456' } } },
        ],
      },
    ],
  };

  it('takes one value per mode, the later document of a mode overriding, the first mode as default', () => {
    const { tokens } = importDtcg(input);
    expect(tokens.collections[0]).toMatchObject({
      modes: [
        { id: 'light', name: 'light' },
        { id: 'dark', name: 'dark' },
      ],
      defaultModeId: 'light',
    });
    expect(token(tokens.tokens, 'color.bg').valuesByMode).toEqual({
      light: { alias: 'color.base.white' },
      dark: { alias: 'color.base.black' },
    });
  });

  it('fills a mode a token is missing from with the default value and says so', () => {
    const { tokens, warnings } = importDtcg(input);
    const onlyDark = token(tokens.tokens, 'color.onlyDark');
    expect(onlyDark.valuesByMode.light).toEqual(onlyDark.valuesByMode.dark);
    expect(warnings).toEqual([
      'Token "color.onlyDark" has no value in its default mode "light"; the value of mode "dark" is used',
    ]);
    const reversed = importDtcg({ ...input, modes: [input.modes[1]!, input.modes[0]!] });
    expect(reversed.warnings).toEqual([
      'Token "color.onlyDark" has no value in mode "light"; its default-mode value is used',
    ]);
  });
});
