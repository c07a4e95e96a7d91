import { describe, expect, it } from 'vitest';
import type { Collection, Token, TokenSet } from '../../../core/contract/tokens.js';
import { nameSegmentProblem, validateTokenSet } from '../../../core/tokens/index.js';

const c: Collection = {
  id: 'c',
  name: 'Core',
  modes: [
    { id: 'light', name: 'Light' },
    { id: 'dark', name: 'Dark' },
  ],
  defaultModeId: 'light',
};
const red = { colorSpace: 'srgb', components: [1, 0, 0], alpha: 1, hex: '#ff0000' };
const px = (value: number) => ({ value, unit: 'px' });
const tok = (
  id: string,
  type: Token['type'],
  light: Token['valuesByMode'][string],
  dark = light,
  extra: Partial<Token> = {},
): Token => ({ id, name: id, collectionId: 'c', type, valuesByMode: { light, dark }, ...extra });
const validate = (tokens: Token[], collections: Collection[] = [c]) => validateTokenSet({ collections, tokens }).errors;
const messages = (tokens: Token[], collections?: Collection[]) => validate(tokens, collections).map((e) => e.message);

describe('validateTokenSet', () => {
  it('accepts a valid set of every type', () => {
    expect(
      validate([
        tok('color/red', 'color', red),
        tok('size/sm', 'dimension', px(4), { value: 0.25, unit: 'rem' }),
        tok('n', 'number', 1),
        tok('s', 'string', 'x'),
        tok('b', 'boolean', false),
        tok('ff', 'fontFamily', ['Inter', 'sans-serif'], 'Inter'),
        tok('fw', 'fontWeight', 700, 'extra-bold'),
        tok('d', 'duration', { value: 1, unit: 's' }),
        tok('e', 'cubicBezier', [0.5, -1, 0.5, 2]),
        tok('stroke', 'strokeStyle', 'dashed', { dashArray: [{ alias: 'size/sm' }, px(2)], lineCap: 'round' }),
        tok('border', 'border', { color: { alias: 'color/red' }, width: px(1), style: 'solid' }),
        tok('shadow', 'shadow', {
          color: red,
          offsetX: px(0),
          offsetY: px(1),
          blur: px(2),
          spread: px(0),
          inset: true,
        }),
        tok('text', 'typography', {
          fontFamily: { alias: 'ff' },
          fontSize: { alias: 'size/sm' },
          fontWeight: { alias: 'fw' },
          lineHeight: 1.2,
          letterSpacing: px(0),
        }),
        tok('grad', 'gradient', [
          { color: red, position: 0 },
          { color: { alias: 'color/red' }, position: 1 },
        ]),
        tok('move', 'transition', {
          duration: { alias: 'd' },
          delay: { value: 0, unit: 'ms' },
          timingFunction: { alias: 'e' },
        }),
      ]),
    ).toEqual([]);
  });

  it('reports a value of the wrong type for its type, naming the token by path and the mode', () => {
    expect(
      messages([
        tok('color/bad', 'color', '#ff0000'),
        tok('size/bad', 'dimension', px(4), { value: 4, unit: 'em' }),
        tok('text/bad', 'typography', { fontFamily: 'Inter', fontSize: 16 }),
        tok('fw/bad', 'fontWeight', 1200),
      ]),
    ).toEqual([
      'color/bad: expected a color {colorSpace, components[3], alpha?, hex?}, got "#ff0000"',
      'size/bad: expected a dimension {value, unit: "px"|"rem"}, got {"value":4,"unit":"em"} (in mode "Dark")',
      'text/bad: typography.fontSize: expected a dimension {value, unit: "px"|"rem"}, got 16',
      'fw/bad: expected a font weight (1–1000 or a DTCG keyword), got 1200',
    ]);
  });

  it('checks what an alias resolves to against the token type', () => {
    const errors = validate([tok('size', 'dimension', px(4)), tok('color/a', 'color', { alias: 'size' })]);
    expect(errors).toEqual([
      {
        tokenId: 'color/a',
        name: 'color/a',
        kinds: ['invalid-value'],
        message:
          'color/a: resolves to a value of the wrong type: expected a color {colorSpace, components[3], alpha?, hex?}, got {"value":4,"unit":"px"}',
      },
    ]);
  });

  it('reports missing and unknown types', () => {
    const noType = { ...tok('x', 'number', 1), type: undefined } as unknown as Token;
    const badType = { ...tok('y', 'number', 1), type: 'hologram' } as unknown as Token;
    expect(validate([noType, badType]).map((e) => [e.message, e.kinds])).toEqual([
      ['x: has no type', ['missing-type']],
      ['y: type "hologram" is not a DTCG type', ['missing-type']],
    ]);
  });

  it('reports invalid name segments: ".", "{", "}", a leading "$", empty', () => {
    expect(
      messages([
        tok('space/0.5', 'number', 1),
        tok('a/{b}', 'number', 1),
        tok('$x/y', 'number', 1),
        tok('a//b', 'number', 1),
        tok('ok/a$b', 'number', 1),
      ]),
    ).toEqual([
      'space/0.5: path segment "0.5" contains ".", "{" or "}"',
      'a/{b}: path segment "{b}" contains ".", "{" or "}"',
      '$x/y: path segment "$x" starts with "$"',
      'a//b: has an empty path segment',
    ]);
    expect(nameSegmentProblem('fine-name 2')).toBeUndefined();
  });

  it('reports unknown mode ids, missing mode values and missing collections', () => {
    expect(
      messages([
        { id: 'a', name: 'a', collectionId: 'c', type: 'number', valuesByMode: { light: 1, dark: 2, sepia: 3 } },
        { id: 'b', name: 'b', collectionId: 'c', type: 'number', valuesByMode: { light: 1 } },
        { id: 'd', name: 'd', collectionId: 'gone', type: 'number', valuesByMode: { light: 1 } },
      ]),
    ).toEqual([
      'a: values for unknown mode id(s) "sepia" of collection "Core"',
      'b: no value for mode(s) "Dark"',
      'd: collection "gone" does not exist',
    ]);
  });

  it('reports dangling aliases and cycles with their chain', () => {
    expect(
      messages([
        tok('color/a', 'color', { alias: 'color/b' }),
        tok('color/b', 'color', { alias: 'color/a' }),
        tok('color/c', 'color', red, { alias: 'color/zzz' }),
      ]),
    ).toEqual([
      'color/a: alias cycle color/a → color/b → color/a',
      'color/b: alias cycle color/b → color/a → color/b',
      'color/c: dangling alias color/c → "color/zzz" (no such token) (in mode "Dark")',
    ]);
  });

  it('collects every problem of a token into one message', () => {
    const errors = validate([
      { id: 'x', name: 'bad.name/x', collectionId: 'c', type: 'color', valuesByMode: { light: 'red', sepia: red } },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.kinds).toEqual(['invalid-name', 'unknown-mode', 'missing-mode-value', 'invalid-value']);
    expect(errors[0]!.message).toBe(
      'bad.name/x: path segment "bad.name" contains ".", "{" or "}"; values for unknown mode id(s) "sepia" of collection "Core"; ' +
        'no value for mode(s) "Dark"; expected a color {colorSpace, components[3], alpha?, hex?}, got "red" (in mode "Light")',
    );
  });

  it('survives malformed input that skipped the schema', () => {
    const malformed = [
      { id: 'v', name: 'v', collectionId: 'c', type: 'number' },
      { id: 'w', name: 'w', collectionId: 'c', type: 'color', valuesByMode: { light: null, dark: [] } },
    ] as unknown as Token[];
    expect(validate(malformed).map((e) => [e.tokenId, e.kinds])).toEqual([
      ['v', ['missing-mode-value']],
      ['w', ['invalid-value']],
    ]);
  });

  it('reports duplicate ids, duplicate names within a collection and type, and broken collections', () => {
    const broken: Collection = {
      id: 'k',
      name: 'Broken',
      modes: [
        { id: 'a', name: 'A' },
        { id: 'a', name: 'B' },
      ],
      defaultModeId: 'z',
    };
    const set: TokenSet = {
      collections: [c, broken, c],
      tokens: [
        tok('dup', 'number', 1),
        tok('dup', 'number', 2),
        tok('n1', 'number', 1, 1, { name: 'same' }),
        tok('n2', 'number', 1, 1, { name: 'same' }),
        tok('n3', 'string', 's', 's', { name: 'same' }),
      ],
    };
    const errors = validateTokenSet(set).errors;
    expect(errors.map((e) => e.message)).toEqual([
      'collection "Broken": default mode "z" is not one of its modes; has repeated mode ids',
      'collection "Core": id "c" is used by more than one collection',
      'dup: id "dup" is used by more than one token',
      'same: another number token of its collection has the same name (n1)',
    ]);
    expect(errors[0]).toMatchObject({ tokenId: '', collectionId: 'k', kinds: ['invalid-collection'] });
  });
});
