/**
 * Fidelity (DESIGN.md "Previews and fidelity"): how many of a variant's visible layers the
 * preview rendered where the design has them. Pure, so the UI, the server and the bench agree;
 * core/previews/fidelity.ts states the same rule for the server and this file gives way to it.
 */

export interface LayoutBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One layer as the design has it (GET /versions/:id/preview/layout). */
export interface ExpectedLayer {
  id: string;
  name: string;
  type: string;
  visible: boolean;
  box: LayoutBox;
}

/** One layer as the preview rendered it (the `design-sync/layout` message), relative to the variant's root. */
export interface RenderedLayer extends LayoutBox {
  id: string;
}

export interface Mismatch {
  id: string;
  name: string;
  expected: LayoutBox;
  /** null: the preview did not render the layer at all */
  rendered: LayoutBox | null;
}

export interface Fidelity {
  matched: number;
  total: number;
  mismatches: Mismatch[];
}

/** Text is laid out by the browser's font rasterizer, which rounds glyph advances differently from Figma's. */
export const TOLERANCE_PX = { default: 1, text: 2 } as const;

const KEYS = ['x', 'y', 'width', 'height'] as const;

/** Whether a rendered box is within the tolerance of the design's box on every side. */
export function boxMatches(expected: LayoutBox, rendered: LayoutBox, tolerance: number): boolean {
  return KEYS.every((k) => Number.isFinite(rendered[k]) && Math.abs(rendered[k] - expected[k]) <= tolerance);
}

/**
 * Visible layers of the design compared with what the preview rendered, by layer id. A hidden
 * layer counts for nothing; a visible one the preview did not render is a mismatch.
 */
export function fidelity(expected: readonly ExpectedLayer[], rendered: readonly RenderedLayer[]): Fidelity {
  const byId = new Map(rendered.map((r) => [r.id, r]));
  let matched = 0;
  let total = 0;
  const mismatches: Mismatch[] = [];
  for (const layer of expected) {
    if (!layer.visible) continue;
    total++;
    const got = byId.get(layer.id);
    const tolerance = layer.type === 'TEXT' ? TOLERANCE_PX.text : TOLERANCE_PX.default;
    if (got && boxMatches(layer.box, got, tolerance)) matched++;
    else
      mismatches.push({
        id: layer.id,
        name: layer.name,
        expected: layer.box,
        rendered: got ? { x: got.x, y: got.y, width: got.width, height: got.height } : null,
      });
  }
  return { matched, total, mismatches };
}
