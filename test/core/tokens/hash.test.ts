import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Token, TokenSet } from '../../../core/contract/tokens.js';
import {
  canonicalJson,
  hashToken,
  hashTokenSet,
  normalizeFromPluginApi,
  tokenHashes,
} from '../../../core/tokens/index.js';
import { pluginFixture } from './support/fixtures.js';

/** The same JSON with the keys of every object in another order, chosen by `seed`. */
function reorderKeys<T>(value: T, seed: number): T {
  if (Array.isArray(value)) return value.map((v, i) => reorderKeys(v, seed + i)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const shuffled = entries
    .map(([k, v], i) => ({ k, v, r: Math.sin(seed * 9301 + i * 49297) }))
    .sort((a, b) => a.r - b.r);
  return Object.fromEntries(shuffled.map(({ k, v }) => [k, reorderKeys(v, seed + 1)])) as T;
}

const shuffle = <T>(items: T[], seed: number): T[] =>
  items
    .map((t, i) => ({ t, r: Math.sin(seed * 7919 + i * 104729) }))
    .sort((a, b) => a.r - b.r)
    .map(({ t }) => t);

const jsonValue = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Token['valuesByMode'][string]>;
const token = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8 }),
  name: fc.string({ minLength: 1, maxLength: 12 }),
  collectionId: fc.constantFrom('a', 'b'),
  type: fc.constantFrom('color', 'dimension', 'number', 'typography' as const),
  valuesByMode: fc.dictionary(fc.constantFrom('m1', 'm2', 'm3'), jsonValue),
  description: fc.option(fc.string(), { nil: undefined }),
  scopes: fc.option(fc.array(fc.string()), { nil: undefined }),
}) as fc.Arbitrary<Token>;
const tokenSet = fc.record({
  collections: fc.constant([
    {
      id: 'a',
      name: 'A',
      modes: [
        { id: 'm1', name: 'One' },
        { id: 'm2', name: 'Two' },
      ],
      defaultModeId: 'm1',
    },
    { id: 'b', name: 'B', modes: [{ id: 'm3', name: 'Three' }], defaultModeId: 'm3' },
  ]),
  tokens: fc.uniqueArray(token, { selector: (t) => t.id, maxLength: 12 }),
}) as fc.Arbitrary<TokenSet>;

describe('hashing', () => {
  it('ignores key order at every depth (property)', () => {
    fc.assert(
      fc.property(tokenSet, fc.integer(), (set, seed) => {
        expect(hashTokenSet(reorderKeys(set, seed))).toBe(hashTokenSet(set));
        for (const t of set.tokens) expect(hashToken(reorderKeys(t, seed))).toBe(hashToken(t));
      }),
      { numRuns: 200 },
    );
  });

  it('ignores the order of the tokens and collections arrays (property)', () => {
    fc.assert(
      fc.property(tokenSet, fc.integer(), (set, seed) => {
        const reordered = { collections: [...set.collections].reverse(), tokens: shuffle(set.tokens, seed) };
        expect(hashTokenSet(reordered)).toBe(hashTokenSet(set));
      }),
      { numRuns: 200 },
    );
  });

  it('changes when a value, a name, the order of modes or a mode value changes', () => {
    const set = normalizeFromPluginApi(pluginFixture()).tokens;
    const base = hashTokenSet(set);
    const edit = (f: (s: TokenSet) => void) => {
      const copy = structuredClone(set);
      f(copy);
      return hashTokenSet(copy);
    };
    expect(
      edit((s) => {
        (s.tokens[0]!.valuesByMode['1:0'] as { alpha: number }).alpha = 0.5;
      }),
    ).not.toBe(base);
    expect(
      edit((s) => {
        s.tokens[0]!.name = 'color/blue/501';
      }),
    ).not.toBe(base);
    expect(
      edit((s) => {
        s.collections[1]!.modes.reverse();
      }),
    ).not.toBe(base);
    expect(
      edit((s) => {
        s.tokens.pop();
      }),
    ).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives per-token hashes keyed by id, equal to hashToken', () => {
    const set = normalizeFromPluginApi(pluginFixture()).tokens;
    const hashes = tokenHashes(set);
    expect(hashes.size).toBe(set.tokens.length);
    expect(hashes.get(set.tokens[3]!.id)).toBe(hashToken(set.tokens[3]!));
    expect(new Set(hashes.values()).size).toBe(set.tokens.length);
  });
});

describe('canonicalJson', () => {
  // The definition every stored hash was computed with: rewriting it for speed must not move a hash.
  function reference(value: unknown): string {
    if (value === null || typeof value !== 'object') {
      const s = JSON.stringify(value);
      return s === undefined ? 'null' : s;
    }
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference(record[k])}`)
      .join(',')}}`;
  }
  const withUndefined = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      fc.constant(undefined),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('is the reference definition on any value, undefined members included', () => {
    fc.assert(
      fc.property(withUndefined, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 500 },
    );
  });

  it('is valid JSON that parses back to the value with sorted keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });
});
