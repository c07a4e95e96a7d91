import type { TokenChange } from '../contract/changes.js';
import type { ComponentSpec } from '../contract/specs.js';
import type { TokenSet } from '../contract/tokens.js';
import { collectAliasTargets } from '../tokens/aliases.js';
import { collectTokenRefs } from '../specs/token-refs.js';
import type { TokenNameLookup } from './format-value.js';

/**
 * Token id → the ids of tokens whose value refers to it, in any mode and inside composite
 * values. Built from several sets at once (typically before and after a sync) so that an edge
 * that exists on either side counts: a token that used to alias a now removed one is affected.
 */
export function aliasDependents(tokens: TokenSet | readonly TokenSet[]): Map<string, Set<string>> {
  const sets = Array.isArray(tokens) ? (tokens as readonly TokenSet[]) : [tokens as TokenSet];
  const dependents = new Map<string, Set<string>>();
  for (const set of sets) {
    for (const token of set.tokens) {
      for (const value of Object.values(token.valuesByMode)) {
        for (const target of collectAliasTargets(value)) {
          let referrers = dependents.get(target);
          if (!referrers) dependents.set(target, (referrers = new Set()));
          referrers.add(token.id);
        }
      }
    }
  }
  return dependents;
}

/**
 * For each changed token id, every token that reaches it through alias chains (itself
 * included). Cycles are harmless: each token is visited once per changed id.
 */
export function reachingTokens(
  changedIds: Iterable<string>,
  dependents: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, Set<string>> {
  const reach = new Map<string, Set<string>>(); // token id → changed ids it depends on
  for (const changed of changedIds) {
    const seen = new Set<string>([changed]);
    const queue = [changed];
    while (queue.length > 0) {
      const id = queue.pop()!;
      let hits = reach.get(id);
      if (!hits) reach.set(id, (hits = new Set()));
      hits.add(changed);
      for (const referrer of dependents.get(id) ?? []) {
        if (!seen.has(referrer)) {
          seen.add(referrer);
          queue.push(referrer);
        }
      }
    }
  }
  return reach;
}

export interface ComponentImpact {
  componentId: string;
  componentName: string;
  /** the token changes that reach this component, in input order */
  changes: TokenChange[];
  /**
   * changed token id → the component's bound token ids through which it is reached; a
   * change is direct when its own id is in the list
   */
  via: Record<string, string[]>;
}

export interface TokenImpact {
  /** the token changes that reach the refs, in input order */
  changes: TokenChange[];
  /** changed token id → the refs through which it is reached */
  via: Record<string, string[]>;
}

/**
 * The token changes that reach a set of bound token ids, directly or through alias chains in
 * any of `tokens` (binds A, A aliases B in any mode, B changed). The one impact rule: a
 * component's changes (componentTokenChanges) and the components a change affects
 * (affectedComponents) are both decided here.
 */
export function changesReaching(
  tokenChanges: readonly TokenChange[],
  refs: Iterable<string>,
  tokens: TokenSet | readonly TokenSet[],
  reach: Map<string, Set<string>> = reachingTokens(
    new Set(tokenChanges.map((c) => c.tokenId)),
    aliasDependents(tokens),
  ),
): TokenImpact {
  const via = new Map<string, string[]>();
  for (const ref of new Set(refs)) {
    for (const changed of reach.get(ref) ?? []) {
      const list = via.get(changed);
      if (list) list.push(ref);
      else via.set(changed, [ref]);
    }
  }
  return { changes: tokenChanges.filter((c) => via.has(c.tokenId)), via: Object.fromEntries(via) };
}

/**
 * The components a set of token changes affects: exactly those whose tokenRefs include a
 * changed token directly or through alias chains. Components nothing reaches are left out;
 * order follows `specs`.
 */
export function affectedComponents(
  tokenChanges: readonly TokenChange[],
  specs: readonly ComponentSpec[],
  tokens: TokenSet | readonly TokenSet[],
): ComponentImpact[] {
  if (tokenChanges.length === 0) return [];
  const reach = reachingTokens(new Set(tokenChanges.map((c) => c.tokenId)), aliasDependents(tokens));
  const impacts: ComponentImpact[] = [];
  for (const spec of specs) {
    const impact = changesReaching(tokenChanges, spec.tokenRefs ?? collectTokenRefs(spec), tokens, reach);
    if (impact.changes.length === 0) continue;
    impacts.push({ componentId: spec.id, componentName: spec.name, ...impact });
  }
  return impacts;
}

/** A lookup of token names over several sets; later sets win (pass before, then after). */
export function tokenNameLookup(...sets: readonly TokenSet[]): TokenNameLookup {
  const names = new Map<string, string>();
  for (const set of sets) for (const t of set.tokens) names.set(t.id, t.name);
  return (id) => names.get(id);
}
