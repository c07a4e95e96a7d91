export {
  realisticDesignSystem,
  REMOTE_COLLECTION_ID,
  REMOTE_PAINT_STYLE_ID,
  REMOTE_VARIABLE_ID,
  STYLE,
} from './realistic-fixture.js';
export { largeDesignSystem, type LargeDesignSystemOptions } from './large-fixture.js';
export { figmaFactsDesign, FACTS } from './figma-facts-fixture.js';
