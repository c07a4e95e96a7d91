import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateComponent } from '../../../core/codegen/index.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { allSpecs, fileOf, loadSpec, loadTokens } from './harness.js';

const tokens = loadTokens();
const moduleCss = (spec: ComponentSpec): string => fileOf(generateComponent(spec, tokens).files, '.module.css').content;

/** Declarations of the rule with exactly this selector. */
function rule(css: string, selector: string): string[] {
  const match = new RegExp(`^${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{([^}]*)\\}`, 'm').exec(css);
  if (!match) throw new Error(`no rule ${selector} in\n${css}`);
  return (match[1] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

describe('Name.module.css: the class rule', () => {
  const button = moduleCss(loadSpec('button'));

  it('puts what every variant shares on .root', () => {
    expect(rule(button, '.root')).toEqual(
      expect.arrayContaining([
        'padding-top: var(--spacing-1);',
        'gap: var(--spacing-1);',
        'border-radius: var(--radius-md);',
      ]),
    );
  });

  it("puts what one prop explains on that prop's value classes, one class per value", () => {
    expect(rule(button, '.size-sm')).toEqual(['padding-right: var(--spacing-2);', 'padding-left: var(--spacing-2);']);
    expect(rule(button, '.size-lg')).toEqual(['padding-right: var(--spacing-4);', 'padding-left: var(--spacing-4);']);
    expect(rule(button, '.state-hover')).toEqual(['background-color: var(--color-bg-primary-hover);']);
    expect(rule(button, '.state-disabled')).toEqual([
      'background-color: var(--color-bg-disabled);',
      'opacity: var(--opacity-disabled);',
    ]);
    expect(rule(button, '.state-default')).toEqual(['background-color: var(--ds-bg-primary);']);
  });

  it('uses a combination class only for bindings no single prop explains', () => {
    expect(rule(button, '.size-lg_state-hover')).toEqual(['box-shadow: var(--shadow-sm);']);
    expect(rule(button, '.size-sm_state-disabled')).toEqual(['box-shadow: var(--shadow-sm);']);
    expect(button.match(/^\.[a-z0-9-]+_[a-z0-9_-]+ \{/gm)).toHaveLength(2);
  });

  it('styles parts through namespaced slots, as descendants of the variant class', () => {
    expect(rule(button, '.label')).toEqual(['color: var(--color-text-on-primary);']);
    expect(rule(button, '.size-lg .label')).toEqual([
      'font-family: var(--typography-label-lg-family);',
      'font-size: var(--typography-label-lg-size);',
      'font-weight: var(--typography-label-lg-weight);',
      'line-height: var(--typography-label-lg-line-height);',
      'letter-spacing: var(--typography-label-lg-letter-spacing);',
    ]);
    expect(rule(button, '.icon')).toEqual(['color: var(--color-text-on-primary);']);
  });

  it('maps strokes: color + solid style + 1px unless a weight is bound; a border token as shorthand', () => {
    const card = moduleCss(loadSpec('card'));
    expect(rule(card, '.elevation-flat')).toEqual([
      'border-style: solid;',
      'border-width: 1px;',
      'border-color: var(--color-border-default);',
    ]);
    expect(rule(card, '.elevation-raised')).toEqual(['box-shadow: var(--shadow-lg);']);
    const input = moduleCss(loadSpec('input'));
    expect(rule(input, '.field')).toContain('border-width: calc(var(--border-width-thin) * 1px);');
    expect(rule(input, '.state-error .field')).toContain('border-color: var(--color-border-error);');
    expect(rule(moduleCss(loadSpec('tag')), '.root')).toContain('border: var(--border-focus);');
  });

  it('handles unknown slots, stacked paints, corners, numbers and missing tokens without failing', () => {
    const banner = moduleCss(loadSpec('generic'));
    const root = rule(banner, '.root');
    expect(root).toEqual(
      expect.arrayContaining([
        'width: calc(var(--radius-full) * 1px);',
        'border-top-left-radius: var(--radius-md);',
        'border-top-right-radius: calc(var(--radius-full) * 1px);',
        'box-shadow: var(--shadow-lg), var(--shadow-sm);',
        '--slot-decoration-fill: var(--ds-bg-primary); /* decoration.fill: no element of this component renders this layer */',
        '--slot-layout-grid: var(--spacing-2); /* layoutGrid: no CSS property for this field */',
        '--slot-opacity: var(--color-blue-500); /* opacity: a color token cannot set opacity */',
        '/* missing: token "VariableID:404" is not in the token set */',
      ]),
    );
    expect(root.filter((d) => d.startsWith('border-top-left-radius'))).toHaveLength(1);
    expect(rule(banner, '.tone-info')).toEqual([
      'background-color: var(--color-bg-surface);',
      'background-image: var(--gradient-brand);',
    ]);
    expect(rule(banner, '.tone-warning')).toEqual([
      'background-color: var(--color-red-500);',
      'background-image: linear-gradient(var(--color-black-alpha), var(--color-black-alpha));',
    ]);
    expect(rule(banner, '.density-compact')).toEqual(['row-gap: var(--spacing-2);', 'column-gap: var(--spacing-1);']);
    expect(rule(banner, '.density-comfortable')).toEqual([]);
    expect(rule(banner, '.tone-warning_density-comfortable')).toEqual(['min-height: var(--spacing-6);']);
    expect(rule(banner, '.title')).toContain('font-family: var(--font-family-mono);');
  });

  it('never declares a property twice in one rule, and every selector is a valid class', () => {
    for (const { spec } of allSpecs()) {
      const css = moduleCss(spec);
      for (const [, selector, body] of css.matchAll(/^([^\n{]+) \{([^}]*)\}/gm)) {
        expect(selector).toMatch(/^(\.-?[_a-zA-Z][\w-]*(:[a-z-]+)?)( \.-?[_a-zA-Z][\w-]*)*$/);
        const properties = (body ?? '')
          .split('\n')
          .map((l) => /^\s*([\w-]+):/.exec(l)?.[1])
          .filter(Boolean);
        expect(new Set(properties).size, `${spec.name} ${selector}`).toBe(properties.length);
      }
    }
  });

  it('any bindings, even nonsense, give CSS without crashing (property)', () => {
    const ids = tokens.tokens.map((t) => t.id);
    const slot = fc.oneof(
      fc.constantFrom(
        'fill',
        'stroke',
        'typography',
        'effects',
        'radius',
        'radiusTopLeft',
        'gap',
        'opacity',
        'fill.2',
        'label.fill',
        'x.y.z',
        '.',
        '',
        '..2',
      ),
      fc.string({ maxLength: 12 }),
    );
    const bindings = fc.dictionary(slot, fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 5 })), {
      maxKeys: 8,
    });
    fc.assert(
      fc.property(fc.array(bindings, { minLength: 1, maxLength: 4 }), (all) => {
        const spec: ComponentSpec = {
          id: 'p',
          name: 'Prop Button',
          props: [{ name: 'Kind', kind: 'variant', default: 'a', options: ['a', 'b'] }],
          variants: all.map((b, i) => ({ id: `v${i}`, values: { Kind: i % 2 ? 'b' : 'a' }, bindings: b })),
        };
        const css = moduleCss(spec);
        expect(css).not.toContain('undefined');
        expect(css.endsWith('\n')).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
