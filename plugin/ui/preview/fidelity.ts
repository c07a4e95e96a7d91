/**
 * Fidelity (DESIGN.md "Previews and fidelity") as the UI shows it: one variant in one mode, its
 * visible layers against what the preview rendered. The rule (tolerances, what counts) is core's
 * (core/previews/fidelity.ts), the one the server and the bench apply; this file only fits it to
 * the shapes the UI has. core's file imports the layer schema as types only: no zod comes along.
 */
import { variantFidelity, type LayerMismatch } from '../../../core/previews/fidelity.js';

export { FIDELITY_TOLERANCE, layerMatches } from '../../../core/previews/fidelity.js';

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

export type Mismatch = LayerMismatch;

export interface Fidelity {
  matched: number;
  total: number;
  mismatches: readonly Mismatch[];
}

/**
 * Visible layers of the design compared with what the preview rendered, by layer id. A hidden
 * layer counts for nothing; a visible one the preview did not render is a mismatch.
 */
export function fidelity(expected: readonly ExpectedLayer[], rendered: readonly RenderedLayer[]): Fidelity {
  const { matched, total, mismatches } = variantFidelity('', '', expected, rendered);
  return { matched, total, mismatches };
}
