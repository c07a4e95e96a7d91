import type { Collection, Mode, Token, TokenSet, TokenType, Value } from '../contract/tokens.js';
import { isAlias } from './aliases.js';
import { mergeIssues, type IssueKind, type TokenIssue } from './issues.js';
import { indexTokenSet, type TokenIndex } from './model.js';
import { COMPOSITE_SLOTS, GRADIENT_STOP_SLOTS, checkValue, coerceNumeric } from './values.js';

/*
 * Mode rule. A token is resolved for a requested mode (an id and a name). Each token met on
 * the way, in whatever collection, uses:
 *   1. the mode given for its collection in `options.modes` (like a Figma frame's explicit
 *      mode for that collection);
 *   2. else its collection's mode with the requested mode's id;
 *   3. else its collection's mode with the requested mode's name (so "Dark" of a semantic
 *      collection picks "Dark" of a brand collection, and the DTCG export by mode name agrees);
 *   4. else its collection's default mode.
 * The requested mode is carried unchanged along the whole chain, as Figma does: a consumer's
 * mode choice applies to every collection, not hop by hop.
 *
 * Numbers, px dimensions and font weights convert into one another where a chain or a
 * composite slot crosses them (Figma FLOATs are typed by scope; see values.coerceNumeric).
 */

export interface ResolveOptions {
  /** collection id → mode id to use for that collection, whatever mode is requested */
  modes?: Readonly<Record<string, string>>;
}

export type ResolveFailure =
  | { kind: 'dangling-alias'; chain: string[]; missing: string }
  | { kind: 'alias-cycle'; chain: string[] }
  | { kind: 'missing-mode-value'; chain: string[]; mode: string };

export type ResolveOutcome = { ok: true; value: Value } | { ok: false; failure: ResolveFailure };

export interface ResolvedTokenSet {
  /** token id → mode id (of the token's own collection) → literal value, aliases gone */
  values: Map<string, Record<string, Value>>;
  /** one per token that failed to resolve in some mode */
  errors: TokenIssue[];
}

export class Resolver {
  private readonly memo = new Map<string, ResolveOutcome>();

  constructor(readonly index: TokenIndex, private readonly options: ResolveOptions = {}) {}

  /** The mode of `collection` used when `requested` is asked for (the rule above). */
  modeIn(collection: Collection | undefined, requested: Mode, token?: Token): string {
    if (!collection) {
      if (!token || requested.id in (token.valuesByMode ?? {})) return requested.id;
      return Object.keys(token.valuesByMode ?? {})[0] ?? requested.id;
    }
    const explicit = this.options.modes?.[collection.id];
    if (explicit && collection.modes.some((m) => m.id === explicit)) return explicit;
    if (collection.modes.some((m) => m.id === requested.id)) return requested.id;
    return collection.modes.find((m) => m.name === requested.name)?.id ?? collection.defaultModeId;
  }

  /** Literal value of `token` for the requested mode, following aliases (also inside composites). */
  resolve(token: Token, requested: Mode): ResolveOutcome {
    return this.resolveIn(token, requested, new Set());
  }

  private resolveIn(token: Token, requested: Mode, stack: Set<string>): ResolveOutcome {
    const key = `${token.id}\u0000${requested.id}\u0000${requested.name}`;
    const cached = this.memo.get(key);
    if (cached) return cached;

    const collection = this.index.collections.get(token.collectionId);
    const modeId = this.modeIn(collection, requested, token);
    // `?.`: validateTokenSet runs this on unchecked input
    const raw = token.valuesByMode?.[modeId];
    let outcome: ResolveOutcome;
    if (raw === undefined) {
      const mode = collection?.modes.find((m) => m.id === modeId)?.name ?? modeId;
      outcome = { ok: false, failure: { kind: 'missing-mode-value', chain: [token.name], mode } };
    } else {
      stack.add(token.id);
      outcome = isAlias(raw)
        ? this.follow(raw.alias, token.name, token.type, requested, stack)
        : this.resolveComposite(token, raw, requested, stack);
      stack.delete(token.id);
    }
    // A cycle failure depends on where the walk started, so only stack-free outcomes are kept.
    if (outcome.ok || outcome.failure.kind !== 'alias-cycle') this.memo.set(key, outcome);
    return outcome;
  }

  /** Resolves an alias met at `from` (a token name, or "name [slot]") to a value of one of `types`. */
  private follow(targetId: string, from: string, types: TokenType | TokenType[], requested: Mode, stack: Set<string>): ResolveOutcome {
    const target = this.index.tokens.get(targetId);
    if (!target) return { ok: false, failure: { kind: 'dangling-alias', chain: [from], missing: targetId } };
    if (stack.has(targetId)) return { ok: false, failure: { kind: 'alias-cycle', chain: [from, target.name] } };
    const outcome = this.resolveIn(target, requested, stack);
    if (!outcome.ok) return { ok: false, failure: { ...outcome.failure, chain: [from, ...outcome.failure.chain] } };
    return { ok: true, value: fitTo(outcome.value, Array.isArray(types) ? types : [types]) };
  }

  private resolveComposite(token: Token, value: Value, requested: Mode, stack: Set<string>): ResolveOutcome {
    let failure: ResolveFailure | undefined;
    const slot = (v: Value, label: string, types: TokenType[]): Value => {
      if (failure || !isAlias(v)) return v;
      const outcome = this.follow(v.alias, `${token.name} [${label}]`, types, requested, stack);
      if (!outcome.ok) { failure = outcome.failure; return v; }
      return outcome.value;
    };
    const slots = (obj: Value, table: Record<string, TokenType[]>, label: string): Value => {
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return obj;
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(obj)) {
        out[k] = k in table ? slot(v, label ? `${label}.${k}` : k, table[k]!) : resolveAnyAliases(v);
      }
      return out;
    };
    // Aliases in places no slot table describes resolve without type conversion.
    const resolveAnyAliases = (v: Value): Value => {
      if (isAlias(v)) return slot(v, 'value', []);
      if (Array.isArray(v)) return v.map(resolveAnyAliases);
      if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveAnyAliases(x)]));
      return v;
    };

    let result: Value;
    const table = COMPOSITE_SLOTS[token.type];
    if (token.type === 'shadow' && Array.isArray(value)) {
      result = value.map((layer, i) => slots(slot(layer, `${i}`, ['shadow']), { ...table!.required, ...table!.optional }, `${i}`));
    } else if (table) {
      result = slots(value, { ...table.required, ...table.optional }, '');
    } else if (token.type === 'gradient' && Array.isArray(value)) {
      result = value.map((stop, i) => slots(stop, GRADIENT_STOP_SLOTS, `${i}`));
    } else if (token.type === 'strokeStyle' && typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray(value.dashArray)) {
      result = { ...value, dashArray: value.dashArray.map((d, i) => slot(d, `dashArray.${i}`, ['dimension'])) };
    } else {
      result = resolveAnyAliases(value);
    }
    return failure ? { ok: false, failure } : { ok: true, value: result };
  }
}

/** The value as the first of `types` it fits, converting within the numeric family if needed. */
function fitTo(value: Value, types: TokenType[]): Value {
  if (types.length === 0 || types.some((t) => checkValue(t, value) === undefined)) return value;
  for (const t of types) {
    const coerced = coerceNumeric(value, t);
    if (coerced !== undefined) return coerced as Value;
  }
  return value;
}

export function describeFailure(f: ResolveFailure): { kind: IssueKind; message: string } {
  const chain = f.chain.join(' → ');
  switch (f.kind) {
    case 'alias-cycle': return { kind: 'alias-cycle', message: `alias cycle ${chain}` };
    case 'dangling-alias': return { kind: 'dangling-alias', message: `dangling alias ${chain} → "${f.missing}" (no such token)` };
    case 'missing-mode-value':
      return { kind: 'missing-mode-value', message: f.chain.length === 1 ? `no value for mode "${f.mode}"` : `alias chain ${chain} ends at a token with no value for mode "${f.mode}"` };
  }
}

/**
 * Every token's literal value in every mode of its collection. Failures are collected, one
 * issue per token naming the chain ("color/a → color/b → color/a"), never thrown.
 */
export function resolveTokenSet(set: TokenSet | TokenIndex, options?: ResolveOptions): ResolvedTokenSet {
  const index = 'set' in set ? set : indexTokenSet(set);
  const resolver = new Resolver(index, options);
  const values = new Map<string, Record<string, Value>>();
  const errors: TokenIssue[] = [];
  for (const token of index.tokens.values()) {
    const byMode: Record<string, Value> = {};
    const modes = index.collections.get(token.collectionId)?.modes
      ?? Object.keys(token.valuesByMode ?? {}).map((id) => ({ id, name: id }));
    const messages = new Map<string, { kind: IssueKind; modes: string[] }>();
    for (const mode of modes) {
      const outcome = resolver.resolve(token, mode);
      if (outcome.ok) { byMode[mode.id] = outcome.value; continue; }
      const { kind, message } = describeFailure(outcome.failure);
      const entry = messages.get(message) ?? { kind, modes: [] };
      entry.modes.push(mode.name);
      messages.set(message, entry);
    }
    values.set(token.id, byMode);
    for (const [message, { kind, modes: failed }] of messages) {
      const where = failed.length === modes.length || modes.length === 1 || kind === 'missing-mode-value' ? '' : ` (in mode${failed.length > 1 ? 's' : ''} ${failed.map((m) => `"${m}"`).join(', ')})`;
      errors.push({ tokenId: token.id, name: token.name, message: `${token.name}: ${message}${where}`, kinds: [kind] });
    }
  }
  return { values, errors: mergeIssues(errors) };
}

/** Ids along a token's top-level alias chain in one mode, the token first (stops at a failure). */
export function aliasChain(index: TokenIndex, tokenId: string, requested: Mode, options?: ResolveOptions): string[] {
  const resolver = new Resolver(index, options);
  const chain: string[] = [];
  let token = index.tokens.get(tokenId);
  while (token && !chain.includes(token.id)) {
    chain.push(token.id);
    const raw = token.valuesByMode[resolver.modeIn(index.collections.get(token.collectionId), requested, token)];
    token = isAlias(raw) ? index.tokens.get(raw.alias) : undefined;
  }
  return chain;
}
