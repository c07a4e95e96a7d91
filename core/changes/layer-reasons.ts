/**
 * Reasons for layer changes as a designer reads them: "paddingLeft of `Container` 8 → 12",
 * "fills of `Label` {color/fg} → #ffffff", "`Icon`, wired to prop `Show icon`, removed".
 */
import type { Bump, SpecChange } from '../contract/changes.js';
import type { TokenNameLookup } from './format-value.js';

const MAX_JSON = 80;

function hex(unit: number): string {
  return Math.round(Math.min(1, Math.max(0, unit)) * 255)
    .toString(16)
    .padStart(2, '0');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function rgba(o: Record<string, unknown>, opacity = 1): string | undefined {
  const { r, g, b, a } = o;
  if (typeof r !== 'number' || typeof g !== 'number' || typeof b !== 'number') return undefined;
  const alpha = (typeof a === 'number' ? a : 1) * opacity;
  return `#${hex(r)}${hex(g)}${hex(b)}${alpha < 1 ? hex(alpha) : ''}`;
}

function paint(o: Record<string, unknown>, nameOf?: TokenNameLookup): string {
  const token = (id: unknown) => `{${typeof id === 'string' ? (nameOf?.(id) ?? id) : '?'}}`;
  const opacity = typeof o.opacity === 'number' ? o.opacity : 1;
  const hidden = o.visible === false ? ' (hidden)' : '';
  if (o.type === 'SOLID') {
    if (typeof o.token === 'string') return token(o.token) + hidden;
    return (isRecord(o.color) ? (rgba(o.color, opacity) ?? '?') : '?') + hidden;
  }
  if (typeof o.type === 'string' && o.type.startsWith('GRADIENT_') && Array.isArray(o.gradientStops)) {
    const stops = o.gradientStops
      .filter(isRecord)
      .map((s) => (typeof s.token === 'string' ? token(s.token) : isRecord(s.color) ? (rgba(s.color) ?? '?') : '?'));
    return `${o.type.slice('GRADIENT_'.length).toLowerCase()} gradient ${stops.join(' → ')}${hidden}`;
  }
  return `${String(o.type).toLowerCase()}${hidden}`;
}

function effect(o: Record<string, unknown>, nameOf?: TokenNameLookup): string {
  const parts = [String(o.type).toLowerCase().replace('_', ' ')];
  const offset = isRecord(o.offset) ? o.offset : undefined;
  if (offset) parts.push(formatLayerValue(offset.x, nameOf), formatLayerValue(offset.y, nameOf));
  parts.push(formatLayerValue(o.radius, nameOf));
  if (o.spread !== undefined) parts.push(formatLayerValue(o.spread, nameOf));
  if (typeof o.colorToken === 'string') parts.push(`{${nameOf?.(o.colorToken) ?? o.colorToken}}`);
  else if (isRecord(o.color)) parts.push(rgba(o.color) ?? '?');
  return parts.join(' ');
}

/** A layer property's value: numbers as px numbers, colours as hex, bound values as `{token name}`. */
export function formatLayerValue(value: unknown, nameOf?: TokenNameLookup, property?: string): string {
  if (value === undefined) return '(none)';
  if (value === null) return 'none';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return property === 'characters' ? JSON.stringify(value) : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    return value.map((v) => (isRecord(v) ? formatObject(v, nameOf) : formatLayerValue(v, nameOf))).join(', ');
  }
  if (isRecord(value)) return formatObject(value, nameOf);
  return String(value);
}

function formatObject(o: Record<string, unknown>, nameOf?: TokenNameLookup): string {
  const keys = Object.keys(o);
  if (typeof o.token === 'string' && (keys.length === 1 || (keys.length === 2 && 'value' in o)))
    return `{${nameOf?.(o.token) ?? o.token}}`;
  if (typeof o.type === 'string' && ('color' in o || 'gradientStops' in o || 'imageHash' in o || 'scaleMode' in o))
    return paint(o, nameOf);
  if (typeof o.type === 'string' && 'radius' in o) return effect(o, nameOf);
  if (typeof o.type === 'string' && /^(IMAGE|VIDEO|PATTERN)$/.test(o.type)) return paint(o, nameOf);
  const color = rgba(o);
  if (color && keys.length === 4) return color;
  if (typeof o.unit === 'string') {
    if (o.unit === 'AUTO') return 'auto';
    const v = formatLayerValue(o.value, nameOf);
    return o.unit === 'PERCENT' ? `${v}%` : `${v}px`;
  }
  if (typeof o.family === 'string' && typeof o.style === 'string') return `${o.family} ${o.style}`;
  if (typeof o.horizontal === 'string' && typeof o.vertical === 'string') return `${o.horizontal} ${o.vertical}`;
  if (typeof o.name === 'string' && 'id' in o) return `\`${o.name}\``;
  const json = JSON.stringify(o);
  return json.length > MAX_JSON ? `${json.slice(0, MAX_JSON - 1)}…` : json;
}

/** " (in 12 variants)", " (in variant `Size=lg`)", or nothing for a lone component. */
function where(change: SpecChange): string {
  const variants = change.variants ?? (change.variant !== undefined ? [change.variant] : []);
  if (variants.length > 1) return ` (in ${variants.length} variants)`;
  if (variants.length === 1 && variants[0]) return ` (in variant \`${variants[0]}\`)`;
  return '';
}

export function layerReason(change: SpecChange, nameOf?: TokenNameLookup): { bump: Bump; reason: string } {
  const layer = `\`${change.layer ?? '?'}\``;
  const at = where(change);
  switch (change.kind) {
    case 'layerAdded':
      return { bump: 'minor', reason: `layer ${layer} added${at}` };
    case 'layerRemoved': {
      const wired = change.wiredTo ?? [];
      if (wired.length > 0) {
        const props = wired.map((p) => `\`${p}\``).join(', ');
        return {
          bump: 'major',
          reason: `${layer}, wired to prop${wired.length > 1 ? 's' : ''} ${props}, removed${at}`,
        };
      }
      return { bump: 'minor', reason: `layer ${layer} removed${at}` };
    }
    default: {
      const property = change.property ?? '?';
      if (property === 'vector' || property === 'order of children')
        return { bump: 'minor', reason: `${property} of ${layer} changed${at}` };
      const before = formatLayerValue(change.before, nameOf, property);
      const after = formatLayerValue(change.after, nameOf, property);
      return { bump: 'minor', reason: `${property} of ${layer} ${before} → ${after}${at}` };
    }
  }
}
