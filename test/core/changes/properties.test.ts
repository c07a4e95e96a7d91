import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SpecChange, TokenChange } from '../../../core/contract/changes.js';
import type { ComponentSpec, Variant } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { affectedComponents, compareBumps, decideBump, diffSpecs, diffTokenSets } from '../../../core/changes/index.js';
import { specHash } from '../../../core/specs/index.js';
import { collectAliasTargets } from '../../../core/tokens/aliases.js';
import { canonicalHash, canonicalJson } from '../../../core/tokens/hash.js';
import { patternChangeArb, specArb, specPairArb, TOKEN_IDS, tokenSetArb, tokenSetPairArb } from './arbitraries.js';

const RUNS = { numRuns: 300 };

/** Order-insensitive comparison of change lists. */
const asSet = (changes: readonly object[]): string[] => changes.map(canonicalJson).sort();

function swap<T extends { before?: unknown; after?: unknown }>(c: T): T {
  const out = { ...c };
  delete out.before;
  delete out.after;
  if (c.after !== undefined) out.before = c.after;
  if (c.before !== undefined) out.after = c.before;
  return out;
}

/** What diff(b, a) must be, computed from diff(a, b). */
function invertTokenChanges(changes: readonly TokenChange[]): TokenChange[] {
  const oldName = new Map(changes.filter((c) => c.kind === 'renamed').map((c) => [c.tokenId, c.previousName!]));
  return changes.map((c) => {
    switch (c.kind) {
      case 'added':
        return swap({ ...c, kind: 'removed' as const });
      case 'removed':
        return swap({ ...c, kind: 'added' as const });
      case 'renamed':
        return { ...c, name: c.previousName!, previousName: c.name };
      default:
        return swap({ ...c, name: oldName.get(c.tokenId) ?? c.name });
    }
  });
}

function invertSpecChanges(changes: readonly SpecChange[]): SpecChange[] {
  const oldName = new Map(
    changes.filter((c) => c.kind === 'propRenamed').map((c) => [c.after as string, c.before as string]),
  );
  const renamedProp = (c: SpecChange): SpecChange =>
    c.prop !== undefined && oldName.has(c.prop) ? { ...c, prop: oldName.get(c.prop)! } : c;
  return changes.map((c) => {
    switch (c.kind) {
      case 'propAdded':
        return swap({ ...c, kind: 'propRemoved' as const });
      case 'propRemoved':
        return swap({ ...c, kind: 'propAdded' as const });
      case 'variantAdded':
        return swap({ ...c, kind: 'variantRemoved' as const });
      case 'variantRemoved':
        return swap({ ...c, kind: 'variantAdded' as const });
      case 'optionAdded':
        return renamedProp({ ...c, kind: 'optionRemoved' });
      case 'optionRemoved':
        return renamedProp({ ...c, kind: 'optionAdded' });
      case 'propRenamed':
        return swap({ ...c, prop: c.before as string });
      case 'propTypeChanged':
      case 'defaultChanged':
        return swap(renamedProp(c));
      default:
        return swap(c);
    }
  });
}

describe('token diff properties', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(tokenSetArb, (a) => {
        expect(diffTokenSets(a, structuredClone(a))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('diff(a, b) is the inverse of diff(b, a)', () => {
    fc.assert(
      fc.property(tokenSetPairArb, ([a, b]) => {
        expect(asSet(invertTokenChanges(diffTokenSets(a, b)))).toEqual(asSet(diffTokenSets(b, a)));
      }),
      RUNS,
    );
  });

  it('diff(a, b) is empty exactly when a and b hold the same tokens', () => {
    fc.assert(
      fc.property(tokenSetPairArb, ([a, b]) => {
        const byId = (s: TokenSet): string =>
          canonicalJson(
            [...s.tokens]
              .sort((x, y) => (x.id < y.id ? -1 : 1))
              .map((t) => ({ ...t, description: t.description || undefined })),
          );
        expect(diffTokenSets(a, b).length === 0).toBe(byId(a) === byId(b));
      }),
      RUNS,
    );
  });
});

describe('spec diff properties', () => {
  it('diff(s, s) is empty', () => {
    fc.assert(
      fc.property(specArb, (s) => {
        expect(diffSpecs(s, structuredClone(s))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('diff(a, b) is the inverse of diff(b, a)', () => {
    fc.assert(
      fc.property(specPairArb, ([a, b]) => {
        expect(asSet(invertSpecChanges(diffSpecs(a, b)))).toEqual(asSet(diffSpecs(b, a)));
      }),
      RUNS,
    );
  });
});

describe('bump properties', () => {
  const changeSets = fc
    .tuple(tokenSetPairArb, specPairArb, fc.option(patternChangeArb, { nil: undefined }))
    .map(([[ta, tb], [sa, sb], patternChange]) => ({
      tokenChanges: diffTokenSets(ta, tb),
      specChanges: diffSpecs(sa, sb),
      patternChange,
    }));

  it('the bump of a change set is never lower than that of any single change in it', () => {
    fc.assert(
      fc.property(changeSets, (input) => {
        const all = decideBump(input).bump;
        const singles = [
          ...input.tokenChanges.map((c) => decideBump({ tokenChanges: [c] })),
          ...input.specChanges.map((c) => decideBump({ specChanges: [c] })),
          ...(input.patternChange ? [decideBump({ patternChange: input.patternChange })] : []),
        ];
        for (const single of singles) expect(compareBumps(all, single.bump)).toBeGreaterThanOrEqual(0);
        // and it is exactly the worst of them
        const worst = singles.reduce((acc, s) => (compareBumps(s.bump, acc) > 0 ? s.bump : acc), 'none' as typeof all);
        expect(all).toBe(worst);
      }),
      RUNS,
    );
  });

  it('every change carries a reason, and none means no reasons', () => {
    fc.assert(
      fc.property(changeSets, (input) => {
        const d = decideBump(input);
        expect(d.changes.every((c) => c.reason.length > 0)).toBe(true);
        expect(d.bump === 'none').toBe(d.reasons.length === 0);
      }),
      RUNS,
    );
  });
});

describe('impact analysis properties', () => {
  /** Brute force: every token reachable from the component's refs by following aliases. */
  function reachable(refs: readonly string[], sets: readonly TokenSet[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...refs];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const set of sets) {
        for (const t of set.tokens) {
          if (t.id === id) for (const v of Object.values(t.valuesByMode)) stack.push(...collectAliasTargets(v));
        }
      }
    }
    return seen;
  }

  it('affects exactly the components that reach a changed token', () => {
    fc.assert(
      fc.property(tokenSetPairArb, fc.array(specArb, { maxLength: 4 }), ([a, b], rawSpecs) => {
        const specs = rawSpecs.map((s, i) => ({ ...s, id: `c${i}` }));
        const changes = diffTokenSets(a, b);
        const impacts = affectedComponents(changes, specs, [a, b]);
        const expected = specs.flatMap((s) => {
          const refs = s.variants.flatMap((v) => Object.values(v.bindings));
          const reach = reachable(refs, [a, b]);
          const relevant = changes.filter((c) => reach.has(c.tokenId));
          return relevant.length ? [{ id: s.id, changes: relevant }] : [];
        });
        expect(impacts.map((i) => ({ id: i.componentId, changes: i.changes }))).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe('hash properties', () => {
  /** The same data with every object's keys in a different order. */
  function reorderKeys(value: unknown, seed: number): unknown {
    if (Array.isArray(value)) return value.map((v, i) => reorderKeys(v, seed + i));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    const rotated = keys.map((_, i) => keys[(i + seed) % keys.length]!).reverse();
    return Object.fromEntries(rotated.map((k) => [k, reorderKeys((value as Record<string, unknown>)[k], seed + 1)]));
  }

  it('canonicalHash ignores key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(7), (value, seed) => {
        expect(canonicalHash(reorderKeys(value, seed))).toBe(canonicalHash(value));
      }),
      RUNS,
    );
  });

  it('specHash ignores key order, variant order and whether tokenRefs were sent', () => {
    fc.assert(
      fc.property(specArb, fc.nat(7), (spec, seed) => {
        const shuffled = reorderKeys({ ...spec, variants: [...spec.variants].reverse() }, seed) as ComponentSpec;
        const refs = [...new Set(spec.variants.flatMap((v: Variant) => Object.values(v.bindings)))].reverse();
        expect(specHash(shuffled)).toBe(specHash(spec));
        expect(specHash({ ...spec, tokenRefs: refs })).toBe(specHash(spec));
      }),
      RUNS,
    );
  });

  it('specHash changes when a binding changes', () => {
    fc.assert(
      fc.property(
        specArb.filter((s) => s.variants.length > 0),
        fc.constantFrom(...TOKEN_IDS),
        (spec, id) => {
          const changed = structuredClone(spec);
          const v = changed.variants[0]!;
          const before = v.bindings.fill;
          v.bindings.fill = before === id ? `${id}x` : id;
          expect(specHash(changed)).not.toBe(specHash(spec));
        },
      ),
      RUNS,
    );
  });
});
