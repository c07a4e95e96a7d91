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
 * The spec with `tokenRefs` filled in. The variants' bindings are the truth: refs a client sent
 * are added to the bound ids (it may know of uses the bindings do not show), never in place of
 * them, so a stale or empty list cannot hide a token the generated CSS uses. Sorted and
 * de-duplicated, so equal specs hash equal.
 */
export function withTokenRefs(spec: ComponentSpec): ComponentSpec & { tokenRefs: string[] } {
  const tokenRefs = [...new Set([...collectTokenRefs(spec), ...(spec.tokenRefs ?? [])])].sort(compareText);
  return { ...spec, tokenRefs };
}
