/**
 * A variant's layer tree (core/contract/layers.ts) as `GET /v1/files/:key/nodes?geometry=paths`
 * answers it: the inverse of the REST adapter (core/specs/layers/from-rest.ts), so that a poll
 * reads back the tree a plugin sync sends. Written in REST's own shapes (@figma/rest-api-spec):
 * constraints LEFT/TOP_BOTTOM…, rotation in radians, per-corner radii as `rectangleCornerRadii`,
 * per-side strokes as `individualStrokeWeights` (bindings nested likewise), text as a TypeStyle
 * with `characterStyleOverrides` + `styleOverrideTable`, prop references by property key.
 * What REST cannot say is reported, never guessed: a VIDEO / PATTERN or hash-less image fill, a
 * shadow without a colour, a path whose winding rule is NONE.
 */
import type {
  ColorStop,
  Effect,
  LayoutConstraint,
  Paint as RestPaint,
  Path,
  Rectangle,
  TypeStyle,
  VariableAlias,
} from '@figma/rest-api-spec';
import type {
  BoundLength,
  BoundNumber,
  Effect as LayerEffect,
  Layer,
  LayerInstance,
  LayerText,
  Paint,
  TextSegment,
} from '../../../core/contract/layers.js';
import type { FakeNode } from './types.js';

export interface LayerContext {
  /** a prop's display name → its property key ("Label#1:2"), for componentPropertyReferences */
  propertyKey(name: string): string;
  /** a plugin style id "S:<key>,<node id>" → the REST style (node) id */
  styleNodeId(id: string): string | undefined;
  /** main components of instances, by component id */
  instances: Map<string, LayerInstance>;
  /** what could not be written */
  notCarried: string[];
}

const alias = (id: string): VariableAlias => ({ type: 'VARIABLE_ALIAS', id });
const valueOf = (n: BoundNumber | BoundLength): number => (typeof n === 'number' ? n : n.value);
const tokenOf = (n: BoundNumber | BoundLength): string | undefined => (typeof n === 'number' ? undefined : n.token);

const H: Record<string, LayoutConstraint['horizontal']> = {
  MIN: 'LEFT',
  MAX: 'RIGHT',
  CENTER: 'CENTER',
  STRETCH: 'LEFT_RIGHT',
  SCALE: 'SCALE',
};
const V: Record<string, LayoutConstraint['vertical']> = {
  MIN: 'TOP',
  MAX: 'BOTTOM',
  CENTER: 'CENTER',
  STRETCH: 'TOP_BOTTOM',
  SCALE: 'SCALE',
};
const CORNERS = [
  ['topLeftRadius', 'RECTANGLE_TOP_LEFT_CORNER_RADIUS'],
  ['topRightRadius', 'RECTANGLE_TOP_RIGHT_CORNER_RADIUS'],
  ['bottomRightRadius', 'RECTANGLE_BOTTOM_RIGHT_CORNER_RADIUS'],
  ['bottomLeftRadius', 'RECTANGLE_BOTTOM_LEFT_CORNER_RADIUS'],
] as const;
const SIDES = [
  ['strokeTopWeight', 'top'],
  ['strokeRightWeight', 'right'],
  ['strokeBottomWeight', 'bottom'],
  ['strokeLeftWeight', 'left'],
] as const;
/** Layout fields REST names as the Plugin API does. */
const LAYOUT_VALUES = [
  'layoutMode',
  'layoutWrap',
  'primaryAxisAlignItems',
  'counterAxisAlignItems',
  'counterAxisAlignContent',
  'itemReverseZIndex',
  'strokesIncludedInLayout',
  'gridRowCount',
  'gridColumnCount',
  'layoutSizingHorizontal',
  'layoutSizingVertical',
  'layoutPositioning',
  'layoutGrow',
  'layoutAlign',
] as const;
const LAYOUT_NUMBERS = [
  'paddingLeft',
  'paddingRight',
  'paddingTop',
  'paddingBottom',
  'itemSpacing',
  'counterAxisSpacing',
  'gridRowGap',
  'gridColumnGap',
  'minWidth',
  'maxWidth',
  'minHeight',
  'maxHeight',
] as const;

function paint(p: Paint, where: string, notCarried: string[]): RestPaint | undefined {
  const common = {
    blendMode:
      (p.type === 'SOLID' || p.type.startsWith('GRADIENT_') ? (p as { blendMode?: string }).blendMode : undefined) ??
      'NORMAL',
    ...(p.visible === false ? { visible: false } : {}),
    ...(p.opacity !== undefined ? { opacity: p.opacity } : {}),
  } as { blendMode: RestPaint['blendMode']; visible?: boolean; opacity?: number };
  switch (p.type) {
    case 'SOLID':
      return {
        ...common,
        type: 'SOLID',
        color: { ...p.color },
        ...(p.token ? { boundVariables: { color: alias(p.token) } } : {}),
      };
    case 'GRADIENT_LINEAR':
    case 'GRADIENT_RADIAL':
    case 'GRADIENT_ANGULAR':
    case 'GRADIENT_DIAMOND':
      return {
        ...common,
        type: p.type,
        // Without handles the adapter reads none back (it takes exactly three).
        gradientHandlePositions: (p.gradientHandlePositions ?? []).map((h) => ({ x: h.x, y: h.y })),
        gradientStops: p.gradientStops.map((s): ColorStop => ({
          position: s.position,
          color: { ...s.color },
          ...(s.token ? { boundVariables: { color: alias(s.token) } } : {}),
        })),
      };
    case 'IMAGE':
      if (typeof p.imageHash === 'string' && p.imageHash !== '')
        return {
          ...common,
          type: 'IMAGE',
          scaleMode: (p.scaleMode ?? 'FILL') as 'FILL',
          imageRef: p.imageHash,
        };
  }
  notCarried.push(
    `${where}: a ${p.type} paint${p.type === 'IMAGE' ? ' without an image hash' : ''} has no REST form here`,
  );
  return undefined;
}

const paints = (list: readonly Paint[], where: string, notCarried: string[]): RestPaint[] =>
  list.flatMap((p) => paint(p, where, notCarried) ?? []);

function effect(e: LayerEffect, where: string, notCarried: string[]): Effect | undefined {
  const bound: Record<string, VariableAlias> = {};
  const num = (field: string, n: BoundNumber | BoundLength | undefined): number => {
    if (n === undefined) return 0;
    const token = tokenOf(n);
    if (token) bound[field] = alias(token);
    return valueOf(n);
  };
  const radius = num('radius', e.radius);
  if (e.type === 'LAYER_BLUR' || e.type === 'BACKGROUND_BLUR') {
    return {
      type: e.type,
      visible: e.visible !== false,
      radius,
      ...(Object.keys(bound).length > 0 ? { boundVariables: bound } : {}),
    } as Effect;
  }
  if (!e.color) {
    notCarried.push(`${where}: a ${e.type} without a colour has no REST form`);
    return undefined;
  }
  if (e.colorToken) bound.color = alias(e.colorToken);
  const shadow = {
    color: { ...e.color },
    blendMode: (e.blendMode ?? 'NORMAL') as 'NORMAL',
    offset: { x: num('offsetX', e.offset?.x), y: num('offsetY', e.offset?.y) },
    radius,
    ...(e.spread !== undefined ? { spread: num('spread', e.spread) } : {}),
    visible: e.visible !== false,
  };
  const out: Effect =
    e.type === 'DROP_SHADOW'
      ? { ...shadow, type: 'DROP_SHADOW', showShadowBehindNode: false }
      : { ...shadow, type: 'INNER_SHADOW' };
  if (Object.keys(bound).length > 0) (out as { boundVariables?: object }).boundVariables = bound;
  return out;
}

type CharacterFields = Omit<TextSegment, 'start' | 'end'>;

/** Character style fields as a (partial) TypeStyle; bound ones into `bound`. */
function typeStyle(
  s: CharacterFields,
  bound: Record<string, VariableAlias>,
  fontSize: BoundLength | undefined = s.fontSize,
): Partial<TypeStyle> {
  const out: Partial<TypeStyle> = {};
  if (s.fontName) {
    out.fontFamily = s.fontName.family;
    out.fontStyle = s.fontName.style;
  }
  if (s.fontSize !== undefined) {
    out.fontSize = valueOf(s.fontSize);
    const token = tokenOf(s.fontSize);
    if (token) bound.fontSize = alias(token);
  }
  if (s.fontWeight !== undefined) out.fontWeight = s.fontWeight;
  if (s.lineHeight) {
    if (s.lineHeight.unit === 'AUTO') out.lineHeightUnit = 'INTRINSIC_%';
    else {
      const value = valueOf(s.lineHeight.value);
      const token = tokenOf(s.lineHeight.value);
      if (token) bound.lineHeight = alias(token);
      if (s.lineHeight.unit === 'PIXELS') Object.assign(out, { lineHeightUnit: 'PIXELS', lineHeightPx: value });
      else Object.assign(out, { lineHeightUnit: 'FONT_SIZE_%', lineHeightPercentFontSize: value });
    }
  }
  if (s.letterSpacing) {
    const value = valueOf(s.letterSpacing.value);
    const token = tokenOf(s.letterSpacing.value);
    if (token) bound.letterSpacing = alias(token);
    // REST only knows pixels.
    out.letterSpacing =
      s.letterSpacing.unit === 'PIXELS' ? value : (value / 100) * (fontSize === undefined ? 0 : valueOf(fontSize));
  }
  if (s.textCase) out.textCase = s.textCase;
  if (s.textDecoration) out.textDecoration = s.textDecoration;
  return out;
}

function writeText(node: FakeNode, text: LayerText, layer: Layer, ctx: LayerContext, where: string): void {
  const { characters, segments, textStyle, fills: _ownFills, ...own } = text;
  node.characters = characters;
  const bound: Record<string, VariableAlias> = {};
  const style: Partial<TypeStyle> = typeStyle(own, bound);
  // The adapter reads no line height as AUTO; REST always says which.
  style.lineHeightUnit ??= 'INTRINSIC_%';
  for (const field of ['textAlignHorizontal', 'textAlignVertical', 'textAutoResize', 'textTruncation'] as const)
    if (text[field] !== undefined) (style as Record<string, unknown>)[field] = text[field];
  if (typeof text.maxLines === 'number') style.maxLines = text.maxLines;
  if (text.paragraphSpacing !== undefined) style.paragraphSpacing = text.paragraphSpacing;
  if (Object.keys(bound).length > 0) style.boundVariables = bound;
  node.style = style;
  if (textStyle) {
    const id = ctx.styleNodeId(textStyle);
    if (id) ((node.styles ??= {}) as Record<string, string>).text = id;
    else ctx.notCarried.push(`${where}: text style ${textStyle} is not a local style`);
  }
  node.fills = paints(layer.style?.fills ?? [], where, ctx.notCarried);
  const overrides: number[] = [];
  const table: Record<string, Partial<TypeStyle>> = {};
  (segments ?? []).forEach((segment, i) => {
    const { start, end, fills, ...fields } = segment;
    const diff: Partial<TypeStyle> = typeStyle(fields, {}, fields.fontSize ?? own.fontSize);
    if (fills) diff.fills = paints(fills, where, ctx.notCarried);
    const id = Object.keys(diff).length > 0 ? i + 1 : 0;
    if (id !== 0) table[String(id)] = diff;
    for (let c = start; c < end; c++) overrides[c] = id;
  });
  // Per-range fill variables are `textRangeFills`, in range order, as Figma lists them.
  const rangeTokens = (segments ?? []).flatMap((segment) =>
    (segment.fills ?? layer.style?.fills ?? []).flatMap((p) => (p.type === 'SOLID' && p.token ? [alias(p.token)] : [])),
  );
  if (rangeTokens.length > 0) ((node.boundVariables ??= {}) as Record<string, unknown>).textRangeFills = rangeTokens;
  for (let c = 0; c < overrides.length; c++) overrides[c] ??= 0;
  // REST trims trailing base-style characters off the list.
  while (overrides.length > 0 && overrides[overrides.length - 1] === 0) overrides.pop();
  node.characterStyleOverrides = overrides;
  node.styleOverrideTable = table;
}

function writeStyle(node: FakeNode, layer: Layer, ctx: LayerContext, where: string): void {
  const s = layer.style;
  if (!s) return;
  const bound = (node.boundVariables ??= {}) as Record<string, unknown>;
  if (layer.type !== 'TEXT' && s.fills) node.fills = paints(s.fills, where, ctx.notCarried);
  if (s.strokes) node.strokes = paints(s.strokes, where, ctx.notCarried);
  const styles: Record<string, string> = {};
  for (const [field, key] of [
    ['fillStyle', 'fill'],
    ['strokeStyle', 'stroke'],
    ['effectStyle', 'effect'],
  ] as const) {
    const id = s[field];
    if (!id) continue;
    const nodeId = ctx.styleNodeId(id);
    if (nodeId) styles[key] = nodeId;
    else ctx.notCarried.push(`${where}: ${field} ${id} is not a local style`);
  }
  if (Object.keys(styles).length > 0) node.styles = { ...((node.styles as object) ?? {}), ...styles };
  // A uniform bound weight or radius is bound per side / corner, as Figma binds it.
  if (s.strokeWeight !== undefined) {
    node.strokeWeight = valueOf(s.strokeWeight);
    const token = tokenOf(s.strokeWeight);
    if (token) bound.individualStrokeWeights = Object.fromEntries(SIDES.map(([, side]) => [side, alias(token)]));
  }
  if (SIDES.some(([field]) => s[field] !== undefined)) {
    const weights: Record<string, number> = {};
    const sideBound: Record<string, VariableAlias> = {};
    for (const [field, side] of SIDES) {
      const w = s[field];
      weights[side] = w === undefined ? 0 : valueOf(w);
      const token = w === undefined ? undefined : tokenOf(w);
      if (token) sideBound[side] = alias(token);
    }
    node.individualStrokeWeights = weights;
    if (Object.keys(sideBound).length > 0) bound.individualStrokeWeights = sideBound;
  }
  if (s.strokeAlign) node.strokeAlign = s.strokeAlign;
  if (s.strokeDashes) node.strokeDashes = [...s.strokeDashes];
  if (s.cornerRadius !== undefined) {
    node.cornerRadius = valueOf(s.cornerRadius);
    const token = tokenOf(s.cornerRadius);
    if (token) bound.rectangleCornerRadii = Object.fromEntries(CORNERS.map(([, key]) => [key, alias(token)]));
  }
  if (CORNERS.some(([field]) => s[field] !== undefined)) {
    const cornerBound: Record<string, VariableAlias> = {};
    node.rectangleCornerRadii = CORNERS.map(([field, key]) => {
      const r = s[field];
      const token = r === undefined ? undefined : tokenOf(r);
      if (token) cornerBound[key] = alias(token);
      return r === undefined ? 0 : valueOf(r);
    });
    if (Object.keys(cornerBound).length > 0) bound.rectangleCornerRadii = cornerBound;
  }
  if (s.effects) node.effects = s.effects.flatMap((e) => effect(e, where, ctx.notCarried) ?? []);
  if (s.opacity !== undefined) {
    node.opacity = typeof s.opacity === 'number' ? s.opacity : s.opacity.value;
    if (typeof s.opacity !== 'number') bound.opacity = alias(s.opacity.token);
  }
  if (s.blendMode) node.blendMode = s.blendMode;
  if (s.clipsContent) node.clipsContent = true;
}

function writeLayout(node: FakeNode, layer: Layer): void {
  const l = layer.layout;
  if (!l) return;
  const bound = (node.boundVariables ??= {}) as Record<string, unknown>;
  for (const field of LAYOUT_VALUES) if (l[field] !== undefined) node[field] = l[field];
  for (const field of LAYOUT_NUMBERS) {
    const n = l[field];
    if (n === undefined) continue;
    node[field] = valueOf(n);
    const token = tokenOf(n);
    if (token) bound[field] = alias(token);
  }
  if (l.constraints) {
    const c: LayoutConstraint = { horizontal: H[l.constraints.horizontal]!, vertical: V[l.constraints.vertical]! };
    node.constraints = c;
  }
  if (l.rotation !== undefined) node.rotation = (l.rotation * Math.PI) / 180;
}

function writeVector(node: FakeNode, layer: Layer, ctx: LayerContext, where: string): void {
  const paths = (list: ReadonlyArray<{ path: string; windingRule: string }>): Path[] =>
    list.flatMap((p) => {
      if (p.windingRule === 'NONZERO' || p.windingRule === 'EVENODD')
        return [{ path: p.path, windingRule: p.windingRule }];
      ctx.notCarried.push(`${where}: a path with winding rule ${p.windingRule} has no REST form`);
      return [];
    });
  if (layer.vector?.fillGeometry) node.fillGeometry = paths(layer.vector.fillGeometry);
  if (layer.vector?.strokeGeometry) node.strokeGeometry = paths(layer.vector.strokeGeometry);
}

/**
 * `layer` as a REST node, its box placed at `origin` (the variant's top-left in the file).
 * Instance layers are recorded in `ctx.instances` so their main components can be served.
 */
export function restNodeFromLayer(layer: Layer, ctx: LayerContext, origin = { x: 0, y: 0 }): FakeNode {
  const where = `layer "${layer.name}" (${layer.id})`;
  const box: Rectangle = {
    x: origin.x + layer.box.x,
    y: origin.y + layer.box.y,
    width: layer.box.width,
    height: layer.box.height,
  };
  const node: FakeNode = {
    id: layer.id,
    name: layer.name,
    type: layer.type,
    scrollBehavior: 'SCROLLS',
    absoluteBoundingBox: box,
  };
  if (layer.visible === false) node.visible = false;
  if (layer.props) {
    const refs: Record<string, string> = {};
    for (const [field, name] of Object.entries(layer.props)) if (name) refs[field] = ctx.propertyKey(name);
    node.componentPropertyReferences = refs;
  }
  writeLayout(node, layer);
  writeStyle(node, layer, ctx, where);
  if (layer.text) writeText(node, layer.text, layer, ctx, where);
  writeVector(node, layer, ctx, where);
  if (layer.instance) {
    node.componentId = layer.instance.componentId;
    if (layer.instance.properties)
      node.componentProperties = Object.fromEntries(
        Object.entries(layer.instance.properties).map(([name, value]) => [
          name,
          { type: typeof value === 'boolean' ? 'BOOLEAN' : 'TEXT', value },
        ]),
      );
    ctx.instances.set(layer.instance.componentId, layer.instance);
  }
  if (node.boundVariables && Object.keys(node.boundVariables as object).length === 0) delete node.boundVariables;
  if (layer.children) node.children = layer.children.map((c) => restNodeFromLayer(c, ctx, origin));
  return node;
}
