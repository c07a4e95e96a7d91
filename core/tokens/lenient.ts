import type { ModeValue, Token, TokenSet, TokenType } from '../contract/tokens.js';
import { isAlias } from './aliases.js';
import { isPlainObject } from './dtcg-shared.js';
import { CSS_LENGTH_UNITS } from './values.js';

/*
 * Published design systems (the DTCG example sets) bend the format in ways CSS does not mind:
 * a 3-digit hex fallback, em letter spacing, Android dp, a bare 0 where a dimension belongs.
 * A sync reads them (with a warning naming the token) instead of refusing the whole set; what
 * cannot be read as CSS is left as it is for validation to report.
 */

export interface LenientResult {
  tokens: TokenSet;
  /** one per token read leniently: "<token name>: <what was read how>; …" */
  warnings: string[];
}

const SHORT_HEX = /^#([0-9a-f]{3,4})$/i;
const NUMBER_UNIT = /^(-?(?:\d+\.?\d*|\.\d+))([a-z%]*)$/i;

type Note = (message: string) => void;

function color(value: unknown, note: Note): unknown {
  if (!isPlainObject(value) || typeof value.hex !== 'string') return value;
  const m = SHORT_HEX.exec(value.hex);
  if (!m) return value;
  const digits = [...m[1]!.slice(0, 3).toLowerCase()].map((d) => d + d).join('');
  note(`short hex fallback "${value.hex}" read as "#${digits}"`);
  return { ...value, hex: `#${digits}` };
}

function dimension(value: unknown, note: Note): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) {
    note('a number where a dimension belongs read as px');
    return { value, unit: 'px' };
  }
  if (typeof value === 'string') {
    const m = NUMBER_UNIT.exec(value.trim());
    if (!m) return value;
    return dimension({ value: Number(m[1]), unit: m[2]!.toLowerCase() }, note);
  }
  if (!isPlainObject(value) || typeof value.value !== 'number' || typeof value.unit !== 'string') return value;
  const unit = value.unit;
  if (unit === 'px' || unit === 'rem') return value;
  if (unit === 'dp') {
    note('unit "dp" read as px');
    return { ...value, unit: 'px' };
  }
  if (unit === '') {
    note('a dimension without a unit read as px');
    return { ...value, unit: 'px' };
  }
  if (CSS_LENGTH_UNITS.includes(unit))
    note(`unit "${unit}" is not a DTCG dimension unit (px, rem); written to CSS as is`);
  return value;
}

/** "'Segoe UI', Roboto, sans-serif" (a CSS font list in one string) → its names. */
function fontFamily(value: unknown, note: Note): unknown {
  if (typeof value !== 'string' || !value.includes(',')) return value;
  const names = value
    .split(',')
    .map((n) => n.trim().replace(/^(['"])(.*)\1$/, '$2'))
    .filter((n) => n !== '');
  if (names.length === 0) return value;
  note(`a comma-separated font list read as ${names.length} family names`);
  return names;
}

type Reader = (value: unknown, note: Note) => unknown;

/** The members of a composite that are read leniently, by member name. */
function members(value: unknown, table: Record<string, Reader>, note: Note, where = ''): unknown {
  if (!isPlainObject(value) || isAlias(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [member, read] of Object.entries(table)) {
    if (!(member in value) || isAlias(value[member])) continue;
    const read1 = read(value[member], (m) => note(`${where}${member}: ${m}`));
    if (read1 === value[member]) continue;
    if (!out) out = { ...value };
    out[member] = read1;
  }
  return out ?? value;
}

const SHADOW: Record<string, Reader> = {
  color,
  offsetX: dimension,
  offsetY: dimension,
  blur: dimension,
  spread: dimension,
};
const lineHeight: Reader = (v, note) => (typeof v === 'number' ? v : dimension(v, note));

/** `value` read leniently for `type`: the same value when nothing needed reading. */
export function lenientValue(type: TokenType, value: unknown, note: Note): unknown {
  if (isAlias(value)) return value;
  const list = (items: unknown[], read: (item: unknown, i: number) => unknown) => {
    const out = items.map(read);
    return out.every((v, i) => v === items[i]) ? items : out;
  };
  switch (type) {
    case 'color':
      return color(value, note);
    case 'dimension':
      return dimension(value, note);
    case 'fontFamily':
      return fontFamily(value, note);
    case 'typography':
      return members(value, { fontFamily, fontSize: dimension, letterSpacing: dimension, lineHeight }, note);
    case 'shadow':
      return Array.isArray(value)
        ? list(value, (layer, i) => members(layer, SHADOW, note, `shadow ${i} `))
        : members(value, SHADOW, note);
    case 'border':
      return members(value, { color, width: dimension }, note);
    case 'gradient':
      return Array.isArray(value) ? list(value, (stop, i) => members(stop, { color }, note, `stop ${i} `)) : value;
    case 'strokeStyle':
      return isPlainObject(value) && Array.isArray(value.dashArray)
        ? ((dashes) => (dashes === value.dashArray ? value : { ...value, dashArray: dashes }))(
            list(value.dashArray, (d) => (isAlias(d) ? d : dimension(d, note))),
          )
        : value;
    default:
      return value;
  }
}

/** Every token read leniently; tokens that needed nothing are the same objects. */
export function lenientTokenSet(set: TokenSet): LenientResult {
  const warnings: string[] = [];
  const tokens = set.tokens.map((token): Token => {
    const notes: string[] = [];
    const note = (m: string) => {
      if (!notes.includes(m)) notes.push(m);
    };
    let values: Record<string, ModeValue> | undefined;
    for (const [mode, raw] of Object.entries(token.valuesByMode ?? {})) {
      const read = lenientValue(token.type, raw, note);
      if (read === raw) continue;
      if (!values) values = { ...token.valuesByMode };
      values[mode] = read as ModeValue;
    }
    if (notes.length > 0) warnings.push(`${token.name}: ${notes.join('; ')}`);
    return values ? { ...token, valuesByMode: values } : token;
  });
  return { tokens: { ...set, tokens }, warnings };
}
