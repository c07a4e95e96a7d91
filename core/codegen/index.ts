/**
 * Codegen: component spec + token set → React component files. Pure and deterministic: the
 * same inputs give byte-identical files, whatever the order of tokens or binding keys.
 */
import type { ComponentSpec } from '../contract/specs.js';
import type { TokenSet } from '../contract/tokens.js';
import { defaultRegistry, type PatternRegistry } from './registry.js';
import { selectPattern } from './select.js';
import type { GeneratedComponent } from './types.js';
import type { CodegenContext } from './layers/context.js';

export function generateComponent(
  spec: ComponentSpec,
  tokens: TokenSet,
  registry: PatternRegistry = defaultRegistry,
  context: CodegenContext = {},
): GeneratedComponent {
  const pattern = selectPattern(spec, registry);
  return { patternId: pattern.id, patternVersion: pattern.version, files: pattern.generate(spec, tokens, context) };
}

export type { ComponentView, GeneratedComponent, Pattern, PatternPlan, SyntheticProp } from './types.js';
export { builtinPatterns, createPatternRegistry, defaultRegistry, type PatternRegistry } from './registry.js';
export { patternForName, selectPattern } from './select.js';
export { generateTokensCss, TOKENS_CSS_PATH } from './tokens-css.js';
export { cssVarName, cssVarNames, subVarName, type CssVarNames } from './css-vars.js';
export { componentIdentifier, propIdentifier } from './names.js';
export { definePattern, type PatternDefinition } from './patterns/define.js';
export { genericPattern } from './patterns/generic.js';
export { buttonPattern } from './patterns/button.js';
export { inputPattern } from './patterns/input.js';
export { checkboxPattern } from './patterns/checkbox.js';
export { badgePattern } from './patterns/badge.js';
export { cardPattern } from './patterns/card.js';
export { previewModel, type PreviewModel, type PreviewVariant, type PreviewLayer } from './preview-model.js';
export type { CodegenComponent, CodegenContext } from './layers/context.js';
export { projectComponentOf } from './layers/context.js';
export { contextHash } from './layers/context.js';
export type { LayerRole, LayeredRender } from './layers/component.js';
