import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateComponent, generateTokensCss } from '../../../core/codegen/index.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { allSpecs, loadTokens, shuffled, shuffleKeys } from './harness.js';

const tokens = loadTokens();

/** The same set and spec with arrays and keys in another order (props and variants keep theirs: their order means something). */
function shuffledTokens(set: TokenSet, seed: number): TokenSet {
  return {
    collections: shuffled(set.collections, seed),
    tokens: shuffled(set.tokens, seed + 1).map(
      (t) => ({ ...shuffleKeys(t, seed + 2), valuesByMode: shuffleKeys(t.valuesByMode, seed + 3) }) as typeof t,
    ),
  };
}
function shuffledSpec(spec: ComponentSpec, seed: number): ComponentSpec {
  return {
    ...shuffleKeys(spec, seed),
    variants: spec.variants.map((v, i) => ({
      ...v,
      values: shuffleKeys(v.values, seed + i),
      bindings: shuffleKeys(v.bindings, seed + 7 * i + 1),
    })),
  } as ComponentSpec;
}

describe('determinism', () => {
  it('the same inputs give byte-identical files', () => {
    for (const { spec } of allSpecs()) {
      const first = generateComponent(spec, tokens);
      const second = generateComponent(structuredClone(spec), structuredClone(tokens));
      expect(second).toEqual(first);
    }
    expect(generateTokensCss(structuredClone(tokens))).toEqual(generateTokensCss(tokens));
  });

  it('shuffled token order, binding key order and key order give identical output', () => {
    const expected = allSpecs().map(({ spec }) => generateComponent(spec, tokens));
    const expectedCss = generateTokensCss(tokens).content;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const set = shuffledTokens(tokens, seed);
        expect(generateTokensCss(set).content).toBe(expectedCss);
        allSpecs().forEach(({ spec }, i) => {
          expect(generateComponent(shuffledSpec(spec, seed), set)).toEqual(expected[i]);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('every file ends with exactly one newline and has no trailing spaces or tabs', () => {
    for (const { spec } of allSpecs()) {
      for (const file of generateComponent(spec, tokens).files) {
        expect(file.content.endsWith('\n') && !file.content.endsWith('\n\n'), file.path).toBe(true);
        expect(file.content, file.path).not.toMatch(/[ \t]+$/m);
        expect(file.content, file.path).not.toContain('\t');
      }
    }
  });
});
