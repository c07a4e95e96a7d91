/**
 * The messages between the UI and a preview page in its sandboxed iframe (DESIGN.md "Previews
 * and fidelity"). The page runs the version's generated code: what it posts is checked field by
 * field before the UI believes it, and anything else is ignored.
 */
import type { RenderedLayer } from './fidelity.js';

export interface PreviewReady {
  type: 'design-sync/ready';
  versionId: string;
  variants: Array<{ id: string; label: string }>;
  modes: string[];
}

export interface PreviewLayout {
  type: 'design-sync/layout';
  versionId: string;
  variants: Array<{ id: string; mode: string; layers: RenderedLayer[] }>;
  /** what the page needs to show what it shows whole, in CSS px (pages built before it say nothing) */
  size?: { width: number; height: number };
}

/** What the UI asks of the page: show only this variant in this mode (both optional). */
export interface PreviewShow {
  type: 'design-sync/show';
  variant?: string;
  mode?: string;
}

export type PreviewMessage = PreviewReady | PreviewLayout;

/** Generous caps: a preview has at most a few hundred variants × modes of up to 2,000 layers. */
const MAX_ITEMS = 20_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1000;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Larger than any page a frame should grow to: a page claiming more is not believed. */
const MAX_SIZE = 20_000;
const isLength = (v: unknown): v is number => isNumber(v) && v > 0 && v <= MAX_SIZE;
const list = (v: unknown): unknown[] | null => (Array.isArray(v) && v.length <= MAX_ITEMS ? v : null);

function layer(v: unknown): RenderedLayer | null {
  if (!isObject(v) || !isText(v.id)) return null;
  const { x, y, width, height } = v;
  if (!isNumber(x) || !isNumber(y) || !isNumber(width) || !isNumber(height)) return null;
  return { id: v.id, x, y, width, height };
}

/**
 * The message as the UI uses it, or null when it is not a preview message of `versionId`
 * (another frame's, malformed, or for another version).
 */
export function parsePreviewMessage(data: unknown, versionId: string): PreviewMessage | null {
  if (!isObject(data) || data.versionId !== versionId) return null;
  if (data.type === 'design-sync/ready') {
    const variants = list(data.variants);
    const modes = list(data.modes);
    if (!variants || !modes) return null;
    const parsed = variants.map((v) =>
      isObject(v) && isText(v.id) ? { id: v.id, label: isText(v.label) ? v.label : v.id } : null,
    );
    if (parsed.some((v) => v === null) || !modes.every(isText)) return null;
    return { type: data.type, versionId, variants: parsed as PreviewReady['variants'], modes: modes as string[] };
  }
  if (data.type === 'design-sync/layout') {
    const variants = list(data.variants);
    if (!variants) return null;
    const out: PreviewLayout['variants'] = [];
    for (const v of variants) {
      const layers = isObject(v) ? list(v.layers) : null;
      if (!isObject(v) || !isText(v.id) || typeof v.mode !== 'string' || !layers) return null;
      const parsed = layers.map(layer);
      if (parsed.some((l) => l === null)) return null;
      out.push({ id: v.id, mode: v.mode, layers: parsed as RenderedLayer[] });
    }
    const { size } = data;
    return {
      type: data.type,
      versionId,
      variants: out,
      ...(isObject(size) && isLength(size.width) && isLength(size.height)
        ? { size: { width: size.width, height: size.height } }
        : {}),
    };
  }
  return null;
}

/** Layouts by variant and mode, the later message winning: what the UI compares with the design. */
export type LayoutStore = ReadonlyMap<string, RenderedLayer[]>;

export const layoutKey = (variantId: string, mode: string): string => `${mode}\u0000${variantId}`;

export function mergeLayout(store: LayoutStore, message: PreviewLayout): Map<string, RenderedLayer[]> {
  const next = new Map(store);
  for (const v of message.variants) next.set(layoutKey(v.id, v.mode), v.layers);
  return next;
}
