import type { Effect, Paint, Rgba } from '../../contract/layers.js';
import { LAYER_LIMITS } from '../../contract/layer-limits.js';
import { isNumber, roundPx, roundUnit } from './numbers.js';
import type { RawColor, RawEffect, RawPaint } from './raw.js';

const GRADIENTS = new Set(['GRADIENT_LINEAR', 'GRADIENT_RADIAL', 'GRADIENT_ANGULAR', 'GRADIENT_DIAMOND']);
const IMAGES = new Set(['IMAGE', 'VIDEO', 'PATTERN']);
const EFFECTS = new Set(['DROP_SHADOW', 'INNER_SHADOW', 'LAYER_BLUR', 'BACKGROUND_BLUR']);

const color = (c: RawColor): Rgba => ({ r: roundUnit(c.r), g: roundUnit(c.g), b: roundUnit(c.b), a: roundUnit(c.a) });

/** Paint fields at Figma's default (visible, opacity 1, blend NORMAL) are omitted. */
function common(raw: RawPaint, into: { visible?: boolean; opacity?: number; blendMode?: string }): void {
  if (raw.visible === false) into.visible = false;
  if (isNumber(raw.opacity) && raw.opacity !== 1) into.opacity = roundUnit(raw.opacity);
  if (raw.blendMode && raw.blendMode !== 'NORMAL' && raw.blendMode !== 'PASS_THROUGH') into.blendMode = raw.blendMode;
}

export function normalizePaints(
  raws: readonly RawPaint[] | undefined,
  where: string,
  warn: (message: string) => void,
): Paint[] | undefined {
  if (!raws || raws.length === 0) return undefined;
  if (raws.length > LAYER_LIMITS.paintsPerLayer)
    warn(`${where} has ${raws.length} paints; the first ${LAYER_LIMITS.paintsPerLayer} are kept`);
  const out: Paint[] = [];
  for (const raw of raws.slice(0, LAYER_LIMITS.paintsPerLayer)) {
    if (raw.type === 'SOLID' && raw.color) {
      const paint: Paint = { type: 'SOLID', color: color(raw.color) };
      common(raw, paint);
      if (raw.colorVariable) paint.token = raw.colorVariable;
      out.push(paint);
    } else if (GRADIENTS.has(raw.type) && raw.gradientStops && raw.gradientStops.length > 0) {
      const paint: Paint = {
        type: raw.type as 'GRADIENT_LINEAR',
        gradientStops: raw.gradientStops.slice(0, LAYER_LIMITS.stopsPerGradient).map((stop) => {
          const s: { position: number; color: Rgba; token?: string } = {
            position: roundUnit(stop.position),
            color: color(stop.color),
          };
          if (stop.colorVariable) s.token = stop.colorVariable;
          return s;
        }),
      };
      if (raw.gradientHandlePositions?.length === 3)
        paint.gradientHandlePositions = raw.gradientHandlePositions.map((p) => ({
          x: roundUnit(p.x),
          y: roundUnit(p.y),
        }));
      common(raw, paint);
      out.push(paint);
    } else if (IMAGES.has(raw.type)) {
      const paint: Paint = { type: raw.type as 'IMAGE' };
      if (raw.scaleMode) paint.scaleMode = raw.scaleMode;
      if (raw.imageHash !== undefined) paint.imageHash = raw.imageHash;
      if (raw.visible === false) paint.visible = false;
      if (isNumber(raw.opacity) && raw.opacity !== 1) paint.opacity = roundUnit(raw.opacity);
      warn(`${raw.type.toLowerCase()} fill of ${where} is a placeholder: the image itself is not synced`);
      out.push(paint);
    } else {
      warn(`${where}: paint of type ${raw.type} is not supported and was skipped`);
    }
  }
  return out.length > 0 ? out : undefined;
}

export function normalizeEffects(
  raws: readonly RawEffect[] | undefined,
  where: string,
  warn: (message: string) => void,
): Effect[] | undefined {
  if (!raws || raws.length === 0) return undefined;
  const out: Effect[] = [];
  for (const raw of raws.slice(0, LAYER_LIMITS.paintsPerLayer)) {
    if (!EFFECTS.has(raw.type)) {
      warn(`${where}: effect of type ${raw.type} is not supported and was skipped`);
      continue;
    }
    const bound = (field: string, value: number) => {
      const token = raw.bound[field];
      return token ? { token, value: roundPx(value) } : roundPx(value);
    };
    const effect: Effect = { type: raw.type as Effect['type'], radius: bound('radius', raw.radius) };
    if (raw.visible === false) effect.visible = false;
    if (raw.type === 'DROP_SHADOW' || raw.type === 'INNER_SHADOW') {
      if (raw.color) effect.color = color(raw.color);
      if (raw.bound.color) effect.colorToken = raw.bound.color;
      effect.offset = { x: bound('offsetX', raw.offset?.x ?? 0), y: bound('offsetY', raw.offset?.y ?? 0) };
      if ((isNumber(raw.spread) && raw.spread !== 0) || raw.bound.spread)
        effect.spread = bound('spread', raw.spread ?? 0);
      if (raw.blendMode && raw.blendMode !== 'NORMAL') effect.blendMode = raw.blendMode;
    }
    out.push(effect);
  }
  return out.length > 0 ? out : undefined;
}
