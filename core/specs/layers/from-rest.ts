/**
 * The REST adapter: a node of `GET /v1/files/:key/nodes?geometry=paths` in raw.ts's neutral
 * form, REST's shapes turned into the Plugin API's names and units (constraints LEFT → MIN,
 * rotation radians → degrees, per-corner radii and per-side strokes from their REST groups,
 * text runs from characterStyleOverrides + styleOverrideTable).
 */
import type { RestNodeLike } from '../from-rest.js';
import { restStyleIdToPluginId, type RestContext } from '../rest-styles.js';
import {
  boundFields,
  loose,
  plainValues,
  rawEffects,
  rawPaints,
  SHARED_FIELDS,
  type Loose,
  TEXT_LAYOUT_FIELDS,
  vectorPaths,
} from './common.js';
import type { LayerSource, RawCharacterStyle, RawLayer, RawPaint, RawText } from './raw.js';

const HORIZONTAL: Readonly<Record<string, string>> = {
  LEFT: 'MIN',
  RIGHT: 'MAX',
  CENTER: 'CENTER',
  LEFT_RIGHT: 'STRETCH',
  SCALE: 'SCALE',
};
const VERTICAL: Readonly<Record<string, string>> = {
  TOP: 'MIN',
  BOTTOM: 'MAX',
  CENTER: 'CENTER',
  TOP_BOTTOM: 'STRETCH',
  SCALE: 'SCALE',
};
const CORNERS = ['topLeftRadius', 'topRightRadius', 'bottomRightRadius', 'bottomLeftRadius'] as const;
const SIDES: ReadonlyArray<[string, string]> = [
  ['top', 'strokeTopWeight'],
  ['right', 'strokeRightWeight'],
  ['bottom', 'strokeBottomWeight'],
  ['left', 'strokeLeftWeight'],
];
const STYLE_FIELDS: ReadonlyArray<['fillStyle' | 'strokeStyle' | 'effectStyle' | 'textStyle', string[]]> = [
  ['fillStyle', ['fill', 'fills']],
  ['strokeStyle', ['stroke', 'strokes']],
  ['effectStyle', ['effect', 'effects']],
  ['textStyle', ['text']],
];

const restHandles = (paint: Loose): RawPaint['gradientHandlePositions'] => {
  const h = paint.gradientHandlePositions;
  if (!Array.isArray(h) || h.length !== 3) return undefined;
  return h.map((p: unknown) => ({ x: Number(loose(p).x), y: Number(loose(p).y) }));
};

/** A REST TypeStyle (or one override of it) as a complete run style, `fills` the run's paint. */
function characterStyle(style: Loose, fills: unknown): RawCharacterStyle {
  const out: RawCharacterStyle = {};
  if (typeof style.fontFamily === 'string')
    out.fontName = { family: style.fontFamily, style: typeof style.fontStyle === 'string' ? style.fontStyle : '' };
  if (typeof style.fontSize === 'number') out.fontSize = style.fontSize;
  if (typeof style.fontWeight === 'number') out.fontWeight = style.fontWeight;
  if (style.lineHeightUnit === 'PIXELS' && typeof style.lineHeightPx === 'number')
    out.lineHeight = { unit: 'PIXELS', value: style.lineHeightPx };
  else if (style.lineHeightUnit === 'FONT_SIZE_%' && typeof style.lineHeightPercentFontSize === 'number')
    out.lineHeight = { unit: 'PERCENT', value: style.lineHeightPercentFontSize };
  else out.lineHeight = { unit: 'AUTO' };
  out.letterSpacing = { unit: 'PIXELS', value: typeof style.letterSpacing === 'number' ? style.letterSpacing : 0 };
  out.textCase = typeof style.textCase === 'string' ? style.textCase : 'ORIGINAL';
  out.textDecoration = typeof style.textDecoration === 'string' ? style.textDecoration : 'NONE';
  const paints = rawPaints(fills, restHandles);
  if (paints) out.fills = paints;
  return out;
}

function textOf(node: Loose): RawText {
  const characters = typeof node.characters === 'string' ? node.characters : '';
  const base = loose(node.style);
  const table = loose(node.styleOverrideTable);
  const overrides = Array.isArray(node.characterStyleOverrides) ? (node.characterStyleOverrides as unknown[]) : [];
  const styleOf = (id: number): RawCharacterStyle => {
    const override = id === 0 ? {} : loose(table[String(id)]);
    return characterStyle({ ...base, ...override }, override.fills ?? node.fills);
  };
  const text: RawText = { characters, runs: [] };
  // One run per stretch of the same override id; characters past the list use the base style.
  let start = 0;
  const idAt = (i: number) => (typeof overrides[i] === 'number' ? (overrides[i] as number) : 0);
  for (let i = 1; i <= characters.length; i++) {
    if (i === characters.length || idAt(i) !== idAt(start)) {
      text.runs.push({ start, end: i, style: styleOf(idAt(start)) });
      start = i;
    }
  }
  if (text.runs.length === 0) text.runs.push({ start: 0, end: 0, style: styleOf(0) });
  for (const field of TEXT_LAYOUT_FIELDS) if (typeof base[field] === 'string') text[field] = base[field] as string;
  if (typeof base.maxLines === 'number') text.maxLines = base.maxLines;
  if (typeof base.paragraphSpacing === 'number') text.paragraphSpacing = base.paragraphSpacing;
  return text;
}

export function readRestNode(n: RestNodeLike, context: RestContext): RawLayer {
  const node = n as unknown as Loose;
  const box = loose(node.absoluteBoundingBox);
  const raw: RawLayer = {
    id: n.id,
    name: n.name,
    type: n.type,
    box:
      typeof box.x === 'number' && typeof box.y === 'number' && typeof box.width === 'number'
        ? { x: box.x, y: box.y, width: box.width, height: Number(box.height) }
        : null,
    visible: node.visible !== false,
    values: {},
    bound: boundFields(node.boundVariables, loose(node.style).boundVariables),
  };
  const refs = loose(node.componentPropertyReferences);
  if (Object.keys(refs).length > 0) raw.propertyReferences = refs as Record<string, string>;
  plainValues(node, SHARED_FIELDS, raw.values);
  // REST leaves opacity out at 1.
  if (typeof node.rotation === 'number') raw.values.rotation = (node.rotation * 180) / Math.PI;
  const c = loose(node.constraints);
  const h = HORIZONTAL[String(c.horizontal)];
  const v = VERTICAL[String(c.vertical)];
  if (h && v) raw.values.constraints = { horizontal: h, vertical: v };
  const weights = loose(node.individualStrokeWeights);
  for (const [side, field] of SIDES) if (typeof weights[side] === 'number') raw.values[field] = weights[side];
  if (Array.isArray(node.rectangleCornerRadii) && node.rectangleCornerRadii.length === 4)
    CORNERS.forEach((corner, i) => (raw.values[corner] = (node.rectangleCornerRadii as number[])[i]));
  if (Array.isArray(node.strokeDashes)) raw.values.strokeDashes = node.strokeDashes;

  const fills = rawPaints(node.fills, restHandles);
  if (fills) raw.fills = fills;
  const strokes = rawPaints(node.strokes, restHandles);
  if (strokes) raw.strokes = strokes;
  const effects = rawEffects(node.effects);
  if (effects) raw.effects = effects;
  const styles = loose(node.styles);
  for (const [field, keys] of STYLE_FIELDS) {
    const id = keys.map((k) => styles[k]).find((s): s is string => typeof s === 'string' && s !== '');
    if (id) raw[field] = restStyleIdToPluginId(id, context.styles);
  }
  if (n.type === 'TEXT') raw.text = textOf(node);
  const fillGeometry = vectorPaths(node.fillGeometry, 'path');
  if (fillGeometry) raw.fillGeometry = fillGeometry;
  const strokeGeometry = vectorPaths(node.strokeGeometry, 'path');
  if (strokeGeometry) raw.strokeGeometry = strokeGeometry;

  if (n.type === 'INSTANCE' && typeof node.componentId === 'string') {
    const meta = context.components?.[node.componentId];
    if (meta) {
      raw.instance = { componentId: node.componentId, componentName: meta.name ?? '' };
      if (meta.key) raw.instance.componentKey = meta.key;
      const setId = meta.componentSetId;
      const set = setId ? context.componentSets?.[setId] : undefined;
      if (setId) raw.instance.componentSetId = setId;
      if (set?.key) raw.instance.componentSetKey = set.key;
      if (set?.name !== undefined) raw.instance.componentSetName = set.name;
      const properties: Record<string, string | boolean> = {};
      for (const [key, p] of Object.entries(loose(node.componentProperties))) {
        const value = loose(p).value;
        if (typeof value === 'string' || typeof value === 'boolean') properties[key] = value;
      }
      if (Object.keys(properties).length > 0) raw.instance.properties = properties;
    }
  }
  return raw;
}

export function restLayerSource(context: RestContext): LayerSource<RestNodeLike> {
  return { read: (node) => readRestNode(node, context), children: (node) => node.children ?? [] };
}
