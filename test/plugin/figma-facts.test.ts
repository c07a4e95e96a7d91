import { afterEach, describe, expect, it } from 'vitest';
import { cssVarNames, generateTokensCss } from '../../core/codegen/index.js';
import { validateTokenSet } from '../../core/tokens/index.js';
import type { Extraction } from '../../plugin/messages.js';
import { extractFile } from '../../plugin/main/extract/index.js';
import { createFakeFigma, FACTS, figmaFactsDesign, type FakeFigma } from '../fakes/figma/index.js';

// The plugin's extraction on what real files hold (DESIGN.md "Figma facts"), through the strict fake.
describe('extraction of a file with what real Figma files hold', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  const run = async (): Promise<{ fake: FakeFigma; extraction: Extraction }> => {
    const fake = createFakeFigma(figmaFactsDesign(), { fileKey: 'FactsFile12345' });
    restore = fake.install();
    return { fake, extraction: await extractFile('FactsFile12345', () => undefined) };
  };
  const token = (e: Extraction, id: string) => e.request.tokens.tokens.find((t) => t.id === id);

  it('follows the library variable a local alias points to, and leaves out the one nothing uses', async () => {
    const { extraction } = await run();
    expect(token(extraction, FACTS.libraryCarrot)?.source).toMatchObject({ kind: 'variable', remote: true });
    expect(extraction.request.tokens.collections.map((c) => c.id)).toContain(FACTS.library);
    expect(token(extraction, FACTS.libraryUnused)).toBeUndefined();
    // Nothing dangles; the two names used twice are reported (and kept, with distinct CSS names).
    const issues = validateTokenSet(extraction.request.tokens).errors;
    expect(issues.filter((i) => !i.kinds.every((k) => k === 'duplicate-name'))).toEqual([]);
  });

  it('keeps a deleted variable still referenced as deprecated, and the live one of the same name keeps the clean CSS name', async () => {
    const { extraction } = await run();
    const why = token(extraction, FACTS.contrastDeleted)?.deprecated;
    expect(why).toMatch(/deleted in Figma/);
    expect(token(extraction, FACTS.contrastLive)?.deprecated).toBeUndefined();
    const names = cssVarNames(extraction.request.tokens);
    expect(names.name(FACTS.contrastLive)).toBe('--fg-brand-contrast');
    expect(names.name(FACTS.contrastDeleted)).toBe('--fg-brand-contrast-2');
    expect(extraction.warnings).toContain(
      `Variable "fg/brand-contrast" (${FACTS.contrastDeleted}, ${String(why)}): Variable "fg/brand-contrast" (${FACTS.contrastLive}) has --fg-brand-contrast, so its CSS variable is --fg-brand-contrast-2`,
    );
  });

  it('two styles of one name: one keeps the name, the other gets a suffix and a warning, whatever their order', async () => {
    const { extraction } = await run();
    const names = cssVarNames(extraction.request.tokens);
    expect(names.name(FACTS.stylePrimaryA)).toBe('--brand-primary');
    expect(names.name(FACTS.stylePrimaryB)).toBe('--brand-primary-2');
    expect(extraction.warnings).toContain(
      `Style "Brand/Primary" (${FACTS.stylePrimaryB}): Style "Brand/Primary" (${FACTS.stylePrimaryA}) has --brand-primary, so its CSS variable is --brand-primary-2`,
    );
  });

  it('reads float32 values, FONT_STYLE strings as weights and the FONT_VARIATIONS scope, and writes them as CSS authors do', async () => {
    const { extraction } = await run();
    // The fake stores FLOAT as float32, as Figma does.
    expect(token(extraction, FACTS.selectBox)?.valuesByMode['1:5']).toEqual({ value: 111.33000183105469, unit: 'px' });
    expect(token(extraction, FACTS.medium)).toMatchObject({
      type: 'fontWeight',
      valuesByMode: { '1:5': 500, '1:6': 600 },
    });
    expect(token(extraction, FACTS.x1)).toMatchObject({
      type: 'dimension',
      scopes: ['WIDTH_HEIGHT', 'GAP', 'FONT_VARIATIONS'],
    });
    const css = generateTokensCss(extraction.request.tokens).content;
    expect(css).toContain('--component-utility-figma-only-select-box-3-column: 111.33px;');
    expect(css).toContain('--font-weight-medium: 500;');
    expect(css).toContain('[data-theme="ios-xxxlarge"] {');
    expect(css).toContain('--font-weight-medium: 600;');
  });

  it('skips the extended collection with a warning naming it, never a crash', async () => {
    const { extraction } = await run();
    expect(extraction.request.tokens.collections.map((c) => c.id)).not.toContain(FACTS.brandB);
    expect(extraction.warnings).toContain(
      `Collection "Brand B" (${FACTS.brandB}) is an extended collection of ${FACTS.color} with 1 overridden value(s); extended collections are not supported yet, skipped (the parent collection's values are kept)`,
    );
  });

  it('reads bindings inside boolean operations, stars and polygons, and per-range text fills', async () => {
    const { extraction } = await run();
    const badge = extraction.request.components.find((c) => c.id === FACTS.badge)!;
    expect(badge.variants.map((v) => v.values)).toEqual([{ State: 'Default' }, { State: 'Strong' }]);
    expect(badge.variants[0]!.bindings).toEqual({
      fill: FACTS.brand,
      'star.fill': FACTS.contrastLive,
      'label.fill': FACTS.brand,
      'label.fill.2': FACTS.contrastDeleted,
    });
  });
});

describe('the fake figma global, as strict as Figma', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('answers getStyledTextSegments for fills by character range, and refuses fields it does not model', async () => {
    const fake = createFakeFigma(figmaFactsDesign());
    restore = fake.install();
    await figma.loadAllPagesAsync();
    const label = (await figma.getNodeByIdAsync(FACTS.label)) as TextNode;
    expect(label.characters).toBe('New item');
    expect(label.fills).toBe(figma.mixed);
    expect(label.boundVariables?.textRangeFills?.map((a) => a.id)).toEqual([FACTS.brand, FACTS.contrastDeleted]);
    const segments = label.getStyledTextSegments(['fills']);
    expect(segments.map((s) => [s.characters, s.start, s.end])).toEqual([
      ['New', 0, 3],
      [' item', 3, 8],
    ]);
    expect(label.getStyledTextSegments(['fills'], 1, 5).map((s) => s.characters)).toEqual(['ew', ' i']);
    expect(() => label.getStyledTextSegments(['hyperlink'])).toThrow(/not implemented/);
    expect(() => label.getStyledTextSegments(['fills'], 4, 2)).toThrow(/in getStyledTextSegments/);
  });

  it('lists no deleted variable locally, answers it by id, and serves FLOAT values as float32', async () => {
    const fake = createFakeFigma(figmaFactsDesign());
    restore = fake.install();
    const local = await figma.variables.getLocalVariablesAsync();
    expect(local.map((v) => v.id)).not.toContain(FACTS.contrastDeleted);
    expect((await figma.variables.getVariableByIdAsync(FACTS.contrastDeleted))?.remote).toBe(false);
    expect(local.find((v) => v.id === FACTS.selectBox)?.valuesByMode['1:5']).toBe(Math.fround(111.33));
    const brandB = (await figma.variables.getVariableCollectionByIdAsync(
      FACTS.brandB,
    )) as unknown as ExtendedVariableCollection;
    expect(brandB).toMatchObject({
      isExtension: true,
      parentVariableCollectionId: FACTS.color,
      rootVariableCollectionId: FACTS.color,
    });
    expect(brandB.variableIds).toContain(FACTS.brand);
  });

  it('refuses seeds Figma could not produce: an extension without a parent, overrides of a variable it does not inherit, text segments that disagree with the characters', () => {
    const broken = figmaFactsDesign();
    broken.collections[3] = { ...broken.collections[3]!, parentVariableCollectionId: 'VariableCollectionId:404:0' };
    expect(() => createFakeFigma(broken)).toThrow(/names its parent collection/);
    const overrides = figmaFactsDesign();
    overrides.collections[3] = {
      ...overrides.collections[3]!,
      variableOverrides: { [FACTS.libraryCarrot]: { '7:1': 1 } },
    };
    expect(() => createFakeFigma(overrides)).toThrow(/not a variable of its root collection/);
    const text = figmaFactsDesign();
    const label = (text.pages[0]!.children[0] as { children: Array<{ children?: unknown[] }> }).children[0]!
      .children![1] as { characters?: string };
    label.characters = 'Old item';
    expect(() => createFakeFigma(text)).toThrow(/characters differ from its segments/);
  });
});
