/**
 * What a preview needs to render a generated component (DESIGN.md "Previews and fidelity"):
 * which file and export to render, the props of each variant, and which CSS-module class
 * renders which layer of each variant, so that a preview build can mark each layer's element
 * with `data-figma-id` without the generated source carrying the attribute.
 */
import type { ComponentSpec } from '../contract/specs.js';
import { buildModel } from './component-model.js';

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

export function previewModel(spec: ComponentSpec): PreviewModel {
  const model = buildModel(spec);
  return {
    file: `${model.name}.tsx`,
    cssFile: `${model.name}.module.css`,
    exportName: model.name,
    variants: model.variants.map((variant) => ({
      id: variant.id,
      label: variant.label,
      props: Object.fromEntries(model.variantProps.map((p, j) => [p.ident, variant.values[j] ?? ''])),
      // Filled by the layer-tree codegen: until then no layer has an element of its own.
      layers: [],
    })),
  };
}
