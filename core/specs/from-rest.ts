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
import { buildLayerTree } from './layers/normalize.js';
import { restLayerSource } from './layers/from-rest.js';
import { restStyleIdToPluginId, type RestContext } from './rest-styles.js';

export { restStyleIdToPluginId } from './rest-styles.js';
export type { RestContext, RestStyleMeta, RestComponentMeta } from './rest-styles.js';

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
  const layers = restLayerSource(context);
  const withLayers = (variant: Variant, root: RestNodeLike): Variant => {
    const tree = buildLayerTree(root, layers, { warn });
    return tree ? { ...variant, layers: tree } : variant;
  };

  const variants: Variant[] =
    node.type === 'COMPONENT_SET'
      ? node.children
          .filter((child) => child.type === 'COMPONENT')
          .map((child) =>
            withLayers(
              { id: child.id, values: parseVariantName(child.name), bindings: collectBindings(child, adapter) },
              child,
            ),
          )
      : [withLayers({ id: node.id, values: {}, bindings: collectBindings<RestNodeLike>(node, adapter) }, node)];

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
