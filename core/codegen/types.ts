import type { GeneratedFile } from '../contract/api.js';
import type { ComponentSpec } from '../contract/specs.js';
import type { TokenSet } from '../contract/tokens.js';
import type { JsxElement } from './jsx.js';
import type { ComponentModel, PartSpec } from './component-model.js';
import type { PatternCss } from './module-css.js';
import type { CodegenContext } from './layers/context.js';
import type { LayeredRender } from './layers/component.js';

/**
 * A code generator for one kind of component. `version` is semver: a major bump changes the
 * generated props interface or markup incompatibly, and change detection treats it so.
 */
export interface Pattern {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  /**
   * Normalized words of component names this pattern is chosen for ("button", "textfield");
   * a compound like "textfield" also matches two words ("Text Field").
   */
  readonly keywords: readonly string[];
  /** among keyword matches in one name, a higher priority wins over a later position */
  readonly priority: number;
  /** `context` names the project's other components, which nested instances import */
  generate(spec: ComponentSpec, tokens: TokenSet, context?: CodegenContext): GeneratedFile[];
  /** the pattern's decisions about a spec (previews need its class names without generating) */
  plan?(spec: ComponentSpec): PatternPlan;
}

export interface GeneratedComponent {
  readonly patternId: string;
  readonly patternVersion: string;
  readonly files: GeneratedFile[];
}

/** A prop the pattern adds to the spec's own (a card's heading level). */
export interface SyntheticProp {
  readonly ident: string;
  readonly type: string;
  readonly doc: string;
  /** TypeScript expression used as the destructuring default */
  readonly defaultValue?: string;
}

/** What the component function looks like; tsx.ts wraps it in imports, types and class maps. */
export interface ComponentView {
  /** React's attribute type for the element that receives `...rest` */
  readonly attributes: { readonly type: string; readonly element: string };
  /** value imports from 'react' (hooks) */
  readonly hooks: readonly string[];
  readonly synthetic: readonly SyntheticProp[];
  /** native props the body reads by name, destructured out of `rest` (`id`) */
  readonly nativeBindings: readonly string[];
  /** statements before `return`, after `classes` is computed */
  readonly statements: readonly string[];
  readonly jsx: JsxElement;
  /** what the generated test asserts for every variant, as regular-expression sources */
  readonly markupChecks: readonly string[];
  /** import lines besides React's and the CSS module (nested generated components) */
  readonly imports?: readonly string[];
}

/** A pattern's decisions about one spec, made before names are settled. */
export interface PatternPlan {
  readonly parts: readonly PartSpec[];
  readonly reservedIdents: readonly string[];
  readonly css: PatternCss;
  /** `layered` is given when the spec has layer trees: the root's children then reproduce them */
  render(model: ComponentModel, layered?: LayeredRender): ComponentView;
}
