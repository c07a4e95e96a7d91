import type { ComponentSpec } from '../contract/specs.js';
import { compareText } from './variants.js';

/** Sorted, de-duplicated union of the token ids bound in any variant. */
export function collectTokenRefs(spec: Pick<ComponentSpec, 'variants'>): string[] {
  const ids = new Set<string>();
  for (const variant of spec.variants) {
    for (const id of Object.values(variant.bindings)) ids.add(id);
  }
  return [...ids].sort(compareText);
}

/**
 * The spec with `tokenRefs` filled in. Refs a client sent are kept (it may know of uses the
 * bindings do not show) but sorted and de-duplicated, so equal specs hash equal.
 */
export function withTokenRefs(spec: ComponentSpec): ComponentSpec & { tokenRefs: string[] } {
  const tokenRefs = spec.tokenRefs
    ? [...new Set(spec.tokenRefs)].sort(compareText)
    : collectTokenRefs(spec);
  return { ...spec, tokenRefs };
}
