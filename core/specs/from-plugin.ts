/**
 * ComponentSpec from Plugin API nodes. The input types are structural so that core never
 * sees the `figma` global or its typings; the real `ComponentSetNode` / `ComponentNode` are
 * assignable to them (checked by a type-level test).
 */
import type { ComponentSpec, Variant } from '../contract/specs.js';
import { collectBindings, type LayerAdapter, type LayerRefs } from './binding-slots.js';
import { refsFromBoundVariables, type PaintLike } from './bound-variables.js';
import { propsFromDefinitions, type PropDefinitionLike } from './props.js';
import { normalizeSpec } from './spec-hash.js';
import { parseVariantName } from './variants.js';
import { buildLayerTree } from './layers/normalize.js';
import { pluginLayerSource, type PluginInstances } from './layers/from-plugin.js';

export interface PluginNodeLike {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly boundVariables?: { readonly [field: string]: unknown };
  /** `figma.mixed` (a symbol) when a text layer mixes several */
  readonly fills?: readonly PaintLike[] | symbol;
  readonly strokes?: readonly PaintLike[];
  readonly fillStyleId?: string | symbol;
  readonly strokeStyleId?: string;
  readonly effectStyleId?: string;
  readonly textStyleId?: string | symbol;
  readonly gridStyleId?: string;
  readonly variantProperties?: { readonly [property: string]: string } | null;
  readonly children?: readonly PluginNodeLike[];
}

interface PluginPublishableLike extends PluginNodeLike {
  readonly key: string;
  readonly description: string;
  readonly componentPropertyDefinitions: { readonly [key: string]: PropDefinitionLike };
}

export interface PluginComponentSetLike extends PluginPublishableLike {
  readonly type: 'COMPONENT_SET';
  readonly children: readonly PluginNodeLike[];
}

export interface PluginComponentLike extends PluginPublishableLike {
  readonly type: 'COMPONENT';
}

export interface NormalizeOptions {
  /** told about anything skipped (unknown property types, unreadable variants) */
  warn?: (message: string) => void;
}

export interface PluginNormalizeOptions extends NormalizeOptions {
  /**
   * The main component of each instance in the tree, by instance id: under dynamic-page only
   * `getMainComponentAsync` tells it, so the plugin collects it first. Without it, instances
   * carry no `instance` facts.
   */
  instances?: PluginInstances;
}

const styleId = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function pluginRefs(node: PluginNodeLike): LayerRefs {
  const refs = refsFromBoundVariables(node.boundVariables, node.fills, node.strokes);
  refs.fillStyle = styleId(node.fillStyleId);
  refs.strokeStyle = styleId(node.strokeStyleId);
  refs.effectStyle = styleId(node.effectStyleId);
  refs.textStyle = styleId(node.textStyleId);
  refs.gridStyle = styleId(node.gridStyleId);
  return refs;
}

const pluginAdapter: LayerAdapter<PluginNodeLike> = {
  refs: pluginRefs,
  children: (node) => node.children ?? [],
  name: (node) => node.name,
  type: (node) => node.type,
};

function variantValues(node: PluginNodeLike, warn: (m: string) => void): Record<string, string> {
  try {
    // Figma throws here when the component set has conflicting variants; the name still works.
    if (node.variantProperties) return { ...node.variantProperties };
  } catch (error) {
    warn(`variant ${node.id} "${node.name}": variantProperties unreadable (${String(error)}); parsed its name instead`);
  }
  return parseVariantName(node.name);
}

export function specFromPluginNode(
  node: PluginComponentSetLike | PluginComponentLike,
  options: PluginNormalizeOptions = {},
): ComponentSpec {
  const warn = options.warn ?? (() => {});
  const layers = pluginLayerSource(options.instances);
  const withLayers = (variant: Variant, root: PluginNodeLike): Variant => {
    const tree = buildLayerTree(root, layers, { warn });
    return tree ? { ...variant, layers: tree } : variant;
  };
  const { props, skipped } = propsFromDefinitions(node.componentPropertyDefinitions);
  for (const s of skipped) warn(`${node.name}: property ${s} has an unknown type and was skipped`);

  const variants: Variant[] =
    node.type === 'COMPONENT_SET'
      ? node.children
          .filter((child) => child.type === 'COMPONENT')
          .map((child) =>
            withLayers(
              { id: child.id, values: variantValues(child, warn), bindings: collectBindings(child, pluginAdapter) },
              child,
            ),
          )
      : [withLayers({ id: node.id, values: {}, bindings: collectBindings<PluginNodeLike>(node, pluginAdapter) }, node)];

  const spec: ComponentSpec = { id: node.id, name: node.name, props, variants };
  if (node.key) spec.key = node.key;
  if (node.description) spec.description = node.description;
  return normalizeSpec(spec);
}
