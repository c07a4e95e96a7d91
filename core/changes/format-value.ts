import { isAlias } from '../tokens/aliases.js';

/** Token id → display name ("color/primary"); unknown ids are shown as they are. */
export type TokenNameLookup = (tokenId: string) => string | undefined;

const MAX_JSON = 80;

/**
 * A token value as a person reads it in a change reason: colors as hex ("#0055ff",
 * "#0055ff80" with alpha), dimensions and durations as "16px" / "200ms", aliases as
 * "{color/blue/500}", strings quoted, anything else as compact JSON cut at 80 characters.
 */
export function formatValue(value: unknown, nameOf?: TokenNameLookup): string {
  if (value === undefined) return '(none)';
  if (isAlias(value)) return `{${nameOf?.(value.alias) ?? value.alias}}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const color = formatColor(value as Record<string, unknown>);
    if (color) return color;
    const o = value as Record<string, unknown>;
    if (typeof o.value === 'number' && typeof o.unit === 'string' && Object.keys(o).length === 2) {
      return `${o.value}${o.unit}`;
    }
  }
  const json = JSON.stringify(value);
  return json.length > MAX_JSON ? `${json.slice(0, MAX_JSON - 1)}…` : json;
}

function formatColor(o: Record<string, unknown>): string | undefined {
  if (typeof o.colorSpace !== 'string' || !Array.isArray(o.components)) return undefined;
  const alpha = typeof o.alpha === 'number' ? o.alpha : 1;
  const alphaHex = alpha < 1 ? byteHex(alpha) : '';
  if (typeof o.hex === 'string' && /^#[0-9a-fA-F]{6}$/.test(o.hex)) return o.hex.toLowerCase() + alphaHex;
  const comps = o.components as unknown[];
  if (o.colorSpace === 'srgb' && comps.length === 3 && comps.every((c) => typeof c === 'number')) {
    return `#${(comps as number[]).map(byteHex).join('')}${alphaHex}`;
  }
  const parts = comps.map((c) => (typeof c === 'number' ? String(round(c)) : String(c))).join(' ');
  return `${o.colorSpace}(${parts}${alpha < 1 ? ` / ${round(alpha)}` : ''})`;
}

function byteHex(unit: number): string {
  const byte = Math.round(Math.min(1, Math.max(0, unit)) * 255);
  return byte.toString(16).padStart(2, '0');
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
