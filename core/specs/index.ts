export { specFromPluginNode } from './from-plugin.js';
export type {
  PluginNodeLike,
  PluginComponentSetLike,
  PluginComponentLike,
  NormalizeOptions,
  PluginNormalizeOptions,
} from './from-plugin.js';
export { buildLayerTree, roundPx, handlesFromTransform, SEGMENT_FIELDS } from './layers/index.js';
export type { LayerSource, RawLayer, PluginInstanceInfo, PluginInstances, LayerTreeOptions } from './layers/index.js';
export { specFromRestNode, specsFromRestNodes, restStyleIdToPluginId } from './from-rest.js';
export type {
  RestNodeLike,
  RestComponentSetLike,
  RestComponentLike,
  RestContext,
  RestNodesResponseLike,
  RestStyleMeta,
  RestComponentMeta,
} from './from-rest.js';
export type { VariableAliasLike, PaintLike } from './bound-variables.js';
export { collectBindings, layerNamespace, fieldSlot, TEXT_FIELDS } from './binding-slots.js';
export type { LayerRefs, LayerAdapter } from './binding-slots.js';
export { propsFromDefinitions, propKindOf, stripPropSuffix } from './props.js';
export type { PropDefinitionLike } from './props.js';
export { parseVariantName, variantKey, compareVariants, sortVariants } from './variants.js';
export { collectTokenRefs, withTokenRefs } from './token-refs.js';
export { normalizeSpec, normalizedSpecHash, specHash } from './spec-hash.js';
export { instanceRefOf, instanceRefs, refersTo } from './dependencies.js';
export type { ComponentIdentity, InstanceRef } from './dependencies.js';
export { specDigest } from './digest.js';
