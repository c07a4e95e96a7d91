/**
 * A design (the plugin's token set and component specs) rendered as Figma's REST answers, so a
 * test can put "the same file" behind the fake and check that the REST reader gets the design
 * back. What REST cannot carry is listed in `notCarried` and modelled by `restVisibleDesign`:
 *
 * - a token's `source` is always the variable (or style) it came from (a library variable keeps
 *   `remote`); a deprecated variable becomes Figma's `deletedButReferenced` (read back with
 *   DELETED_BUT_REFERENCED as its text), other `deprecated` is lost,
 *   and `extensions` other than `com.figma.hiddenFromPublishing` are lost;
 * - a collection whose variables are all library ones is a library (remote) collection;
 * - a variable always has scopes: absent scopes become `[]`, or `ALL_SCOPES` for a dimension
 *   and `FONT_WEIGHT` / `FONT_FAMILY` for those types (FLOAT and STRING need a scope to mean them);
 * - colors come back with `alpha` and `hex` (srgb only); dimensions only in px;
 * - a lone component is its own only variant: the variant id becomes the component's id;
 *   `codeName` and `pattern` are not in Figma; `tokenRefs` is recomputed; empty keys drop;
 * - a variant's layer tree becomes its node's subtree (layers-to-rest.ts), the variant at
 *   (0, 0); an instance's main component that the design does not hold is served as a library
 *   (remote) component. Such a variant's bindings are what its tree binds (as Figma derives
 *   them); its `bindings` field is not written, so a made-up design whose bindings its tree does
 *   not hold reads back with the tree's.
 */
import type {
  GetLocalVariablesResponse,
  LocalVariable,
  LocalVariableCollection,
  RGBA,
  StyleType,
} from '@figma/rest-api-spec';
import type { ComponentSpec, PropDef } from '../../../core/contract/specs.js';
import type { ModeValue, Token, TokenSet } from '../../../core/contract/tokens.js';
import { encodeSnapshot, SNAPSHOT_KEY, chunkKey } from '../../../core/snapshot/index.js';
import { normalizeSpec } from '../../../core/specs/spec-hash.js';
import { figmaColorToDtcg } from '../../../core/tokens/colors.js';
import { DELETED_BUT_REFERENCED } from '../../../core/tokens/figma-variables.js';
import { STYLES_COLLECTION_ID } from '../../../core/tokens/token-index.js';
import { restNodeFromLayer, type LayerContext } from './layers-to-rest.js';
import type {
  FakeComponentMeta,
  FakeComponentSetMeta,
  FakeLibraryComponent,
  FakeNode,
  FakeStyleMeta,
} from './types.js';

export interface Design {
  tokens: TokenSet;
  components: ComponentSpec[];
}

export interface RestFile {
  variables: GetLocalVariablesResponse;
  nodes: Record<string, FakeNode>;
  components: Record<string, FakeComponentMeta>;
  componentSets: Record<string, FakeComponentSetMeta>;
  styles: Record<string, FakeStyleMeta>;
  /** main components of instances in layer trees that the design does not hold */
  libraryComponents: Record<string, FakeLibraryComponent>;
  /** what of the design could not be written, in words */
  notCarried: string[];
}

const alias = (id: string) => ({ type: 'VARIABLE_ALIAS' as const, id });
const isAlias = (v: unknown): v is { alias: string } =>
  typeof v === 'object' && v !== null && typeof (v as { alias?: unknown }).alias === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function restFileFromDesign(design: Design): RestFile {
  const notCarried: string[] = [];
  const out: RestFile = {
    variables: variablesOf(design.tokens, notCarried),
    nodes: {},
    components: {},
    componentSets: {},
    styles: {},
    libraryComponents: {},
    notCarried,
  };
  for (const token of design.tokens.tokens) {
    if (token.collectionId === STYLES_COLLECTION_ID) addStyle(out, token, notCarried);
  }
  const instances: LayerContext['instances'] = new Map();
  for (const spec of design.components) addComponent(out, spec, notCarried, instances);
  for (const [id, i] of [...instances].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (out.components[id]) continue;
    const lib: FakeLibraryComponent = { key: i.componentKey ?? '', name: i.componentName };
    if (i.componentSetId) lib.componentSetId = i.componentSetId;
    if (i.componentSetKey !== undefined) lib.componentSetKey = i.componentSetKey;
    if (i.componentSetName !== undefined) lib.componentSetName = i.componentSetName;
    out.libraryComponents[id] = lib;
  }
  return out;
}

/** The plugin's shared-plugin-data entries (namespace `design_sync`) for a design. */
export function snapshotEntriesFromDesign(
  design: Design,
  syncedAt: string,
  maxChunkChars?: number,
): Record<string, string> {
  const { manifest, chunks } = encodeSnapshot(design, syncedAt, maxChunkChars);
  const entries: Record<string, string> = { [SNAPSHOT_KEY]: JSON.stringify(manifest) };
  chunks.forEach((chunk, i) => {
    entries[chunkKey(i)] = chunk;
  });
  return entries;
}

// ---- variables ---------------------------------------------------------------------------

const DIMENSION_SCOPES = new Set([
  'ALL_SCOPES',
  'WIDTH_HEIGHT',
  'GAP',
  'CORNER_RADIUS',
  'STROKE_FLOAT',
  'FONT_SIZE',
  'LINE_HEIGHT',
  'LETTER_SPACING',
  'PARAGRAPH_SPACING',
  'PARAGRAPH_INDENT',
  'EFFECT_FLOAT',
]);

/** The resolved type and the scopes Figma would hold for a token of this type. */
export function variableShape(
  token: Token,
): { resolvedType: LocalVariable['resolvedType']; scopes: string[] } | undefined {
  const scopes = [...(token.scopes ?? [])];
  switch (token.type) {
    case 'color':
      return { resolvedType: 'COLOR', scopes };
    case 'boolean':
      return { resolvedType: 'BOOLEAN', scopes };
    case 'string':
      return { resolvedType: 'STRING', scopes };
    case 'fontFamily':
      return { resolvedType: 'STRING', scopes: scopes.includes('FONT_FAMILY') ? scopes : [...scopes, 'FONT_FAMILY'] };
    case 'dimension':
      return { resolvedType: 'FLOAT', scopes: scopes.some((s) => DIMENSION_SCOPES.has(s)) ? scopes : ['ALL_SCOPES'] };
    case 'fontWeight':
      return {
        resolvedType: 'FLOAT',
        scopes: scopes.length > 0 && scopes.every((s) => s === 'FONT_WEIGHT') ? scopes : ['FONT_WEIGHT'],
      };
    case 'number':
      return { resolvedType: 'FLOAT', scopes: scopes.filter((s) => !DIMENSION_SCOPES.has(s) && s !== 'FONT_WEIGHT') };
    default:
      return undefined;
  }
}

function rgba(value: unknown): RGBA | undefined {
  if (!isRecord(value) || value.colorSpace !== 'srgb' || !Array.isArray(value.components)) return undefined;
  const [r, g, b] = value.components as unknown[];
  if (![r, g, b].every((c) => typeof c === 'number')) return undefined;
  return { r: r as number, g: g as number, b: b as number, a: typeof value.alpha === 'number' ? value.alpha : 1 };
}

function variableValue(token: Token, value: ModeValue): LocalVariable['valuesByMode'][string] | undefined {
  if (isAlias(value)) return alias(value.alias);
  switch (token.type) {
    case 'color':
      return rgba(value);
    case 'dimension':
      return isRecord(value) && value.unit === 'px' && typeof value.value === 'number' ? value.value : undefined;
    case 'number':
    case 'fontWeight':
      return typeof value === 'number' ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
    case 'fontFamily':
      return typeof value === 'string' ? value : undefined;
    default:
      return undefined;
  }
}

function variablesOf(set: TokenSet, notCarried: string[]): GetLocalVariablesResponse {
  const variableCollections: Record<string, LocalVariableCollection> = {};
  for (const c of set.collections) {
    if (c.id === STYLES_COLLECTION_ID) continue;
    variableCollections[c.id] = {
      id: c.id,
      name: c.name,
      key: `key-${c.id}`,
      modes: c.modes.map((m) => ({ modeId: m.id, name: m.name })),
      defaultModeId: c.defaultModeId,
      remote: false,
      hiddenFromPublishing: false,
      variableIds: [],
    };
  }
  // Figma lists a library's collection as remote; here, a collection all of whose variables are.
  const remoteCollections = new Set(
    Object.keys(variableCollections).filter((id) => {
      const members = set.tokens.filter((t) => t.collectionId === id);
      return members.length > 0 && members.every((t) => t.source?.remote === true);
    }),
  );
  for (const id of remoteCollections) variableCollections[id]!.remote = true;
  const variables: Record<string, LocalVariable> = {};
  for (const token of set.tokens) {
    if (token.collectionId === STYLES_COLLECTION_ID) continue;
    const label = `token ${token.name} (${token.id})`;
    const shape = variableShape(token);
    if (!shape) {
      notCarried.push(`${label}: type ${token.type} cannot be a Figma variable`);
      continue;
    }
    const valuesByMode: LocalVariable['valuesByMode'] = {};
    let ok = true;
    for (const [mode, value] of Object.entries(token.valuesByMode)) {
      const v = variableValue(token, value);
      if (v === undefined) {
        notCarried.push(`${label}: value in mode ${mode} has no Figma variable form`);
        ok = false;
        break;
      }
      valuesByMode[mode] = v;
    }
    if (!ok) continue;
    const codeSyntax: LocalVariable['codeSyntax'] = {};
    if (token.codeSyntax?.web) codeSyntax.WEB = token.codeSyntax.web;
    if (token.codeSyntax?.android) codeSyntax.ANDROID = token.codeSyntax.android;
    if (token.codeSyntax?.ios) codeSyntax.iOS = token.codeSyntax.ios;
    const figmaExt = token.extensions?.['com.figma'];
    variables[token.id] = {
      id: token.id,
      name: token.name,
      key: token.source?.ref ?? '',
      variableCollectionId: token.collectionId,
      resolvedType: shape.resolvedType,
      valuesByMode,
      remote: token.source?.remote ?? false,
      description: token.description ?? '',
      hiddenFromPublishing: isRecord(figmaExt) && figmaExt.hiddenFromPublishing === true,
      scopes: shape.scopes as LocalVariable['scopes'],
      codeSyntax,
    };
    // A variable token is deprecated only when Figma deleted it while something still refers to it.
    if (token.deprecated !== undefined && token.deprecated !== false) variables[token.id]!.deletedButReferenced = true;
    variableCollections[token.collectionId]?.variableIds.push(token.id);
  }
  return { status: 200, error: false, meta: { variables, variableCollections } };
}

// ---- styles ------------------------------------------------------------------------------

/** "S:<key>,<node id>" → its parts; remote styles ("S:<key>,") have no node in the file. */
export function parseStyleId(id: string): { key: string; nodeId: string } | undefined {
  const m = /^S:([^,]+),(.+)$/.exec(id);
  return m ? { key: m[1]!, nodeId: m[2]! } : undefined;
}

function addStyle(out: RestFile, token: Token, notCarried: string[]): void {
  const label = `style token ${token.name} (${token.id})`;
  const ids = parseStyleId(token.id);
  const value = Object.values(token.valuesByMode)[0];
  if (!ids || value === undefined) {
    notCarried.push(`${label}: not a local style id "S:<key>,<node id>"`);
    return;
  }
  const node: FakeNode = { id: ids.nodeId, name: token.name, type: 'RECTANGLE', scrollBehavior: 'SCROLLS' };
  let styleType: StyleType;
  if (token.type === 'color') {
    styleType = 'FILL';
    node.fills = [
      isAlias(value)
        ? {
            type: 'SOLID',
            visible: true,
            blendMode: 'NORMAL',
            color: { r: 0, g: 0, b: 0, a: 1 },
            boundVariables: { color: alias(value.alias) },
          }
        : { type: 'SOLID', visible: true, blendMode: 'NORMAL', color: rgba(value) },
    ];
    if (!isAlias(value) && !rgba(value)) {
      notCarried.push(`${label}: only srgb colors`);
      return;
    }
  } else if (token.type === 'gradient' && Array.isArray(value)) {
    styleType = 'FILL';
    const ext = token.extensions?.['com.figma'];
    const paintType = isRecord(ext) && typeof ext.paintType === 'string' ? ext.paintType : 'GRADIENT_LINEAR';
    node.fills = [
      {
        type: paintType,
        visible: true,
        blendMode: 'NORMAL',
        gradientHandlePositions: [],
        gradientStops: (value as Array<{ color: unknown; position: number }>).map((stop) =>
          isAlias(stop.color)
            ? {
                position: stop.position,
                color: { r: 0, g: 0, b: 0, a: 1 },
                boundVariables: { color: alias(stop.color.alias) },
              }
            : { position: stop.position, color: rgba(stop.color) },
        ),
      },
    ];
  } else if (token.type === 'typography' && isRecord(value)) {
    styleType = 'TEXT';
    node.type = 'TEXT';
    node.characters = token.name;
    node.style = typeStyle(value);
  } else if (token.type === 'shadow' && (isRecord(value) || Array.isArray(value))) {
    styleType = 'EFFECT';
    node.effects = (Array.isArray(value) ? value : [value]).map(shadowEffect);
  } else {
    notCarried.push(`${label}: type ${token.type} has no Figma style form here`);
    return;
  }
  out.nodes[ids.nodeId] = node;
  out.styles[ids.nodeId] = { key: ids.key, name: token.name, styleType, description: token.description ?? '' };
}

const px = (v: unknown): number | undefined =>
  isRecord(v) && v.unit === 'px' && typeof v.value === 'number' ? v.value : undefined;

function typeStyle(value: Record<string, unknown>): Record<string, unknown> {
  const style: Record<string, unknown> = {};
  const bound: Record<string, unknown> = {};
  const field = (name: string, plain: (v: unknown) => void) => {
    const v = value[name];
    if (v === undefined) return;
    if (isAlias(v)) bound[name] = alias(v.alias);
    else plain(v);
  };
  field('fontFamily', (v) => {
    style.fontFamily = v;
  });
  field('fontSize', (v) => {
    style.fontSize = px(v);
  });
  field('fontWeight', (v) => {
    style.fontWeight = v;
  });
  field('letterSpacing', (v) => {
    style.letterSpacing = px(v);
  });
  field('lineHeight', (v) => {
    if (typeof v === 'number') {
      style.lineHeightUnit = 'FONT_SIZE_%';
      style.lineHeightPercentFontSize = v * 100;
    } else {
      style.lineHeightUnit = 'PIXELS';
      style.lineHeightPx = px(v);
    }
  });
  if (value.lineHeight === undefined) style.lineHeightUnit = 'INTRINSIC_%';
  if (Object.keys(bound).length > 0) style.boundVariables = bound;
  return style;
}

function shadowEffect(layer: unknown): Record<string, unknown> {
  const l = isRecord(layer) ? layer : {};
  const bound: Record<string, unknown> = {};
  const num = (name: string, boundName: string) => {
    const v = l[name];
    if (isAlias(v)) {
      bound[boundName] = alias(v.alias);
      return 0;
    }
    return px(v) ?? 0;
  };
  const effect: Record<string, unknown> = {
    type: l.inset === true ? 'INNER_SHADOW' : 'DROP_SHADOW',
    visible: true,
    blendMode: 'NORMAL',
    offset: { x: num('offsetX', 'offsetX'), y: num('offsetY', 'offsetY') },
    radius: num('blur', 'radius'),
    spread: num('spread', 'spread'),
  };
  if (isAlias(l.color)) {
    bound.color = alias(l.color.alias);
    effect.color = { r: 0, g: 0, b: 0, a: 1 };
  } else effect.color = rgba(l.color) ?? { r: 0, g: 0, b: 0, a: 1 };
  if (l.inset !== true) effect.showShadowBehindNode = false;
  if (Object.keys(bound).length > 0) effect.boundVariables = bound;
  return effect;
}

// ---- components --------------------------------------------------------------------------

const PROP_TYPES: Record<PropDef['kind'], string> = {
  variant: 'VARIANT',
  boolean: 'BOOLEAN',
  text: 'TEXT',
  instanceSwap: 'INSTANCE_SWAP',
  slot: 'SLOT',
};

/** A spec is a component set unless it is one variant without variant values or props. */
function isLoneComponent(spec: ComponentSpec): boolean {
  return (
    spec.variants.length === 1 &&
    Object.keys(spec.variants[0]!.values).length === 0 &&
    !spec.props.some((p) => p.kind === 'variant')
  );
}

function addComponent(
  out: RestFile,
  spec: ComponentSpec,
  notCarried: string[],
  instances: LayerContext['instances'],
): void {
  const ctx: LayerContext = {
    propertyKey: (name) => spec.props.find((p) => p.name === name)?.id ?? name,
    styleNodeId: (id) => {
      const style = parseStyleId(id);
      return style && out.styles[style.nodeId] ? style.nodeId : undefined;
    },
    instances,
    notCarried,
  };
  // The variant's own node: from its layer tree when it has one, else from its bindings.
  const variantNode = (variant: ComponentSpec['variants'][number], id: string, name: string): FakeNode => {
    if (variant.layers) return { ...restNodeFromLayer(variant.layers, ctx), id, name, type: 'COMPONENT' };
    const node: FakeNode = { id, name, type: 'COMPONENT', scrollBehavior: 'SCROLLS' };
    applyBindings(node, variant.bindings, notCarried, spec.name);
    return node;
  };
  const definitions: Record<string, unknown> = {};
  for (const prop of spec.props) {
    const def: Record<string, unknown> = { type: PROP_TYPES[prop.kind], defaultValue: prop.default };
    if (prop.kind === 'variant') def.variantOptions = [...(prop.options ?? [])];
    definitions[prop.id ?? prop.name] = def;
  }
  if (spec.codeName) notCarried.push(`component ${spec.name}: codeName is not a Figma property`);
  if (spec.pattern) notCarried.push(`component ${spec.name}: pattern is not a Figma property`);
  const meta = { key: spec.key ?? '', description: spec.description ?? '' };

  if (isLoneComponent(spec)) {
    const node: FakeNode = {
      ...variantNode(spec.variants[0]!, spec.id, spec.name),
      componentPropertyDefinitions: definitions,
    };
    out.nodes[spec.id] = node;
    out.components[spec.id] = meta;
    return;
  }
  const variantOrder = spec.props.filter((p) => p.kind === 'variant').map((p) => p.name);
  const children = spec.variants.map((variant): FakeNode => {
    const names = [
      ...variantOrder.filter((n) => n in variant.values),
      ...Object.keys(variant.values).filter((n) => !variantOrder.includes(n)),
    ];
    const child = variantNode(variant, variant.id, names.map((n) => `${n}=${variant.values[n]}`).join(', '));
    out.components[variant.id] = { key: `key-${variant.id}`, description: '' };
    return child;
  });
  out.nodes[spec.id] = {
    id: spec.id,
    name: spec.name,
    type: 'COMPONENT_SET',
    scrollBehavior: 'SCROLLS',
    componentPropertyDefinitions: definitions,
    children,
  };
  out.componentSets[spec.id] = meta;
}

// Slot name → Figma field, the inverse of core/specs/binding-slots' FIELD_SLOTS.
const FIELDS: Record<string, string> = {
  gap: 'itemSpacing',
  rowGap: 'gridRowGap',
  columnGap: 'gridColumnGap',
  radiusTopLeft: 'topLeftRadius',
  radiusTopRight: 'topRightRadius',
  radiusBottomLeft: 'bottomLeftRadius',
  radiusBottomRight: 'bottomRightRadius',
};
const NESTED: Record<string, [string, string]> = {
  width: ['size', 'x'],
  height: ['size', 'y'],
  strokeWeightTop: ['individualStrokeWeights', 'top'],
  strokeWeightRight: ['individualStrokeWeights', 'right'],
  strokeWeightBottom: ['individualStrokeWeights', 'bottom'],
  strokeWeightLeft: ['individualStrokeWeights', 'left'],
};
const STYLE_SLOTS: Record<string, string> = { fill: 'fill', stroke: 'stroke', effects: 'effect', typography: 'text' };

/**
 * Variant bindings → properties of the variant node and of child layers named after the slot
 * namespaces ("label.fill" → a layer "label" with a bound fill).
 */
function applyBindings(
  variantNode: FakeNode,
  bindings: Record<string, string>,
  notCarried: string[],
  component: string,
): void {
  // layer namespace ('' = the variant itself) → slot → token ids in slot order
  const layers = new Map<string, Map<string, Array<[number, string]>>>();
  for (const [slotName, tokenId] of Object.entries(bindings)) {
    const parts = slotName.split('.');
    let index = 1;
    if (parts.length > 1 && /^\d+$/.test(parts[parts.length - 1]!)) index = Number(parts.pop());
    if (parts.length > 2) {
      notCarried.push(`component ${component}: binding slot ${slotName} has no layer form`);
      continue;
    }
    const [layer, slot] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['', parts[0]!];
    const slots = layers.get(layer) ?? new Map<string, Array<[number, string]>>();
    layers.set(layer, slots);
    const list = slots.get(slot) ?? [];
    list.push([index, tokenId]);
    slots.set(slot, list);
  }
  for (const [layer, slots] of layers) {
    let node = variantNode;
    if (layer !== '') {
      node = { id: `${variantNode.id}-${layer}`, name: layer, type: 'FRAME', scrollBehavior: 'SCROLLS' };
      (variantNode.children ??= []).push(node);
    }
    for (const [slot, list] of slots) {
      const ids = list.sort((a, b) => a[0] - b[0]).map(([, id]) => id);
      bindSlot(node, slot, ids, notCarried, component);
    }
  }
}

function bindSlot(node: FakeNode, slot: string, ids: string[], notCarried: string[], component: string): void {
  const styleField = STYLE_SLOTS[slot];
  const style = ids[0] ? parseStyleId(ids[0]) : undefined;
  if (styleField && style) {
    const styles = (node.styles ??= {}) as Record<string, string>;
    styles[styleField] = style.nodeId;
    return;
  }
  const bound = (node.boundVariables ??= {}) as Record<string, unknown>;
  const paint = (id: string) => ({
    type: 'SOLID',
    visible: true,
    blendMode: 'NORMAL',
    color: { r: 0, g: 0, b: 0, a: 1 },
    boundVariables: { color: alias(id) },
  });
  switch (slot) {
    case 'fill':
      node.fills = ids.map(paint);
      return;
    case 'stroke':
      node.strokes = ids.map(paint);
      return;
    case 'effects':
      bound.effects = ids.map(alias);
      return;
    case 'layoutGrid':
      bound.layoutGrids = ids.map(alias);
      return;
    case 'typography':
      notCarried.push(`component ${component}: typography slot bound to ${ids.join(', ')}, which is not a text style`);
      return;
    case 'radius':
      for (const corner of ['topLeftRadius', 'topRightRadius', 'bottomLeftRadius', 'bottomRightRadius'])
        bound[corner] = alias(ids[0]!);
      return;
  }
  const nested = NESTED[slot];
  if (nested) {
    const group = (bound[nested[0]] ??= {}) as Record<string, unknown>;
    group[nested[1]] = alias(ids[0]!);
    return;
  }
  const field = FIELDS[slot] ?? slot;
  bound[field] = ids.length === 1 ? alias(ids[0]!) : ids.map(alias);
}

// ---- what comes back -----------------------------------------------------------------------

/** The design as the REST reader can give it back (see the list at the top of this file). */
export function restVisibleDesign(design: Design): Design {
  const tokens: Token[] = [];
  for (const token of design.tokens.tokens) {
    const t: Token = {
      id: token.id,
      name: token.name,
      collectionId: token.collectionId,
      type: token.type,
      valuesByMode: {},
    };
    if (token.description) t.description = token.description;
    for (const [mode, value] of Object.entries(token.valuesByMode)) t.valuesByMode[mode] = visibleValue(token, value);
    if (token.collectionId === STYLES_COLLECTION_ID) {
      const kind = token.type === 'typography' ? 'textStyle' : token.type === 'shadow' ? 'effectStyle' : 'paintStyle';
      const key = parseStyleId(token.id)?.key;
      t.source = key ? { kind, ref: key } : { kind };
      if (token.type === 'gradient')
        t.extensions = {
          'com.figma': {
            paintType:
              (token.extensions?.['com.figma'] as { paintType?: string } | undefined)?.paintType ?? 'GRADIENT_LINEAR',
          },
        };
    } else {
      const shape = variableShape(token);
      if (!shape) continue;
      t.scopes = shape.scopes;
      if (token.codeSyntax && Object.values(token.codeSyntax).some(Boolean)) t.codeSyntax = { ...token.codeSyntax };
      t.source = token.source?.ref ? { kind: 'variable', ref: token.source.ref } : { kind: 'variable' };
      if (token.source?.remote) t.source.remote = true;
      if (token.deprecated !== undefined && token.deprecated !== false) t.deprecated = DELETED_BUT_REFERENCED;
      const ext = token.extensions?.['com.figma'];
      if (isRecord(ext) && ext.hiddenFromPublishing === true)
        t.extensions = { 'com.figma': { hiddenFromPublishing: true } };
    }
    tokens.push(t);
  }
  const components = design.components.map((spec) => {
    const s: ComponentSpec = {
      id: spec.id,
      name: spec.name,
      props: spec.props.map((p) => ({ ...p, id: p.id ?? p.name })),
      variants: spec.variants.map((v) => ({ ...v })),
    };
    if (spec.key) s.key = spec.key;
    if (spec.description) s.description = spec.description;
    if (isLoneComponent(spec)) s.variants = [{ ...spec.variants[0]!, id: spec.id }];
    return normalizeSpec(s);
  });
  return { tokens: { collections: design.tokens.collections.map((c) => ({ ...c })), tokens }, components };
}

function visibleValue(token: Token, value: ModeValue): ModeValue {
  if (isAlias(value)) return value;
  if (token.type === 'color') {
    const c = rgba(value);
    return c ? (figmaColorToDtcg(c) as unknown as ModeValue) : value;
  }
  if (token.type === 'shadow') {
    const zero = { value: 0, unit: 'px' };
    const layer = (l: unknown) => {
      if (!isRecord(l)) return l;
      return {
        color: isAlias(l.color) ? l.color : figmaColorToDtcg(rgba(l.color) ?? { r: 0, g: 0, b: 0, a: 1 }),
        offsetX: l.offsetX ?? zero,
        offsetY: l.offsetY ?? zero,
        blur: l.blur ?? zero,
        spread: l.spread ?? zero,
        inset: l.inset === true,
      };
    };
    return (Array.isArray(value) ? value.map(layer) : layer(value)) as ModeValue;
  }
  if (token.type === 'typography' && isRecord(value)) {
    // REST always reports a letter spacing (0 when unset).
    return { ...value, letterSpacing: value.letterSpacing ?? { value: 0, unit: 'px' } } as ModeValue;
  }
  if (token.type === 'gradient' && Array.isArray(value)) {
    return value.map((stop) =>
      isRecord(stop) && !isAlias(stop.color)
        ? { ...stop, color: figmaColorToDtcg(rgba(stop.color) ?? { r: 0, g: 0, b: 0, a: 1 }) }
        : stop,
    ) as ModeValue;
  }
  return value;
}
