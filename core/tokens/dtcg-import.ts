import { z } from 'zod';
import {
  CodeSyntax,
  Collection,
  TokenSource,
  TokenTypes,
  type DtcgTokens,
  type ModeValue,
  type Token,
  type TokenSet,
  type TokenType,
} from '../contract/tokens.js';
import {
  DEFAULT_DTCG_COLLECTION,
  FIGMA_EXTENSION,
  MODELED_FIGMA_KEYS,
  ROOT_KEY,
  curlyReference,
  documentNameOf,
  isPlainObject,
  parsePointer,
} from './dtcg-shared.js';
import { upgradeLegacyValue } from './dtcg-values.js';

type Json = Record<string, unknown>;

export interface DtcgImportResult {
  tokens: TokenSet;
  warnings: string[];
}

/** A token as read from one mode's merged tree, before ids and aliases are known. */
interface Flat {
  path: string[];
  type?: string;
  value: unknown;
  description?: string;
  deprecated?: boolean | string;
  extensions?: Json;
}

/**
 * DTCG 2025.10 documents → a token set.
 *
 * Documents of one mode merge in order: groups merge member by member, a token defined again
 * takes the later definition's properties (its `$value` whole, its `$extensions` merged).
 * The first mode is the default. Without com.figma collection metadata the result has one
 * collection (`collectionName`, else "tokens") whose modes are the input's modes by name,
 * and every token's id is its dot path (`$root` included, as DTCG references write it).
 * A token's name is its path joined by "/" without a trailing `$root`.
 *
 * A token missing from a mode takes its default-mode value (with a warning); tokens whose
 * type is neither given, inherited from a group, nor found through their alias target are
 * skipped with a warning. Alias targets are not checked here: validateTokenSet reports
 * dangling references.
 */
export function importDtcg(input: DtcgTokens): DtcgImportResult {
  const warnings = new Set<string>();
  const warn = (m: string) => warnings.add(m);

  const trees = input.modes.map((mode) => ({
    name: mode.name,
    tree: resolveExtends(mergeDtcgDocuments(mode.documents), warn),
  }));
  const flats = trees.map(({ name, tree }) => ({ name, tokens: flatten(tree, warn) }));
  const byDoc = new Map(flats.map((f) => [f.name, f.tokens]));

  const metaCollections = readCollectionMeta(
    trees.map((t) => t.tree),
    warn,
  );
  const collections = metaCollections ?? [plainCollection(input, warn)];
  const collectionById = new Map(collections.map((c) => [c.id, c]));

  // Identity first (ids and names), so that references can be turned into ids.
  interface Entry {
    dotPath: string;
    flat: Flat;
    firstMode: string;
    id: string;
    name: string;
    collection: Collection;
    modeled: Record<string, unknown>;
    extensions?: Json;
  }
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const { name: firstMode, tokens } of flats) {
    for (const [dotPath, first] of tokens) {
      if (seen.has(dotPath)) continue;
      seen.add(dotPath);
      const firstSplit = splitExtensions(first.extensions, dotPath, warn);
      const collection = pickCollection(firstSplit.modeled.collectionId, collections, collectionById, dotPath, warn);
      // Metadata comes from the default mode's definition when there is one.
      const flat = byDoc.get(documentNameOf(collection, collection.defaultModeId))?.get(dotPath) ?? first;
      const { modeled, rest } = flat === first ? firstSplit : splitExtensions(flat.extensions, dotPath, warn);
      const id = typeof modeled.id === 'string' ? modeled.id : dotPath;
      const name = typeof modeled.name === 'string' ? modeled.name : nameOf(flat.path);
      entries.push({ dotPath, flat, firstMode, id, name, collection, modeled, extensions: rest });
    }
  }
  const idByPath = new Map(entries.map((e) => [e.dotPath, e.id]));
  const entryByPath = new Map(entries.map((e) => [e.dotPath, e]));
  const idOf = (dotPath: string) => idByPath.get(dotPath) ?? idByPath.get(`${dotPath}.${ROOT_KEY}`) ?? dotPath;

  const types = new Map<string, TokenType>();
  for (const e of entries) {
    if (e.flat.type === undefined) continue;
    if ((TokenTypes as readonly string[]).includes(e.flat.type)) types.set(e.dotPath, e.flat.type as TokenType);
    else warn(`Token "${e.dotPath}": type "${e.flat.type}" is not a DTCG type; skipped`);
  }
  inferAliasTypes(
    entries.filter((e) => e.flat.type === undefined),
    types,
    entryByPath,
  );
  for (const e of entries) {
    if (e.flat.type !== undefined || types.has(e.dotPath)) continue;
    const shape = typeFromShape(e.flat.value);
    if (!shape) continue;
    types.set(e.dotPath, shape);
    warn(`Token "${e.dotPath}": no $type; read as ${shape} from its value`);
  }
  // References to tokens typed by shape, a second time.
  inferAliasTypes(
    entries.filter((e) => e.flat.type === undefined),
    types,
    entryByPath,
  );

  const tokens: Token[] = [];
  for (const e of entries) {
    const type = types.get(e.dotPath);
    if (!type) {
      if (e.flat.type === undefined)
        warn(`Token "${e.dotPath}": no $type (own, inherited from a group, or from its alias target); skipped`);
      continue;
    }
    const valuesByMode: Record<string, ModeValue> = {};
    for (const mode of e.collection.modes) {
      const docName = documentNameOf(e.collection, mode.id);
      const doc = byDoc.get(docName);
      let flat = doc?.get(e.dotPath);
      if (!flat) {
        flat = e.flat;
        if (mode.id !== e.collection.defaultModeId)
          warn(`Token "${e.dotPath}" has no value in mode "${mode.name}"; its default-mode value is used`);
        else
          warn(
            `Token "${e.dotPath}" has no value in its default mode "${mode.name}"; the value of mode "${e.firstMode}" is used`,
          );
      }
      const refs = toModelValue(flat.value, {
        idOf,
        doc: doc ?? new Map(),
        where: `Token "${e.dotPath}" (mode "${mode.name}")`,
        warn,
      });
      valuesByMode[mode.id] = upgradeLegacyValue(type, refs) as ModeValue;
    }
    const token: Token = { id: e.id, name: e.name, collectionId: e.collection.id, type, valuesByMode };
    if (e.flat.description !== undefined) token.description = e.flat.description;
    if (Array.isArray(e.modeled.scopes)) token.scopes = e.modeled.scopes as string[];
    if (e.modeled.codeSyntax) token.codeSyntax = e.modeled.codeSyntax as Token['codeSyntax'];
    if (e.flat.deprecated !== undefined) token.deprecated = e.flat.deprecated;
    token.source = (e.modeled.source as Token['source']) ?? { kind: 'file' };
    if (e.extensions) token.extensions = e.extensions as Token['extensions'];
    tokens.push(token);
  }
  return { tokens: { collections, tokens }, warnings: [...warnings] };
}

/** Documents merged in order, as one mode's documents are (see importDtcg). */
export function mergeDtcgDocuments(documents: readonly Json[]): Json {
  let tree: Json = {};
  for (const doc of documents) tree = mergeNode(tree, doc) as Json;
  return tree;
}

function nameOf(path: string[]): string {
  const segments = path[path.length - 1] === ROOT_KEY ? path.slice(0, -1) : path;
  return segments.join('/');
}

function isTokenNode(node: unknown): boolean {
  return isPlainObject(node) && ('$value' in node || typeof node.$ref === 'string');
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (!isPlainObject(a) || !isPlainObject(b)) return b;
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? deepMerge(a[k], v) : v;
  return out;
}

/** Later definitions win; see importDtcg for the rules. Inputs are never mutated. */
function mergeNode(a: unknown, b: unknown): unknown {
  if (!isPlainObject(a) || !isPlainObject(b)) return b;
  if (isTokenNode(a) || isTokenNode(b)) {
    if (!isTokenNode(a) || !isTokenNode(b)) return b;
    const out: Json = { ...a, ...b };
    if ('$value' in b) delete out.$ref;
    else delete out.$value;
    if (a.$extensions !== undefined && b.$extensions !== undefined)
      out.$extensions = deepMerge(a.$extensions, b.$extensions);
    return out;
  }
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (!(k in a)) out[k] = v;
    else if (k === '$extensions') out[k] = deepMerge(a[k], v);
    else if (k.startsWith('$') && k !== ROOT_KEY) out[k] = v;
    else out[k] = mergeNode(a[k], v);
  }
  return out;
}

function referencePath(ref: unknown): string[] | undefined {
  const curly = curlyReference(ref);
  if (curly !== undefined) return curly.split('.');
  if (typeof ref === 'string') return parsePointer(ref)?.path;
  return undefined;
}

function nodeAt(root: Json, path: string[]): unknown {
  let node: unknown = root;
  for (const segment of path) node = isPlainObject(node) ? node[segment] : undefined;
  return node;
}

/** Group `$extends`: the group gets the referenced group's members, its own ones winning. */
function resolveExtends(root: Json, warn: (m: string) => void): Json {
  const resolve = (node: Json, path: string[], stack: string[]): Json => {
    if (isTokenNode(node)) return node;
    const own: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$extends') continue;
      own[k] = isPlainObject(v) && (!k.startsWith('$') || k === ROOT_KEY) ? resolve(v, [...path, k], stack) : v;
    }
    if (node.$extends === undefined) return own;
    const target = referencePath(node.$extends);
    const here = path.join('.');
    if (!target) {
      warn(`Group "${here}": $extends ${JSON.stringify(node.$extends)} is not a reference; ignored`);
      return own;
    }
    const key = target.join('.');
    const base = nodeAt(root, target);
    if (stack.includes(key) || key === here) {
      warn(`Group "${here}": $extends cycle through "${key}"; ignored`);
      return own;
    }
    if (!isPlainObject(base) || isTokenNode(base)) {
      warn(`Group "${here}": $extends target "${key}" is not a group; ignored`);
      return own;
    }
    return mergeNode(resolve(base, target, [...stack, here]), own) as Json;
  };
  return resolve(root, [], []);
}

function flatten(tree: Json, warn: (m: string) => void): Map<string, Flat> {
  const out = new Map<string, Flat>();
  const walk = (group: Json, path: string[], type: string | undefined, deprecated: boolean | string | undefined) => {
    for (const [key, child] of Object.entries(group)) {
      if (key.startsWith('$') && key !== ROOT_KEY) continue;
      const childPath = [...path, key];
      const dotPath = childPath.join('.');
      if (!isPlainObject(child)) {
        warn(`"${dotPath}" is neither a token nor a group; ignored`);
        continue;
      }
      if (isTokenNode(child)) {
        for (const k of Object.keys(child)) {
          if (!k.startsWith('$')) warn(`Token "${dotPath}": property "${k}" is not part of a token; ignored`);
        }
        const ownType = typeof child.$type === 'string' ? child.$type : undefined;
        const ownDeprecated =
          typeof child.$deprecated === 'boolean' || typeof child.$deprecated === 'string'
            ? child.$deprecated
            : undefined;
        out.set(dotPath, {
          path: childPath,
          type: ownType ?? type,
          value: '$value' in child ? child.$value : { $ref: child.$ref },
          description: typeof child.$description === 'string' ? child.$description : undefined,
          deprecated: ownDeprecated ?? deprecated,
          extensions: isPlainObject(child.$extensions) ? child.$extensions : undefined,
        });
      } else if (key === ROOT_KEY) {
        warn(`"${dotPath}" must be a token; ignored`);
      } else {
        const groupType = typeof child.$type === 'string' ? child.$type : type;
        const groupDeprecated =
          typeof child.$deprecated === 'boolean' || typeof child.$deprecated === 'string'
            ? child.$deprecated
            : deprecated;
        walk(child, childPath, groupType, groupDeprecated);
      }
    }
  };
  const rootDeprecated =
    typeof tree.$deprecated === 'boolean' || typeof tree.$deprecated === 'string' ? tree.$deprecated : undefined;
  walk(tree, [], typeof tree.$type === 'string' ? tree.$type : undefined, rootDeprecated);
  return out;
}

const CollectionsMeta = z.object({ collections: z.array(Collection) });

function readCollectionMeta(trees: Json[], warn: (m: string) => void): Collection[] | undefined {
  for (const tree of trees) {
    const ext = isPlainObject(tree.$extensions) ? tree.$extensions[FIGMA_EXTENSION] : undefined;
    if (!isPlainObject(ext) || !('collections' in ext)) continue;
    const parsed = CollectionsMeta.safeParse(ext);
    if (parsed.success) return parsed.data.collections;
    warn(
      `$extensions["${FIGMA_EXTENSION}"].collections is malformed; ignored (${parsed.error.issues[0]?.message ?? ''})`,
    );
    return undefined;
  }
  return undefined;
}

function plainCollection(input: DtcgTokens, warn: (m: string) => void): Collection {
  const id = input.collectionName ?? DEFAULT_DTCG_COLLECTION;
  const names: string[] = [];
  for (const mode of input.modes) {
    if (names.includes(mode.name)) warn(`Mode "${mode.name}" appears more than once; its later documents are ignored`);
    else names.push(mode.name);
  }
  return { id, name: id, modes: names.map((n) => ({ id: n, name: n })), defaultModeId: names[0]! };
}

function pickCollection(
  wanted: unknown,
  collections: Collection[],
  byId: Map<string, Collection>,
  dotPath: string,
  warn: (m: string) => void,
): Collection {
  if (typeof wanted === 'string' && byId.has(wanted)) return byId.get(wanted)!;
  if (wanted !== undefined || collections.length > 1) {
    warn(`Token "${dotPath}": collection ${JSON.stringify(wanted)} is unknown; put in "${collections[0]!.name}"`);
  }
  return collections[0]!;
}

/** Pulls the fields we model out of `$extensions["com.figma"]`; the rest stays extensions. */
function splitExtensions(
  ext: Json | undefined,
  dotPath: string,
  warn: (m: string) => void,
): { modeled: Record<string, unknown>; rest?: Json } {
  if (!ext) return { modeled: {} };
  const rest: Json = { ...ext };
  const modeled: Record<string, unknown> = {};
  const figma = ext[FIGMA_EXTENSION];
  if (isPlainObject(figma)) {
    const figmaRest: Json = { ...figma };
    for (const key of MODELED_FIGMA_KEYS) {
      if (!(key in figma)) continue;
      delete figmaRest[key];
      const value = figma[key];
      const ok =
        key === 'scopes'
          ? z.array(z.string()).safeParse(value).success
          : key === 'codeSyntax'
            ? CodeSyntax.safeParse(value).success
            : key === 'source'
              ? TokenSource.safeParse(value).success
              : typeof value === 'string' && value !== '';
      if (ok) modeled[key] = value;
      else warn(`Token "${dotPath}": $extensions["${FIGMA_EXTENSION}"].${key} is malformed; ignored`);
    }
    if (Object.keys(figmaRest).length > 0) rest[FIGMA_EXTENSION] = figmaRest;
    else delete rest[FIGMA_EXTENSION];
  }
  return { modeled, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

/**
 * Tokens without a type take their alias target's, following chains (each token is visited
 * once, with no recursion, so long chains stay linear).
 */
function inferAliasTypes(
  untyped: { dotPath: string; flat: Flat }[],
  types: Map<string, TokenType>,
  byPath: Map<string, { dotPath: string }>,
): void {
  const targetOf = new Map<string, string>();
  for (const e of untyped) {
    const value = e.flat.value;
    const target = referencePath(isPlainObject(value) && typeof value.$ref === 'string' ? value.$ref : value);
    if (!target) continue;
    const targetPath = target.join('.');
    targetOf.set(e.dotPath, byPath.has(targetPath) ? targetPath : `${targetPath}.${ROOT_KEY}`);
  }
  const settled = new Set<string>();
  for (const e of untyped) {
    const path: string[] = [];
    let at: string | undefined = e.dotPath;
    while (at !== undefined && !types.has(at) && !settled.has(at)) {
      settled.add(at);
      path.push(at);
      at = targetOf.get(at);
    }
    const type = at === undefined ? undefined : types.get(at);
    if (type) for (const p of path) types.set(p, type);
  }
}

/** A type a value's shape leaves no doubt about (DTCG color objects), for tokens given none. */
function typeFromShape(value: unknown): TokenType | undefined {
  if (isPlainObject(value) && typeof value.colorSpace === 'string' && Array.isArray(value.components)) return 'color';
  return undefined;
}

interface RefContext {
  idOf: (dotPath: string) => string;
  doc: Map<string, Flat>;
  where: string;
  warn: (m: string) => void;
}

/** Curly and `$ref` references (anywhere inside the value) → `{ alias: tokenId }`. */
function toModelValue(value: unknown, ctx: RefContext): unknown {
  const curly = curlyReference(value);
  if (curly !== undefined) return { alias: ctx.idOf(curly) };
  if (Array.isArray(value)) return value.map((v) => toModelValue(v, ctx));
  if (!isPlainObject(value)) return value;
  if (typeof value.$ref === 'string' && Object.keys(value).length === 1) {
    const pointer = parsePointer(value.$ref);
    if (!pointer) {
      ctx.warn(`${ctx.where}: $ref ${JSON.stringify(value.$ref)} is not a local JSON Pointer; kept as is`);
      return value;
    }
    if (pointer.property.length === 0) return { alias: ctx.idOf(pointer.path.join('.')) };
    return propertyReference(pointer.path, pointer.property, value, ctx);
  }
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) out[k] = toModelValue(v, ctx);
  return out;
}

/**
 * A reference into part of another token's value ("#/color/a/$value/components/0") has no
 * alias form in the model: the referenced literal is copied in when it holds no reference.
 */
function propertyReference(path: string[], property: string[], original: Json, ctx: RefContext): unknown {
  const flat = ctx.doc.get(path.join('.'));
  let node: unknown = flat?.value;
  for (const segment of property) {
    node = Array.isArray(node) ? node[Number(segment)] : isPlainObject(node) ? node[segment] : undefined;
  }
  const hasReference = (v: unknown): boolean =>
    curlyReference(v) !== undefined ||
    (isPlainObject(v) && ('$ref' in v || Object.values(v).some(hasReference))) ||
    (Array.isArray(v) && v.some(hasReference));
  if (node === undefined || hasReference(node)) {
    ctx.warn(`${ctx.where}: property reference ${String(original.$ref)} cannot be followed; kept as is`);
    return original;
  }
  return node;
}
