/**
 * The one normalizer of layer trees (DESIGN.md "Layer tree"): from what an adapter read of each
 * node (raw.ts) to `Layer`. Every decision about what a layer keeps lives here, so the plugin
 * and the REST reader give the same tree for the same design:
 * - geometry relative to the variant's top-left, in 1/100 px;
 * - a field at Figma's default is omitted (no `layout` at all for a plain vector), auto-layout
 *   fields only on auto-layout frames, child sizing only under one, constraints only where they
 *   apply;
 * - a bound field is `{ token, value }`;
 * - the caps of LAYER_LIMITS: reading stops there, with a warning, and the tree stays valid.
 */
import type { Layer, LayerInstance, LayerLayout, LayerProps, LayerStyle, VectorPath } from '../../contract/layers.js';
import { LAYER_LIMITS } from '../../contract/layer-limits.js';
import { stripPropSuffix } from '../props.js';
import { isNumber, roundPx } from './numbers.js';
import { normalizeEffects, normalizePaints } from './paints.js';
import type { LayerSource, RawLayer } from './raw.js';
import { normalizeText } from './text.js';

export interface LayerTreeOptions {
  warn?: (message: string) => void;
}

/** Node types the tree describes; any other is kept as a box, with a warning. */
const KNOWN_TYPES = new Set([
  'FRAME',
  'GROUP',
  'SECTION',
  'SLOT',
  'COMPONENT',
  'COMPONENT_SET',
  'INSTANCE',
  'BOOLEAN_OPERATION',
  'RECTANGLE',
  'ELLIPSE',
  'VECTOR',
  'LINE',
  'STAR',
  'REGULAR_POLYGON',
  'TEXT',
]);
/** Shapes whose outline is their path; frames and rectangles are told by box and radii. */
const PATH_TYPES = new Set(['VECTOR', 'BOOLEAN_OPERATION', 'STAR', 'LINE', 'ELLIPSE', 'REGULAR_POLYGON']);
const AUTO_LAYOUT = new Set(['HORIZONTAL', 'VERTICAL', 'GRID']);
const CORNERS = ['topLeftRadius', 'topRightRadius', 'bottomRightRadius', 'bottomLeftRadius'] as const;
const SIDES = ['strokeTopWeight', 'strokeRightWeight', 'strokeBottomWeight', 'strokeLeftWeight'] as const;

const clip = (s: string, max: number): string => (s.length > max ? s.slice(0, max) : s);

/**
 * The variant's tree, `root` its own node. Undefined when Figma gave the root no bounding box
 * (a node answered without geometry): a tree of made-up boxes would be worse than none.
 */
export function buildLayerTree<N>(root: N, source: LayerSource<N>, options: LayerTreeOptions = {}): Layer | undefined {
  const warn = options.warn ?? (() => {});
  const rootRaw = source.read(root);
  if (!rootRaw.box) return undefined;
  const origin = rootRaw.box;
  const variant = `variant ${rootRaw.name} (${rootRaw.id})`;
  let count = 0;
  let full = false;
  let tooDeep = false;

  const visit = (node: N, raw: RawLayer, depth: number, parentMode: string | undefined): Layer => {
    count += 1;
    const layer = toLayer(raw, origin, depth === 1 ? undefined : (parentMode ?? 'NONE'), warn);
    const kids = KNOWN_TYPES.has(raw.type) ? source.children(node) : [];
    if (kids.length === 0) return layer;
    if (depth >= LAYER_LIMITS.depth) {
      if (!tooDeep)
        warn(`${variant}: layers nest deeper than ${LAYER_LIMITS.depth} levels; the deeper ones were not read`);
      tooDeep = true;
      return layer;
    }
    const children: Layer[] = [];
    const mode = typeof raw.values.layoutMode === 'string' ? raw.values.layoutMode : 'NONE';
    for (const kid of kids) {
      if (count >= LAYER_LIMITS.layersPerVariant) {
        if (!full) warn(`${variant} has more than ${LAYER_LIMITS.layersPerVariant} layers; the rest were not read`);
        full = true;
        break;
      }
      children.push(visit(kid, source.read(kid), depth + 1, mode));
    }
    if (children.length > 0) layer.children = children;
    return layer;
  };
  return visit(root, rootRaw, 1, undefined);
}

/** `parentMode`: the parent's layoutMode, undefined for the variant's own node. */
function toLayer(
  raw: RawLayer,
  origin: { x: number; y: number },
  parentMode: string | undefined,
  warn: (m: string) => void,
): Layer {
  const name = clip(raw.name, LAYER_LIMITS.name);
  const where = `layer "${name}" (${raw.id})`;
  const b = raw.box;
  const layer: Layer = {
    id: clip(raw.id, LAYER_LIMITS.name),
    name,
    type: clip(raw.type || 'UNKNOWN', 50),
    box: b
      ? {
          x: roundPx(b.x - origin.x),
          y: roundPx(b.y - origin.y),
          width: roundPx(Math.max(0, b.width)),
          height: roundPx(Math.max(0, b.height)),
        }
      : { x: 0, y: 0, width: 0, height: 0 },
  };
  if (!raw.visible) layer.visible = false;
  if (!KNOWN_TYPES.has(raw.type)) {
    warn(`${where} is of type ${raw.type}, which design-sync does not know: kept as a box`);
    return layer;
  }
  const props = propsOf(raw.propertyReferences);
  if (props) layer.props = props;
  const layout = layoutOf(raw, parentMode);
  if (layout) layer.layout = layout;
  let textFills: LayerStyle['fills'];
  if (raw.text) {
    const { text, fills } = normalizeText(raw.text, raw.bound, where, warn);
    layer.text = text;
    // The text style is the layer's typography token (codegen's text CSS uses it).
    if (raw.textStyle) text.textStyle = raw.textStyle;
    textFills = fills;
  }
  const style = styleOf(raw, where, warn, raw.text ? textFills : undefined);
  if (style) layer.style = style;
  if (PATH_TYPES.has(raw.type)) {
    const fillGeometry = paths(raw.fillGeometry, where, warn);
    const strokeGeometry = layer.style?.strokes ? paths(raw.strokeGeometry, where, warn) : undefined;
    if (fillGeometry || strokeGeometry) {
      layer.vector = {};
      if (fillGeometry) layer.vector.fillGeometry = fillGeometry;
      if (strokeGeometry) layer.vector.strokeGeometry = strokeGeometry;
    }
  }
  if (raw.instance) layer.instance = instanceOf(raw.instance);
  // Neither reader found what it instantiates (deleted, or in a library the file cannot read):
  // code draws it from the layers it holds, and the designer is told why it is not an import.
  else if (raw.type === 'INSTANCE')
    warn(`instance "${name}" (${raw.id}): its main component is not in this file; rendered from its own layers`);
  return layer;
}

function propsOf(refs: RawLayer['propertyReferences']): LayerProps | undefined {
  if (!refs) return undefined;
  const props: LayerProps = {};
  for (const field of ['visible', 'characters', 'mainComponent'] as const) {
    const key = refs[field];
    if (typeof key === 'string' && key !== '') props[field] = clip(stripPropSuffix(key), 200);
  }
  return Object.keys(props).length > 0 ? props : undefined;
}

function instanceOf(raw: LayerInstance): LayerInstance {
  const out: LayerInstance = { ...raw };
  if (raw.properties) {
    const properties: Record<string, string | boolean> = {};
    for (const [key, value] of Object.entries(raw.properties)) properties[stripPropSuffix(key)] = value;
    if (Object.keys(properties).length > 0) out.properties = properties;
    else delete out.properties;
  }
  return out;
}

type Bound = number | { token: string; value: number };

/** A number field: `{ token, value }` when bound, the literal when not, undefined when absent. */
function boundField(raw: RawLayer, field: string, fallback?: string): Bound | undefined {
  // A corner or side REST does not list separately has the shared value (cornerRadius, strokeWeight).
  const value = raw.values[field] ?? (fallback ? raw.values[fallback] : undefined);
  const token = raw.bound[field];
  // REST leaves out a field at 0 even when a variable (whose value is 0) is bound to it.
  if (token) return { token, value: roundPx(isNumber(value) ? value : 0) };
  return isNumber(value) ? roundPx(value) : undefined;
}

const isBound = (v: Bound | undefined): boolean => typeof v === 'object';
/** Present and not the default 0 (a bound field is kept whatever its value). */
const nonZero = (v: Bound | undefined): v is Bound => v !== undefined && (isBound(v) || v !== 0);

// Module-level helpers rather than closures per layer: a large file normalizes tens of
// thousands of layers, and the closures were a share of its allocations.
const strOf = (v: RawLayer['values'], field: string): string | undefined =>
  typeof v[field] === 'string' ? (v[field] as string) : undefined;

function setStr(v: RawLayer['values'], out: LayerLayout, field: keyof LayerLayout, fallback: string): void {
  const s = strOf(v, field);
  if (s !== undefined && s !== fallback) (out as Record<string, unknown>)[field] = s;
}

function setNum(raw: RawLayer, out: LayerLayout, field: keyof LayerLayout): void {
  const n = boundField(raw, field);
  if (nonZero(n)) (out as Record<string, unknown>)[field] = n;
}

/** Two bound values alike (the literal, or the same token and value). */
function sameBound(a: Bound | undefined, b: Bound | undefined): boolean {
  if (typeof a === 'object' && typeof b === 'object') return a.token === b.token && a.value === b.value;
  return a === b;
}

function layoutOf(raw: RawLayer, parentMode: string | undefined): LayerLayout | undefined {
  const v = raw.values;
  const out: LayerLayout = {};
  const mode = strOf(v, 'layoutMode') ?? 'NONE';
  const auto = AUTO_LAYOUT.has(mode);
  if (auto) {
    out.layoutMode = mode as LayerLayout['layoutMode'];
    for (const f of ['paddingLeft', 'paddingRight', 'paddingTop', 'paddingBottom', 'itemSpacing'] as const)
      setNum(raw, out, f);
    setStr(v, out, 'primaryAxisAlignItems', 'MIN');
    setStr(v, out, 'counterAxisAlignItems', 'MIN');
    if (v.itemReverseZIndex === true) out.itemReverseZIndex = true;
    if (v.strokesIncludedInLayout === true) out.strokesIncludedInLayout = true;
    if (strOf(v, 'layoutWrap') === 'WRAP') {
      out.layoutWrap = 'WRAP';
      setNum(raw, out, 'counterAxisSpacing');
      setStr(v, out, 'counterAxisAlignContent', 'AUTO');
    }
    if (mode === 'GRID') {
      for (const f of ['gridRowCount', 'gridColumnCount'] as const)
        if (isNumber(v[f]) && (v[f] as number) > 0) out[f] = v[f] as number;
      setNum(raw, out, 'gridRowGap');
      setNum(raw, out, 'gridColumnGap');
    }
  }
  const parentAuto = parentMode !== undefined && AUTO_LAYOUT.has(parentMode);
  if (auto || parentAuto || raw.type === 'TEXT') {
    setStr(v, out, 'layoutSizingHorizontal', 'FIXED');
    setStr(v, out, 'layoutSizingVertical', 'FIXED');
  }
  const absolute = parentAuto && strOf(v, 'layoutPositioning') === 'ABSOLUTE';
  if (absolute) out.layoutPositioning = 'ABSOLUTE';
  if (parentAuto && !absolute) {
    if (isNumber(v.layoutGrow) && v.layoutGrow !== 0) out.layoutGrow = v.layoutGrow as number;
    setStr(v, out, 'layoutAlign', 'INHERIT');
  }
  if (parentMode !== undefined && (!parentAuto || absolute)) {
    const c = v.constraints as { horizontal?: string; vertical?: string } | undefined;
    if (c && c.horizontal && c.vertical && (c.horizontal !== 'MIN' || c.vertical !== 'MIN'))
      out.constraints = { horizontal: c.horizontal, vertical: c.vertical } as LayerLayout['constraints'];
  }
  for (const f of ['minWidth', 'maxWidth', 'minHeight', 'maxHeight'] as const) {
    const n = boundField(raw, f);
    if (n !== undefined) out[f] = n;
  }
  if (isNumber(v.rotation) && roundPx(v.rotation) !== 0) out.rotation = roundPx(v.rotation);
  return Object.keys(out).length > 0 ? out : undefined;
}

function styleOf(
  raw: RawLayer,
  where: string,
  warn: (m: string) => void,
  textFills: LayerStyle['fills'] | undefined,
): LayerStyle | undefined {
  const v = raw.values;
  const out: LayerStyle = {};
  const fills = raw.text ? textFills : normalizePaints(raw.fills, where, warn);
  if (fills) out.fills = fills;
  const strokes = normalizePaints(raw.strokes, where, warn);
  if (strokes) out.strokes = strokes;
  if (raw.fillStyle) out.fillStyle = raw.fillStyle;
  if (raw.strokeStyle) out.strokeStyle = raw.strokeStyle;
  if (raw.effectStyle) out.effectStyle = raw.effectStyle;

  if (strokes || raw.strokeStyle) {
    const sides = SIDES.map((s) => boundField(raw, s, 'strokeWeight') ?? boundField(raw, 'strokeWeight'));
    const weight = boundField(raw, 'strokeWeight');
    const uniform = sides.every((s) => sameBound(s, sides[0]));
    if (uniform && sides[0] !== undefined) out.strokeWeight = sides[0];
    else if (uniform && weight !== undefined) out.strokeWeight = weight;
    else SIDES.forEach((s, i) => sides[i] !== undefined && (out[s] = sides[i]));
    if (typeof v.strokeAlign === 'string') out.strokeAlign = v.strokeAlign as LayerStyle['strokeAlign'];
    if (Array.isArray(v.strokeDashes) && v.strokeDashes.length > 0)
      out.strokeDashes = (v.strokeDashes as number[]).slice(0, 20).map(roundPx);
  }

  // One radius when the four corners agree (Figma's cornerRadius), else one per corner.
  const corners = CORNERS.map((c) => boundField(raw, c, 'cornerRadius') ?? boundField(raw, 'cornerRadius'));
  const radius = boundField(raw, 'cornerRadius');
  if (corners.every((c) => sameBound(c, corners[0]))) {
    const r = corners[0] ?? radius;
    if (nonZero(r)) out.cornerRadius = r;
  } else CORNERS.forEach((c, i) => nonZero(corners[i]) && (out[c] = corners[i]));

  const effects = normalizeEffects(raw.effects, where, warn);
  if (effects) out.effects = effects;
  if (isNumber(v.opacity) && (v.opacity !== 1 || raw.bound.opacity)) {
    const value = Math.round(v.opacity * 10_000) / 10_000;
    out.opacity = raw.bound.opacity ? { token: raw.bound.opacity, value } : value;
  }
  if (typeof v.blendMode === 'string' && v.blendMode !== 'PASS_THROUGH' && v.blendMode !== 'NORMAL')
    out.blendMode = v.blendMode;
  if (v.clipsContent === true) out.clipsContent = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

function paths(raws: readonly VectorPath[] | undefined, where: string, warn: (m: string) => void) {
  if (!raws || raws.length === 0) return undefined;
  if (raws.length > LAYER_LIMITS.pathsPerVector)
    warn(`${where} has ${raws.length} paths; the first ${LAYER_LIMITS.pathsPerVector} are kept`);
  const out: VectorPath[] = [];
  for (const p of raws.slice(0, LAYER_LIMITS.pathsPerVector)) {
    if (p.path.length > LAYER_LIMITS.pathChars) {
      warn(`${where}: a path of ${p.path.length} characters is past ${LAYER_LIMITS.pathChars} and was left out`);
      continue;
    }
    out.push({ path: p.path, windingRule: p.windingRule });
  }
  return out.length > 0 ? out : undefined;
}
