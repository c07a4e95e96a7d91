/**
 * The components of a file described for the fake `figma` global (test/fakes/figma seed) as
 * `GET /v1/files/:key/nodes?geometry=paths` answers them, so one seed stands behind both fakes
 * and a test compares what the plugin and a poll read of the same design. Written from the seed
 * (not from what the plugin made of it), in REST's own shapes:
 * - POLYGON is REGULAR_POLYGON; constraints LEFT/RIGHT/TOP_BOTTOM…; rotation in radians;
 * - per-side strokes as `individualStrokeWeights`, per-corner radii as `rectangleCornerRadii`
 *   (and their bindings nested likewise), both only when they differ;
 * - a gradient's handles as `gradientHandlePositions`; an image's hash as `imageRef`;
 * - text as `style` (a TypeStyle: letter spacing in px, line height PIXELS / FONT_SIZE_% /
 *   INTRINSIC_%) with `characterStyleOverrides` + `styleOverrideTable` for differing runs;
 * - paths as `{ path, windingRule }`; geometry as the float32 Figma stores;
 * - fields at their default mostly left out, as REST does.
 */
import { handlesFromTransform } from '../../../core/specs/index.js';
import { fontWeightFromStyleName } from '../../../core/tokens/values.js';
import { fakeKey } from '../figma/keys.js';
import type { FakeComponentSetSeed, FakeFile, FakeSceneSeed, FakeTextSeed } from '../figma/seed.js';
import { analyzeSet } from '../figma/variants.js';
import type { FakeComponentMeta, FakeComponentSetMeta, FakeNode, FakeStyleMeta } from './types.js';

export interface RestNodesOfSeed {
  nodes: Record<string, FakeNode>;
  components: Record<string, FakeComponentMeta>;
  componentSets: Record<string, FakeComponentSetMeta>;
  styles: Record<string, FakeStyleMeta>;
}

type Rec = Record<string, unknown>;
const f32 = (n: unknown) => (typeof n === 'number' ? Math.fround(n) : n);

const H: Rec = { MIN: 'LEFT', MAX: 'RIGHT', CENTER: 'CENTER', STRETCH: 'LEFT_RIGHT', SCALE: 'SCALE' };
const V: Rec = { MIN: 'TOP', MAX: 'BOTTOM', CENTER: 'CENTER', STRETCH: 'TOP_BOTTOM', SCALE: 'SCALE' };
const COPIED = [
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
  'layoutSizingHorizontal',
  'layoutSizingVertical',
  'layoutPositioning',
  'layoutGrow',
  'layoutAlign',
  'minWidth',
  'maxWidth',
  'minHeight',
  'maxHeight',
  'clipsContent',
  'effects',
  'componentPropertyReferences',
];
const SIDES: Array<[string, string]> = [
  ['strokeTopWeight', 'top'],
  ['strokeRightWeight', 'right'],
  ['strokeBottomWeight', 'bottom'],
  ['strokeLeftWeight', 'left'],
];
const CORNERS: Array<[string, string]> = [
  ['topLeftRadius', 'RECTANGLE_TOP_LEFT_CORNER_RADIUS'],
  ['topRightRadius', 'RECTANGLE_TOP_RIGHT_CORNER_RADIUS'],
  ['bottomRightRadius', 'RECTANGLE_BOTTOM_RIGHT_CORNER_RADIUS'],
  ['bottomLeftRadius', 'RECTANGLE_BOTTOM_LEFT_CORNER_RADIUS'],
];
const FRAMES = new Set(['FRAME', 'COMPONENT', 'COMPONENT_SET', 'INSTANCE', 'SLOT']);

function paint(p: Rec): Rec {
  const out: Rec = { ...p };
  if (p.type === 'SOLID') {
    const c = p.color as Rec;
    out.color = { r: c.r, g: c.g, b: c.b, a: 1 };
  } else if (typeof p.type === 'string' && p.type.startsWith('GRADIENT_')) {
    delete out.gradientTransform;
    out.gradientHandlePositions = (handlesFromTransform(p.gradientTransform) ?? []).map((h) => ({
      x: f32(h.x),
      y: f32(h.y),
    }));
  } else if ('imageHash' in p) {
    delete out.imageHash;
    out.imageRef = p.imageHash;
  }
  return out;
}
const paints = (list: unknown) => (Array.isArray(list) ? list.map((p) => paint(p as Rec)) : undefined);

function typeStyle(s: Rec): Rec {
  const style: Rec = {};
  const font = (s.fontName ?? { family: 'Inter', style: 'Regular' }) as Rec;
  style.fontFamily = font.family;
  style.fontStyle = font.style;
  const size = (s.fontSize as number | undefined) ?? 12;
  style.fontSize = size;
  style.fontWeight = s.fontWeight ?? 400;
  const lh = (s.lineHeight ?? { unit: 'AUTO' }) as Rec;
  if (lh.unit === 'PIXELS') Object.assign(style, { lineHeightUnit: 'PIXELS', lineHeightPx: lh.value });
  else if (lh.unit === 'PERCENT')
    Object.assign(style, {
      lineHeightUnit: 'FONT_SIZE_%',
      lineHeightPercentFontSize: lh.value,
      lineHeightPx: ((lh.value as number) / 100) * size,
    });
  else style.lineHeightUnit = 'INTRINSIC_%';
  const ls = (s.letterSpacing ?? { unit: 'PERCENT', value: 0 }) as Rec;
  style.letterSpacing = ls.unit === 'PERCENT' ? ((ls.value as number) / 100) * size : ls.value;
  if (s.textCase && s.textCase !== 'ORIGINAL') style.textCase = s.textCase;
  if (s.textDecoration && s.textDecoration !== 'NONE') style.textDecoration = s.textDecoration;
  return style;
}

function text(seed: FakeTextSeed, node: Rec): void {
  const own = seed as unknown as Rec;
  const segments = seed.segments ?? [];
  node.characters = segments.length > 0 ? segments.map((s) => s.characters).join('') : (seed.characters ?? '');
  const base = typeStyle(own);
  for (const field of ['textAlignHorizontal', 'textAlignVertical', 'textAutoResize', 'textTruncation', 'maxLines'])
    if (own[field] !== undefined && own[field] !== null) base[field] = own[field];
  // REST leaves auto-resize out when it is NONE; a new text layer hugs its content.
  base.textAutoResize ??= 'WIDTH_AND_HEIGHT';
  if (base.textAutoResize === 'NONE') delete base.textAutoResize;
  base.textAlignHorizontal ??= 'LEFT';
  base.textAlignVertical ??= 'TOP';
  if (typeof own.paragraphSpacing === 'number') base.paragraphSpacing = own.paragraphSpacing;
  node.style = base;
  const baseFills = Array.isArray(seed.fills) ? seed.fills : (segments[0]?.fills ?? []);
  node.fills = paints(baseFills);
  const overrides: number[] = [];
  const table: Record<string, Rec> = {};
  const keys: string[] = [];
  for (const segment of segments) {
    const full = typeStyle({ ...own, ...segment });
    const diff: Rec = {};
    for (const [k, v] of Object.entries(full)) if (JSON.stringify(v) !== JSON.stringify(base[k])) diff[k] = v;
    if (JSON.stringify(segment.fills) !== JSON.stringify(baseFills)) diff.fills = paints(segment.fills);
    let id = 0;
    if (Object.keys(diff).length > 0) {
      const key = JSON.stringify(diff);
      let i = keys.indexOf(key);
      if (i < 0) {
        keys.push(key);
        i = keys.length - 1;
        table[String(i + 1)] = diff;
      }
      id = i + 1;
    }
    for (let c = 0; c < segment.characters.length; c++) overrides.push(id);
  }
  // REST trims trailing base-style characters off the list.
  while (overrides.length > 0 && overrides[overrides.length - 1] === 0) overrides.pop();
  node.characterStyleOverrides = overrides;
  node.styleOverrideTable = table;
}

/** Plugin bound-variable names → REST's (per-side and per-corner ones nested). */
function boundVariables(bv: Rec | undefined): Rec | undefined {
  if (!bv) return undefined;
  const out: Rec = {};
  for (const [field, value] of Object.entries(bv)) {
    const side = SIDES.find(([f]) => f === field);
    const corner = CORNERS.find(([f]) => f === field);
    if (side) ((out.individualStrokeWeights ??= {}) as Rec)[side[1]] = value;
    else if (corner) ((out.rectangleCornerRadii ??= {}) as Rec)[corner[1]] = value;
    else out[field] = value;
  }
  return out;
}

function restNode(seed: FakeSceneSeed, styles: (id: unknown) => string | undefined): FakeNode {
  const s = seed as unknown as Rec;
  const node: FakeNode = {
    id: seed.id,
    name: seed.name,
    type: seed.type === 'POLYGON' ? 'REGULAR_POLYGON' : seed.type,
    scrollBehavior: 'SCROLLS',
    blendMode: seed.blendMode ?? (FRAMES.has(seed.type) || seed.type === 'GROUP' ? 'PASS_THROUGH' : 'NORMAL'),
  };
  if (seed.visible === false) node.visible = false;
  const box = seed.absoluteBoundingBox;
  if (box) node.absoluteBoundingBox = { x: f32(box.x), y: f32(box.y), width: f32(box.width), height: f32(box.height) };
  if (typeof seed.opacity === 'number' && seed.opacity !== 1) node.opacity = seed.opacity;
  for (const field of COPIED) if (s[field] !== undefined && s[field] !== null) node[field] = s[field];
  const c = (seed.constraints ?? { horizontal: 'MIN', vertical: 'MIN' }) as Rec;
  if (seed.type !== 'GROUP' && seed.type !== 'BOOLEAN_OPERATION')
    node.constraints = { horizontal: H[c.horizontal as string], vertical: V[c.vertical as string] };
  if (typeof seed.rotation === 'number' && seed.rotation !== 0) node.rotation = (seed.rotation * Math.PI) / 180;
  if (seed.type !== 'TEXT' && seed.fills !== 'MIXED') node.fills = paints(seed.fills ?? []);
  node.strokes = paints(seed.strokes ?? []);
  // REST always tells the stroke alignment, at the Plugin API's default for the type when unset.
  if (seed.type !== 'GROUP')
    node.strokeAlign =
      seed.strokeAlign ??
      (FRAMES.has(seed.type) || seed.type === 'RECTANGLE' ? 'INSIDE' : seed.type === 'TEXT' ? 'OUTSIDE' : 'CENTER');
  const weight = seed.strokeWeight ?? 1;
  node.strokeWeight = weight;
  const sides = SIDES.map(([f]) => (s[f] as number | undefined) ?? weight);
  if (sides.some((w) => w !== sides[0]))
    node.individualStrokeWeights = Object.fromEntries(SIDES.map(([, r], i) => [r, sides[i]]));
  if (seed.dashPattern && seed.dashPattern.length > 0) node.strokeDashes = seed.dashPattern;
  const radius = seed.cornerRadius ?? 0;
  const corners = CORNERS.map(([f]) => (s[f] as number | undefined) ?? radius);
  if (corners.some((r) => r !== corners[0])) node.rectangleCornerRadii = corners;
  else if (corners[0] !== 0) node.cornerRadius = corners[0];
  const bound = boundVariables(seed.boundVariables as Rec | undefined);
  // The Plugin API lists a paint's bound colour on the node too; REST does likewise.
  const fillAliases = Array.isArray(seed.fills)
    ? seed.fills.flatMap((p) => (p.type === 'SOLID' && p.boundVariables?.color ? [p.boundVariables.color] : []))
    : [];
  // A text layer's per-range fill variables are `textRangeFills`, in range order, as in Figma.
  const rangeAliases =
    seed.type === 'TEXT'
      ? (seed.segments ?? []).flatMap((seg) =>
          seg.fills.flatMap((p) => (p.type === 'SOLID' && p.boundVariables?.color ? [p.boundVariables.color] : [])),
        )
      : [];
  if (bound || fillAliases.length > 0 || rangeAliases.length > 0)
    node.boundVariables = {
      ...(fillAliases.length ? { fills: fillAliases } : {}),
      ...(rangeAliases.length ? { textRangeFills: rangeAliases } : {}),
      ...bound,
    };
  const used: Rec = {};
  for (const [key, field] of [
    ['fill', 'fillStyleId'],
    ['stroke', 'strokeStyleId'],
    ['effect', 'effectStyleId'],
    ['text', 'textStyleId'],
  ] as const) {
    const id = styles(s[field]);
    if (id) used[key] = id;
  }
  if (Object.keys(used).length > 0) node.styles = used;
  if (seed.type === 'TEXT') text(seed, node);
  if (seed.fillGeometry)
    node.fillGeometry = seed.fillGeometry.map((p) => ({ path: p.data, windingRule: p.windingRule }));
  if (seed.strokeGeometry)
    node.strokeGeometry = seed.strokeGeometry.map((p) => ({ path: p.data, windingRule: p.windingRule }));
  if (seed.type === 'INSTANCE') {
    if (seed.mainComponentId) node.componentId = seed.mainComponentId;
    if (seed.componentProperties) node.componentProperties = seed.componentProperties;
  }
  if (seed.type === 'COMPONENT_SET') node.componentPropertyDefinitions = definitions(seed);
  else if (seed.type === 'COMPONENT' && seed.componentPropertyDefinitions)
    node.componentPropertyDefinitions = seed.componentPropertyDefinitions;
  const kids = 'children' in seed ? seed.children : undefined;
  if (kids) node.children = kids.map((k) => restNode(k, styles));
  return node;
}

function definitions(set: FakeComponentSetSeed): Rec {
  const groups = analyzeSet(set).groups;
  const out: Rec = {};
  for (const [key, def] of Object.entries(set.componentPropertyDefinitions))
    out[key] = def.type === 'VARIANT' && !def.variantOptions ? { ...def, variantOptions: groups[key] ?? [] } : def;
  return out;
}

/**
 * A style's definition node as REST answers it: a text style's is a TEXT node whose `style` is
 * the TypeStyle, a paint style's a rectangle with its fills, an effect style's one with its
 * effects; variables bound to the style's fields go where REST puts them.
 */
function styleNode(id: string, styleType: FakeStyleMeta['styleType'], style: Rec): FakeNode {
  const node: FakeNode = { id, name: String(style.name), type: 'RECTANGLE', scrollBehavior: 'SCROLLS' };
  const bound = style.boundVariables as Rec | undefined;
  if (styleType === 'TEXT') {
    node.type = 'TEXT';
    node.characters = String(style.name);
    // A text style has no weight of its own in the Plugin API; REST gives its font's.
    const weight = fontWeightFromStyleName(String((style.fontName as Rec | undefined)?.style ?? 'Regular'));
    node.style = {
      ...typeStyle({ fontWeight: weight, ...style }),
      ...(bound && Object.keys(bound).length > 0 ? { boundVariables: bound } : {}),
    };
  } else if (styleType === 'FILL') node.fills = paints(style.paints);
  else if (styleType === 'EFFECT') node.effects = style.effects;
  return node;
}

/** The seed's component sets and lone components, wherever they sit, as top-level REST nodes. */
export function restNodesFromSeed(seed: FakeFile): RestNodesOfSeed {
  const out: RestNodesOfSeed = { nodes: {}, components: {}, componentSets: {}, styles: {} };
  const styleMeta = new Map<string, FakeStyleMeta>();
  const styleNodes = new Map<string, FakeNode>();
  const lists = [
    ['FILL', seed.paintStyles],
    ['TEXT', seed.textStyles],
    ['EFFECT', seed.effectStyles],
    ['GRID', seed.gridStyles],
  ] as const;
  for (const [styleType, list] of lists)
    for (const style of list ?? []) {
      const m = /^S:([^,]+),(.*)$/.exec(style.id);
      if (!m?.[2]) continue;
      styleMeta.set(m[2], { key: m[1]!, name: style.name, styleType, description: style.description ?? '' });
      styleNodes.set(m[2], styleNode(m[2], styleType, style as unknown as Rec));
    }
  const styles = (id: unknown): string | undefined => {
    if (typeof id !== 'string' || id === '') return undefined;
    const nodeId = /^S:[^,]+,(.+)$/.exec(id)?.[1];
    if (!nodeId || !styleMeta.has(nodeId)) return undefined;
    out.styles[nodeId] = styleMeta.get(nodeId)!;
    // A style's definition node: REST answers it by id, on no page.
    out.nodes[nodeId] ??= styleNodes.get(nodeId)!;
    return nodeId;
  };
  const visit = (node: FakeSceneSeed, inSet: boolean) => {
    if (node.type === 'COMPONENT_SET') {
      out.nodes[node.id] = restNode(node, styles);
      out.componentSets[node.id] = { key: node.key ?? fakeKey(node.id), description: node.description ?? '' };
      for (const v of node.children) out.components[v.id] = { key: v.key ?? fakeKey(v.id), description: '' };
      return;
    }
    if (node.type === 'COMPONENT' && !inSet) {
      out.nodes[node.id] = restNode(node, styles);
      out.components[node.id] = { key: node.key ?? fakeKey(node.id), description: node.description ?? '' };
      return;
    }
    if ('children' in node && node.children) for (const child of node.children) visit(child, false);
  };
  for (const page of seed.pages) for (const node of page.children) visit(node, false);
  return out;
}
