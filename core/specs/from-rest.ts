/**
 * ComponentSpec from REST API nodes (`GET /v1/files/:key/nodes`). Produces exactly what
 * `specFromPluginNode` produces for the same design, so a poll and a plugin sync agree.
 */
import type { ComponentSpec, Variant } from '../contract/specs.js';
import { collectBindings, type LayerAdapter } from './binding-slots.js';
import { refsFromBoundVariables, type PaintLike } from './bound-variables.js';
import type { NormalizeOptions } from './from-plugin.js';
import { propsFromDefinitions, type PropDefinitionLike } from './props.js';
import { normalizeSpec } from './spec-hash.js';
import { parseVariantName } from './variants.js';

export interface RestNodeLike {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly boundVariables?: { readonly [field: string]: unknown };
  readonly fills?: readonly PaintLike[];
  readonly strokes?: readonly PaintLike[];
  /** style type ("fill", "stroke", "text", "effect", "grid") → style node id */
  readonly styles?: { readonly [styleType: string]: string };
  readonly children?: readonly RestNodeLike[];
}

export interface RestComponentSetLike extends RestNodeLike {
  readonly type: 'COMPONENT_SET';
  readonly children: readonly RestNodeLike[];
  readonly componentPropertyDefinitions?: { readonly [key: string]: PropDefinitionLike };
}

export interface RestComponentLike extends RestNodeLike {
  readonly type: 'COMPONENT';
  readonly componentPropertyDefinitions?: { readonly [key: string]: PropDefinitionLike };
}

export interface RestStyleMeta {
  readonly key: string;
  readonly remote?: boolean;
}

export interface RestComponentMeta {
  readonly key: string;
  readonly description?: string;
  readonly componentSetId?: string;
}

/** The maps that come with each node in the nodes response. */
export interface RestContext {
  readonly styles?: { readonly [styleId: string]: RestStyleMeta };
  readonly components?: { readonly [nodeId: string]: RestComponentMeta };
  readonly componentSets?: { readonly [nodeId: string]: RestComponentMeta };
}

export interface RestNodesResponseLike {
  readonly nodes: {
    readonly [nodeId: string]: (RestContext & { readonly document: RestNodeLike }) | null;
  };
}

type StyleField = 'fillStyle' | 'strokeStyle' | 'effectStyle' | 'textStyle' | 'gridStyle';
const STYLE_KEYS: ReadonlyArray<[StyleField, readonly string[]]> = [
  ['fillStyle', ['fill', 'fills']],
  ['strokeStyle', ['stroke', 'strokes']],
  ['effectStyle', ['effect', 'effects']],
  ['textStyle', ['text']],
  ['gridStyle', ['grid', 'grids']],
];

/**
 * REST names a style by its node id ("4:16") while the Plugin API, and so every token the
 * plugin extracted, names it "S:<key>,<nodeId>" (remote styles: "S:<key>,"). The key comes
 * from the response's `styles` map; without it the REST id is kept as is.
 */
export function restStyleIdToPluginId(restId: string, styles: RestContext['styles']): string {
  if (restId.startsWith('S:')) return restId;
  const meta = styles?.[restId];
  if (!meta?.key) return restId;
  return meta.remote ? `S:${meta.key},` : `S:${meta.key},${restId}`;
}

function restAdapter(context: RestContext): LayerAdapter<RestNodeLike> {
  return {
    refs(node) {
      const refs = refsFromBoundVariables(node.boundVariables, node.fills, node.strokes);
      for (const [field, keys] of STYLE_KEYS) {
        const id = keys.map((k) => node.styles?.[k]).find((v) => typeof v === 'string' && v !== '');
        if (id) refs[field] = restStyleIdToPluginId(id, context.styles);
      }
      return refs;
    },
    children: (node) => node.children ?? [],
    name: (node) => node.name,
    type: (node) => node.type,
  };
}

export function specFromRestNode(
  node: RestComponentSetLike | RestComponentLike,
  context: RestContext = {},
  options: NormalizeOptions = {},
): ComponentSpec {
  const warn = options.warn ?? (() => {});
  const { props, skipped } = propsFromDefinitions(node.componentPropertyDefinitions);
  for (const s of skipped) warn(`${node.name}: property ${s} has an unknown type and was skipped`);
  const adapter = restAdapter(context);

  const variants: Variant[] =
    node.type === 'COMPONENT_SET'
      ? node.children
          .filter((child) => child.type === 'COMPONENT')
          .map((child) => ({
            id: child.id,
            values: parseVariantName(child.name),
            bindings: collectBindings(child, adapter),
          }))
      : [{ id: node.id, values: {}, bindings: collectBindings<RestNodeLike>(node, adapter) }];

  const meta = node.type === 'COMPONENT_SET' ? context.componentSets?.[node.id] : context.components?.[node.id];
  const spec: ComponentSpec = { id: node.id, name: node.name, props, variants };
  if (meta?.key) spec.key = meta.key;
  if (meta?.description) spec.description = meta.description;
  return normalizeSpec(spec);
}

/**
 * Every component set and lone component requested in a nodes response, in response order.
 * A variant requested on its own is skipped: its set is the spec. Missing nodes (null) are
 * skipped.
 */
export function specsFromRestNodes(response: RestNodesResponseLike, options: NormalizeOptions = {}): ComponentSpec[] {
  const specs: ComponentSpec[] = [];
  for (const entry of Object.values(response.nodes)) {
    if (!entry) continue;
    const doc = entry.document;
    if (doc.type === 'COMPONENT_SET') {
      specs.push(specFromRestNode(doc as RestComponentSetLike, entry, options));
    } else if (doc.type === 'COMPONENT' && !entry.components?.[doc.id]?.componentSetId) {
      specs.push(specFromRestNode(doc as RestComponentLike, entry, options));
    }
  }
  return specs;
}
