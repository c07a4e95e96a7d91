import type { Layer } from '../contract/layers.js';
import type { ComponentSpec } from '../contract/specs.js';
import { compareText } from './variants.js';

/** Fields of layout, style and text that hold a token id (a bound value's `token`, a style). */
const TOKEN_FIELDS = new Set(['token', 'colorToken', 'fillStyle', 'strokeStyle', 'effectStyle', 'textStyle']);

function collectValue(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectValue(v, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    if (TOKEN_FIELDS.has(key) && typeof v === 'string') into.add(v);
    else collectValue(v, into);
  }
}

/**
 * Token ids bound anywhere in a layer tree. Only layout, style and text hold them: names,
 * instance property values and path data are designer text that may look like anything.
 */
export function layerTokenRefs(root: Layer, into: Set<string> = new Set()): Set<string> {
  const stack = [root];
  while (stack.length > 0) {
    const layer = stack.pop()!;
    collectValue(layer.layout, into);
    collectValue(layer.style, into);
    collectValue(layer.text, into);
    for (const c of layer.children ?? []) stack.push(c);
  }
  return into;
}

/** Sorted, de-duplicated union of the token ids bound in any variant, its layer tree included. */
export function collectTokenRefs(spec: Pick<ComponentSpec, 'variants'>): string[] {
  const ids = new Set<string>();
  for (const variant of spec.variants) {
    for (const id of Object.values(variant.bindings)) ids.add(id);
    if (variant.layers) layerTokenRefs(variant.layers, ids);
  }
  return [...ids].sort(compareText);
}

/**
 * The spec with `tokenRefs` filled in. The variants' bindings and layer trees are the truth:
 * refs a client sent are added to the bound ids (it may know of uses the bindings do not
 * show), never in place of them, so a stale or empty list cannot hide a token the generated
 * CSS uses. Sorted and de-duplicated, so equal specs hash equal.
 */
export function withTokenRefs(spec: ComponentSpec): ComponentSpec & { tokenRefs: string[] } {
  const tokenRefs = [...new Set([...collectTokenRefs(spec), ...(spec.tokenRefs ?? [])])].sort(compareText);
  return { ...spec, tokenRefs };
}
