import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetLocalVariablesResponse } from '@figma/rest-api-spec';
import { describe, expect, it } from 'vitest';
import { cssVarNames, generateTokensCss } from '../../../core/codegen/index.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import {
  normalizeFromPluginApi,
  normalizeFromRest,
  validateTokenSet,
  type PluginApiInput,
} from '../../../core/tokens/index.js';

// Real exports (test/fixtures/figma/real/README.md names their sources) through the normalizers.
const real = <T>(name: string): T =>
  JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/figma/real', name), 'utf8')) as T;

const LIVE = 'VariableID:36929:111144';
const DELETED = 'VariableID:1:133';

/** The same answer with Figma's maps in the opposite order. */
function reversed(answer: GetLocalVariablesResponse): GetLocalVariablesResponse {
  const flip = <V>(map: Record<string, V>) => Object.fromEntries(Object.entries(map).reverse());
  return {
    ...answer,
    meta: { variables: flip(answer.meta.variables), variableCollections: flip(answer.meta.variableCollections) },
  };
}

function block(css: string, selector: string): string {
  const start = css.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('\n}', start));
}

describe("daangn SEED Design's /variables/local", () => {
  const answer = real<GetLocalVariablesResponse>('seed-design.variables-local.json');

  it('the live fg/brand-contrast keeps --fg-brand-contrast whatever the order of the map; the deleted one gets the suffix and a warning', () => {
    for (const variables of [answer, reversed(answer)]) {
      const { tokens, warnings } = normalizeFromRest({ variables });
      const names = cssVarNames(tokens);
      expect(names.name(LIVE)).toBe('--fg-brand-contrast');
      expect(names.name(DELETED)).toBe('--fg-brand-contrast-2');
      const why = tokens.tokens.find((t) => t.id === DELETED)?.deprecated;
      expect(why).toMatch(/deleted in Figma/);
      expect(tokens.tokens.find((t) => t.id === LIVE)?.deprecated).toBeUndefined();
      expect(warnings).toContain(
        `Variable "fg/brand-contrast" (${DELETED}) was deleted in Figma but is still referenced; kept so that references to it resolve`,
      );
      expect(warnings).toContain(
        `Variable "fg/brand-contrast" (${DELETED}, ${String(why)}): Variable "fg/brand-contrast" (${LIVE}) has --fg-brand-contrast, so its CSS variable is --fg-brand-contrast-2`,
      );
      const root = block(generateTokensCss(tokens).content, ':root');
      expect(root).toContain('--fg-brand-contrast: var(--palette-carrot-700);');
      expect(root).toContain('--fg-brand-contrast-2: var(--palette-carrot-700);');
    }
  });

  it('a deleted variable with no live namesake keeps its name, with a warning', () => {
    const { tokens, warnings } = normalizeFromRest({ variables: answer });
    expect(cssVarNames(tokens).name('VariableID:1:219')).toBe('--line-height-600');
    expect(warnings).toContain(
      'Variable "line-height/600" (VariableID:1:219) was deleted in Figma but is still referenced; kept so that references to it resolve',
    );
  });

  it('writes values as CSS authors do: float32 noise rounded, FONT_STYLE names as weights, mode names lower-cased', () => {
    const { tokens } = normalizeFromRest({ variables: answer });
    expect(tokens.tokens.find((t) => t.id === 'VariableID:58766:15457')?.valuesByMode['1:5']).toEqual({
      value: 111.33000183105469,
      unit: 'px',
    });
    expect(tokens.tokens.find((t) => t.id === 'VariableID:1886:93038')).toMatchObject({
      type: 'fontWeight',
      valuesByMode: { '1:5': 500 },
    });
    const css = generateTokensCss(tokens).content;
    const ios = block(css, '[data-theme="ios"]');
    expect(ios).toContain('--component-utility-figma-only-select-box-3-column: 111.33px;');
    expect(ios).toContain('--font-weight-medium: 500;');
    expect(ios).toContain('--font-weight-bold: 700;');
    expect(block(css, '[data-theme="ios-80"]')).toContain('--font-size-t1: 8px;');
    expect(block(css, '[data-theme="ios-135"]')).toContain('--font-size-t1: 17px;');
    expect(block(css, '[data-theme="android-150"]')).toContain('--font-size-t1: 16.5px;');
    expect(css).not.toMatch(/111\.33000|i-os/);
  });

  it('reads the FONT_VARIATIONS scope, and nothing dangles', () => {
    const { tokens } = normalizeFromRest({ variables: answer });
    expect(tokens.tokens.find((t) => t.id === 'VariableID:1:175')).toMatchObject({
      type: 'dimension',
      scopes: ['WIDTH_HEIGHT', 'GAP', 'FONT_VARIATIONS'],
    });
    const issues = validateTokenSet(tokens).errors;
    expect(issues.map((i) => [i.tokenId, i.kinds])).toEqual([[DELETED, ['duplicate-name']]]);
  });
});

describe('a Tailwind preset read with the Plugin API', () => {
  // The exporter left `remote` and `key` out of its collections; the Plugin API always has them.
  const exported = real<{ collections: Array<Record<string, unknown>>; variables: PluginApiInput['variables'] }>(
    'tailwind-preset.plugin-variables.json',
  );
  const input = {
    variables: exported.variables,
    collections: exported.collections.map((c) => ({ remote: false, ...c })),
  } as unknown as PluginApiInput;

  it('names variables after their web code syntax and writes every mode, the default one included, as a [data-theme] block', () => {
    const { tokens, warnings }: { tokens: TokenSet; warnings: string[] } = normalizeFromPluginApi(input);
    expect(warnings).toEqual([]);
    const names = cssVarNames(tokens);
    expect(names.name('VariableID:1:6')).toBe('--spacing-0-5');
    expect(names.name('VariableID:1:181')).toBe('--height-0-5');
    const css = generateTokensCss(tokens).content;
    expect(block(css, ':root')).toContain('--width-32: var(--spacing-32);');
    expect(block(css, '[data-theme="default"]')).toContain('--spacing-px: 1px;');
    expect(block(css, '[data-theme="zoom-2x"]')).toContain('--spacing-px: 2px;');
  });
});
