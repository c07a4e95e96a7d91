export { buildLayerTree, type LayerTreeOptions } from './normalize.js';
export {
  pluginLayerSource,
  readPluginNode,
  handlesFromTransform,
  SEGMENT_FIELDS,
  type PluginInstanceInfo,
  type PluginInstances,
} from './from-plugin.js';
export { restLayerSource, readRestNode } from './from-rest.js';
export type { LayerSource, RawLayer } from './raw.js';
export { roundPx } from './numbers.js';
