import fc from 'fast-check';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { generateComponent, generateTokensCss } from '../../../core/codegen/index.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { allSpecs, compileGenerated, loadTokens, moduleLoader, STRICT_OPTIONS } from './harness.js';

describe('generated files compile under tsc --strict', () => {
  const tokens = loadTokens();
  const groups = allSpecs().map(({ spec }, i) => ({ dir: `c${i}`, files: generateComponent(spec, tokens).files }));

  it('every fixture component, stories and test scaffold: zero diagnostics', () => {
    expect(groups.length).toBeGreaterThanOrEqual(12);
    expect(compileGenerated(groups)).toEqual([]);
  });

  it('also with the plain strict settings of a default project', () => {
    const plain = {
      ...STRICT_OPTIONS,
      exactOptionalPropertyTypes: false,
      noPropertyAccessFromIndexSignature: false,
      noUncheckedIndexedAccess: false,
      verbatimModuleSyntax: false,
    };
    expect(compileGenerated(groups, plain)).toEqual([]);
  });

  it('a compile error in a generated file is reported (the harness really checks)', () => {
    const broken = { dir: 'broken', files: [{ path: 'Broken.tsx', content: 'export const x: number = "no";\n' }] };
    expect(compileGenerated([broken])).toEqual([
      expect.stringContaining("Type 'string' is not assignable to type 'number'"),
    ]);
  });

  it('tokens.css is generated for the same set', () => {
    expect(generateTokensCss(tokens).content).toContain(':root {');
  });
});

describe('random specs compile too', () => {
  const tokens = loadTokens();
  const ids = tokens.tokens.map((t) => t.id);
  const kinds = ['variant', 'boolean', 'text', 'instanceSwap', 'slot'] as const;
  const name = fc.oneof(
    fc.constantFrom(
      'Size',
      'size',
      'Label',
      'Disabled',
      'State',
      'Checked',
      'default',
      'class',
      'Icon',
      'Has Icon?',
      'Value',
      'Helper text',
      'Title',
      'Placeholder',
      'Error',
      'Indeterminate',
      'Pressed',
      'Type',
      'Children',
      'id',
      'key',
      'onChange',
      'Heading Level',
      'Heading',
      'Loading',
      'Required',
      'Show Label',
      'Image',
      'Actions',
      'Trailing icon',
      'style',
      'rest',
    ),
    fc.string({ maxLength: 8 }),
  );
  const option = fc.oneof(
    fc.constantFrom('True', 'False', 'Disabled', 'Error', 'Indeterminate', 'Checked', 'Selected', 'sm', 'lg', ''),
    fc.string({ maxLength: 6 }),
  );
  const prop = fc.record({
    name,
    kind: fc.constantFrom(...kinds),
    options: fc.array(option, { minLength: 1, maxLength: 4 }),
    flag: fc.boolean(),
    text: fc.string({ maxLength: 6 }),
  });
  const spec = fc
    .record({
      name: fc.oneof(
        fc.constantFrom(
          'Button',
          'Text Field',
          'Checkbox',
          'Status Badge',
          'Tag',
          'Card',
          'Thing',
          '2 x',
          'class',
          'Größe',
        ),
        fc.string({ maxLength: 10 }),
      ),
      props: fc.array(prop, { maxLength: 7 }),
      picks: fc.array(fc.array(fc.nat(), { minLength: 7, maxLength: 7 }), { maxLength: 4 }),
      slots: fc.array(
        fc.tuple(
          fc.constantFrom(
            'fill',
            'stroke',
            'label.fill',
            'input.fill',
            'heading.typography',
            'typography',
            'radius',
            'radiusTopLeft',
            'zz.fill',
          ),
          fc.constantFrom(...ids),
        ),
        { maxLength: 4 },
      ),
    })
    .map(({ name: specName, props, picks, slots }): ComponentSpec => {
      const defs = props.map((p) => ({
        name: p.name === '' ? 'x' : p.name,
        kind: p.kind,
        default: p.kind === 'boolean' ? p.flag : p.kind === 'variant' ? (p.options[0] as string) : p.text,
        ...(p.kind === 'variant' ? { options: p.options } : {}),
      }));
      return {
        id: '1:1',
        name: specName === '' ? 'x' : specName,
        props: defs,
        variants: picks.map((pick, i) => ({
          id: `v${i}`,
          values: Object.fromEntries(
            defs.flatMap((d, j) =>
              d.kind === 'variant' ? [[d.name, d.options?.[(pick[j] ?? 0) % (d.options?.length ?? 1)] ?? '']] : [],
            ),
          ),
          bindings: Object.fromEntries(slots.filter((_, k) => (k + i) % 2 === 0)),
        })),
      };
    });

  it('40 generated specs of every kind and odd name: zero diagnostics, and every story renders', () => {
    const samples = fc.sample(spec, { seed: 20261121, numRuns: 40 });
    const groups = samples.map((s, i) => ({ dir: `r${i}`, files: generateComponent(s, tokens).files }));
    expect(compileGenerated(groups)).toEqual([]);
    for (const { files } of groups) {
      const name = (files[0] as GeneratedFile).path.replace(/\.tsx$/, '');
      const load = moduleLoader(files);
      const component = load(`${name}.tsx`)[name] as ComponentType<Record<string, unknown>>;
      const stories = load(`${name}.stories.tsx`) as Record<string, { args?: Record<string, unknown> }>;
      for (const [key, story] of Object.entries(stories)) {
        if (key === 'default') continue;
        const html = renderToStaticMarkup(createElement(component, { ...stories.default?.args, ...story.args }));
        expect(html).toMatch(/^<[a-z]+[^>]* class="root/);
      }
    }
  });
});
