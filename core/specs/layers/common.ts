import { isVariableAlias, refsFromBoundVariables } from '../bound-variables.js';
import type { RawColor, RawEffect, RawPaint } from './raw.js';

export type Loose = { readonly [field: string]: unknown };
export const loose = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {});

/** Single-valued bindings by Plugin API field name; of a list (text fields), the first. */
export function boundFields(...boundVariables: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const bv of boundVariables) {
    if (!bv || typeof bv !== 'object') continue;
    for (const [field, id] of refsFromBoundVariables(bv as Loose, undefined, undefined).fields)
      if (!(field in out)) out[field] = id;
  }
  return out;
}

export function rawColor(value: unknown): RawColor | undefined {
  const c = loose(value);
  if (typeof c.r !== 'number' || typeof c.g !== 'number' || typeof c.b !== 'number') return undefined;
  return { r: c.r, g: c.g, b: c.b, a: typeof c.a === 'number' ? c.a : 1 };
}

const colorVariable = (paint: Loose): string | undefined => {
  const color = loose(paint.boundVariables).color;
  return isVariableAlias(color) ? color.id : undefined;
};

/** A paint of either API; `handles` gives a gradient's handle positions from the paint. */
export function rawPaint(value: unknown, handles: (paint: Loose) => RawPaint['gradientHandlePositions']): RawPaint {
  const p = loose(value);
  const raw: RawPaint = { type: String(p.type) };
  if (typeof p.visible === 'boolean') raw.visible = p.visible;
  if (typeof p.opacity === 'number') raw.opacity = p.opacity;
  if (typeof p.blendMode === 'string') raw.blendMode = p.blendMode;
  if (raw.type === 'SOLID') {
    const color = rawColor(p.color);
    if (color) raw.color = color;
    const v = colorVariable(p);
    if (v) raw.colorVariable = v;
  } else if (raw.type.startsWith('GRADIENT_') && Array.isArray(p.gradientStops)) {
    raw.gradientStops = p.gradientStops.map((s: unknown) => {
      const stop = loose(s);
      const out: NonNullable<RawPaint['gradientStops']>[number] = {
        position: typeof stop.position === 'number' ? stop.position : 0,
        color: rawColor(stop.color) ?? { r: 0, g: 0, b: 0, a: 1 },
      };
      const v = colorVariable(stop);
      if (v) out.colorVariable = v;
      return out;
    });
    const h = handles(p);
    if (h) raw.gradientHandlePositions = h;
  } else {
    if (typeof p.scaleMode === 'string') raw.scaleMode = p.scaleMode;
    const hash = p.imageHash ?? p.imageRef;
    if (typeof hash === 'string' || hash === null) raw.imageHash = hash;
  }
  return raw;
}

export function rawPaints(
  value: unknown,
  handles: (paint: Loose) => RawPaint['gradientHandlePositions'],
): RawPaint[] | undefined {
  return Array.isArray(value) ? value.map((p) => rawPaint(p, handles)) : undefined;
}

export function rawEffects(value: unknown): RawEffect[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((e: unknown) => {
    const effect = loose(e);
    const raw: RawEffect = {
      type: String(effect.type),
      radius: typeof effect.radius === 'number' ? effect.radius : 0,
      bound: {},
    };
    if (typeof effect.visible === 'boolean') raw.visible = effect.visible;
    const color = rawColor(effect.color);
    if (color) raw.color = color;
    const offset = loose(effect.offset);
    if (typeof offset.x === 'number' && typeof offset.y === 'number') raw.offset = { x: offset.x, y: offset.y };
    if (typeof effect.spread === 'number') raw.spread = effect.spread;
    if (typeof effect.blendMode === 'string') raw.blendMode = effect.blendMode;
    for (const [field, alias] of Object.entries(loose(effect.boundVariables)))
      if (isVariableAlias(alias)) raw.bound[field] = alias.id;
    return raw;
  });
}

/** Fields both APIs name alike, copied when they are plain values. */
export function plainValues(node: Loose, fields: readonly string[], into: Record<string, unknown>): void {
  for (const field of fields) {
    const value = node[field];
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') into[field] = value;
  }
}

/** What only an auto-layout container has (a frame, component or instance). */
export const AUTO_LAYOUT_FIELDS = [
  'layoutMode',
  'layoutWrap',
  'paddingLeft',
  'paddingRight',
  'paddingTop',
  'paddingBottom',
  'itemSpacing',
  'counterAxisSpacing',
  'primaryAxisAlignItems',
  'counterAxisAlignItems',
  'counterAxisAlignContent',
  'itemReverseZIndex',
  'strokesIncludedInLayout',
  'gridRowCount',
  'gridColumnCount',
  'gridRowGap',
  'gridColumnGap',
] as const;

export const SHARED_FIELDS = [
  ...AUTO_LAYOUT_FIELDS,
  'layoutSizingHorizontal',
  'layoutSizingVertical',
  'layoutPositioning',
  'layoutGrow',
  'layoutAlign',
  'minWidth',
  'maxWidth',
  'minHeight',
  'maxHeight',
  'strokeWeight',
  'strokeAlign',
  'cornerRadius',
  'opacity',
  'blendMode',
  'clipsContent',
] as const;

/** Text fields a text layer has once (not per styled run), the same in both APIs. */
export const TEXT_LAYOUT_FIELDS = [
  'textAlignHorizontal',
  'textAlignVertical',
  'textAutoResize',
  'textTruncation',
] as const;

/**
 * SVG paths of `fillGeometry`/`strokeGeometry`: the Plugin API names each path `data`, REST
 * `path`; a winding rule neither gives is NONZERO, SVG's default.
 */
export function vectorPaths(value: unknown, pathField: 'data' | 'path') {
  if (!Array.isArray(value)) return undefined;
  return value.map((p: unknown) => {
    const path = loose(p);
    const rule = path.windingRule;
    return {
      path: String(path[pathField] ?? ''),
      windingRule: (rule === 'EVENODD' || rule === 'NONE' ? rule : 'NONZERO') as 'NONZERO' | 'EVENODD' | 'NONE',
    };
  });
}
