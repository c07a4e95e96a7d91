import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { generateComponent, generateTokensCss, previewModel } from '../../../core/codegen/index.js';
import type { CodegenContext } from '../../../core/codegen/index.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import type { Layer } from '../../../core/contract/layers.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { collectTokenRefs } from '../../../core/specs/token-refs.js';
import { ClosureCache } from '../../../core/tokens/index.js';
import {
  avatarSpec,
  badgeSpec,
  buttonSpec,
  cardSpec,
  checkboxSpec,
  iconSpec,
  inputSpec,
} from '../../fixtures/specs/layered.js';
import { compileGenerated, cssClasses, fileOf, loadTokens, moduleLoader, shuffleKeys } from './harness.js';

const tokens = loadTokens();
const context: CodegenContext = {
  components: [{ id: iconSpec.id, key: iconSpec.key, name: iconSpec.name, props: iconSpec.props }],
};

const SPECS: [string, ComponentSpec][] = [
  ['Icon', iconSpec],
  ['Button', buttonSpec()],
  ['IconButton', { ...buttonSpec(true), id: '1:100', name: 'Icon Button' }],
  ['Card', cardSpec],
  ['TextInput', inputSpec],
  ['Avatar', avatarSpec],
  ['Checkbox', checkboxSpec],
  ['Badge', badgeSpec],
];

const generated = new Map(
  SPECS.map(([name, spec]) => [name, generateComponent(spec, tokens, undefined, context).files]),
);
const files = (name: string): GeneratedFile[] => generated.get(name)!;
const css = (name: string): string => fileOf(files(name), '.module.css').content;

/** Loads a component; `../X/X` imports resolve to the other generated components. */
function component(name: string): ComponentType<Record<string, unknown>> {
  const loaders = new Map<string, (entry: string) => Record<string, unknown>>();
  const loaderOf = (n: string): ((entry: string) => Record<string, unknown>) => {
    let l = loaders.get(n);
    if (!l) {
      const own = files(n).map((f) =>
        f.path.endsWith('.tsx')
          ? { ...f, content: f.content.replace(/from '\.\.\/(\w+)\/\1'/g, (_m, dep: string) => `from './${dep}'`) }
          : f,
      );
      // Nested components are served as sibling files.
      const deps = [...generated.keys()].filter((d) => d !== n).flatMap((d) => files(d));
      l = moduleLoader([...own, ...deps.filter((f) => !own.some((o) => o.path === f.path))]);
      loaders.set(n, l);
    }
    return l;
  };
  return loaderOf(name)(`${name}.tsx`)[name] as ComponentType<Record<string, unknown>>;
}
const render = (name: string, props: Record<string, unknown> = {}): string =>
  renderToStaticMarkup(createElement(component(name), props));

/** Rules of a CSS file: selector → declarations (property: value). */
function rules(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of code.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selector = m[1]!.trim();
    const decls = m[2]!
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean);
    out.set(selector, [...(out.get(selector) ?? []), ...decls]);
  }
  return out;
}

describe('layer trees: generated code compiles and renders', () => {
  it('every fixture, importing its nested project components, compiles under tsc --strict', () => {
    const groups = [...generated].map(([name, fs]) => ({ dir: name, files: fs }));
    expect(compileGenerated(groups)).toEqual([]);
  });

  it('the button: the label prop fills its text layer, Show icon removes the icon, sizes change padding', () => {
    const html = render('Button', { label: 'Save', size: 'Small' });
    expect(html).toMatch(/^<button type="button" class="root size-small" data-show-icon="">/);
    expect(html).toContain('<span class="label">Save</span>');
    expect(html).toMatch(/<svg class="leading-icon" viewBox="0 0 16 16"[^>]*><path d="M8 \.25/);
    expect(render('Button', { showIcon: false })).not.toContain('<svg');
    expect(render('Button', {})).toContain('>Button</span>');
    const r = rules(css('Button'));
    expect(r.get('.size-small')).toEqual(
      expect.arrayContaining(['padding-top: 3px', 'padding-left: 8px', 'column-gap: 4px']),
    );
    expect(r.get('.size-large')).toEqual(expect.arrayContaining(['padding-left: 16px']));
    expect(r.get('.size-small .label')).toEqual(['font-size: 12px', 'line-height: 18px']);
  });

  it('an instance of a project component imports it with its property values; the instance-swap default renders', () => {
    const tsx = fileOf(files('IconButton'), '.tsx').content;
    expect(tsx).toContain("import { Icon } from '../Icon/Icon';");
    expect(tsx).toContain("<Icon className={styles['leading-icon'] ?? ''} glyph={'Star'} />");
    const html = render('IconButton');
    expect(html).toMatch(/<div class="root glyph-star leading-icon"><svg class="vector"/);
    const swapped = renderToStaticMarkup(
      createElement(component('IconButton'), { icon: createElement('i', { id: 'mine' }) }),
    );
    expect(swapped).toContain('<i id="mine"></i>');
    expect(swapped).not.toContain('<svg');
  });

  it('the card: heading and description roles on their layers, a slot with its default, a per-variant shadow', () => {
    const html = render('Card', { title: 'Hello', body: 'World' });
    expect(html).toMatch(
      /^<article class="root elevated-false" aria-labelledby="([^"]+)"><div class="header"><h3 id="\1" class="title">Hello<\/h3>/,
    );
    expect(html).toContain('<p class="body-text">World</p>');
    expect(html).toContain(
      '<div class="actions"><span class="action"><span class="action__seg1">D</span>one</span></div>',
    );
    const custom = renderToStaticMarkup(
      createElement(component('Card'), { actions: createElement('button', null, 'OK') }),
    );
    expect(custom).toContain('<div class="actions"><button>OK</button></div>');
    const r = rules(css('Card'));
    expect(r.get('.elevated-true')?.join(';')).toContain('0 8px 24px -4px rgb(0 0 0 / 0.12)');
    expect(r.get('.elevated-false')?.join(';')).not.toContain('24px');
    expect(r.get('.footer')).toEqual(
      expect.arrayContaining([
        'column-gap: var(--spacing-3)',
        'background-image: linear-gradient(180deg, #f7f7fa 0%, #ffffff 100%)',
      ]),
    );
    expect(r.get('.header')).toContain('box-shadow: inset 0 -1px 0 0 #d0d7de');
  });

  it('the input: label, a real <input> on the placeholder layer, helper text hidden by its boolean', () => {
    const html = render('TextInput', { state: 'Error' });
    expect(html).toMatch(
      /<label for="([^"]+)" class="label">Email<\/label><div class="field"><input placeholder="you@example.com" id="\1" aria-invalid="true" aria-describedby="\1-helper" class="placeholder"\/><\/div><p id="\1-helper" class="helper">We never share it.<\/p>/,
    );
    expect(render('TextInput', { showHelper: false })).not.toContain('class="helper"');
    const r = rules(css('TextInput'));
    expect(r.get('.state-error .field')).toEqual(['box-shadow: inset 0 0 0 2px var(--color-border-error)']);
    expect(r.get('.state-default .field')).toEqual(['box-shadow: inset 0 0 0 1px var(--color-border-default)']);
  });

  it('the input without label and placeholder props: the field text layer is the <input>, nothing else takes room', () => {
    const unwire = (l: Layer): Layer => {
      const { props, ...rest } = l;
      const keep = props?.characters === 'Label' || props?.characters === 'Placeholder' ? undefined : props;
      return { ...rest, ...(keep ? { props: keep } : {}), ...(l.children ? { children: l.children.map(unwire) } : {}) };
    };
    const spec: ComponentSpec = {
      ...inputSpec,
      props: inputSpec.props.filter((p) => p.name !== 'Label' && p.name !== 'Placeholder'),
      variants: inputSpec.variants.map((v) => ({ ...v, layers: v.layers && unwire(v.layers) })),
    };
    const own = generateComponent(spec, tokens).files;
    const html = renderToStaticMarkup(
      createElement(moduleLoader(own)('TextInput.tsx').TextInput as ComponentType<Record<string, unknown>>),
    );
    expect(html).toMatch(
      /<div class="field"><input placeholder="you@example.com" id="([^"]+)"[^>]* class="placeholder"\/><\/div>/,
    );
    expect(html.match(/<input/g)).toHaveLength(1);
    // The label the pattern adds for `children` is empty by default: it must not be a flex item.
    expect(html).toMatch(/^<div class="root[^"]*"[^>]*><label for="[^"]+"><\/label>/);
    expect(rules(fileOf(own, '.module.css').content).get('.root > label:empty')).toEqual(['display: none']);
  });

  it('the checkbox: a native checkbox in its label, the label prop fills its text, Show description removes it', () => {
    expect(generateComponent(checkboxSpec, tokens).patternId).toBe('checkbox');
    const html = render('Checkbox', { label: 'I agree' });
    expect(html).toMatch(/^<label class="root checked-false"[^>]*><input type="checkbox" class="native"/);
    expect(html).toContain('<span class="label">I agree</span>');
    expect(html).toContain('>You can change this later.</span>');
    expect(html).not.toContain('class="check"');
    const off = render('Checkbox', { showDescription: false });
    expect(off).not.toContain('description');
    expect(off).toContain('>Accept terms</span>');
    const checked = render('Checkbox', { checked: 'True' });
    expect(checked).toMatch(
      /^<label class="root checked-true"[^>]*><input type="checkbox" class="native"[^>]* checked=""/,
    );
    expect(checked).toMatch(/<span class="box"><svg class="check" viewBox="0 0 9 7"[^>]*><path d="M0 3.5 3 6.5 9 0.5"/);
    const r = rules(css('Checkbox'));
    expect(r.get('.checked-true .box')?.join(';')).toMatch(/background/);
    // The check mark is the stroke's outline: it takes the stroke's colour.
    expect(r.get('.check')?.join(';')).toMatch(/color: #ffffff/);
    expect(r.get('.native')).toEqual(expect.arrayContaining(['position: absolute', 'opacity: 0']));
    expect(r.get('.box')).toEqual(
      expect.arrayContaining(['width: 16px', 'height: 16px', 'border-top-left-radius: 4px']),
    );
  });

  it('the badge: a span whose label prop fills its text layer; Show dot removes the dot; tones change colours', () => {
    expect(generateComponent(badgeSpec, tokens).patternId).toBe('badge');
    const html = render('Badge', { label: '7 new' });
    expect(html).toMatch(/^<span class="root tone-info"[^>]*>/);
    expect(html).not.toContain('role="status"');
    expect(html).toContain('<span class="label">7 new</span>');
    expect(html).toContain('class="dot"');
    expect(render('Badge', { showDot: false })).not.toContain('dot');
    expect(render('Badge', {})).toContain('>New</span>');
    const r = rules(css('Badge'));
    expect(r.get('.tone-danger .dot')?.join(';')).toMatch(/background/);
    expect(r.get('.root')).toEqual(expect.arrayContaining(['padding-left: 8px', 'column-gap: 4px']));
  });

  it('the avatar: a frame without auto layout places its badge by its constraints', () => {
    const r = rules(css('Avatar'));
    expect(r.get('.badge')).toEqual(
      expect.arrayContaining(['position: absolute', 'right: -4px', 'top: -4px', 'width: 18px', 'height: 18px']),
    );
    expect(r.get('.ring')).toEqual(
      expect.arrayContaining(['left: 0', 'right: 0', 'top: 0', 'bottom: 0', 'opacity: 0.5']),
    );
    expect(r.get('.root')).toEqual(expect.arrayContaining(['position: relative', 'width: 40px', 'height: 40px']));
    expect(render('Avatar', { count: '12' })).toContain('<span class="count">12</span>');
    expect(render('Avatar', { showBadge: false })).not.toContain('badge');
  });
});

describe('layer trees: CSS', () => {
  it("a text's family comes first, then a generic family: a font the machine lacks is never replaced by a serif", () => {
    const r = rules(css('Button'));
    expect(r.get('.label')).toContain('font-family: Inter, sans-serif');
    const mono = buttonSpec();
    const label = (l: Layer): void => {
      if (l.text?.fontName) l.text.fontName = { family: 'Roboto Mono', style: 'Regular' };
      l.children?.forEach(label);
    };
    mono.variants.forEach((v) => v.layers && label(v.layers));
    const monoCss = rules(fileOf(generateComponent(mono, tokens).files, '.module.css').content);
    expect(monoCss.get('.label')).toContain('font-family: Roboto Mono, monospace');
    // A text style's family is its token's, still followed by the generic family.
    const styled = buttonSpec();
    const useStyle = (l: Layer): void => {
      if (l.text) l.text.textStyle = 'S:typo-body,1:1';
      l.children?.forEach(useStyle);
    };
    styled.variants.forEach((v) => v.layers && useStyle(v.layers));
    const styledCss = rules(fileOf(generateComponent(styled, tokens).files, '.module.css').content);
    expect(styledCss.get('.label')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^font-family: var\(--[\w-]+\), sans-serif$/)]),
    );
  });

  it("a text layer's colour is its layer's fills, as both readers keep them (a white label on a blue button)", () => {
    const white = buttonSpec();
    const paint = (l: Layer): void => {
      if (l.text) {
        delete l.text.fills;
        l.style = { ...l.style, fills: [{ type: 'SOLID', color: { r: 1, g: 1, b: 1, a: 1 } }] };
      }
      l.children?.forEach(paint);
    };
    white.variants.forEach((v) => v.layers && paint(v.layers));
    const r = rules(fileOf(generateComponent(white, tokens).files, '.module.css').content);
    expect(r.get('.label')).toContain('color: #ffffff');
    // A text's fills colour its glyphs, never a box behind them.
    expect(r.get('.label')?.some((d) => d.startsWith('background'))).toBe(false);
  });

  it('layoutGrow and layoutAlign STRETCH fill like FILL sizing when the answer has no layoutSizing fields', () => {
    const row = (child: Layer): ComponentSpec => ({
      id: '5:1',
      name: 'Row',
      props: [],
      variants: [
        {
          id: '5:2',
          values: {},
          bindings: {},
          layers: {
            id: '5:2',
            name: 'Row',
            type: 'COMPONENT',
            box: { x: 0, y: 0, width: 200, height: 40 },
            layout: { layoutMode: 'HORIZONTAL' },
            children: [child],
          },
        },
      ],
    });
    const cell: Layer = {
      id: '5:3',
      name: 'Cell',
      type: 'FRAME',
      box: { x: 0, y: 0, width: 200, height: 40 },
      layout: { layoutGrow: 1, layoutAlign: 'STRETCH' },
    };
    const r = rules(fileOf(generateComponent(row(cell), tokens).files, '.module.css').content);
    expect(r.get('.cell')).toEqual(expect.arrayContaining(['flex: 1 1 0', 'align-self: stretch']));
    expect(r.get('.cell')).not.toContain('width: 200px');
  });

  it('a frame or inlined instance placed by auto layout is the containing block of the children it places', () => {
    const inlined = generateComponent({ ...buttonSpec(true), id: '1:100', name: 'Icon Button' }, tokens).files;
    const r = rules(fileOf(inlined, '.module.css').content);
    expect(r.get('.vector')).toContain('position: absolute');
    expect(r.get('.leading-icon')).toContain('position: relative');
  });

  it('one class per layer, every class the markup uses is defined, no declaration repeated for one element', () => {
    for (const [name] of SPECS) {
      const text = css(name);
      const defined = cssClasses(text);
      const tsx = fileOf(files(name), '.tsx').content;
      for (const m of tsx.matchAll(/styles\['([^']+)'\]/g)) expect(defined.has(m[1]!), `${name}: .${m[1]}`).toBe(true);
      const r = rules(text);
      // A property a layer's own class sets is never set again by a variant class for that layer.
      for (const [selector, decls] of r) {
        const props = decls.map((d) => d.split(':')[0]);
        expect(new Set(props).size, `${name} ${selector}`).toBe(props.length);
        const target = selector.split(' ').at(-1)!;
        if (selector.includes(' ') || !target.startsWith('.')) continue;
        for (const [other, otherDecls] of r) {
          if (other === selector || other.split(' ').at(-1) !== target || !other.includes(' ')) continue;
          for (const d of otherDecls) expect(props, `${name}: ${other} repeats ${d}`).not.toContain(d.split(':')[0]);
        }
      }
    }
  });

  it('bound values are var(--token) that tokens.css defines; literals stay exact', () => {
    const tokensCss = generateTokensCss(tokens).content;
    for (const [name, spec] of SPECS) {
      const text = css(name);
      for (const m of text.matchAll(/var\((--[a-z0-9-]+)\)/g))
        expect(tokensCss, `${name}: ${m[1]}`).toContain(`${m[1]}:`);
      // The closure of the spec's refs has every token its CSS names.
      const closure = new ClosureCache(tokens).withHash(collectTokenRefs(spec)).closure;
      const closureCss = generateTokensCss(closure).content;
      for (const m of text.matchAll(/var\((--[a-z0-9-]+)\)/g))
        expect(closureCss, `${name}: ${m[1]}`).toContain(`${m[1]}:`);
    }
    expect(css('Button')).toContain('background-color: var(--ds-bg-primary)');
    expect(css('Avatar')).toContain('border-top-left-radius: calc(var(--radius-full) * 1px)');
    expect(css('Card')).toContain('border-top-left-radius: 12px');
  });

  it("bound tokens inside layers count as the spec's token refs", () => {
    expect(collectTokenRefs(buttonSpec())).toEqual(['VariableID:2:6', 'VariableID:4:1', 'VariableID:4:3']);
    expect(collectTokenRefs(avatarSpec)).toEqual(['VariableID:1:5', 'VariableID:2:7']);
  });
});

describe('layer trees: determinism and previews', () => {
  const deepShuffle = (value: unknown, seed: number): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => deepShuffle(v, seed + i));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).map(([k, v], i) => [k, deepShuffle(v, seed * 31 + i)] as const);
    return shuffleKeys(Object.fromEntries(entries), seed);
  };

  it('same input twice, keys shuffled: identical files', () => {
    for (const [, spec] of SPECS) {
      const a = generateComponent(spec, tokens, undefined, context).files;
      const b = generateComponent(deepShuffle(spec, 7) as ComponentSpec, tokens, undefined, context).files;
      expect(b).toEqual(a);
    }
  });

  it('previewModel lists the class of every rendered layer per variant, unique within it', () => {
    const model = previewModel(buttonSpec(true), context);
    expect(model.variants.map((v) => v.layers)).toEqual(
      ['1:2', '1:3', '1:4'].map((id) => [
        { layerId: id, className: 'root' },
        { layerId: `${id};icon`, className: 'leading-icon' },
        { layerId: `${id};label`, className: 'label' },
      ]),
    );
    for (const spec of [cardSpec, inputSpec, avatarSpec]) {
      const m = previewModel(spec);
      const defined = cssClasses(css(m.exportName));
      for (const v of m.variants) {
        const classes = v.layers.map((l) => l.className);
        expect(new Set(classes).size).toBe(classes.length);
        for (const c of classes) expect(defined.has(c), `${m.exportName}: ${c}`).toBe(true);
        // Every class the preview names is on an element of the variant's markup.
        const html = render(m.exportName, v.props);
        for (const c of classes) expect(html).toMatch(new RegExp(`class="([^"]* )?${c}( [^"]*)?"`));
      }
    }
  });

  it('without the project context an instance is inlined from its own subtree', () => {
    const inlined = generateComponent(buttonSpec(true), tokens).files;
    const tsx = fileOf(inlined, '.tsx').content;
    expect(tsx).not.toContain('import { Icon }');
    expect(tsx).toContain("<span className={styles['leading-icon']}>");
    expect(tsx).toContain("className={styles['vector']}");
  });
});
