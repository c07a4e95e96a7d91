/**
 * Fidelity (DESIGN.md "Previews and fidelity"): how closely a rendered preview lays out the
 * design. A layer matches when x, y, width and height each differ from its design box by at
 * most 1 px (text: 2 px, since text metrics differ between Figma's renderer and a browser's);
 * fidelity is matched visible layers over visible layers, per variant and overall.
 */
import type { Box, Layer } from '../contract/layers.js';

/** Tolerance in CSS px of each of x, y, width and height. */
export const FIDELITY_TOLERANCE = { default: 1, text: 2 } as const;

/** A layer of the design as fidelity sees it: flattened from a variant's tree. */
export interface DesignLayer {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** visible itself and under visible parents */
  readonly visible: boolean;
  readonly box: Box;
}

/** A layer's box as the preview page measured it, relative to its variant's root element. */
export interface RenderedLayer extends Box {
  readonly id: string;
}

export interface LayerMismatch {
  readonly id: string;
  readonly name: string;
  readonly expected: Box;
  /** null: nothing in the page renders this layer */
  readonly rendered: Box | null;
}

export interface VariantFidelity {
  readonly id: string;
  readonly mode: string;
  readonly matched: number;
  readonly total: number;
  readonly mismatches: readonly LayerMismatch[];
}

export interface Fidelity {
  readonly matched: number;
  readonly total: number;
  readonly variants: readonly VariantFidelity[];
}

/**
 * Every layer of a variant's tree in document order (depth first), with its effective visibility.
 * A layer `rendersOwn` says another component renders (an imported instance) is listed without
 * its insides: the page renders them through that component's code, whose own preview measures them.
 */
export function flattenLayers(root: Layer, rendersOwn: (layer: Layer) => boolean = () => false): DesignLayer[] {
  const out: DesignLayer[] = [];
  const walk = (layer: Layer, parentVisible: boolean): void => {
    const visible = parentVisible && layer.visible !== false;
    out.push({ id: layer.id, name: layer.name, type: layer.type, visible, box: layer.box });
    if (rendersOwn(layer)) return;
    for (const child of layer.children ?? []) walk(child, visible);
  };
  walk(root, true);
  return out;
}

export function layerMatches(type: string, expected: Box, rendered: Box): boolean {
  const tolerance = type === 'TEXT' ? FIDELITY_TOLERANCE.text : FIDELITY_TOLERANCE.default;
  return (
    Math.abs(expected.x - rendered.x) <= tolerance &&
    Math.abs(expected.y - rendered.y) <= tolerance &&
    Math.abs(expected.width - rendered.width) <= tolerance &&
    Math.abs(expected.height - rendered.height) <= tolerance
  );
}

/** One variant in one mode: its visible design layers against what the page rendered. */
export function variantFidelity(
  id: string,
  mode: string,
  design: readonly DesignLayer[],
  rendered: readonly RenderedLayer[],
): VariantFidelity {
  const byId = new Map(rendered.map((r) => [r.id, r]));
  let matched = 0;
  let total = 0;
  const mismatches: LayerMismatch[] = [];
  for (const layer of design) {
    if (!layer.visible) continue;
    total++;
    const r = byId.get(layer.id);
    const box = r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    if (box && layerMatches(layer.type, layer.box, box)) matched++;
    else mismatches.push({ id: layer.id, name: layer.name, expected: layer.box, rendered: box });
  }
  return { id, mode, matched, total, mismatches };
}

/**
 * Every variant and mode the page reported, against the design's layers of that variant. A
 * reported variant the design does not have counts nothing (its layers have no expected box).
 */
export function fidelity(
  design: readonly { id: string; layers: readonly DesignLayer[] }[],
  rendered: readonly { id: string; mode: string; layers: readonly RenderedLayer[] }[],
): Fidelity {
  const layersOf = new Map(design.map((v) => [v.id, v.layers]));
  const variants = rendered.map((r) => variantFidelity(r.id, r.mode, layersOf.get(r.id) ?? [], r.layers));
  return {
    matched: variants.reduce((n, v) => n + v.matched, 0),
    total: variants.reduce((n, v) => n + v.total, 0),
    variants,
  };
}

/** "Layout matches the design: 46 of 48 layers" (the UI's landmark text). */
export function fidelityLine(f: Pick<Fidelity, 'matched' | 'total'>): string {
  return `Layout matches the design: ${f.matched} of ${f.total} layers`;
}
