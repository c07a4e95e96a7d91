import type { TokenType } from '../contract/tokens.js';
import { isAlias } from './aliases.js';
import { isColorValue } from './colors.js';

export interface DimensionValue {
  value: number;
  unit: 'px' | 'rem';
}
export interface DurationValue {
  value: number;
  unit: 'ms' | 's';
}

/** DTCG 2025.10 font-weight keywords and their numeric weights. */
export const FONT_WEIGHT_KEYWORDS: Readonly<Record<string, number>> = {
  thin: 100,
  hairline: 100,
  'extra-light': 200,
  'ultra-light': 200,
  light: 300,
  normal: 400,
  regular: 400,
  book: 400,
  medium: 500,
  'semi-bold': 600,
  'demi-bold': 600,
  bold: 700,
  'extra-bold': 800,
  'ultra-bold': 800,
  black: 900,
  heavy: 900,
  'extra-black': 950,
  'ultra-black': 950,
};

export const STROKE_STYLE_KEYWORDS = [
  'solid',
  'dashed',
  'dotted',
  'double',
  'groove',
  'ridge',
  'outset',
  'inset',
] as const;

export function fontWeightToNumber(weight: unknown): number | undefined {
  if (typeof weight === 'number') return weight;
  if (typeof weight === 'string') return FONT_WEIGHT_KEYWORDS[weight];
  return undefined;
}

/**
 * Figma names a font's weight only through its style name ("Semi Bold Italic", "ExtraLight",
 * "Heavy Oblique", "700"). Undefined when the name says nothing known about the weight.
 */
export function fontWeightFromStyleName(style: string): number | undefined {
  const digits = /\b([1-9]\d{2})\b/.exec(style);
  if (digits) return Number(digits[1]);
  const squashed = style
    .toLowerCase()
    .replace(/italic|oblique|slanted/g, '')
    .replace(/[\s_-]+/g, '');
  if (squashed === '') return 400;
  const table: [string, number][] = [
    ['hairline', 100],
    ['thin', 100],
    ['extralight', 200],
    ['ultralight', 200],
    ['semilight', 350],
    ['light', 300],
    ['regular', 400],
    ['normal', 400],
    ['book', 400],
    ['roman', 400],
    ['medium', 500],
    ['semibold', 600],
    ['demibold', 600],
    ['extrabold', 800],
    ['ultrabold', 800],
    ['bold', 700],
    ['extrablack', 950],
    ['ultrablack', 950],
    ['black', 900],
    ['heavy', 900],
  ];
  // Exact names first, so "SemiBold" is not read as "Bold".
  for (const [name, weight] of table) if (squashed === name) return weight;
  for (const [name, weight] of table) if (squashed.includes(name)) return weight;
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function isDimension(v: unknown): v is DimensionValue {
  return isObject(v) && isFiniteNumber(v.value) && (v.unit === 'px' || v.unit === 'rem');
}

/**
 * CSS length units beyond DTCG's px and rem. Published sets use them (em letter spacing, vw
 * gutters); tokens.css can write them as they are, so a sync accepts them with a warning.
 */
export const CSS_LENGTH_UNITS: readonly string[] = [
  'em',
  'ex',
  'cap',
  'ch',
  'ic',
  'lh',
  'rem',
  'rex',
  'rcap',
  'rch',
  'ric',
  'rlh',
  'vw',
  'vh',
  'vi',
  'vb',
  'vmin',
  'vmax',
  'svw',
  'svh',
  'svi',
  'svb',
  'svmin',
  'svmax',
  'lvw',
  'lvh',
  'lvi',
  'lvb',
  'lvmin',
  'lvmax',
  'dvw',
  'dvh',
  'dvi',
  'dvb',
  'dvmin',
  'dvmax',
  'cqw',
  'cqh',
  'cqi',
  'cqb',
  'cqmin',
  'cqmax',
  'px',
  'cm',
  'mm',
  'q',
  'in',
  'pt',
  'pc',
  '%',
];

/** A dimension whose unit is any CSS length unit (DTCG's px and rem included). */
export function isCssLength(v: unknown): v is { value: number; unit: string } {
  return isObject(v) && isFiniteNumber(v.value) && typeof v.unit === 'string' && CSS_LENGTH_UNITS.includes(v.unit);
}

/** How strictly checkValue reads values. */
export interface CheckOptions {
  /** accept any CSS length unit in dimensions (a sync's reading), not only px and rem */
  cssLengths?: boolean;
}

export function isDuration(v: unknown): v is DurationValue {
  return isObject(v) && isFiniteNumber(v.value) && v.value >= 0 && (v.unit === 'ms' || v.unit === 's');
}

/**
 * Sub-values of composite types and the types each accepts (more than one where DTCG or Figma
 * allow it: a line height is a ratio in DTCG, a pixel length in Figma). Listed slots are the
 * required ones; `optional` ones may be absent. Unknown extra members are tolerated (vendors
 * add some, e.g. Primer's shadow `alpha`).
 */
export const COMPOSITE_SLOTS: Partial<
  Record<TokenType, { required: Record<string, TokenType[]>; optional: Record<string, TokenType[]> }>
> = {
  typography: {
    required: { fontFamily: ['fontFamily'], fontSize: ['dimension'] },
    optional: { fontWeight: ['fontWeight'], letterSpacing: ['dimension'], lineHeight: ['number', 'dimension'] },
  },
  shadow: {
    required: {
      color: ['color'],
      offsetX: ['dimension'],
      offsetY: ['dimension'],
      blur: ['dimension'],
      spread: ['dimension'],
    },
    optional: { inset: ['boolean'] },
  },
  border: { required: { color: ['color'], width: ['dimension'], style: ['strokeStyle'] }, optional: {} },
  // delay is optional: published sets (Primer) leave it out and CSS defaults it to 0s.
  transition: {
    required: { duration: ['duration'], timingFunction: ['cubicBezier'] },
    optional: { delay: ['duration'] },
  },
};

/** Slot types of one gradient stop (a gradient is an array of stops). */
export const GRADIENT_STOP_SLOTS: Record<string, TokenType[]> = { color: ['color'], position: ['number'] };

function show(value: unknown): string {
  let s: string | undefined;
  try {
    s = JSON.stringify(value);
  } catch (_tooDeep) {
    return 'a value nested too deeply to show';
  }
  return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * Why `value` is not a literal of `type`, or undefined when it is. Aliases are accepted in
 * composite slots (their targets are checked when resolving); a top-level alias is not a
 * literal and is rejected here.
 */
export function checkValue(type: TokenType, value: unknown, options: CheckOptions = {}): string | undefined {
  switch (type) {
    case 'color':
      return isColorValue(value)
        ? undefined
        : `expected a color {colorSpace, components[3], alpha?, hex?}, got ${show(value)}`;
    case 'dimension':
      return isDimension(value) || (options.cssLengths === true && isCssLength(value))
        ? undefined
        : `expected a dimension {value, unit: "px"|"rem"}, got ${show(value)}`;
    case 'number':
      return isFiniteNumber(value) ? undefined : `expected a number, got ${show(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${show(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected a boolean, got ${show(value)}`;
    case 'fontFamily':
      return (typeof value === 'string' && value !== '') ||
        (Array.isArray(value) && value.length > 0 && value.every((f) => typeof f === 'string' && f !== ''))
        ? undefined
        : `expected a font family (a name or a list of names), got ${show(value)}`;
    case 'fontWeight':
      return (isFiniteNumber(value) && value >= 1 && value <= 1000) ||
        (typeof value === 'string' && value in FONT_WEIGHT_KEYWORDS)
        ? undefined
        : `expected a font weight (1–1000 or a DTCG keyword), got ${show(value)}`;
    case 'duration':
      return isDuration(value) ? undefined : `expected a duration {value, unit: "ms"|"s"}, got ${show(value)}`;
    case 'cubicBezier':
      return Array.isArray(value) &&
        value.length === 4 &&
        value.every(isFiniteNumber) &&
        [value[0] as number, value[2] as number].every((x) => x >= 0 && x <= 1)
        ? undefined
        : `expected a cubic Bézier [x1, y1, x2, y2] with x in [0, 1], got ${show(value)}`;
    case 'strokeStyle':
      return checkStrokeStyle(value, options);
    case 'gradient':
      if (!Array.isArray(value) || value.length === 0)
        return `expected a gradient (a list of {color, position}), got ${show(value)}`;
      for (const [i, stop] of value.entries()) {
        const problem = checkSlots(stop, GRADIENT_STOP_SLOTS, {}, `stop ${i}`, options);
        if (problem) return problem;
      }
      return undefined;
    case 'shadow':
      if (Array.isArray(value)) {
        if (value.length === 0) return 'expected a shadow or a non-empty list of shadows, got []';
        for (const [i, layer] of value.entries()) {
          const problem = checkSlots(
            layer,
            COMPOSITE_SLOTS.shadow!.required,
            COMPOSITE_SLOTS.shadow!.optional,
            `shadow ${i}`,
            options,
          );
          if (problem) return problem;
        }
        return undefined;
      }
      return checkSlots(value, COMPOSITE_SLOTS.shadow!.required, COMPOSITE_SLOTS.shadow!.optional, 'shadow', options);
    case 'typography':
    case 'border':
    case 'transition': {
      const slots = COMPOSITE_SLOTS[type]!;
      return checkSlots(value, slots.required, slots.optional, type, options);
    }
    default:
      return `unknown type ${show(type)}`;
  }
}

function checkStrokeStyle(value: unknown, options: CheckOptions): string | undefined {
  if (typeof value === 'string') {
    return (STROKE_STYLE_KEYWORDS as readonly string[]).includes(value)
      ? undefined
      : `expected a stroke style keyword, got ${show(value)}`;
  }
  if (
    isObject(value) &&
    Array.isArray(value.dashArray) &&
    ['round', 'butt', 'square'].includes(value.lineCap as string)
  ) {
    for (const dash of value.dashArray) {
      if (!isAlias(dash) && checkValue('dimension', dash, options) !== undefined)
        return `strokeStyle dashArray: expected dimensions, got ${show(dash)}`;
    }
    return undefined;
  }
  return `expected a stroke style (keyword or {dashArray, lineCap}), got ${show(value)}`;
}

function checkSlots(
  value: unknown,
  required: Record<string, TokenType[]>,
  optional: Record<string, TokenType[]>,
  what: string,
  options: CheckOptions,
): string | undefined {
  if (!isObject(value) || isAlias(value)) return `expected a ${what} object, got ${show(value)}`;
  for (const slot of Object.keys(required)) {
    if (!(slot in value)) return `${what}: missing ${slot}`;
  }
  for (const [slot, types] of Object.entries({ ...required, ...optional })) {
    if (!(slot in value)) continue;
    const sub = value[slot];
    if (isAlias(sub)) continue;
    const problems = types.map((t) => checkValue(t, sub, options));
    if (problems.every((p) => p !== undefined)) return `${what}.${slot}: ${problems[0]}`;
  }
  return undefined;
}

/**
 * Numbers, pixel dimensions and font weights are one family in Figma (all FLOAT variables;
 * the type we give a FLOAT comes from its scopes), so an alias or a bound variable may
 * cross between them. Returns `value` in the shape of `type`, or undefined when no lossless
 * conversion exists (rem or other units never become plain numbers).
 */
export function coerceNumeric(value: unknown, type: TokenType): unknown {
  if (checkValue(type, value) === undefined) return value;
  const n = isFiniteNumber(value) ? value : isDimension(value) && value.unit === 'px' ? value.value : undefined;
  if (n === undefined) return undefined;
  if (type === 'number') return n;
  if (type === 'fontWeight') return n >= 1 && n <= 1000 ? n : undefined;
  if (type === 'dimension') return { value: n, unit: 'px' };
  return undefined;
}
