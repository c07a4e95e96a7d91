/**
 * The Plugin API adapter: what a plugin node says, in raw.ts's neutral form. Pure: what only
 * an async call can tell (an instance's main component, under documentAccess: dynamic-page) is
 * collected beforehand by the plugin (plugin/main/extract/instances.ts) and passed in.
 */
import type { LayerInstance } from '../../contract/layers.js';
import {
  loose,
  plainValues,
  rawEffects,
  rawPaints,
  SHARED_FIELDS,
  AUTO_LAYOUT_FIELDS,
  boundFields,
  type Loose,
  TEXT_LAYOUT_FIELDS,
  vectorPaths,
} from './common.js';
import type { LayerSource, RawCharacterStyle, RawLayer, RawText } from './raw.js';

/** What the plugin learnt of an instance's main component, by instance node id. */
export type PluginInstanceInfo = Omit<LayerInstance, 'properties'>;
export type PluginInstances = ReadonlyMap<string, PluginInstanceInfo>;

interface PluginTreeNode {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly children?: readonly PluginTreeNode[];
}

const PLUGIN_ONLY_FIELDS = [
  'strokeTopWeight',
  'strokeRightWeight',
  'strokeBottomWeight',
  'strokeLeftWeight',
  'topLeftRadius',
  'topRightRadius',
  'bottomRightRadius',
  'bottomLeftRadius',
  'rotation',
] as const;

/**
 * Fields only frames (auto layout containers) have. Shapes and texts do not have them, and
 * every property read is a call into Figma's host: a large file reads tens of thousands of
 * leaves, so theirs are not asked for.
 */
const CONTAINER_ONLY_FIELDS = new Set<string>([...AUTO_LAYOUT_FIELDS, 'clipsContent']);
/** Node types known to have none of CONTAINER_ONLY_FIELDS (any other type is asked for all). */
const LEAF_TYPES = new Set(['TEXT', 'VECTOR', 'RECTANGLE', 'ELLIPSE', 'LINE', 'STAR', 'POLYGON', 'BOOLEAN_OPERATION']);
const LEAF_FIELDS = SHARED_FIELDS.filter((f) => !CONTAINER_ONLY_FIELDS.has(f));

/** The text fields read per styled run. */
export const SEGMENT_FIELDS = [
  'fontName',
  'fontSize',
  'fontWeight',
  'lineHeight',
  'letterSpacing',
  'textCase',
  'textDecoration',
  'fills',
] as const;

const STYLE_FIELDS = [
  ['fillStyle', 'fillStyleId'],
  ['strokeStyle', 'strokeStyleId'],
  ['effectStyle', 'effectStyleId'],
  ['textStyle', 'textStyleId'],
] as const;

// One list for every call: Figma only reads it.
const SEGMENT_FIELD_LIST: string[] = [...SEGMENT_FIELDS];

type Matrix = readonly (readonly number[])[];

/**
 * Figma's gradientTransform maps the layer's unit square into gradient space; the handles REST
 * reports are the gradient's start (0, ½), end (1, ½) and width (0, 1) mapped back.
 */
export function handlesFromTransform(transform: unknown): Array<{ x: number; y: number }> | undefined {
  const m = transform as Matrix;
  if (!Array.isArray(m) || m.length !== 2 || !m.every((row) => Array.isArray(row) && row.length === 3))
    return undefined;
  const [[a, b, c], [d, e, f]] = m as [[number, number, number], [number, number, number]];
  const det = a * e - b * d;
  if (!Number.isFinite(det) || det === 0) return undefined;
  const inv = (x: number, y: number) => {
    const px = x - c;
    const py = y - f;
    return { x: (e * px - b * py) / det, y: (-d * px + a * py) / det };
  };
  return [inv(0, 0.5), inv(1, 0.5), inv(0, 1)];
}

const pluginHandles = (paint: Loose) => handlesFromTransform(paint.gradientTransform);
const styleId = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function characterStyle(run: Loose): RawCharacterStyle {
  const style: RawCharacterStyle = {};
  const font = loose(run.fontName);
  if (typeof font.family === 'string' && typeof font.style === 'string')
    style.fontName = { family: font.family, style: font.style };
  if (typeof run.fontSize === 'number') style.fontSize = run.fontSize;
  if (typeof run.fontWeight === 'number') style.fontWeight = run.fontWeight;
  const lh = loose(run.lineHeight);
  if (lh.unit === 'AUTO') style.lineHeight = { unit: 'AUTO' };
  else if ((lh.unit === 'PIXELS' || lh.unit === 'PERCENT') && typeof lh.value === 'number')
    style.lineHeight = { unit: lh.unit, value: lh.value };
  const ls = loose(run.letterSpacing);
  if ((ls.unit === 'PIXELS' || ls.unit === 'PERCENT') && typeof ls.value === 'number')
    style.letterSpacing = { unit: ls.unit, value: ls.value };
  if (typeof run.textCase === 'string') style.textCase = run.textCase;
  if (typeof run.textDecoration === 'string') style.textDecoration = run.textDecoration;
  const fills = rawPaints(run.fills, pluginHandles);
  if (fills) style.fills = fills;
  return style;
}

function textOf(node: Loose): RawText {
  const characters = typeof node.characters === 'string' ? node.characters : '';
  const text: RawText = { characters, runs: [] };
  const segments =
    typeof node.getStyledTextSegments === 'function' && characters.length > 0
      ? (node.getStyledTextSegments as (fields: readonly string[]) => unknown[])(SEGMENT_FIELD_LIST)
      : [];
  for (const s of segments) {
    const segment = loose(s);
    if (typeof segment.start === 'number' && typeof segment.end === 'number')
      text.runs.push({ start: segment.start, end: segment.end, style: characterStyle(segment) });
  }
  // An empty text has no segments; its own (unmixed) style is its only run.
  if (text.runs.length === 0) text.runs.push({ start: 0, end: 0, style: characterStyle(node) });
  for (const field of TEXT_LAYOUT_FIELDS) if (typeof node[field] === 'string') text[field] = node[field] as string;
  if (typeof node.maxLines === 'number' || node.maxLines === null) text.maxLines = node.maxLines as number | null;
  if (typeof node.paragraphSpacing === 'number') text.paragraphSpacing = node.paragraphSpacing;
  return text;
}

export function readPluginNode(n: PluginTreeNode, instances: PluginInstances | undefined): RawLayer {
  const node = n as unknown as Loose;
  const box = loose(node.absoluteBoundingBox);
  const raw: RawLayer = {
    id: n.id,
    name: n.name,
    // REST says REGULAR_POLYGON for what the Plugin API calls POLYGON; the tree uses REST's (DESIGN.md).
    type: n.type === 'POLYGON' ? 'REGULAR_POLYGON' : n.type,
    box:
      typeof box.x === 'number' && typeof box.y === 'number' && typeof box.width === 'number'
        ? { x: box.x, y: box.y, width: box.width, height: Number(box.height) }
        : null,
    visible: node.visible !== false,
    values: {},
    bound: boundFields(node.boundVariables),
  };
  const refs = loose(node.componentPropertyReferences);
  if (Object.keys(refs).length > 0) raw.propertyReferences = refs as Record<string, string>;
  plainValues(node, LEAF_TYPES.has(n.type) ? LEAF_FIELDS : SHARED_FIELDS, raw.values);
  plainValues(node, PLUGIN_ONLY_FIELDS, raw.values);
  const c = loose(node.constraints);
  if (typeof c.horizontal === 'string' && typeof c.vertical === 'string')
    raw.values.constraints = { horizontal: c.horizontal, vertical: c.vertical };
  if (Array.isArray(node.dashPattern)) raw.values.strokeDashes = node.dashPattern;

  const fills = rawPaints(node.fills, pluginHandles);
  if (fills) raw.fills = fills;
  const strokes = rawPaints(node.strokes, pluginHandles);
  if (strokes) raw.strokes = strokes;
  const effects = rawEffects(node.effects);
  if (effects) raw.effects = effects;
  for (const [field, key] of STYLE_FIELDS) {
    const id = styleId(node[key]);
    if (id) raw[field] = id;
  }
  if (n.type === 'TEXT') raw.text = textOf(node);
  const fillGeometry = vectorPaths(node.fillGeometry, 'data');
  if (fillGeometry) raw.fillGeometry = fillGeometry;
  const strokeGeometry = vectorPaths(node.strokeGeometry, 'data');
  if (strokeGeometry) raw.strokeGeometry = strokeGeometry;

  if (n.type === 'INSTANCE') {
    const info = instances?.get(n.id);
    if (info) {
      raw.instance = { ...info };
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

export function pluginLayerSource(instances?: PluginInstances): LayerSource<PluginTreeNode> {
  return {
    read: (node) => readPluginNode(node, instances),
    children: (node) => node.children ?? [],
  };
}
