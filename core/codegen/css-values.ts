/**
 * DTCG 2025.10 values → CSS text. Nothing here throws: a value CSS cannot express comes back
 * as `{ ok: false, reason }` so tokens.css can leave a comment instead of invalid CSS.
 */
import type { TokenType } from '../contract/tokens.js';
import { isAlias } from '../tokens/aliases.js';
import { FONT_WEIGHT_KEYWORDS, fontWeightFromStyleName } from '../tokens/values.js';
import { SUB_VARS, TYPOGRAPHY_MEMBERS, type CssVarNames, type TypographyPart } from './css-vars.js';

export type CssValue = { ok: true; value: string } | { ok: false; reason: string };

const ok = (value: string): CssValue => ({ ok: true, value });
const fail = (reason: string): CssValue => ({ ok: false, reason });

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Figma stores FLOAT values as 32-bit floats, so the 111.33 a designer typed arrives as
 * 111.33000183105469. A double that is exactly a float32 comes back as the fewest digits that read
 * back as that same float32 (111.33); any other double is returned unchanged (0.88888889 is no
 * float32, and stays). Decimals people write (16.5, 0.25) are the same either way.
 */
export function withoutFloat32Noise(n: number): number {
  if (!Number.isFinite(n) || Math.fround(n) !== n) return n;
  for (let digits = 1; digits <= 9; digits++) {
    const shorter = Number(n.toPrecision(digits));
    if (Math.fround(shorter) === n) return shorter;
  }
  return n;
}

/**
 * A number as written in the tokens: the shortest text that reads back as the same double
 * (0.88888889 stays 0.88888889), float32 noise dropped (withoutFloat32Noise), never in exponent
 * form, -0 as 0.
 */
export function formatNumber(value: number): string {
  const n = withoutFloat32Noise(value);
  if (Object.is(n, -0)) return '0';
  const text = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', exp] = m;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A computed number (a percentage from a fraction) without binary noise: 0.3 × 100 is 30. */
export function formatComputed(n: number): string {
  return formatNumber(Number(n.toPrecision(15)));
}

export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\a ')
    .replace(/[\r\f]/g, ' ')}"`;
}

/** Keywords every property accepts: as a value they would not mean the text, so they stay strings. */
const CSS_WIDE_KEYWORDS = new Set(['inherit', 'initial', 'unset', 'revert', 'revert-layer', 'default']);

const IDENTIFIER = /^-?[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF-]*$/;

/**
 * A string token as CSS: a single identifier (`italic`, `uppercase`) unquoted, as properties
 * that take keywords need it (`font-style: "italic"` is ignored); anything else a CSS string.
 */
function formatString(text: string): string {
  return IDENTIFIER.test(text) && !CSS_WIDE_KEYWORDS.has(text.toLowerCase()) ? text : cssString(text);
}

const GENERIC_FAMILIES = new Set([
  'serif',
  'sans-serif',
  'monospace',
  'cursive',
  'fantasy',
  'system-ui',
  'ui-serif',
  'ui-sans-serif',
  'ui-monospace',
  'ui-rounded',
  'math',
  'emoji',
  'fangsong',
]);

/**
 * A font family name as CSS writes it: generic families as keywords; other names unquoted when
 * they are identifiers separated by single spaces and no word is a generic family or CSS-wide
 * keyword (CSS Fonts 4 §family names); else quoted.
 */
function formatFamilyName(name: string): string {
  if (GENERIC_FAMILIES.has(name)) return name;
  const words = name.split(' ');
  const plain = words.every(
    (w) =>
      IDENTIFIER.test(w) &&
      !w.startsWith('--') &&
      !GENERIC_FAMILIES.has(w.toLowerCase()) &&
      !CSS_WIDE_KEYWORDS.has(w.toLowerCase()),
  );
  return plain ? name : cssString(name);
}

/** A reference to another token, for aliases inside composites and whole-token aliases. */
export function aliasRef(targetId: string, names: CssVarNames, part?: TypographyPart): CssValue {
  const target = names.token(targetId);
  if (!target) return fail(`alias to unknown token ${JSON.stringify(targetId)}`);
  if (part !== undefined && SUB_VARS[target.type] !== undefined) {
    const sub = names.sub(targetId, part);
    return sub === undefined ? fail(`alias to ${JSON.stringify(target.name)} has no ${part}`) : ok(`var(${sub})`);
  }
  if (SUB_VARS[target.type] !== undefined)
    return fail(`alias to composite ${JSON.stringify(target.name)} in a single value`);
  return ok(`var(${names.name(targetId)})`);
}

function component(c: unknown): string | undefined {
  if (c === 'none') return 'none';
  return isNumber(c) ? formatNumber(c) : undefined;
}

function formatColor(value: unknown): CssValue {
  if (typeof value === 'string' && /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value))
    return ok(value.toLowerCase());
  if (!isObject(value) || !Array.isArray(value.components) || value.components.length !== 3) {
    return fail('not a color {colorSpace, components, alpha?}');
  }
  const alpha = isNumber(value.alpha) && value.alpha < 1 ? Math.max(0, value.alpha) : undefined;
  const space = typeof value.colorSpace === 'string' ? value.colorSpace : 'srgb';
  const raw = value.components;
  const parts = raw.map(component);
  if (parts.some((p) => p === undefined)) {
    return typeof value.hex === 'string' ? formatColor(value.hex) : fail('color components must be numbers or "none"');
  }
  const slash = alpha === undefined ? '' : ` / ${formatNumber(alpha)}`;
  if (space === 'srgb' && raw.every(isNumber)) {
    const bytes = raw.map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255));
    if (alpha === undefined) return ok(`#${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`);
    return ok(`rgb(${bytes.join(' ')}${slash})`);
  }
  const [a, b, c] = parts as string[];
  switch (space) {
    case 'hsl':
    case 'hwb':
      return ok(`${space}(${a} ${b === 'none' ? b : `${b}%`} ${c === 'none' ? c : `${c}%`}${slash})`);
    case 'lab':
    case 'lch':
    case 'oklab':
    case 'oklch':
      return ok(`${space}(${a} ${b} ${c}${slash})`);
    case 'srgb':
    case 'srgb-linear':
    case 'display-p3':
    case 'a98-rgb':
    case 'prophoto-rgb':
    case 'rec2020':
    case 'xyz-d65':
    case 'xyz-d50':
      return ok(`color(${space} ${a} ${b} ${c}${slash})`);
    default:
      return typeof value.hex === 'string'
        ? formatColor(value.hex)
        : fail(`unknown color space ${JSON.stringify(space)}`);
  }
}

/** Pixels to 1/100 px: finer steps no screen shows, and Figma's own geometry is float32 noise below that. */
export function formatPixels(px: number): string {
  return formatComputed(Math.round(px * 100) / 100);
}

function formatDimension(value: unknown): CssValue {
  if (isNumber(value)) return ok(value === 0 ? '0' : `${formatPixels(value)}px`);
  if (isObject(value) && isNumber(value.value)) {
    const unit = typeof value.unit === 'string' && /^[a-z%]{1,8}$/i.test(value.unit) ? value.unit.toLowerCase() : 'px';
    return ok(`${unit === 'px' ? formatPixels(value.value) : formatNumber(value.value)}${unit}`);
  }
  return fail('not a dimension {value, unit}');
}

function formatFontFamily(value: unknown): CssValue {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  const names = list.filter((f): f is string => typeof f === 'string' && f.trim() !== '');
  if (names.length === 0 || names.length !== list.length) return fail('not a font family');
  return ok(names.map(formatFamilyName).join(', '));
}

function formatFontWeight(value: unknown): CssValue {
  if (isNumber(value)) return ok(formatNumber(value));
  if (typeof value === 'string') {
    // DTCG keywords first ("semi-bold"), then Figma's style names ("SemiBold Italic").
    const weight = FONT_WEIGHT_KEYWORDS[value.toLowerCase()] ?? fontWeightFromStyleName(value);
    if (weight !== undefined) return ok(String(weight));
  }
  return fail('not a font weight');
}

function formatDuration(value: unknown): CssValue {
  if (isObject(value) && isNumber(value.value) && (value.unit === 'ms' || value.unit === 's')) {
    return ok(`${formatNumber(value.value)}${value.unit}`);
  }
  return fail('not a duration {value, unit: "ms"|"s"}');
}

function formatCubicBezier(value: unknown): CssValue {
  if (Array.isArray(value) && value.length === 4 && value.every(isNumber)) {
    return ok(`cubic-bezier(${value.map(formatNumber).join(', ')})`);
  }
  return fail('not a cubic Bézier [x1, y1, x2, y2]');
}

function formatStrokeStyle(value: unknown): CssValue {
  if (typeof value === 'string' && /^[a-z]+$/.test(value)) return ok(value);
  // CSS borders have no dash pattern; "dashed" is the nearest honest rendering.
  if (isObject(value) && Array.isArray(value.dashArray)) return ok('dashed');
  return fail('not a stroke style');
}

/** A composite member: an alias to another token, or a literal of the member's type. */
function member(value: unknown, types: readonly TokenType[], names: CssVarNames): CssValue {
  if (isAlias(value)) return aliasRef(value.alias, names);
  let last: CssValue = fail('missing');
  for (const type of types) {
    last = formatSingle(type, value, names);
    if (last.ok) return last;
  }
  return last;
}

function joinMembers(values: CssValue[], separator = ' '): CssValue {
  const problem = values.find((v): v is { ok: false; reason: string } => !v.ok);
  return problem ?? ok(values.map((v) => (v as { value: string }).value).join(separator));
}

function formatShadowLayer(layer: unknown, names: CssVarNames): CssValue {
  if (!isObject(layer)) return fail('not a shadow layer');
  const dims = ['offsetX', 'offsetY', 'blur', 'spread'].map((k) =>
    member(layer[k] ?? { value: 0, unit: 'px' }, ['dimension'], names),
  );
  const color = member(layer.color, ['color'], names);
  const body = joinMembers([...dims, color]);
  if (!body.ok) return fail(`shadow: ${body.reason}`);
  return ok(layer.inset === true ? `inset ${body.value}` : body.value);
}

function formatShadow(value: unknown, names: CssVarNames): CssValue {
  const layers = Array.isArray(value) ? value : [value];
  if (layers.length === 0) return fail('empty shadow list');
  return joinMembers(
    layers.map((l) => formatShadowLayer(l, names)),
    ', ',
  );
}

function formatBorder(value: unknown, names: CssVarNames): CssValue {
  if (!isObject(value)) return fail('not a border {color, width, style}');
  const result = joinMembers([
    member(value.width, ['dimension'], names),
    member(value.style ?? 'solid', ['strokeStyle'], names),
    member(value.color, ['color'], names),
  ]);
  return result.ok ? result : fail(`border: ${result.reason}`);
}

function formatTransition(value: unknown, names: CssVarNames): CssValue {
  if (!isObject(value)) return fail('not a transition {duration, delay, timingFunction}');
  return joinMembers([
    member(value.duration, ['duration'], names),
    member(value.timingFunction, ['cubicBezier'], names),
    member(value.delay ?? { value: 0, unit: 'ms' }, ['duration'], names),
  ]);
}

function formatGradient(value: unknown, names: CssVarNames): CssValue {
  if (!Array.isArray(value) || value.length === 0) return fail('not a gradient');
  const stops = value.map((stop) => {
    if (!isObject(stop)) return fail('not a gradient stop');
    const color = member(stop.color, ['color'], names);
    if (!color.ok) return color;
    const position = isNumber(stop.position) ? ` ${formatComputed(stop.position * 100)}%` : '';
    return ok(`${color.value}${position}`);
  });
  const joined = joinMembers(stops, ', ');
  return joined.ok ? ok(`linear-gradient(${joined.value})`) : joined;
}

/** One CSS value for a token of `type` (every type except the split composites). */
export function formatSingle(type: TokenType, value: unknown, names: CssVarNames): CssValue {
  if (isAlias(value)) return aliasRef(value.alias, names);
  switch (type) {
    case 'color':
      return formatColor(value);
    case 'dimension':
      return formatDimension(value);
    case 'number':
      return isNumber(value) ? ok(formatNumber(value)) : fail('not a number');
    case 'string':
      return typeof value === 'string' ? ok(formatString(value)) : fail('not a string');
    case 'boolean':
      return typeof value === 'boolean' ? ok(String(value)) : fail('not a boolean');
    case 'fontFamily':
      return formatFontFamily(value);
    case 'fontWeight':
      return formatFontWeight(value);
    case 'duration':
      return formatDuration(value);
    case 'cubicBezier':
      return formatCubicBezier(value);
    case 'strokeStyle':
      return formatStrokeStyle(value);
    case 'shadow':
      return formatShadow(value, names);
    case 'border':
      return formatBorder(value, names);
    case 'transition':
      return formatTransition(value, names);
    case 'gradient':
      return formatGradient(value, names);
    default:
      return fail(`type ${JSON.stringify(type)} has no CSS form`);
  }
}

const TYPOGRAPHY_TYPES: Readonly<Record<TypographyPart, readonly TokenType[]>> = {
  family: ['fontFamily'],
  size: ['dimension'],
  weight: ['fontWeight'],
  'line-height': ['number', 'dimension'],
  'letter-spacing': ['dimension'],
};

/** CSS initial values stand in for optional members a typography token leaves out. */
const TYPOGRAPHY_DEFAULTS: Partial<Record<TypographyPart, string>> = {
  weight: 'normal',
  'line-height': 'normal',
  'letter-spacing': 'normal',
};

/** One sub-variable of a typography value; a whole-value alias maps sub-variable to sub-variable. */
export function formatTypographyPart(value: unknown, part: TypographyPart, names: CssVarNames): CssValue {
  if (isAlias(value)) return aliasRef(value.alias, names, part);
  if (!isObject(value)) return fail('not a typography object');
  const raw = value[TYPOGRAPHY_MEMBERS[part]];
  if (raw === undefined) {
    const fallback = TYPOGRAPHY_DEFAULTS[part];
    return fallback === undefined ? fail(`typography has no ${TYPOGRAPHY_MEMBERS[part]}`) : ok(fallback);
  }
  if (isAlias(raw)) return aliasRef(raw.alias, names, part);
  return member(raw, TYPOGRAPHY_TYPES[part], names);
}
