import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { DtcgResolverTokens } from '../../core/contract/tokens.js';
import { dbKinds } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { DTCG_EXAMPLES, dtcgExampleTokens, type DtcgExample } from '../helpers/dtcg-examples.js';

/*
 * The seven DTCG 2025.10 example systems of the `dtcg-examples` package, each read through its
 * resolver file from disk and synced with a component bound to some of its tokens. Expected
 * values come from the example files themselves (e.g. Spectrum's dark gray-75 is "#222").
 */

interface Case {
  bindings: Record<string, string>;
  /** more tokens the component uses (tokenRefs), so that their values are in its tokens.css */
  refs: string[];
  collections: [string, string[]][];
  /** warnings that must appear (each names its token) */
  warnings: string[];
  /** lines of tokens.css, by block selector */
  css: Record<string, string[]>;
}

const lenientUnit = (token: string, unit: string, member = '') =>
  `${token}: ${member}unit "${unit}" is not a DTCG dimension unit (px, rem); written to CSS as is`;

const CASES: Record<DtcgExample, Case> = {
  'adobe-spectrum': {
    bindings: { fill: 'gray-75', paddingLeft: 'android-elevation' },
    refs: [
      'detail-margin-top-multiplier',
      'italic-font-style',
      'sans-serif-font-family',
      'cjk-letter-spacing',
      'alert-dialog-title-size',
    ],
    collections: [
      ['base', ['default']],
      ['theme', ['light', 'dark']],
      ['size', ['desktop', 'mobile']],
    ],
    warnings: [
      'gray-75: short hex fallback "#222" read as "#222222"',
      'android-elevation: unit "dp" read as px',
      lenientUnit('cjk-letter-spacing', 'em'),
    ],
    css: {
      ':root': [
        '--gray-75: #f3f3f3;',
        '--android-elevation: 2px;',
        '--detail-margin-top-multiplier: 0.88888889;',
        '--italic-font-style: italic;',
        '--sans-serif-font-family: "Adobe Clean";',
        '--cjk-letter-spacing: 0.05em;',
      ],
      '[data-theme="dark"]': ['--gray-75: #222222;'],
      '[data-theme="mobile"]': [],
    },
  },
  'apple-hig': {
    bindings: { fill: 'color.systemBlue', typography: 'font.textStyle.body' },
    refs: [],
    collections: [
      ['base', ['default']],
      ['theme', ['light', 'light_ax', 'dark', 'dark_ax']],
      ['size', ['medium', 'xSmall', 'small', 'large', 'xLarge', 'xxLarge', 'xxxLarge']],
    ],
    warnings: [
      'Set "typography" is not in the resolution order; its tokens are read first so that references to them resolve',
      'Token "color.systemBrown": no $type; read as color from its value',
      lenientUnit('font/textStyle/body', 'em', 'letterSpacing: '),
    ],
    css: {
      ':root': [
        '--color-system-blue: #007aff;',
        '--font-design-default: SF Pro;',
        '--font-text-style-body-family: var(--font-design-default);',
        '--font-text-style-body-size: 17px;',
        '--font-text-style-body-letter-spacing: 0em;',
      ],
      '[data-theme="dark"]': ['--color-system-blue: #0a84ff;'],
      '[data-theme="x-small"]': ['--font-text-style-body-size: 14px;'],
    },
  },
  'figma-sds': {
    bindings: { fill: 'color.background.positive.secondary-hover', typography: 'typography.titleHero' },
    refs: [],
    collections: [
      ['base', ['default']],
      ['theme', ['light', 'dark']],
    ],
    warnings: [lenientUnit('typography/titleHero', 'em', 'letterSpacing: ')],
    css: {
      ':root': [
        '--color-background-positive-secondary-hover: var(--color-green-300);',
        '--typography-title-hero-letter-spacing: 0em;',
      ],
      '[data-theme="dark"]': ['--color-background-positive-secondary-hover: var(--color-green-900);'],
    },
  },
  'github-primer': {
    bindings: { fill: 'bgColor.default', typography: 'text.codeInline.shorthand' },
    refs: ['control.minTarget.auto'],
    collections: [
      ['base', ['default']],
      ['theme', ['light', 'light-hc', 'dark', 'dark-hc']],
      ['size', ['default', 'coarse', 'fine']],
    ],
    warnings: [
      lenientUnit('text/codeInline/size', 'em'),
      'Token "boxShadow.thin": type "custom-string" is not a DTCG type; skipped',
      // Primer's "size" modifier defines it in "coarse" and "fine" only, and no set does.
      'Token "control.minTarget.auto" has no value in its default mode "default"; the value of mode "coarse" is used',
    ],
    css: {
      ':root': [
        '--bg-color-default: var(--base-color-neutral-0);',
        '--base-color-neutral-0: var(--base-color-white);',
        '--text-code-inline-size: 0.9285em;',
      ],
      '[data-theme="dark"]': ['--base-color-neutral-0: var(--base-color-black);'],
      '[data-theme="coarse"]': ['--control-min-target-auto: var(--base-size-44);'],
      '[data-theme="fine"]': ['--control-min-target-auto: var(--base-size-16);'],
    },
  },
  'ibm-carbon': {
    bindings: { fill: 'color.black.100', typography: 'type.body02', gap: 'layout.fluidSpacing.02' },
    refs: ['layout.breakpoints.sm.margin', 'type.display01'],
    collections: [
      ['base', ['default']],
      ['breakpoint', ['md', 'lg', 'xlg', 'max']],
    ],
    warnings: [
      'color/black/100: short hex fallback "#000" read as "#000000"',
      'type/body02: letterSpacing: a number where a dimension belongs read as px',
      lenientUnit('layout/fluidSpacing/02', 'vw'),
      'layout/breakpoints/sm/margin: a dimension without a unit read as px',
    ],
    css: {
      ':root': [
        '--color-black-100: #000000;',
        '--layout-fluid-spacing-02: 2vw;',
        '--layout-breakpoints-sm-margin: 0px;',
        '--type-body02-letter-spacing: 0px;',
      ],
      '[data-theme="max"]': ['--type-display01-size: 4.75rem;', '--type-display01-letter-spacing: 0px;'],
    },
  },
  'microsoft-fluent': {
    bindings: { fill: 'semanticColors.link', typography: 'fonts.tiny' },
    refs: ['palette.black'],
    collections: [
      ['base', ['default']],
      ['theme', ['default', 'inverted']],
    ],
    warnings: [
      'palette/black: short hex fallback "#000" read as "#000000"',
      'fonts/tiny: fontFamily: a comma-separated font list read as 8 family names; letterSpacing: a number where a dimension belongs read as px',
    ],
    css: {
      ':root': [
        '--palette-black: #000000;',
        '--semantic-colors-link: #0078d4;',
        '--fonts-tiny-family: Segoe UI, "Segoe UI Web (West European)", Segoe UI, -apple-system, BlinkMacSystemFont, Roboto, Helvetica Neue, sans-serif;',
        '--fonts-tiny-letter-spacing: 0px;',
      ],
      '[data-theme="inverted"]': [],
    },
  },
  'shopify-polaris': {
    bindings: { fill: 'color.black', paddingLeft: 'space.none' },
    refs: ['font.family.mono'],
    collections: [['base', ['default']]],
    warnings: [],
    css: {
      ':root': [
        '--color-black: #000000;',
        '--space-none: 0px;',
        '--font-family-mono: Monaco, Consolas, Lucida Console, monospace;',
      ],
    },
  },
};

const sample = (bindings: Record<string, string>, refs: string[] = []): ComponentSpec => ({
  id: '1:1',
  name: 'Sample',
  props: [],
  variants: [{ id: '1:2', values: {}, bindings }],
  ...(refs.length > 0 ? { tokenRefs: [...new Set([...Object.values(bindings), ...refs])] } : {}),
});

function block(css: string, selector: string): string {
  const start = css.indexOf(`${selector} {`);
  expect(start, `${selector} in tokens.css`).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('\n}', start) + 1);
}

describe.each(dbKinds)('DTCG example systems through their resolver files on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { BODY_LIMIT_BYTES: String(32 * 1024 * 1024) });
  });
  afterAll(async () => t?.close());

  const sync = (tokens: unknown, components: ComponentSpec[], fileKey: string) =>
    t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: { fileKey, tokens, components } });
  const tokensCss = async (draftVersionId: string): Promise<string> => {
    const version = (await t.api('GET', `/api/v1/versions/${draftVersionId}`)).json() as {
      files: { path: string; content: string }[];
      tokensHash: string;
    };
    return version.files.find((f) => f.path === 'tokens.css')!.content;
  };

  it.each(DTCG_EXAMPLES)('%s imports, with warnings naming the tokens read leniently', async (name) => {
    const c = CASES[name];
    const res = await sync(dtcgExampleTokens(name), [sample(c.bindings, c.refs)], `dtcg-${name}`);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as {
      status: string;
      errors: unknown[];
      warnings: string[];
      proposals: { draftVersionId: string; componentName: string }[];
    };
    expect(body.status).toBe('completed');
    expect(body.errors).toEqual([]);
    expect(body.proposals.map((p) => p.componentName)).toEqual(['Sample']);
    for (const warning of c.warnings) expect(body.warnings).toContain(warning);
    if (c.warnings.length === 0) expect(body.warnings).toEqual([]);
    expect(body.warnings.some((w) => w.includes('left out of tokens.css'))).toBe(false);

    const css = await tokensCss(body.proposals[0]!.draftVersionId);
    for (const [selector, lines] of Object.entries(c.css)) {
      const text = block(css, selector);
      for (const line of lines) expect(text, `${selector} of ${name}`).toContain(`\n  ${line}\n`);
    }
    const stored = await t.db.prisma.tokenSnapshot.findFirstOrThrow({
      where: { projectId: t.projectId, fileKey: `dtcg-${name}` },
    });
    const collections = (stored.tokens as { collections: { name: string; modes: { name: string }[] }[] }).collections;
    expect(collections.map((col) => [col.name, col.modes.map((m) => m.name)])).toEqual(c.collections);
  });
});

describe.each(dbKinds)('the same rules for plain DTCG documents on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('imports Spectrum light/desktop as one DTCG mode (short hex, dp and em read with warnings)', async () => {
    const { documents } = dtcgExampleTokens('adobe-spectrum');
    const docs = ['base', 'theme-light', 'size-desktop'].map((f) => documents[`./adobe-spectrum/${f}.tokens.json`]!);
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
      body: {
        fileKey: 'spectrum-dtcg',
        tokens: { format: 'dtcg', modes: [{ name: 'light', documents: docs }] },
        components: [sample({ fill: 'black', paddingLeft: 'android-elevation' })],
      },
    });
    expect(res.statusCode, res.body.slice(0, 400)).toBe(201);
    const body = res.json() as { warnings: string[]; proposals: { draftVersionId: string }[] };
    expect(body.warnings).toEqual(
      expect.arrayContaining([
        'black: short hex fallback "#000" read as "#000000"',
        'android-elevation: unit "dp" read as px',
      ]),
    );
    const version = (await t.api('GET', `/api/v1/versions/${body.proposals[0]!.draftVersionId}`)).json() as {
      files: { path: string; content: string }[];
    };
    const css = version.files.find((f) => f.path === 'tokens.css')!.content;
    expect(css).toContain('\n  --black: #000000;\n');
    expect(css).toContain('\n  --android-elevation: 2px;\n');
  });
});

describe.each(dbKinds)('token problems in a DTCG resolver input on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  const sync = (tokens: unknown, components: ComponentSpec[], fileKey = 'polaris') =>
    t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: { fileKey, tokens, components } });
  const counts = async () => ({
    versions: await t.db.prisma.componentVersion.count(),
    syncs: await t.db.prisma.syncOperation.count(),
    snapshots: await t.db.prisma.tokenSnapshot.count(),
  });

  /** Polaris with `color.black` made unreadable ("#12" is no color) and `space.cycleA` ↔ `space.cycleB` when asked. */
  function polaris(options: { cycle?: boolean } = {}): DtcgResolverTokens {
    const input = dtcgExampleTokens('shopify-polaris');
    const colors = input.documents['./shopify-polaris/colors.tokens.json'] as {
      color: Record<string, { $value: unknown }>;
    };
    colors.color.black!.$value = '#12';
    colors.color.redDark!.$value = '{color.black}';
    if (options.cycle) {
      const space = input.documents['./shopify-polaris/space.tokens.json'] as { space: Record<string, unknown> };
      space.space.cycleA = { $type: 'dimension', $value: '{space.cycleB}' };
      space.space.cycleB = { $type: 'dimension', $value: '{space.cycleA}' };
    }
    return input;
  }

  it('leaves out an unreadable token no synced component reaches (and what aliases it), with a warning', async () => {
    const res = await sync(polaris(), [sample({ fill: 'color.white', paddingLeft: 'space.none' })]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { warnings: string[]; proposals: { draftVersionId: string }[] };
    expect(
      body.warnings
        .filter((w) => w.endsWith('(left out of tokens.css)'))
        .map((w) => w.split(':')[0])
        .sort(),
    ).toEqual(['color/black', 'color/redDark']);
    const version = (await t.api('GET', `/api/v1/versions/${body.proposals[0]!.draftVersionId}`)).json() as {
      files: { path: string; content: string }[];
    };
    const css = version.files.find((f) => f.path === 'tokens.css')!.content;
    expect(css).not.toContain('--color-black:');
    expect(css).not.toContain('--color-red-dark:');
    expect(css).toContain('--color-white: #ffffff;');
  });

  it('refuses the sync (422 naming the token, nothing stored) when a bound token reaches the problem', async () => {
    const before = await counts();
    const res = await sync(polaris(), [sample({ fill: 'color.redDark' })], 'polaris-2');
    expect(res.statusCode).toBe(422);
    const error = res.json().error as { code: string; message: string; details: { issues: { name: string }[] } };
    expect(error.code).toBe('invalid_tokens');
    expect(error.message).toContain('color/black');
    expect(error.message).toContain('color/redDark');
    expect(await counts()).toEqual(before);
  });

  it('refuses an alias cycle anywhere, even unbound', async () => {
    const before = await counts();
    const res = await sync(polaris({ cycle: true }), [sample({ fill: 'color.white' })], 'polaris-3');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('alias cycle space/cycleA → space/cycleB → space/cycleA');
    expect(await counts()).toEqual(before);
  });

  it('names a $ref the documents do not hold', async () => {
    const input = polaris();
    delete input.documents['./shopify-polaris/space.tokens.json'];
    const res = await sync(input, [sample({ fill: 'color.white' })], 'polaris-4');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('$ref "./shopify-polaris/space.tokens.json" is not in "documents"');
  });

  it('resolves a 20,000-long alias chain in a sync; a component reaching more of it than the closure cap is refused, naming it', async () => {
    const input = dtcgExampleTokens('shopify-polaris');
    const chain: Record<string, { $type: string; $value: string }> = {};
    const N = 20_000;
    for (let i = 0; i < N; i++)
      chain[`c${i}`] = { $type: 'color', $value: i === N - 1 ? '{color.black}' : `{chain.c${i + 1}}` };
    input.documents['./shopify-polaris/colors.tokens.json'] = {
      ...input.documents['./shopify-polaris/colors.tokens.json']!,
      chain,
    };
    // c16000 reaches the 4,000 tokens after it and color.black: under the 5,000 a component may reach.
    const res = await sync(input, [sample({ fill: 'chain.c16000' })], 'polaris-chain');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const whole = await sync(input, [sample({ fill: 'chain.c0' })], 'polaris-chain');
    expect(whole.statusCode, whole.body.slice(0, 300)).toBe(422);
    expect(whole.json().error).toMatchObject({
      code: 'closure_too_large',
      message: expect.stringContaining('20,001 tokens'),
    });
  });
});
