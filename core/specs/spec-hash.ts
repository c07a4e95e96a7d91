import type { Layer } from '../contract/layers.js';
import type { ComponentSpec, Variant } from '../contract/specs.js';
import { canonicalHash } from '../tokens/hash.js';
import { withTokenRefs } from './token-refs.js';
import { sortVariants } from './variants.js';

/**
 * The spec in its one canonical form: variants in option order, tokenRefs present and sorted,
 * an empty description dropped (Figma reports "no description" as ""). Props keep their
 * definition order because that order is part of the design.
 */
export function normalizeSpec(spec: ComponentSpec): ComponentSpec & { tokenRefs: string[] } {
  const out = withTokenRefs({ ...spec, variants: sortVariants(spec.variants, spec.props) });
  if (!out.description) delete out.description;
  return out;
}

/**
 * Identical design input ⇔ identical hash, whatever order keys or variants arrived in. Layer
 * boxes are left out: they are Figma's rendering of the design (a font rendering difference
 * moves them), kept for previews and fidelity, never a reason for a new version.
 */
export function specHash(spec: ComponentSpec): string {
  const normal = normalizeSpec(spec);
  return canonicalHash({ ...normal, variants: normal.variants.map(withoutBoxes) });
}

function withoutBoxes(variant: Variant): Variant {
  if (!variant.layers) return variant;
  return { ...variant, layers: layerWithoutBox(variant.layers) as Layer };
}

function layerWithoutBox(layer: Layer): Omit<Layer, 'box'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { box, children, ...rest } = layer;
  return children ? { ...rest, children: children.map((c) => layerWithoutBox(c) as Layer) } : rest;
}
