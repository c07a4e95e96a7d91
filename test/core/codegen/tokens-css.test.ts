import { describe, expect, it } from 'vitest';
import { cssVarName, cssVarNames, generateComponent, generateTokensCss } from '../../../core/codegen/index.js';
import type { Token, TokenSet } from '../../../core/contract/tokens.js';
import { allSpecs, fileOf, loadTokens } from './harness.js';

const tokens = loadTokens();
const css = generateTokensCss(tokens);

function block(content: string, selector: string): string {
  const start = content.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  return content.slice(start, content.indexOf('\n}', start));
}

const token = (over: Partial<Token>): Token => ({
  id: 't',
  name: 'a/b',
  collectionId: 'c',
  type: 'color',
  valuesByMode: {},
  ...over,
});

describe('cssVarName', () => {
  it('uses the slash path in kebab case', () => {
    expect(cssVarName(token({ name: 'color/primary/500' }))).toBe('--color-primary-500');
    expect(cssVarName(token({ name: 'Color/Primary Dark/500' }))).toBe('--color-primary-dark-500');
    expect(cssVarName(token({ name: 'spacing/0.5' }))).toBe('--spacing-0-5');
    expect(cssVarName(token({ name: 'fontSize/bodyLarge' }))).toBe('--font-size-body-large');
  });

  it('prefers Figma web code syntax, stripping var( ) wrappers', () => {
    expect(cssVarName(token({ codeSyntax: { web: 'var(--ds-bg)' } }))).toBe('--ds-bg');
    expect(cssVarName(token({ codeSyntax: { web: 'var(--ds-bg, #fff)' } }))).toBe('--ds-bg');
    expect(cssVarName(token({ codeSyntax: { web: '--ds-Bg' } }))).toBe('--ds-Bg');
    expect(cssVarName(token({ codeSyntax: { web: '$brand-primary' } }))).toBe('--brand-primary');
    expect(cssVarName(token({ codeSyntax: { web: '  ' } }))).toBe('--a-b');
  });

  it('settles collisions across a set, composite sub-variables included', () => {
    const set: TokenSet = {
      collections: [{ id: 'c', name: 'C', modes: [{ id: 'm', name: 'M' }], defaultModeId: 'm' }],
      tokens: [
        token({ id: 'z', name: 'Color/Text' }),
        token({ id: 'a', name: 'color/text' }),
        token({ id: 'typo', name: 'type/body', type: 'typography' }),
        token({ id: 'size', name: 'type/body/size', type: 'dimension' }),
      ],
    };
    const names = cssVarNames(set);
    expect(names.name('a')).toBe('--color-text');
    expect(names.name('z')).toBe('--color-text-2');
    expect(names.name('size')).toBe('--type-body-size');
    expect(names.name('typo')).toBe('--type-body-2');
    expect(names.sub('typo', 'size')).toBe('--type-body-2-size');
  });
});

describe('tokens.css', () => {
  it('puts default modes in :root and every mode in a [data-theme] block', () => {
    expect(css.path).toBe('tokens.css');
    const root = block(css.content, ':root');
    expect(root).toContain('--color-blue-500: #3b82f6;');
    expect(root).toContain('--ds-bg-primary: var(--color-blue-500);');
    const dark = block(css.content, '[data-theme="dark"]');
    expect(dark).toContain('--ds-bg-primary: var(--color-blue-600);');
    expect(dark).toContain('--color-bg-disabled: #333333;');
    expect(dark).not.toContain('--color-blue-500:');
    expect(css.content.endsWith('}\n')).toBe(true);
  });

  it('gives the default mode a [data-theme] block beside :root, so a light card can sit inside a dark page', () => {
    const light = block(css.content, '[data-theme="light"]');
    expect(light).toContain('--ds-bg-primary: var(--color-blue-500);');
    expect(light).not.toContain('--ds-bg-primary: var(--color-blue-600);');
    // Nesting works because both blocks set (or comment on) the same variables of the collection.
    const dark = block(css.content, '[data-theme="dark"]');
    const declared = (b: string) =>
      b
        .split('\n')
        .map((l) => /^\s*(?:\/\* )?(--[\w-]+):/.exec(l)?.[1])
        .filter(Boolean)
        .sort();
    expect(declared(light)).toEqual(declared(dark));
  });

  it('writes mode names lower-case in selectors, unique within a collection', () => {
    const set: TokenSet = {
      collections: [
        {
          id: 'c',
          name: 'Platform',
          modes: [
            { id: 'a', name: 'iOS-xxxlarge' },
            { id: 'b', name: 'IOS-XXXLARGE' },
            { id: 'd', name: 'Android' },
          ],
          defaultModeId: 'd',
        },
      ],
      tokens: [
        token({
          id: 'w',
          name: 'width',
          type: 'dimension',
          collectionId: 'c',
          valuesByMode: { a: { value: 1, unit: 'px' }, b: { value: 2, unit: 'px' }, d: { value: 3, unit: 'px' } },
        }),
      ],
    };
    const out = generateTokensCss(set).content;
    expect(block(out, '[data-theme="ios-xxxlarge"]')).toContain('--width: 1px;');
    expect(block(out, '[data-theme="ios-xxxlarge-2"]')).toContain('--width: 2px;');
    expect(block(out, '[data-theme="android"]')).toContain('--width: 3px;');
    expect(out).not.toMatch(/i-os|[A-Z]+"\]/);
  });

  it('writes px without float32 noise, to 1/100 px, and other numbers without float32 noise', () => {
    const set: TokenSet = {
      collections: [{ id: 'c', name: 'C', modes: [{ id: 'm', name: 'M' }], defaultModeId: 'm' }],
      tokens: [
        token({
          id: '1',
          name: 'select/third',
          type: 'dimension',
          valuesByMode: { m: { value: 111.33000183105469, unit: 'px' } },
        }),
        token({
          id: '2',
          name: 'icon/width',
          type: 'dimension',
          valuesByMode: { m: { value: 18.997970581054688, unit: 'px' } },
        }),
        token({
          id: '3',
          name: 'tracking',
          type: 'dimension',
          valuesByMode: { m: { value: 0.019999999552965164, unit: 'em' } },
        }),
        token({ id: '4', name: 'opacity/muted', type: 'number', valuesByMode: { m: 0.800000011920929 } }),
        token({ id: '5', name: 'ratio', type: 'number', valuesByMode: { m: 0.88888889 } }),
        token({ id: '6', name: 'weight/strong', type: 'fontWeight', valuesByMode: { m: 'SemiBold' } }),
      ].map((t) => ({ ...t, collectionId: 'c' })),
    };
    const root = block(generateTokensCss(set).content, ':root');
    for (const line of [
      '--select-third: 111.33px;',
      '--icon-width: 19px;',
      '--tracking: 0.02em;',
      '--opacity-muted: 0.8;',
      '--ratio: 0.88888889;',
      '--weight-strong: 600;',
    ]) {
      expect(root).toContain(line);
    }
  });

  it('writes every DTCG value type as CSS', () => {
    const root = block(css.content, ':root');
    for (const line of [
      '--color-black-alpha: rgb(0 0 0 / 0.25);',
      '--color-brand-p3: color(display-p3 0.2 0.4 0.9);',
      '--spacing-6: 1.5rem;',
      '--radius-full: 9999;',
      '--font-family-sans: Inter, system-ui, sans-serif;',
      '--font-weight-bold: 700;',
      '--label-text: "Say \\"hi\\"";',
      '--flag-enabled: true;',
      '--motion-duration-fast: 150ms;',
      '--motion-easing-standard: cubic-bezier(0.2, 0, 0, 1);',
      '--motion-transition-fade: var(--motion-duration-fast) var(--motion-easing-standard) 0ms;',
      '--border-focus: 2px solid var(--color-blue-500);',
      '--shadow-sm: 0px 1px 2px 0px var(--color-black-alpha);',
      '--shadow-lg: 0px 4px 12px -2px var(--color-black-alpha), inset 0px 0px 0px 1px rgb(0 0 0 / 0.1);',
      '--gradient-brand: linear-gradient(var(--color-blue-500) 0%, #800080 100%);',
      '--stroke-dashed: dashed;',
    ])
      expect(root).toContain(line);
  });

  it('splits typography into one variable per sub-value, following aliases', () => {
    const root = block(css.content, ':root');
    for (const line of [
      '--typography-body-family: var(--font-family-sans);',
      '--typography-body-size: var(--font-size-md);',
      '--typography-body-weight: 400;',
      '--typography-body-line-height: 1.5;',
      '--typography-body-letter-spacing: 0px;',
      '--typography-label-lg-letter-spacing: normal;',
      '--typography-label-lg-weight: 600;',
      '--typography-heading-size: var(--typography-label-lg-size);',
    ])
      expect(root).toContain(line);
  });

  it('comments out what CSS cannot hold instead of failing', () => {
    expect(css.content).toContain('/* --color-legacy: alias to unknown token "VariableID:9:9" */');
    const odd: TokenSet = {
      collections: [
        {
          id: 'c',
          name: 'Odd */ name',
          modes: [
            { id: 'm', name: 'M' },
            { id: 'n', name: 'High Contrast' },
          ],
          defaultModeId: 'm',
        },
      ],
      tokens: [
        token({ id: '1', name: 'bad/color', valuesByMode: { m: { nope: true } } }),
        token({ id: '2', name: 'bad/type', type: 'unknownType' as never, valuesByMode: { m: 1 } }),
        token({ id: '3', name: 'only/other', type: 'number', valuesByMode: { n: 2 } }),
        token({ id: '4', name: 'orphan', collectionId: 'gone', type: 'number', valuesByMode: { x: 3 } }),
      ],
    };
    const out = generateTokensCss(odd).content;
    expect(out).toContain('/* --bad-color: not a color {colorSpace, components, alpha?} */');
    expect(out).toContain('/* --bad-type: type "unknownType" has no CSS form */');
    expect(out).toContain('/* --only-other: no value in this mode */');
    expect(out).toContain('--only-other: 2;');
    expect(out).toContain('[data-theme="high-contrast"]');
    expect(out).toContain('--orphan: 3;');
    expect(out).toContain('/* Odd *\\/ name */');
  });

  it('defines every variable the generated component CSS refers to (one naming function)', () => {
    const defined = new Set([...css.content.matchAll(/^\s*(--[\w-]+):/gm)].map((m) => m[1]));
    for (const { spec } of allSpecs()) {
      const moduleCss = fileOf(generateComponent(spec, tokens).files, '.module.css').content;
      for (const [, name] of moduleCss.matchAll(/var\((--[\w-]+)\)/g))
        expect(defined.has(name), `${spec.name}: ${name}`).toBe(true);
    }
  });
});

describe('tokens.css values as a CSS author writes them', () => {
  const one = (type: Token['type'], value: unknown, name = 'x/y'): string => {
    const set: TokenSet = {
      collections: [{ id: 'c', name: 'C', modes: [{ id: 'm', name: 'M' }], defaultModeId: 'm' }],
      tokens: [token({ id: 'x', name, collectionId: 'c', type, valuesByMode: { m: value as never } })],
    };
    const line = generateTokensCss(set)
      .content.split('\n')
      .find((l) => l.includes('--x-y'));
    return (line ?? '').trim();
  };

  it('writes keyword strings unquoted and other strings quoted', () => {
    expect(one('string', 'italic')).toBe('--x-y: italic;');
    expect(one('string', 'uppercase')).toBe('--x-y: uppercase;');
    expect(one('string', 'Adobe Clean')).toBe('--x-y: "Adobe Clean";');
    expect(one('string', 'Say "hi"')).toBe('--x-y: "Say \\"hi\\"";');
    expect(one('string', '')).toBe('--x-y: "";');
  });

  it('quotes font family names only where CSS needs it', () => {
    expect(one('fontFamily', ['Adobe Clean', 'Source Code Pro', 'monospace'])).toBe(
      '--x-y: Adobe Clean, Source Code Pro, monospace;',
    );
    expect(one('fontFamily', 'SF Pro')).toBe('--x-y: SF Pro;');
    // A name with a digit-led word, punctuation, or a generic / CSS-wide keyword as a word must be a string.
    expect(one('fontFamily', ['Font 3000', 'Noto Sans JP', 'Times New Roman'])).toBe(
      '--x-y: "Font 3000", Noto Sans JP, Times New Roman;',
    );
    expect(one('fontFamily', ['Helvetica Neue', 'Segoe UI Variable', 'My.Font', 'serif Display', 'initial'])).toBe(
      '--x-y: Helvetica Neue, Segoe UI Variable, "My.Font", "serif Display", "initial";',
    );
    expect(one('fontFamily', ['system-ui', 'sans-serif'])).toBe('--x-y: system-ui, sans-serif;');
  });

  it('writes numbers at full precision', () => {
    expect(one('number', 0.88888889)).toBe('--x-y: 0.88888889;');
    expect(one('number', 1 / 3)).toBe(`--x-y: ${1 / 3};`);
    expect(one('dimension', { value: 0.9285, unit: 'em' })).toBe('--x-y: 0.9285em;');
    expect(one('number', -0)).toBe('--x-y: 0;');
    expect(one('number', 1e21)).toBe('--x-y: 1000000000000000000000;');
    expect(one('number', 1e-7)).toBe('--x-y: 0.0000001;');
  });
});
