import { describe, expect, it } from 'vitest';
import {
  checkValue,
  coerceNumeric,
  colorToHex,
  figmaColorToDtcg,
  fontWeightFromStyleName,
  fontWeightToNumber,
  hexToColor,
  isColorValue,
  rgbToHex,
  upgradeLegacyValue,
} from '../../../core/tokens/index.js';

describe('colors', () => {
  it('Figma floats → srgb with the floats kept, lowercase 6-digit hex, alpha apart (times paint opacity)', () => {
    expect(figmaColorToDtcg({ r: 1, g: 0.5, b: 0, a: 0.8 })).toEqual({
      colorSpace: 'srgb',
      components: [1, 0.5, 0],
      alpha: 0.8,
      hex: '#ff8000',
    });
    expect(figmaColorToDtcg({ r: 0, g: 0, b: 0 }, 0.5).alpha).toBe(0.5);
    expect(rgbToHex(1.2, -0.1, 0.999)).toBe('#ff00ff');
  });

  it('hex strings → colors, anything else → undefined', () => {
    expect(hexToColor('#ABC')).toEqual({
      colorSpace: 'srgb',
      components: [0xaa / 255, 0xbb / 255, 0xcc / 255],
      alpha: 1,
      hex: '#aabbcc',
    });
    expect(hexToColor('#00000080')!.alpha).toBeCloseTo(0.502, 3);
    expect(hexToColor('red')).toBeUndefined();
    expect(hexToColor('#12345')).toBeUndefined();
  });

  it('colorToHex uses hex, else computes srgb and hsl', () => {
    expect(colorToHex({ colorSpace: 'oklch', components: [0.5, 0.1, 200], hex: '#ABCDEF' })).toBe('#abcdef');
    expect(colorToHex({ colorSpace: 'srgb', components: [0, 0.5, 1] })).toBe('#0080ff');
    expect(colorToHex({ colorSpace: 'hsl', components: [213.3, 12.7, 13.9] })).toBe('#1f2328');
    expect(colorToHex({ colorSpace: 'hsl', components: [0, 100, 50] })).toBe('#ff0000');
    expect(colorToHex({ colorSpace: 'lab', components: [50, 0, 0] })).toBeUndefined();
  });

  it('isColorValue checks the DTCG shape', () => {
    expect(isColorValue({ colorSpace: 'display-p3', components: [1, 'none', 0] })).toBe(true);
    expect(isColorValue({ colorSpace: 'cmyk', components: [1, 0, 0] })).toBe(false);
    expect(isColorValue({ colorSpace: 'srgb', components: [1, 0] })).toBe(false);
    expect(isColorValue({ colorSpace: 'srgb', components: [1, 0, 0], alpha: 2 })).toBe(false);
    expect(isColorValue({ colorSpace: 'srgb', components: [1, 0, 0], hex: '#fff' })).toBe(false);
  });
});

describe('font weights', () => {
  it.each([
    ['Bold', 700],
    ['Semi Bold', 600],
    ['SemiBold Italic', 600],
    ['ExtraLight', 200],
    ['Extra Bold', 800],
    ['Black', 900],
    ['Heavy Oblique', 900],
    ['Regular', 400],
    ['Italic', 400],
    ['Medium', 500],
    ['Thin', 100],
    ['Book', 400],
    ['W700', undefined],
    ['550', 550],
  ])('%s → %s', (style, weight) => expect(fontWeightFromStyleName(style)).toBe(weight));

  it('keywords → numbers', () => {
    expect(fontWeightToNumber('extra-black')).toBe(950);
    expect(fontWeightToNumber(300)).toBe(300);
    expect(fontWeightToNumber('boldest')).toBeUndefined();
  });
});

describe('checkValue', () => {
  it('rejects near misses of each type', () => {
    expect(checkValue('dimension', { value: 1, unit: 'pt' })).toMatch(/expected a dimension/);
    expect(checkValue('duration', { value: -1, unit: 'ms' })).toMatch(/expected a duration/);
    expect(checkValue('cubicBezier', [0, 0, 1.5, 1])).toMatch(/cubic/);
    expect(checkValue('fontFamily', [])).toMatch(/font family/);
    expect(checkValue('strokeStyle', 'wavy')).toMatch(/stroke style/);
    expect(checkValue('strokeStyle', { dashArray: ['x'], lineCap: 'round' })).toMatch(/dashArray/);
    expect(checkValue('shadow', [])).toMatch(/non-empty/);
    expect(
      checkValue('shadow', {
        color: { alias: 'c' },
        offsetX: { alias: 'x' },
        offsetY: { alias: 'y' },
        blur: { alias: 'b' },
      }),
    ).toBe('shadow: missing spread');
    expect(checkValue('gradient', [{ color: { alias: 'c' }, position: 'start' }])).toMatch(/stop 0.position/);
    expect(checkValue('border', { alias: 'b' })).toMatch(/expected a border object/);
    expect(checkValue('number', Number.NaN)).toMatch(/expected a number/);
    expect(
      checkValue('typography', { fontFamily: 'Inter', fontSize: { value: 16, unit: 'px' }, lineHeight: 'tall' }),
    ).toMatch(/lineHeight/);
  });
});

describe('coerceNumeric', () => {
  it('converts within numbers, px dimensions and font weights only when lossless', () => {
    expect(coerceNumeric({ value: 700, unit: 'px' }, 'fontWeight')).toBe(700);
    expect(coerceNumeric(12, 'dimension')).toEqual({ value: 12, unit: 'px' });
    expect(coerceNumeric({ value: 1, unit: 'rem' }, 'number')).toBeUndefined();
    expect(coerceNumeric(2000, 'fontWeight')).toBeUndefined();
    expect(coerceNumeric('x', 'number')).toBeUndefined();
    expect(coerceNumeric(3, 'number')).toBe(3);
  });
});

describe('upgradeLegacyValue', () => {
  it('leaves canonical values and aliases as they are', () => {
    const color = { colorSpace: 'srgb', components: [1, 0, 0], alpha: 1, hex: '#ff0000' };
    expect(upgradeLegacyValue('color', color)).toBe(color);
    expect(upgradeLegacyValue('dimension', { alias: 'x' })).toEqual({ alias: 'x' });
    expect(upgradeLegacyValue('dimension', '12em')).toBe('12em');
    expect(upgradeLegacyValue('number', '12px')).toBe('12px');
  });
});
