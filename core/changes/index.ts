export { diffTokenSets, compareTokenChanges } from './token-diff.js';
export { diffSpecs } from './spec-diff.js';
export { diffLayers, mergeLayerChanges } from './layer-diff.js';
export { formatLayerValue } from './layer-reasons.js';
export { patternChange } from './pattern-change.js';
export type { PatternRef } from './pattern-change.js';
export { affectedComponents, aliasDependents, changesReaching, reachingTokens, tokenNameLookup } from './impact.js';
export type { ComponentImpact, TokenImpact } from './impact.js';
export { componentTokenChanges } from './component-changes.js';
export type { ComponentTokenChanges, TokenSide } from './component-changes.js';
export { diffCollections } from './collection-diff.js';
export {
  decideBump,
  classifyTokenChange,
  classifyCollectionChange,
  classifySpecChange,
  GENERATED_OUTPUT_CHANGED,
  classifyPatternChange,
  compareBumps,
  maxBump,
  severityOf,
} from './bump.js';
export type { BumpInput, BumpDecision, ClassifiedChange, Severity } from './bump.js';
export { formatValue } from './format-value.js';
export type { TokenNameLookup } from './format-value.js';
export {
  parseVersion,
  compareVersions,
  nextVersion,
  nextPrereleaseVersion,
  branchIdentifier,
  FIRST_VERSION,
} from './versions.js';
export type { ParsedVersion } from './versions.js';
export { dependencyOrder } from './dependency-order.js';
