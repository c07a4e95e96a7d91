/**
 * Which class carries each declaration. THE CLASS RULE:
 *
 * - The root element always has `.root`, plus one class per variant prop for the value it has
 *   (`.size-lg`, `.state-hover`: prop slug + "-" + value slug), plus, only when needed, one
 *   class for its full combination of values (`.size-lg_state-hover`: the per-prop classes
 *   joined by "_").
 * - Each declaration a variant's bindings imply is put on the first of:
 *   1. `.root` when every variant has the same declaration;
 *   2. the classes of the first variant prop (in spec order) that explains it, i.e. variants
 *      agreeing on that prop's value always agree on the declaration (or all lack it);
 *   3. otherwise the combination class of each variant that has it.
 * - Part declarations ("label.fill") follow the same rule, with the part's class as a
 *   descendant: `.size-lg .label`.
 *
 * All these classes have the same specificity and never declare the same property for the
 * same element twice, so the rule order in the file cannot change the result.
 */
import type { TokenSet } from '../contract/tokens.js';
import { scopeFields, variantDeclarations, type BindingContext, type Decl, type ScopedDecls } from './bindings.js';
import { cssVarNames } from './css-vars.js';
import type { ComponentModel, Part } from './component-model.js';

/** Declarations per scope: null is the root element, otherwise a part's class. */
export type ScopeRules = Map<string | null, Map<string, Decl>>;

export interface ClassPlan {
  readonly base: ScopeRules;
  /** every per-prop class, in prop then option order, including those that declare nothing */
  readonly perProp: Map<string, ScopeRules>;
  /** only combination classes that declare something, by class name */
  readonly combined: Map<string, ScopeRules>;
  /** values of each combination class's variant, in `variantProps` order */
  readonly combinedValues: Map<string, readonly string[]>;
}

const serialize = (d: Decl): string => `${d.property}:${d.value}/*${d.comment ?? ''}*/`;

function put(rules: ScopeRules, scope: string | null, key: string, d: Decl): void {
  const scoped = rules.get(scope) ?? new Map<string, Decl>();
  if (!scoped.has(key)) scoped.set(key, d);
  rules.set(scope, scoped);
}

export function partsByAlias(model: ComponentModel): Map<string, Part> {
  const byAlias = new Map<string, Part>();
  for (const part of model.parts.values()) {
    for (const alias of part.aliases) if (!byAlias.has(alias)) byAlias.set(alias, part);
  }
  return byAlias;
}

export function planClasses(model: ComponentModel, tokens: TokenSet): ClassPlan {
  const ctx: BindingContext = { names: cssVarNames(tokens), parts: partsByAlias(model) };
  const fields = scopeFields(
    model.variants.map((v) => v.bindings),
    ctx,
  );
  return distributeDecls(
    model,
    model.variants.map((v) => variantDeclarations(v.bindings, ctx, fields)),
  );
}

/**
 * THE CLASS RULE over declarations already computed per variant. `presence` says, per scope,
 * which variants render that element at all: a variant without it neither shares nor
 * contradicts its declarations (a layer only some variants have still gets its shared
 * declarations in its own class). Every scope of `presence` gets a base rule, even an empty one.
 */
export function distributeDecls(
  model: ComponentModel,
  perVariant: readonly ScopedDecls[],
  presence: ReadonlyMap<string | null, readonly boolean[]> = new Map(),
): ClassPlan {
  const base: ScopeRules = new Map();
  for (const scope of presence.keys()) base.set(scope, new Map());
  const perProp = new Map<string, ScopeRules>();
  for (const prop of model.variantProps) for (const cls of prop.optionClasses.values()) perProp.set(cls, new Map());
  const combined = new Map<string, ScopeRules>();
  const combinedValues = new Map<string, readonly string[]>();

  const keys = [...new Set(perVariant.flatMap((m) => [...m.keys()]))].sort();
  for (const key of keys) {
    const entries = perVariant.map((m) => m.get(key));
    const first = entries.find((e) => e !== undefined);
    if (!first) continue;
    const present = presence.get(first.scope);
    const counts = (i: number): boolean => present === undefined || present[i] === true;
    const values = entries.map((e) => (e === undefined ? undefined : serialize(e.decl)));
    const relevant = values.filter((_, i) => counts(i));

    if (relevant.every((v) => v === relevant[0]) || model.variantProps.length === 0) {
      put(base, first.scope, key, first.decl);
      continue;
    }

    const explaining = model.variantProps.findIndex((_, j) => {
      const seen = new Map<string, string | undefined>();
      return model.variants.every((variant, i) => {
        if (!counts(i)) return true;
        const value = variant.values[j] ?? '';
        if (!seen.has(value)) seen.set(value, values[i]);
        return seen.get(value) === values[i];
      });
    });
    // One variant prop can always explain its own variants unless two variants repeat a value
    // (an inconsistent set); the first such variant then decides, like for combinations.
    const prop = explaining >= 0 ? explaining : model.variantProps.length === 1 ? 0 : -1;
    model.variants.forEach((variant, i) => {
      const entry = entries[i];
      if (!entry) return;
      if (prop >= 0) {
        const rules = perProp.get(variant.classes[prop] ?? '');
        if (rules) put(rules, entry.scope, key, entry.decl);
        return;
      }
      const rules = combined.get(variant.combinedClass) ?? new Map();
      put(rules, entry.scope, key, entry.decl);
      combined.set(variant.combinedClass, rules);
      combinedValues.set(variant.combinedClass, variant.values);
    });
  }
  return { base, perProp, combined: new Map([...combined].sort(([a], [b]) => (a < b ? -1 : 1))), combinedValues };
}
