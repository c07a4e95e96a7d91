import type { Collection, TokenSet } from '../contract/tokens.js';

/**
 * Conventions shared by dtcg-import.ts and dtcg-export.ts. What the model holds beyond DTCG
 * (Figma ids, names that are not valid DTCG names, scopes, code syntax, source, collections
 * and their modes) travels under `$extensions["com.figma"]`:
 *   - on the root group of every document: `{ collections: Collection[] }` when the set is
 *     not a plain DTCG set (see isPlainSet);
 *   - on a token: `{ id?, name?, collectionId?, scopes?, codeSyntax?, source? }` plus any
 *     other com.figma data the token already had (kept in Token.extensions).
 */
export const FIGMA_EXTENSION = 'com.figma';
export const MODELED_FIGMA_KEYS = ['id', 'name', 'collectionId', 'scopes', 'codeSyntax', 'source'] as const;

/** `$root` names the token that stands for its group itself (DTCG 2025.10). */
export const ROOT_KEY = '$root';

/** Default collection of an imported DTCG set without collection metadata. */
export const DEFAULT_DTCG_COLLECTION = 'tokens';

/**
 * A set DTCG can carry without metadata: one collection whose id is its name, whose mode ids
 * are their names and whose first mode is the default. That is what importDtcg builds from
 * plain documents, so such a set exports as plain documents.
 */
export function isPlainSet(set: TokenSet): boolean {
  if (set.collections.length !== 1) return false;
  const [c] = set.collections as [Collection];
  return (
    c.id === c.name &&
    c.modes.every((m) => m.id === m.name) &&
    c.defaultModeId === c.modes[0]?.id &&
    set.tokens.every((t) => t.collectionId === c.id)
  );
}

/**
 * The name of the document that carries a collection's mode: the mode's name, so that
 * collections with a "Light" mode share the "Light" document; disambiguated by id when a
 * collection repeats a name.
 */
export function documentNameOf(collection: Collection, modeId: string): string {
  const mode = collection.modes.find((m) => m.id === modeId);
  if (!mode) return modeId;
  const repeated = collection.modes.filter((m) => m.name === mode.name).length > 1;
  return repeated ? `${mode.name} (${mode.id})` : mode.name;
}

const CURLY = /^\{([^{}]+)\}$/;

/** "{color.blue.500}" → "color.blue.500" */
export function curlyReference(value: unknown): string | undefined {
  return typeof value === 'string' ? CURLY.exec(value)?.[1] : undefined;
}

/**
 * A JSON Pointer reference ("#/color/blue/500", "#/color/blue/500/$value",
 * "#/color/blue/500/$value/components/0") split into the token path and what follows
 * `$value` (a property-level reference when non-empty).
 */
export function parsePointer(ref: string): { path: string[]; property: string[] } | undefined {
  if (!ref.startsWith('#/')) return undefined;
  const segments = ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const at = segments.indexOf('$value');
  if (at === -1) return { path: segments, property: [] };
  return { path: segments.slice(0, at), property: segments.slice(at + 1) };
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
