// The modes a preview renders a version in: every mode of the collections its tokens belong to.
import type { TokenSet } from '../../../core/contract/tokens.js';
import { modeSlugs } from '../../../core/codegen/names.js';
import type { PreviewMode } from './sources.js';

/** Without tokens (a version made from files alone) the page renders the defaults once. */
export const DEFAULT_MODE: PreviewMode = { name: 'Default', theme: null };

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Modes of the collections the version's tokens come from, with the `[data-theme]` value
 * tokens.css gives each. A collection of one mode adds nothing another collection's modes do
 * not already show (its mode is the default everywhere), so it counts only when no collection
 * has more. One entry per mode name, collections in tokens.css's order (by id).
 */
export function previewModes(tokens: TokenSet | null): PreviewMode[] {
  if (!tokens || !Array.isArray(tokens.collections) || !Array.isArray(tokens.tokens)) return [DEFAULT_MODE];
  const used = new Set(tokens.tokens.map((t) => t.collectionId));
  const collections = tokens.collections.filter((c) => used.has(c.id)).sort((a, b) => byString(a.id, b.id));
  const themed = collections.filter((c) => c.modes.length > 1);
  const chosen = themed.length ? themed : collections.slice(0, 1);
  const modes: PreviewMode[] = [];
  const names = new Set<string>();
  for (const collection of chosen) {
    const slugs = modeSlugs(collection.modes);
    for (const mode of collection.modes) {
      if (names.has(mode.name)) continue;
      names.add(mode.name);
      modes.push({ name: mode.name, theme: slugs.get(mode.id) ?? null });
    }
  }
  return modes.length ? modes : [DEFAULT_MODE];
}
