export { createFakeFigma, FORBIDDEN_SYNC_CALLS, type FakeFigma, type FakeFigmaOptions } from './fake.js';
export type { Notice, UiState } from './host.js';
export { CLIENT_STORAGE_QUOTA_BYTES } from './host.js';
export { PLUGIN_DATA_ENTRY_LIMIT_BYTES, entryBytes } from './plugin-data.js';
export * from './seed.js';
export { validateSeed } from './validate-seed.js';
export type { FakeCollectionView, FakeVariableView } from './variables.js';
export type { FakeEffectStyleView, FakeGridStyleView, FakePaintStyleView, FakeTextStyleView } from './styles.js';
export type {
  FakeComponentSetView,
  FakeComponentView,
  FakeFrameView,
  FakeInstanceView,
  FakeRectangleView,
  FakeTextView,
} from './nodes.js';
export {
  FACTS,
  figmaFactsDesign,
  largeDesignSystem,
  realisticDesignSystem,
  REMOTE_COLLECTION_ID,
  REMOTE_PAINT_STYLE_ID,
  REMOTE_VARIABLE_ID,
  STYLE,
  type LargeDesignSystemOptions,
} from './fixtures.js';
export { layerTreeDesign, LAYER_VARS, LAYER_STYLES } from './layers-fixture.js';
export { layeredDesignSystem, type LayeredDesignSystemOptions } from './layered-fixture.js';
