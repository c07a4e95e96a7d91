/**
 * What a preview needs to render a generated component (DESIGN.md "Previews and fidelity"):
 * which file and export to render, the props of each variant, and which CSS-module class
 * renders which layer of each variant, so that a preview build can mark each layer's element
 * with `data-figma-id` without the generated source carrying the attribute.
 */
import type { ComponentSpec } from '../contract/specs.js';
import type { TokenSet } from '../contract/tokens.js';
import { buildModel } from './component-model.js';
import { layeredComponent } from './component-files.js';
import type { CodegenContext } from './layers/context.js';
import { hasLayers } from './layers/tree.js';
import { defaultRegistry, type PatternRegistry } from './registry.js';
import { selectPattern } from './select.js';

export interface PreviewLayer {
  /** the Figma layer id, in this variant */
  readonly layerId: string;
  /** the local class name in `Name.module.css` (the key of the imported `styles` object) */
  readonly className: string;
}

export interface PreviewVariant {
  readonly id: string;
  /** Figma's own name for it: "Size=lg, State=hover" */
  readonly label: string;
  /** the props that render this variant (prop identifier → value) */
  readonly props: Readonly<Record<string, string | boolean>>;
  /**
   * Each layer the variant renders, with the class of its element (unique within the variant;
   * the variant's own node has "root"). Layers inside an imported project component are
   * rendered by that component and not listed.
   */
  readonly layers: readonly PreviewLayer[];
}

export interface PreviewModel {
  /** the component's file among the version's files ("Button.tsx") */
  readonly file: string;
  /** its CSS module ("Button.module.css") */
  readonly cssFile: string;
  /** the named export that is the component ("Button") */
  readonly exportName: string;
  readonly variants: readonly PreviewVariant[];
}

const NO_TOKENS: TokenSet = { collections: [], tokens: [] };

/**
 * Class names do not depend on tokens, so none are needed here; `context` must be the one the
 * version was generated with when it matters which instances were imported.
 */
export function previewModel(
  spec: ComponentSpec,
  context: CodegenContext = {},
  registry: PatternRegistry = defaultRegistry,
): PreviewModel {
  const plan = hasLayers(spec) ? selectPattern(spec, registry).plan?.(spec) : undefined;
  const built = plan ? layeredComponent(spec, NO_TOKENS, plan, context) : undefined;
  const model = built?.model ?? buildModel(spec);
  const layers = built?.layered.previewLayers();
  return {
    file: `${model.name}.tsx`,
    cssFile: `${model.name}.module.css`,
    exportName: model.name,
    variants: model.variants.map((variant, i) => ({
      id: variant.id,
      label: variant.label,
      props: Object.fromEntries(model.variantProps.map((p, j) => [p.ident, variant.values[j] ?? ''])),
      layers: layers?.[i] ?? [],
    })),
  };
}
