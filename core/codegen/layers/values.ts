/**
 * Layer values → CSS text. A value bound to a token becomes `var(--token)` (named as tokens.css
 * names it); a literal stays the literal, pixels rounded as the tokens writer rounds them. A
 * token missing from the set falls back to the value Figma resolved it to, so generation never
 * fails on a binding.
 */
import type { BoundLength, BoundNumber, Effect, Paint, Rgba } from '../../contract/layers.js';
import type { Decl } from '../bindings.js';
import type { CssVarNames } from '../css-vars.js';
import { formatComputed, formatNumber, formatPixels } from '../css-values.js';

export const decl = (property: string, value: string, comment?: string): Decl =>
  comment === undefined ? { property, value } : { property, value, comment };

export const px = (n: number): string => (Math.round(n * 100) === 0 ? '0' : `${formatPixels(n)}px`);

/** A length or number a designer may bind: `var(--space-2)` or `12px`. */
export function length(value: BoundLength | BoundNumber, names: CssVarNames): string {
  if (typeof value === 'number') return px(value);
  const token = names.token(value.token);
  const name = names.name(value.token);
  if (token && name) {
    if (token.type === 'dimension') return `var(${name})`;
    if (token.type === 'number') return `calc(var(${name}) * 1px)`;
  }
  return px(value.value);
}

export const rawNumber = (value: BoundLength | BoundNumber): number =>
  typeof value === 'number' ? value : value.value;

export function negated(value: string): string {
  if (value === '0') return '0';
  return value.startsWith('var(') || value.startsWith('calc(') ? `calc(-1 * ${value})` : `-${value}`;
}

/** Half of a length (a centred stroke is half inside, half outside). */
export function halved(value: BoundLength, names: CssVarNames): string {
  if (typeof value === 'number') return px(value / 2);
  const full = length(value, names);
  return full.startsWith('var(') || full.startsWith('calc(') ? `calc(${full} / 2)` : px(value.value / 2);
}

export function rgba(color: Rgba, opacity = 1): string {
  const alpha = Math.max(0, Math.min(1, color.a * opacity));
  const bytes = [color.r, color.g, color.b].map((c) => Math.round(Math.min(1, Math.max(0, c)) * 255));
  if (alpha >= 1) return `#${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  return `rgb(${bytes.join(' ')} / ${formatNumber(Math.round(alpha * 1000) / 1000)})`;
}

function tokenColor(token: string | undefined, names: CssVarNames, opacity: number): string | undefined {
  if (token === undefined) return undefined;
  const t = names.token(token);
  const name = names.name(token);
  if (!t || !name || t.type !== 'color') return undefined;
  if (opacity >= 1) return `var(${name})`;
  return `color-mix(in srgb, var(${name}) ${formatComputed(opacity * 100)}%, transparent)`;
}

export function colorOf(color: Rgba, token: string | undefined, names: CssVarNames, opacity = 1): string {
  return tokenColor(token, names, opacity) ?? rgba(color, opacity);
}

export const visiblePaints = (paints: readonly Paint[] | undefined): Paint[] =>
  (paints ?? []).filter((p) => p.visible !== false);

/** A paint as one CSS colour (text, SVG fills, strokes): a gradient gives its first stop. */
export function paintColor(paint: Paint, names: CssVarNames): string | undefined {
  const opacity = paint.opacity ?? 1;
  if (paint.type === 'SOLID') return colorOf(paint.color, paint.token, names, opacity);
  if (!('gradientStops' in paint)) return undefined;
  const stop = paint.gradientStops[0];
  return stop ? colorOf(stop.color, stop.token, names, opacity) : undefined;
}

const deg = (radians: number): string => `${formatComputed(Math.round(((radians * 180) / Math.PI) * 100) / 100)}deg`;
const pct = (fraction: number): string => `${formatComputed(Math.round(fraction * 10000) / 100)}%`;

type Gradient = Extract<
  Paint,
  { type: 'GRADIENT_LINEAR' | 'GRADIENT_RADIAL' | 'GRADIENT_ANGULAR' | 'GRADIENT_DIAMOND' }
>;

const DEFAULT_HANDLES = [
  { x: 0, y: 0.5 },
  { x: 1, y: 0.5 },
  { x: 0, y: 1 },
];

/**
 * Figma places a gradient by handles in the layer's unit square; CSS by an angle whose line
 * runs corner to corner. Stops are re-projected onto the CSS line so they land where Figma
 * draws them at this box size.
 */
export function gradientCss(paint: Gradient, box: { width: number; height: number }, names: CssVarNames): string {
  const [p0, p1, p2] = paint.gradientHandlePositions ?? DEFAULT_HANDLES;
  const w = Math.max(box.width, 1e-6);
  const h = Math.max(box.height, 1e-6);
  const opacity = paint.opacity ?? 1;
  const start = p0 ?? { x: 0, y: 0.5 };
  const end = p1 ?? { x: 1, y: 0.5 };
  const stop = (position: string, s: Gradient['gradientStops'][number]): string =>
    `${colorOf(s.color, s.token, names, opacity)} ${position}`;
  if (paint.type === 'GRADIENT_LINEAR') {
    const dx = (end.x - start.x) * w;
    const dy = (end.y - start.y) * h;
    const angle = Math.atan2(dx, -dy);
    const ux = Math.sin(angle);
    const uy = -Math.cos(angle);
    const lineLength = Math.abs(w * ux) + Math.abs(h * uy) || 1;
    const along = (t: number): number => {
      const x = (start.x + t * (end.x - start.x)) * w - w / 2;
      const y = (start.y + t * (end.y - start.y)) * h - h / 2;
      return (x * ux + y * uy) / lineLength + 0.5;
    };
    const stops = paint.gradientStops.map((s) => stop(pct(along(s.position)), s));
    return `linear-gradient(${deg(angle)}, ${stops.join(', ')})`;
  }
  const stops = paint.gradientStops.map((s) => stop(pct(s.position), s));
  const at = `at ${pct(start.x)} ${pct(start.y)}`;
  if (paint.type === 'GRADIENT_ANGULAR') {
    const angle = Math.atan2((end.x - start.x) * w, -(end.y - start.y) * h);
    return `conic-gradient(from ${deg(angle)} ${at}, ${stops.join(', ')})`;
  }
  // Radial (and diamond, which CSS has no form for): an ellipse with the two handles as radii.
  const third = p2 ?? { x: start.x, y: 1 };
  const rx = Math.hypot((end.x - start.x) * w, (end.y - start.y) * h);
  const ry = Math.hypot((third.x - start.x) * w, (third.y - start.y) * h);
  return `radial-gradient(${px(rx)} ${px(ry)} ${at}, ${stops.join(', ')})`;
}

/**
 * Fills of a box in CSS's order (the first paints on top, Figma lists the top last): the
 * bottom solid fill is the background colour, everything above a background image layer.
 */
export function backgroundDecls(
  paints: readonly Paint[] | undefined,
  box: { width: number; height: number },
  names: CssVarNames,
): Decl[] {
  const visible = visiblePaints(paints);
  if (visible.length === 0) return [];
  const out: Decl[] = [];
  const images: string[] = [];
  let color: string | undefined;
  let placeholder = false;
  visible.forEach((paint, i) => {
    if (paint.type === 'SOLID') {
      const c = colorOf(paint.color, paint.token, names, paint.opacity ?? 1);
      if (i === 0) color = c;
      else images.unshift(`linear-gradient(${c}, ${c})`);
    } else if (!('gradientStops' in paint)) {
      placeholder = true;
      if (i === 0) color = '#d9d9d9';
      else images.unshift('linear-gradient(#d9d9d9, #d9d9d9)');
    } else {
      images.unshift(gradientCss(paint, box, names));
    }
  });
  if (color !== undefined)
    out.push(
      decl(
        'background-color',
        color,
        placeholder ? 'image fill: a neutral placeholder, the image is not synced' : undefined,
      ),
    );
  if (images.length > 0) out.push(decl('background-image', images.join(', ')));
  return out;
}

const visibleEffects = (effects: readonly Effect[] | undefined): Effect[] =>
  (effects ?? []).filter((e) => e.visible !== false);

/** Shadows in CSS order (first on top). `text` drops the spread CSS text shadows lack. */
export function shadowList(effects: readonly Effect[] | undefined, names: CssVarNames, text = false): string[] {
  return visibleEffects(effects)
    .filter((e) => e.type === 'DROP_SHADOW' || (!text && e.type === 'INNER_SHADOW'))
    .reverse()
    .map((e) => {
      const color = e.color ? colorOf(e.color, e.colorToken, names) : 'rgb(0 0 0 / 0.25)';
      const x = e.offset ? length(e.offset.x, names) : '0';
      const y = e.offset ? length(e.offset.y, names) : '0';
      const parts = [x, y, length(e.radius, names)];
      if (!text) parts.push(e.spread === undefined ? '0' : length(e.spread, names));
      return `${e.type === 'INNER_SHADOW' ? 'inset ' : ''}${parts.join(' ')} ${color}`;
    });
}

/** Figma's blur radius is twice CSS's standard deviation. */
export function blurDecls(effects: readonly Effect[] | undefined): Decl[] {
  const out: Decl[] = [];
  for (const e of visibleEffects(effects)) {
    const r = px(rawNumber(e.radius) / 2);
    if (e.type === 'LAYER_BLUR') out.push(decl('filter', `blur(${r})`));
    if (e.type === 'BACKGROUND_BLUR') out.push(decl('backdrop-filter', `blur(${r})`));
  }
  return out;
}

const BLEND_MODES = new Set([
  'multiply',
  'screen',
  'overlay',
  'darken',
  'lighten',
  'color-dodge',
  'color-burn',
  'hard-light',
  'soft-light',
  'difference',
  'exclusion',
  'hue',
  'saturation',
  'color',
  'luminosity',
]);

export function blendMode(mode: string | undefined): string | undefined {
  if (mode === undefined) return undefined;
  const css = mode.toLowerCase().replace(/_/g, '-');
  return BLEND_MODES.has(css) ? css : undefined;
}

/** JSON with sorted keys: equal values give equal text whatever the order of their keys. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
