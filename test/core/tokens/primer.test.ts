import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  aliasChain,
  colorToHex,
  exportDtcg,
  hashTokenSet,
  importDtcg,
  indexTokenSet,
  normalizeFromPluginApi,
  resolveTokenSet,
  sortTokenSet,
  validateTokenSet,
  type ColorValue,
  type DtcgImportResult,
  type NormalizeResult,
  type ResolvedTokenSet,
} from '../../../core/tokens/index.js';
import { PRIMER_ROOT, loadPrimerDtcg, loadPrimerFigma, type PrimerDtcg, type PrimerFigma } from './support/primer.js';

/*
 * @primer/primitives, GitHub's published design system, through both importers. Exclusions
 * are listed and explained where they are asserted; everything else must import, validate,
 * resolve and round-trip.
 */

describe('Primer DTCG sources (src/tokens/**.json5, light and dark modes)', () => {
  let primer: PrimerDtcg;
  let imported: DtcgImportResult;
  let resolved: ResolvedTokenSet;
  beforeAll(() => {
    primer = loadPrimerDtcg();
    imported = importDtcg(primer.input);
    resolved = resolveTokenSet(imported.tokens);
  });

  it('imports well over a thousand tokens in two modes', () => {
    expect(imported.tokens.tokens.length).toBeGreaterThan(1400);
    expect(imported.tokens.collections).toEqual([
      {
        id: 'primer',
        name: 'primer',
        modes: [
          { id: 'light', name: 'light' },
          { id: 'dark', name: 'dark' },
        ],
        defaultModeId: 'light',
      },
    ]);
    expect(primer.darkOverrides).toBeGreaterThan(500);
  });

  it('warns only about Primer-specific things: an `alpha` property beside $value and custom-* types', () => {
    const alphaProperty = imported.warnings.filter((w) =>
      /^Token "[^"]+": property "alpha" is not part of a token; ignored$/.test(w),
    );
    const customTypes = imported.warnings.filter((w) =>
      /^Token "(boxShadow|viewportRange)\.[^"]+": type "custom-(string|viewportRange)" is not a DTCG type; skipped$/.test(
        w,
      ),
    );
    expect(alphaProperty.length).toBeGreaterThan(30);
    expect(customTypes).toHaveLength(9);
    expect(imported.warnings).toHaveLength(alphaProperty.length + customTypes.length);
  });

  it('resolves every alias in both modes', () => {
    expect(resolved.errors).toEqual([]);
    for (const token of imported.tokens.tokens)
      expect(Object.keys(resolved.values.get(token.id)!)).toEqual(['light', 'dark']);
  });

  it("validates, except Primer's one `em` dimension (DTCG 2025.10 allows px and rem only) and the typography using it", () => {
    expect(validateTokenSet(imported.tokens).errors.map((e) => [e.tokenId, e.kinds])).toEqual([
      ['text.codeInline.size', ['invalid-value']],
      ['text.codeInline.shorthand', ['invalid-value']],
    ]);
  });

  it("resolves every color to the RGB Primer's own build produced (dist/docs), in both modes", () => {
    const index = indexTokenSet(imported.tokens);
    for (const mode of ['light', 'dark'] as const) {
      const built = JSON.parse(
        readFileSync(join(PRIMER_ROOT, `dist/docs/functional/themes/${mode}.json`), 'utf8'),
      ) as Record<string, { path: string[]; type: string; value: string }>;
      let compared = 0;
      const mismatches: string[] = [];
      for (const entry of Object.values(built)) {
        if (entry.type !== 'color') continue;
        const id = entry.path.join('.');
        expect(index.tokens.has(id)).toBe(true);
        const hex = colorToHex(resolved.values.get(id)![mode] as unknown as ColorValue);
        // Primer writes #rrggbbaa where its `alpha` modifier applies; the model keeps RGB.
        if (hex !== entry.value.toLowerCase().slice(0, 7)) mismatches.push(`${id}: ${hex} ≠ ${entry.value}`);
        compared++;
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(900);
    }
  });

  it('exports and re-imports to an equal set', () => {
    const back = importDtcg(exportDtcg(imported.tokens));
    expect(back.warnings).toEqual([]);
    expect(sortTokenSet(back.tokens)).toEqual(sortTokenSet(imported.tokens));
    expect(hashTokenSet(back.tokens)).toBe(hashTokenSet(imported.tokens));
  });
});

describe('Primer Figma export (dist/figma/**.json) through the Plugin API normalizer', () => {
  let primer: PrimerFigma;
  let normalized: NormalizeResult;
  let resolved: ResolvedTokenSet;
  beforeAll(() => {
    primer = loadPrimerFigma();
    normalized = normalizeFromPluginApi({ variables: primer.variables, collections: primer.collections });
    resolved = resolveTokenSet(normalized.tokens);
  });

  it('normalizes thousands of variables in 11 collections, 9 modes in the "mode" collection', () => {
    expect(normalized.tokens.tokens.length).toBeGreaterThan(1900);
    expect(normalized.tokens.collections).toHaveLength(11);
    expect(normalized.tokens.collections.find((c) => c.id === 'mode')!.modes).toHaveLength(9);
  });

  it('drops only the entries Primer exports without a collection (line heights), as variables whose collection is gone', () => {
    const dropped = normalized.warnings.filter((w) => !/CSS variables? (is|get)/.test(w));
    expect(dropped.length).toBeGreaterThan(0);
    for (const w of dropped)
      expect(w).toMatch(
        /^Variable "[^"]+" \(\(none\)\/typography\/typography\.json\/[^)]+\): its collection .* no longer exists; dropped$/,
      );
  });

  it('says once per pair of theme collections that their shared names get suffixed CSS variables', () => {
    const shared = normalized.warnings.filter((w) => /CSS variables get/.test(w));
    expect(shared).toContainEqual(
      expect.stringMatching(
        /^\d+ token\(s\) of collection "base\/color\/dark" have names that tokens of collection "base\/color\/dark-dimmed" have \(e\.g\. "base\/color\/blue\/0"\): their CSS variables get a suffix \(--base-color-blue-0-\d\)$/,
      ),
    );
    expect(shared.length).toBeLessThan(normalized.tokens.collections.length ** 2);
  });

  it('validates with zero errors: every alias, across collections and modes, resolves', () => {
    expect(validateTokenSet(normalized.tokens).errors).toEqual([]);
    expect(resolved.errors).toEqual([]);
  });

  it('resolves every variable in every mode to the value Primer computed for it', () => {
    // Primer writes a few base/color/dark entries twice with different values (the dimmed and
    // high-contrast scale files write them too); the set holds the dark.json one, so entries
    // that are, or alias through, such a variable may differ from what Primer computed.
    const conflicting = new Set(primer.conflicts.map((c) => c.split(' (')[0]!));
    const index = indexTokenSet(normalized.tokens);
    const throughConflict = (id: string, mode: string) =>
      aliasChain(
        index,
        id,
        index.collections.get(index.tokens.get(id)!.collectionId)!.modes.find((m) => m.id === mode)!,
      ).some((x) => conflicting.has(x));
    let excused = 0;
    let compared = 0;
    const mismatches: string[] = [];
    for (const entry of primer.entries) {
      if (!entry.collection) continue; // dropped above
      const id = `${entry.collection}/${entry.name}`;
      const token = index.tokens.get(id)!;
      const value = resolved.values.get(id)![entry.mode!];
      const mismatch = () => {
        if (throughConflict(id, entry.mode!)) excused++;
        else mismatches.push(`${id} ${entry.mode}`);
      };
      if (entry.type === 'COLOR') {
        const { r, g, b, a } = entry.value as { r: number; g: number; b: number; a: number | null };
        const color = value as unknown as ColorValue;
        if (JSON.stringify([...color.components, color.alpha]) !== JSON.stringify([r, g, b, a ?? 1])) mismatch();
      } else if (entry.type === 'FLOAT') {
        const n = token.type === 'dimension' ? (value as { value: number }).value : value;
        if (n !== entry.value) mismatch();
      } else if (value !== entry.value) {
        mismatch();
      }
      compared++;
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
    expect(excused).toBeLessThan(50);
  });

  it('exports and re-imports to an equal set (ids, collections, 9 modes, scopes, code syntax)', () => {
    const exported = exportDtcg(normalized.tokens);
    expect(exported.modes.map((m) => m.name)).toContain('dark protanopia deuteranopia');
    const back = importDtcg(exported);
    expect(back.warnings).toEqual([]);
    expect(sortTokenSet(back.tokens)).toEqual(sortTokenSet(normalized.tokens));
  });
});
