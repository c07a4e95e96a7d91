/** DTCG 2025.10 color value. `hex` is a 6-digit lowercase sRGB fallback; alpha stays apart. */
export interface ColorValue {
  colorSpace: ColorSpace;
  components: (number | 'none')[];
  alpha?: number;
  hex?: string;
}

export const COLOR_SPACES = [
  'srgb',
  'srgb-linear',
  'hsl',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'display-p3',
  'a98-rgb',
  'prophoto-rgb',
  'rec2020',
  'xyz-d65',
  'xyz-d50',
] as const;
export type ColorSpace = (typeof COLOR_SPACES)[number];

/** Figma colors: 0–1 floats; `a` absent on RGB (paints carry opacity separately). */
export interface FigmaRgba {
  readonly r: number;
  readonly g: number;
  readonly b: number;
  readonly a?: number;
}

const clamp01 = (n: number) => (n < 0 ? 0 : n > 1 ? 1 : n);
const byte = (n: number) =>
  Math.round(clamp01(n) * 255)
    .toString(16)
    .padStart(2, '0');

export function rgbToHex(r: number, g: number, b: number): string {
  return `#${byte(r)}${byte(g)}${byte(b)}`;
}

/**
 * Figma floats are kept as they are in `components` (rounding would make a value that came
 * back from Figma differ from the one sent); `hex` is the rounded 8-bit form.
 */
export function figmaColorToDtcg(color: FigmaRgba, opacity = 1): ColorValue {
  const alpha = (color.a ?? 1) * opacity;
  return {
    colorSpace: 'srgb',
    components: [color.r, color.g, color.b],
    alpha,
    hex: rgbToHex(color.r, color.g, color.b),
  };
}

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

/** Legacy hex strings (#rgb, #rgba, #rrggbb, #rrggbbaa) → DTCG srgb color; undefined if not hex. */
export function hexToColor(hex: string): ColorValue | undefined {
  if (!HEX.test(hex)) return undefined;
  let digits = hex.slice(1).toLowerCase();
  if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
  const channel = (i: number) => parseInt(digits.slice(i * 2, i * 2 + 2), 16) / 255;
  const alpha = digits.length === 8 ? channel(3) : 1;
  return { colorSpace: 'srgb', components: [channel(0), channel(1), channel(2)], alpha, hex: `#${digits.slice(0, 6)}` };
}

export function isColorValue(value: unknown): value is ColorValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (!(COLOR_SPACES as readonly unknown[]).includes(v.colorSpace)) return false;
  if (!Array.isArray(v.components) || v.components.length !== 3) return false;
  if (!v.components.every((c) => c === 'none' || (typeof c === 'number' && Number.isFinite(c)))) return false;
  if (v.alpha !== undefined && !(typeof v.alpha === 'number' && v.alpha >= 0 && v.alpha <= 1)) return false;
  if (v.hex !== undefined && !(typeof v.hex === 'string' && /^#[0-9a-fA-F]{6}$/.test(v.hex))) return false;
  return true;
}

/**
 * An sRGB hex for a color, when it can be had without a color-management library: the
 * color's own `hex`, else computed for srgb and hsl. Codegen uses it as the CSS fallback.
 */
export function colorToHex(color: ColorValue): string | undefined {
  if (color.hex) return color.hex.toLowerCase();
  const [a, b, c] = color.components.map((n) => (n === 'none' ? 0 : n)) as [number, number, number];
  if (color.colorSpace === 'srgb') return rgbToHex(a, b, c);
  if (color.colorSpace === 'hsl') {
    // CSS Color 4 hsl(): hue in degrees, saturation and lightness in percent.
    const s = b / 100;
    const l = c / 100;
    const f = (n: number) => {
      const k = (n + a / 30) % 12;
      return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    };
    return rgbToHex(f(0), f(8), f(4));
  }
  return undefined;
}
