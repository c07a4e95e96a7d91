/**
 * A component set's variants as Figma reads them from their names, and whether Figma reports
 * the set as having errors (then every variant's `variantProperties` throws).
 */
import type { FakeComponentSeed, FakeComponentSetSeed } from './seed.js';

/** "Size=Small, State=Hover" → { Size: "Small", State: "Hover" }; null when a part lacks "=". */
export function parseVariantName(name: string): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (const part of name.split(',')) {
    const eq = part.indexOf('=');
    const prop = eq < 0 ? '' : part.slice(0, eq).trim();
    if (!prop) return null;
    values[prop] = part.slice(eq + 1).trim();
  }
  return values;
}

export interface SetAnalysis {
  /** each variant's values (null when its name does not parse), in child order */
  readonly values: readonly (Readonly<Record<string, string>> | null)[];
  /** Figma's error state: a name that does not parse, repeated values, or differing property names */
  readonly conflicting: boolean;
  /** property → its values in order of first appearance */
  readonly groups: Readonly<Record<string, string[]>>;
}

// Seeds are frozen before use, so one analysis per set serves validation and building.
const cache = new WeakMap<FakeComponentSetSeed, SetAnalysis>();

export const variantValues = (c: FakeComponentSeed): Record<string, string> | null =>
  c.variantProperties ?? parseVariantName(c.name);

export function analyzeSet(set: FakeComponentSetSeed): SetAnalysis {
  const cached = cache.get(set);
  if (cached) return cached;
  const values = set.children.map((c) => {
    const v = variantValues(c);
    return v && Object.freeze(v);
  });
  const groups: Record<string, string[]> = {};
  const seen = new Set<string>();
  let names: string | undefined;
  let conflicting = set.conflictingVariants ?? false;
  for (const v of values) {
    if (!v) {
      conflicting = true;
      continue;
    }
    const props = Object.keys(v).sort();
    const joined = props.join('\u0000');
    if (names !== undefined && names !== joined) conflicting = true;
    names = joined;
    const combo = props.map((p) => `${p}=${v[p]}`).join('\u0000');
    if (seen.has(combo)) conflicting = true;
    seen.add(combo);
    for (const [prop, value] of Object.entries(v)) {
      const list = (groups[prop] ??= []);
      if (!list.includes(value)) list.push(value);
    }
  }
  const analysis = { values, conflicting, groups };
  cache.set(set, analysis);
  return analysis;
}
