import type { TokenType } from '../contract/tokens.js';
import { isAlias } from './aliases.js';
import { hexToColor, isHexColor } from './colors.js';
import { isPlainObject } from './dtcg-shared.js';

/*
 * Older DTCG drafts (and most tools still) write colors as hex strings and dimensions or
 * durations as CSS strings ("16px", "200ms"). DTCG 2025.10 uses objects; imports convert
 * the unambiguous legacy forms so that the model holds one shape per type. Canonical values
 * pass through unchanged, which is what makes export → import round-trip.
 */

const LENGTH = /^(-?(?:\d+\.?\d*|\.\d+))(px|rem)$/;
const TIME = /^(-?(?:\d+\.?\d*|\.\d+))(ms|s)$/;

function color(value: unknown): unknown {
  if (isHexColor(value)) return hexToColor(value) ?? value;
  if (isPlainObject(value) && typeof value.hex === 'string' && value.hex !== value.hex.toLowerCase()) {
    return { ...value, hex: value.hex.toLowerCase() };
  }
  return value;
}

function dimension(value: unknown): unknown {
  const m = typeof value === 'string' ? LENGTH.exec(value) : null;
  return m ? { value: Number(m[1]), unit: m[2] } : value;
}

function duration(value: unknown): unknown {
  const m = typeof value === 'string' ? TIME.exec(value) : null;
  return m ? { value: Number(m[1]), unit: m[2] } : value;
}

function slots(value: unknown, convert: Record<string, (v: unknown) => unknown>): unknown {
  if (!isPlainObject(value) || isAlias(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const [slot, fn] of Object.entries(convert)) {
    if (slot in out && !isAlias(out[slot])) out[slot] = fn(out[slot]);
  }
  return out;
}

const shadowLayer = (v: unknown) =>
  slots(v, { color, offsetX: dimension, offsetY: dimension, blur: dimension, spread: dimension });

/** `value` with legacy string forms converted for `type`; aliases are left alone. */
export function upgradeLegacyValue(type: TokenType, value: unknown): unknown {
  if (isAlias(value)) return value;
  switch (type) {
    case 'color':
      return color(value);
    case 'dimension':
      return dimension(value);
    case 'duration':
      return duration(value);
    case 'typography':
      return slots(value, { fontSize: dimension, letterSpacing: dimension, lineHeight: (v) => dimension(v) });
    case 'shadow':
      return Array.isArray(value) ? value.map(shadowLayer) : shadowLayer(value);
    case 'border':
      return slots(value, { color, width: dimension, style: (v) => upgradeLegacyValue('strokeStyle', v) });
    case 'transition':
      return slots(value, { duration, delay: duration });
    case 'gradient':
      return Array.isArray(value) ? value.map((stop) => slots(stop, { color })) : value;
    case 'strokeStyle':
      return isPlainObject(value) && Array.isArray(value.dashArray)
        ? { ...value, dashArray: value.dashArray.map((d) => (isAlias(d) ? d : dimension(d))) }
        : value;
    default:
      return value;
  }
}
