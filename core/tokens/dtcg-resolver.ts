import type { Collection, DtcgResolverTokens, DtcgTokens, Token, TokenSet } from '../contract/tokens.js';
import { ROOT_KEY, isPlainObject } from './dtcg-shared.js';
import { importDtcg, mergeDtcgDocuments } from './dtcg-import.js';

type Json = Record<string, unknown>;

export interface DtcgResolverImportResult {
  tokens: TokenSet;
  warnings: string[];
  /** problems that make the resolver unreadable (a `$ref` to no document, no resolutionOrder…) */
  errors: string[];
}

/** Collection of the tokens that no modifier defines. */
export const RESOLVER_BASE_COLLECTION = 'base';
export const RESOLVER_BASE_MODE = 'default';

/** One step of the resolution order, its sources read into documents. */
type Step =
  | { kind: 'set'; name: string; documents: Json[] }
  | { kind: 'modifier'; name: string; contexts: { name: string; documents: Json[] }[] };

/**
 * A DTCG 2025.10 resolver document (with the documents its `$ref`s name) → a token set.
 *
 * The resolution order merges sets and modifiers in order, later definitions winning. Modifiers
 * become collections: a token that any context of a modifier defines belongs to the collection
 * named after the modifier (the last such modifier in the order), whose modes are its contexts,
 * the default first; in each mode its value is what the whole resolution order gives with that
 * context chosen and every other modifier at its default. Tokens no modifier defines go to the
 * collection "base" with one mode. Token ids are dot paths, as in importDtcg.
 *
 * Sets declared but missing from the resolution order are read first, with a warning: published
 * resolvers (Apple HIG's typography) refer to their tokens, and dropping them would leave every
 * such reference dangling.
 */
export function importDtcgResolver(input: DtcgResolverTokens): DtcgResolverImportResult {
  const warnings = new Set<string>();
  const errors: string[] = [];
  const resolver = input.resolver as Json;
  const reader = new SourceReader(resolver, input.documents, errors);

  const order = Array.isArray(resolver.resolutionOrder) ? resolver.resolutionOrder : undefined;
  if (!order) errors.push('resolver: "resolutionOrder" must be an array');
  const steps: Step[] = [];
  const named = new Set<string>();
  (order ?? []).forEach((item, i) => {
    const step = reader.step(item, `resolutionOrder[${i}]`);
    if (step) {
      steps.push(step);
      named.add(`${step.kind}:${step.name}`);
    }
  });
  const sets = isPlainObject(resolver.sets) ? resolver.sets : {};
  const unordered: Step[] = [];
  for (const name of Object.keys(sets)) {
    if (named.has(`set:${name}`)) continue;
    const step = reader.step({ $ref: `#/sets/${escapePointer(name)}` }, `sets.${name}`);
    if (!step) continue;
    warnings.add(
      `Set "${name}" is not in the resolution order; its tokens are read first so that references to them resolve`,
    );
    unordered.push(step);
  }
  const all = [...unordered, ...steps];
  if (errors.length > 0) return { tokens: { collections: [], tokens: [] }, warnings: [...warnings], errors };

  // Owner of each token: the last modifier in the order any of whose contexts defines it.
  const owner = new Map<string, string>();
  for (const step of all) {
    if (step.kind !== 'modifier') continue;
    for (const context of step.contexts) {
      for (const path of tokenPaths(mergeDtcgDocuments(context.documents))) owner.set(path, step.name);
    }
  }

  const documentsWith = (chosen?: { modifier: string; context: string }): Json[] =>
    all.flatMap((step) => {
      if (step.kind === 'set') return step.documents;
      const context = chosen?.modifier === step.name ? step.contexts.find((c) => c.name === chosen.context) : undefined;
      return (context ?? step.contexts[0])?.documents ?? [];
    });

  const tokens: Token[] = [];
  const collections: Collection[] = [];
  const take = (collection: string, modes: DtcgTokens['modes'], owns: (id: string) => boolean) => {
    const imported = importDtcg({ format: 'dtcg', collectionName: collection, modes });
    for (const w of imported.warnings) warnings.add(w);
    const owned = imported.tokens.tokens.filter((t) => owns(t.id));
    if (owned.length === 0) return;
    collections.push(...imported.tokens.collections);
    tokens.push(...owned);
  };
  const modifierNames = new Set(all.filter((s) => s.kind === 'modifier').map((s) => s.name));
  const baseName = modifierNames.has(RESOLVER_BASE_COLLECTION)
    ? `${RESOLVER_BASE_COLLECTION} (sets)`
    : RESOLVER_BASE_COLLECTION;
  take(baseName, [{ name: RESOLVER_BASE_MODE, documents: nonEmpty(documentsWith()) }], (id) => !owner.has(id));
  for (const step of all) {
    if (step.kind !== 'modifier' || step.contexts.length === 0) continue;
    const modes = step.contexts.map((c) => ({
      name: c.name,
      documents: nonEmpty(documentsWith({ modifier: step.name, context: c.name })),
    }));
    take(step.name, modes, (id) => owner.get(id) === step.name);
  }
  return { tokens: { collections, tokens }, warnings: [...warnings], errors };
}

/** importDtcg wants at least one document per mode. */
const nonEmpty = (docs: Json[]): DtcgTokens['modes'][number]['documents'] =>
  (docs.length > 0 ? docs : [{}]) as DtcgTokens['modes'][number]['documents'];

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Dot paths of the tokens in a DTCG tree (`$root` kept, as token ids write it). */
export function tokenPaths(tree: Json): string[] {
  const out: string[] = [];
  const stack: { node: Json; path: string[] }[] = [{ node: tree, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    for (const [key, child] of Object.entries(node)) {
      if ((key.startsWith('$') && key !== ROOT_KEY) || !isPlainObject(child)) continue;
      const childPath = [...path, key];
      if ('$value' in child || typeof child.$ref === 'string') out.push(childPath.join('.'));
      else stack.push({ node: child, path: childPath });
    }
  }
  return out;
}

/** Reads resolution-order items and their sources, collecting what cannot be read. */
class SourceReader {
  constructor(
    private readonly resolver: Json,
    private readonly documents: Record<string, unknown>,
    private readonly errors: string[],
  ) {}

  step(item: unknown, where: string): Step | undefined {
    let node = item;
    let name: string | undefined;
    if (isPlainObject(item) && typeof item.$ref === 'string') {
      const ref = item.$ref;
      const m = /^#\/(sets|modifiers)\/([^/]+)$/.exec(ref);
      if (!m) {
        this.errors.push(`resolver ${where}: $ref "${ref}" must point to "#/sets/<name>" or "#/modifiers/<name>"`);
        return undefined;
      }
      name = unescapePointer(m[2]!);
      const table = this.resolver[m[1]!];
      node = isPlainObject(table) ? table[name] : undefined;
      if (!isPlainObject(node)) {
        this.errors.push(`resolver ${where}: $ref "${ref}" names no ${m[1] === 'sets' ? 'set' : 'modifier'}`);
        return undefined;
      }
      node = { ...node, type: m[1] === 'sets' ? 'set' : 'modifier' };
    }
    if (!isPlainObject(node)) {
      this.errors.push(`resolver ${where}: expected a $ref or an inline set or modifier`);
      return undefined;
    }
    name = name ?? (typeof node.name === 'string' ? node.name : where);
    if (node.type === 'modifier' || (node.type === undefined && 'contexts' in node)) {
      if (!isPlainObject(node.contexts)) {
        this.errors.push(`resolver modifier "${name}": "contexts" must be an object`);
        return undefined;
      }
      const contexts = Object.entries(node.contexts).map(([context, sources]) => ({
        name: context,
        documents: this.sources(sources, `modifier "${name}" context "${context}"`),
      }));
      const wanted = typeof node.default === 'string' ? node.default : undefined;
      const at = wanted === undefined ? 0 : contexts.findIndex((c) => c.name === wanted);
      if (at === -1) this.errors.push(`resolver modifier "${name}": default "${wanted}" is not one of its contexts`);
      else contexts.unshift(...contexts.splice(at, 1));
      return { kind: 'modifier', name, contexts };
    }
    return { kind: 'set', name, documents: this.sources(node.sources, `set "${name}"`) };
  }

  private sources(list: unknown, where: string, seen: string[] = []): Json[] {
    if (!Array.isArray(list)) {
      this.errors.push(`resolver ${where}: sources must be an array`);
      return [];
    }
    const out: Json[] = [];
    for (const source of list) {
      if (!isPlainObject(source)) {
        this.errors.push(`resolver ${where}: a source must be a $ref or a token document`);
        continue;
      }
      if (typeof source.$ref !== 'string') {
        out.push(source);
        continue;
      }
      const ref = source.$ref;
      if (ref.startsWith('#/')) {
        // A source pointing into the resolver itself: another set's sources.
        const m = /^#\/sets\/([^/]+)$/.exec(ref);
        const set = m && isPlainObject(this.resolver.sets) ? this.resolver.sets[unescapePointer(m[1]!)] : undefined;
        if (!isPlainObject(set) || seen.includes(ref)) {
          this.errors.push(`resolver ${where}: $ref "${ref}" ${seen.includes(ref) ? 'is circular' : 'names no set'}`);
          continue;
        }
        out.push(...this.sources(set.sources, where, [...seen, ref]));
        continue;
      }
      const document = this.document(ref);
      if (document === undefined) this.errors.push(`resolver ${where}: $ref "${ref}" is not in "documents"`);
      else out.push(document);
    }
    return out;
  }

  /** `documents[ref]`, or the part a `file#/pointer` reference names. */
  private document(ref: string): Json | undefined {
    const whole = this.documents[ref];
    if (isPlainObject(whole)) return whole;
    const hash = ref.indexOf('#');
    if (hash === -1) return undefined;
    let node: unknown = this.documents[ref.slice(0, hash)];
    const pointer = ref.slice(hash + 1);
    for (const segment of pointer.split('/').slice(1).map(unescapePointer))
      node = isPlainObject(node) ? node[segment] : undefined;
    return isPlainObject(node) ? node : undefined;
  }
}
