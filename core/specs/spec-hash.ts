import type { Layer } from '../contract/layers.js';
import type { ComponentSpec } from '../contract/specs.js';
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

/** The tree without its geometry: boxes serve previews and fidelity, never versions (DESIGN.md). */
function withoutBoxes(layer: Layer): Omit<Layer, 'box' | 'children'> & { children?: unknown[] } {
  const { box: _box, children, ...rest } = layer;
  return children ? { ...rest, children: children.map(withoutBoxes) } : rest;
}

/**
 * Identical design input ⇔ identical hash, whatever order keys or variants arrived in. Layer
 * boxes take no part: moving a layer by a pixel makes no version (the stored spec keeps them).
 */
export function specHash(spec: ComponentSpec): string {
  return normalizedSpecHash(normalizeSpec(spec));
}

/**
 * specHash of a spec normalizeSpec gave (it is idempotent): a sync's detection has normalized
 * every spec already, and normalizing walks every layer tree again.
 */
export function normalizedSpecHash(normalized: ComponentSpec & { tokenRefs: string[] }): string {
  return canonicalHash({
    ...normalized,
    variants: normalized.variants.map((v) => (v.layers ? { ...v, layers: withoutBoxes(v.layers) } : v)),
  });
}
