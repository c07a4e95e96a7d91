import type { Collection, Mode, ModeValue, Token, TokenSet, TokenType, Value } from '../contract/tokens.js';
import { collectAliasTargets, isAlias, replaceAliases } from './aliases.js';
import { mergeIssues, type IssueKind, type TokenIssue } from './issues.js';
import { indexTokenSet, type TokenIndex } from './token-index.js';
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

/** A chain longer than this is shown with its middle elided ("a → b → … → y → z"). */
const CHAIN_HEAD = 8;
const CHAIN_TAIL = 8;
export const ELIDED = '…';

/** `[from, ...chain]`, kept at most CHAIN_HEAD + CHAIN_TAIL + 1 long (chains can be 20,000 tokens). */
function prefixChain(from: string, chain: string[]): string[] {
  const full = [from, ...chain];
  if (full.length <= CHAIN_HEAD + CHAIN_TAIL + 1) return full;
  const at = full.indexOf(ELIDED);
  if (at === -1) return [...full.slice(0, CHAIN_HEAD), ELIDED, ...full.slice(-CHAIN_TAIL)];
  return [...full.slice(0, at - 1), ...full.slice(at)];
}

/** A token being resolved: on the walk's stack until every token it refers to is resolved. */
interface Frame {
  token: Token;
  /** ids of the tokens its value refers to, in this mode */
  deps: string[];
  next: number;
  /** its value is one whole alias (the chain goes on by name, with no slot label) */
  plainAlias: boolean;
}

export class Resolver {
  private readonly memo = new Map<string, ResolveOutcome>();

  constructor(
    readonly index: TokenIndex,
    private readonly options: ResolveOptions = {},
  ) {}

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

  private rawValue(token: Token, requested: Mode): { modeId: string; raw: ModeValue | undefined } {
    const modeId = this.modeIn(this.index.collections.get(token.collectionId), requested, token);
    // `?.`: validateTokenSet runs this on unchecked input
    return { modeId, raw: token.valuesByMode?.[modeId] };
  }

  /**
   * Literal value of `token` for the requested mode, following aliases (also inside composites).
   * A depth-first walk with its own stack: every token a value refers to is resolved before the
   * value itself, so chains of any length never grow the call stack. Outcomes of tokens that
   * are part of a cycle depend on where the walk started; they live in `local` for this walk,
   * except that every member of a cycle of whole aliases gets its own-start outcome memoized, so
   * that resolving a set with a long cycle stays linear.
   */
  resolve(token: Token, requested: Mode): ResolveOutcome {
    const key = (id: string) => `${id}\u0000${requested.id}\u0000${requested.name}`;
    const cached = this.memo.get(key(token.id));
    if (cached) return cached;
    const local = new Map<string, ResolveOutcome>();
    const onStack = new Set<string>();
    const frames: Frame[] = [];
    const open = (t: Token): Frame => {
      const { raw } = this.rawValue(t, requested);
      onStack.add(t.id);
      return { token: t, deps: raw === undefined ? [] : collectAliasTargets(raw), next: 0, plainAlias: isAlias(raw) };
    };
    frames.push(open(token));
    let result: ResolveOutcome | undefined;
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      let pushed = false;
      while (frame.next < frame.deps.length) {
        const dep = this.index.tokens.get(frame.deps[frame.next++]!);
        if (!dep || onStack.has(dep.id) || local.has(dep.id) || this.memo.has(key(dep.id))) continue;
        frames.push(open(dep));
        pushed = true;
        break;
      }
      if (pushed) continue;
      const lookup = (id: string) => local.get(id) ?? this.memo.get(key(id));
      const outcome = this.evaluate(frame.token, requested, onStack, lookup);
      if (!outcome.ok && outcome.failure.kind === 'alias-cycle') {
        local.set(frame.token.id, outcome);
        this.memoizeCycle(frames, frame, outcome, key);
      } else {
        this.memo.set(key(frame.token.id), outcome);
      }
      frames.pop();
      onStack.delete(frame.token.id);
      result = outcome;
    }
    return this.memo.get(key(token.id)) ?? result!;
  }

  /**
   * When the top frame closes a cycle of whole aliases back to a frame below, every member's
   * outcome from its own start is the cycle read from that member: memoized.
   */
  private memoizeCycle(
    frames: Frame[],
    top: Frame,
    outcome: ResolveOutcome & { ok: false },
    key: (id: string) => string,
  ): void {
    if (!top.plainAlias || outcome.failure.chain.length !== 2) return;
    const target = top.deps[0];
    const start = frames.findIndex((f) => f.token.id === target);
    if (start === -1) return;
    const cycle = frames.slice(start);
    if (!cycle.every((f) => f.plainAlias)) return;
    const names = cycle.map((f) => f.token.name);
    const length = names.length + 1;
    // Read from member i: names[i], names[i + 1], …, around to names[i] again (elided when long).
    const at = (i: number, j: number) => names[(i + j) % names.length]!;
    const positions =
      length <= CHAIN_HEAD + CHAIN_TAIL + 1
        ? Array.from({ length }, (_, j) => j)
        : [
            ...Array.from({ length: CHAIN_HEAD }, (_, j) => j),
            -1,
            ...Array.from({ length: CHAIN_TAIL }, (_, j) => length - CHAIN_TAIL + j),
          ];
    cycle.forEach((member, i) => {
      const chain = positions.map((j) => (j === -1 ? ELIDED : at(i, j)));
      this.memo.set(key(member.token.id), { ok: false, failure: { kind: 'alias-cycle', chain } });
    });
  }

  /** One token's outcome, every token it refers to being resolved already (or on the stack). */
  private evaluate(
    token: Token,
    requested: Mode,
    stack: Set<string>,
    lookup: (id: string) => ResolveOutcome | undefined,
  ): ResolveOutcome {
    const { modeId, raw } = this.rawValue(token, requested);
    if (raw === undefined) {
      const collection = this.index.collections.get(token.collectionId);
      const mode = collection?.modes.find((m) => m.id === modeId)?.name ?? modeId;
      return { ok: false, failure: { kind: 'missing-mode-value', chain: [token.name], mode } };
    }
    const follow = (targetId: string, from: string, types: TokenType | TokenType[]): ResolveOutcome => {
      const target = this.index.tokens.get(targetId);
      if (!target) return { ok: false, failure: { kind: 'dangling-alias', chain: [from], missing: targetId } };
      if (stack.has(targetId) && !lookup(targetId))
        return { ok: false, failure: { kind: 'alias-cycle', chain: [from, target.name] } };
      const outcome = lookup(targetId);
      if (!outcome) return { ok: false, failure: { kind: 'alias-cycle', chain: [from, target.name] } };
      if (!outcome.ok)
        return { ok: false, failure: { ...outcome.failure, chain: prefixChain(from, outcome.failure.chain) } };
      return { ok: true, value: fitTo(outcome.value, Array.isArray(types) ? types : [types]) };
    };
    return isAlias(raw) ? follow(raw.alias, token.name, token.type) : this.resolveComposite(token, raw, follow);
  }

  private resolveComposite(
    token: Token,
    value: Value,
    follow: (targetId: string, from: string, types: TokenType[]) => ResolveOutcome,
  ): ResolveOutcome {
    let failure: ResolveFailure | undefined;
    const slot = (v: Value, label: string, types: TokenType[]): Value => {
      if (failure || !isAlias(v)) return v;
      const outcome = follow(v.alias, `${token.name} [${label}]`, types);
      if (!outcome.ok) {
        failure = outcome.failure;
        return v;
      }
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
    const resolveAnyAliases = (v: Value): Value => replaceAliases(v, (a) => slot(a, 'value', []));

    let result: Value;
    const table = COMPOSITE_SLOTS[token.type];
    if (token.type === 'shadow' && Array.isArray(value)) {
      // A layer aliasing a shadow list stands for that list's layers.
      const members = { ...table!.required, ...table!.optional };
      result = value.flatMap((layer, i) => {
        const resolved = slot(layer, `${i}`, ['shadow']);
        return Array.isArray(resolved) ? resolved : [slots(resolved, members, `${i}`)];
      });
    } else if (table) {
      result = slots(value, { ...table.required, ...table.optional }, '');
    } else if (token.type === 'gradient' && Array.isArray(value)) {
      result = value.map((stop, i) => slots(stop, GRADIENT_STOP_SLOTS, `${i}`));
    } else if (
      token.type === 'strokeStyle' &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Array.isArray(value.dashArray)
    ) {
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
    case 'alias-cycle':
      return { kind: 'alias-cycle', message: `alias cycle ${chain}` };
    case 'dangling-alias':
      return { kind: 'dangling-alias', message: `dangling alias ${chain} → "${f.missing}" (no such token)` };
    case 'missing-mode-value':
      return {
        kind: 'missing-mode-value',
        message:
          f.chain.length === 1
            ? `no value for mode "${f.mode}"`
            : `alias chain ${chain} ends at a token with no value for mode "${f.mode}"`,
      };
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
    const modes =
      index.collections.get(token.collectionId)?.modes ??
      Object.keys(token.valuesByMode ?? {}).map((id) => ({ id, name: id }));
    const messages = new Map<string, { kind: IssueKind; modes: string[] }>();
    for (const mode of modes) {
      const outcome = resolver.resolve(token, mode);
      if (outcome.ok) {
        byMode[mode.id] = outcome.value;
        continue;
      }
      const { kind, message } = describeFailure(outcome.failure);
      const entry = messages.get(message) ?? { kind, modes: [] };
      entry.modes.push(mode.name);
      messages.set(message, entry);
    }
    values.set(token.id, byMode);
    for (const [message, { kind, modes: failed }] of messages) {
      const where =
        failed.length === modes.length || modes.length === 1 || kind === 'missing-mode-value'
          ? ''
          : ` (in mode${failed.length > 1 ? 's' : ''} ${failed.map((m) => `"${m}"`).join(', ')})`;
      errors.push({ tokenId: token.id, name: token.name, message: `${token.name}: ${message}${where}`, kinds: [kind] });
    }
  }
  return { values, errors: mergeIssues(errors) };
}

/** Ids along a token's top-level alias chain in one mode, the token first (stops at a failure). */
export function aliasChain(index: TokenIndex, tokenId: string, requested: Mode, options?: ResolveOptions): string[] {
  const resolver = new Resolver(index, options);
  const chain: string[] = [];
  const seen = new Set<string>();
  let token = index.tokens.get(tokenId);
  while (token && !seen.has(token.id)) {
    chain.push(token.id);
    seen.add(token.id);
    const raw = token.valuesByMode[resolver.modeIn(index.collections.get(token.collectionId), requested, token)];
    token = isAlias(raw) ? index.tokens.get(raw.alias) : undefined;
  }
  return chain;
}
