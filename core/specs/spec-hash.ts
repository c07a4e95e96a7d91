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

/** Identical design input ⇔ identical hash, whatever order keys or variants arrived in. */
export function specHash(spec: ComponentSpec): string {
  return canonicalHash(normalizeSpec(spec));
}
