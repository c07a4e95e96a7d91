import type { Collection, DtcgTokens, Token, TokenSet } from '../contract/tokens.js';
import { isAlias } from './aliases.js';
import { FIGMA_EXTENSION, ROOT_KEY, documentNameOf, isPlainObject, isPlainSet } from './dtcg-shared.js';

type Json = Record<string, unknown>;
/** One DTCG document as the wire shape types it (any JSON object). */
export type DtcgDocument = DtcgTokens['modes'][number]['documents'][number];

/**
 * A token set → DTCG 2025.10 documents, one per mode name, in the `DtcgTokens` wire shape
 * (so importDtcg(exportDtcg(set)) gives the set back, tokens possibly in another order).
 *
 * - Plain sets (one collection, mode ids = names, see isPlainSet) export as plain DTCG:
 *   token at its name's path, `collectionName` set, no metadata unless a token's id or name
 *   cannot be read back from its path.
 * - Other sets (Figma's: several collections, opaque ids) put each collection under a group
 *   named after it, write the collections on every document's root
 *   `$extensions["com.figma"].collections`, and each token's id, name and collectionId
 *   under its `$extensions["com.figma"]`. The document of mode name M holds, for each
 *   collection, its mode named M or else its default mode; so every document is a complete,
 *   resolvable DTCG file on its own.
 *
 * Names that are not valid DTCG names are made valid in the key (".", "{", "}" and a leading
 * "$" become "_", empty segments "_"); a token whose path is also a group goes to the
 * group's `$root`; clashing keys get a "~2" suffix. The true name is then kept in metadata.
 */
export function exportDtcg(set: TokenSet): DtcgTokens {
  const plain = isPlainSet(set);
  const collections = new Map(set.collections.map((c) => [c.id, c]));
  const tokens = uniqueById(set.tokens);
  const keyPaths = assignKeyPaths(tokens, collections, !plain);

  const docNames = documentNames(set.collections);
  const modeByDocument = new Map(
    set.collections.map((c) => [c.id, new Map(c.modes.map((m) => [documentNameOf(c, m.id), m.id]))]),
  );
  const modeFor = (token: Token, docName: string): string => {
    const collection = collections.get(token.collectionId);
    if (!collection) return Object.keys(token.valuesByMode)[0] ?? '';
    return modeByDocument.get(collection.id)?.get(docName) ?? collection.defaultModeId;
  };
  const modes = docNames.map((docName) => {
    const doc: Json = plain ? {} : { $extensions: { [FIGMA_EXTENSION]: { collections: set.collections } } };
    for (const token of tokens) {
      const value = token.valuesByMode[modeFor(token, docName)];
      if (value === undefined) continue;
      const keyPath = keyPaths.get(token.id)!;
      place(doc, keyPath, tokenNode(token, value, keyPath, plain, keyPaths));
    }
    return { name: docName, documents: [doc as DtcgDocument] };
  });

  const result: DtcgTokens = {
    format: 'dtcg',
    modes:
      modes.length > 0
        ? modes
        : [{ name: 'default', documents: [{ $extensions: { [FIGMA_EXTENSION]: { collections: [] } } }] }],
  };
  if (plain) result.collectionName = set.collections[0]!.name;
  return result;
}

function uniqueById(tokens: Token[]): Token[] {
  const seen = new Set<string>();
  return tokens.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)));
}

/** Default modes' documents first, so that a DTCG reader taking the first as default is right. */
function documentNames(collections: Collection[]): string[] {
  const names: string[] = [];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  for (const c of collections) add(documentNameOf(c, c.defaultModeId));
  for (const c of collections) for (const m of c.modes) add(documentNameOf(c, m.id));
  return names;
}

const sanitize = (segment: string) => (segment === '' ? '_' : segment.replace(/[.{}]/g, '_').replace(/^\$/, '_'));
const join = (path: string[]) => path.join('\u0000');

function assignKeyPaths(
  tokens: Token[],
  collections: Map<string, Collection>,
  prefixed: boolean,
): Map<string, string[]> {
  const desired = tokens.map((t) => [
    ...(prefixed ? [sanitize(collections.get(t.collectionId)?.name ?? t.collectionId)] : []),
    ...t.name.split('/').map(sanitize),
  ]);
  const groups = new Set<string>();
  for (const path of desired) for (let k = 1; k < path.length; k++) groups.add(join(path.slice(0, k)));

  const used = new Set<string>();
  const out = new Map<string, string[]>();
  tokens.forEach((token, i) => {
    const base = desired[i]!;
    let path = groups.has(join(base)) ? [...base, ROOT_KEY] : base;
    for (let n = 2; used.has(join(path)); n++) {
      path = [...base.slice(0, -1), `${base[base.length - 1]}~${n}`];
    }
    used.add(join(path));
    out.set(token.id, path);
  });
  return out;
}

function place(doc: Json, path: string[], node: Json): void {
  let group = doc;
  for (const segment of path.slice(0, -1)) {
    if (!isPlainObject(group[segment])) group[segment] = {};
    group = group[segment] as Json;
  }
  group[path[path.length - 1]!] = node;
}

const nameOfKeyPath = (path: string[]) => (path[path.length - 1] === ROOT_KEY ? path.slice(0, -1) : path).join('/');

function tokenNode(
  token: Token,
  value: unknown,
  keyPath: string[],
  plain: boolean,
  keyPaths: Map<string, string[]>,
): Json {
  const node: Json = { $type: token.type, $value: exportValue(value, keyPaths) };
  if (token.description !== undefined) node.$description = token.description;
  if (token.deprecated !== undefined) node.$deprecated = token.deprecated;

  const ownFigma = token.extensions?.[FIGMA_EXTENSION];
  const figma: Json = isPlainObject(ownFigma) ? { ...ownFigma } : {};
  if (!plain || token.id !== keyPath.join('.')) figma.id = token.id;
  if (!plain || token.name !== nameOfKeyPath(keyPath)) figma.name = token.name;
  if (!plain) figma.collectionId = token.collectionId;
  if (token.scopes) figma.scopes = token.scopes;
  if (token.codeSyntax) figma.codeSyntax = token.codeSyntax;
  // importDtcg gives file tokens { kind: "file" }; anything else must travel.
  if (token.source && (token.source.kind !== 'file' || token.source.ref !== undefined)) figma.source = token.source;

  const extensions: Json = { ...token.extensions };
  if (Object.keys(figma).length > 0) extensions[FIGMA_EXTENSION] = figma;
  else delete extensions[FIGMA_EXTENSION];
  if (Object.keys(extensions).length > 0) node.$extensions = extensions;
  return node;
}

/** Aliases (also inside composites) → curly references to the target's key path. */
function exportValue(value: unknown, keyPaths: Map<string, string[]>): unknown {
  if (isAlias(value)) {
    const path = keyPaths.get(value.alias);
    // A dangling alias keeps its id, which importDtcg reads back as the same dangling alias.
    return `{${path ? path.join('.') : value.alias}}`;
  }
  if (Array.isArray(value)) return value.map((v) => exportValue(v, keyPaths));
  if (isPlainObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) out[k] = exportValue(v, keyPaths);
    return out;
  }
  return value;
}
