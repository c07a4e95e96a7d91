import { createElement, type ComponentType, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { generateComponent } from '../../../core/codegen/index.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { allSpecs, cssClasses, fileOf, loadSpec, loadSpecs, loadTokens, moduleLoader } from './harness.js';

type Props = Record<string, unknown>;
interface Story {
  name?: string;
  args?: Props;
}
interface Meta {
  title: string;
  component: ComponentType<Props>;
  args?: Props;
}

const tokens = loadTokens();

function load(spec: ComponentSpec) {
  const generated = generateComponent(spec, tokens);
  const tsx = fileOf(generated.files, '.tsx');
  const name = tsx.path.replace(/\.tsx$/, '');
  const loadModule = moduleLoader(generated.files);
  const component = loadModule(`${name}.tsx`)[name] as ComponentType<Props>;
  const stories = loadModule(`${name}.stories.tsx`);
  const css = cssClasses(fileOf(generated.files, '.module.css').content);
  const render = (props: Props = {}, children?: ReactNode): string =>
    renderToStaticMarkup(createElement(component, props, children));
  return { generated, name, component, stories, css, render };
}

/** The classes on the first element of some markup. */
function rootClasses(html: string): string[] {
  const match = /^<[a-z0-9]+[^>]*? class="([^"]*)"/.exec(html);
  return match?.[1]?.split(' ') ?? [];
}

describe('every variant of every fixture renders with react-dom/server', () => {
  for (const { fixture, spec } of allSpecs()) {
    it(`${fixture}: ${spec.name}`, () => {
      const { stories, css, render, component } = load(spec);
      const meta = stories.default as Meta;
      expect(meta.component).toBe(component);
      const storyEntries = Object.entries(stories).filter(([key]) => key !== 'default') as [string, Story][];
      expect(storyEntries).toHaveLength(Math.max(1, spec.variants.length));

      for (const [, story] of storyEntries) {
        const html = render({ ...meta.args, ...story.args });
        const classes = rootClasses(html);
        expect(classes[0]).toBe('root');
        // Every class on the root is one the CSS module defines (the stub leaves others undefined).
        for (const c of classes) expect(css.has(c), `${c} in ${spec.name}.module.css`).toBe(true);
        // One class per variant prop: each story's values select their own classes.
        const variantPropCount = spec.props.filter((p) => p.kind === 'variant').length;
        expect(classes.length).toBeGreaterThanOrEqual(1 + variantPropCount);
      }
    });
  }
});

describe('button pattern', () => {
  const { render, css } = load(loadSpec('button'));

  it('renders a native button with type, label and per-prop classes', () => {
    const html = render({ size: 'lg', state: 'default' });
    expect(html).toMatch(/^<button type="button" class="root size-lg state-default"/);
    expect(html).toContain('<span class="label">Button</span>');
    expect(html).not.toContain('disabled');
  });

  it('adds the combination class only where a binding needs the full variant', () => {
    expect(rootClasses(render({ size: 'lg', state: 'hover' }))).toEqual([
      'root',
      'size-lg',
      'state-hover',
      'size-lg_state-hover',
    ]);
    expect(rootClasses(render({ size: 'sm', state: 'hover' }))).toEqual(['root', 'size-sm', 'state-hover']);
    expect(css.has('size-lg_state-hover')).toBe(true);
    expect(css.has('size-sm_state-hover')).toBe(false);
  });

  it('maps the disabled state to the disabled attribute and Pressed to aria-pressed', () => {
    expect(render({ state: 'disabled' })).toMatch(/^<button[^>]* disabled=""/);
    expect(render({ pressed: true })).toContain('aria-pressed="true"');
    expect(render({})).toContain('aria-pressed="false"');
    expect(render({ disabled: true })).toMatch(/ disabled=""/);
  });

  it('shows the icon only when "Show icon" is on, and children replace the label', () => {
    const icon = createElement('svg', { 'data-icon': 'star' });
    expect(render({ icon })).toContain('<span class="icon"><svg data-icon="star"></svg></span>');
    expect(render({ icon, showIcon: false })).not.toContain('svg');
    expect(render({ label: 'Save' })).toContain('>Save</span>');
    expect(render({ label: 'Save' }, 'Send')).toContain('>Send</span>');
  });

  it('passes className and native attributes through', () => {
    const html = render({ className: 'mine', onClick: () => undefined, 'aria-label': 'Go', type: 'submit' });
    expect(rootClasses(html)).toContain('mine');
    expect(html).toContain('aria-label="Go"');
    expect(html).toContain('type="submit"');
  });
});

describe('input pattern', () => {
  const { render } = load(loadSpec('input'));

  it('links <label> and <input> through a generated id', () => {
    const html = render({});
    const labelFor = /<label class="label" for="([^"]+)">Email<\/label>/.exec(html)?.[1];
    expect(labelFor).toBeTruthy();
    expect(html).toContain(`<input placeholder="you@example.com" id="${labelFor}" class="input"`);
  });

  it('uses the consumer id when given', () => {
    const html = render({ id: 'email' });
    expect(html).toContain('for="email"');
    expect(html).toContain('id="email"');
  });

  it('marks the error state with aria-invalid and describes the input by its helper text', () => {
    const html = render({ state: 'error' });
    expect(html).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`<p id="${describedBy}" class="helper">We never share it.</p>`);
    expect(render({ state: 'default' })).not.toContain('aria-invalid');
  });

  it('drops the helper and aria-describedby when the helper is hidden or empty', () => {
    for (const html of [render({ showHelperText: false }), render({ helperText: '' })]) {
      expect(html).not.toContain('aria-describedby');
      expect(html).not.toContain('<p');
    }
  });

  it('disables the input in the disabled state and forwards native props to it', () => {
    expect(render({ state: 'disabled' })).toMatch(/<input[^>]* disabled=""/);
    const html = render({ name: 'email', type: 'email' });
    expect(html).toMatch(/<input[^>]* name="email"/);
    expect(html).toMatch(/<input[^>]* type="email"/);
  });
});

describe('checkbox pattern', () => {
  const { render } = load(loadSpec('checkbox'));

  it('renders a native checkbox inside its label', () => {
    const html = render({});
    expect(html).toMatch(/^<label class="root checked-false"><input type="checkbox" class="input"/);
    expect(html).toContain('<span class="label">Accept terms</span></label>');
  });

  it('reflects checked, indeterminate (aria-checked="mixed") and disabled', () => {
    expect(render({ checked: 'True' })).toMatch(/<input[^>]* checked=""/);
    expect(render({ checked: 'False' })).not.toMatch(/ checked=""/);
    const mixed = render({ checked: 'Indeterminate' });
    expect(mixed).toContain('aria-checked="mixed"');
    expect(mixed).not.toMatch(/ checked=""/);
    expect(render({ disabled: true })).toMatch(/<input[^>]* disabled=""/);
  });

  it('is read-only until the consumer handles changes', () => {
    expect(render({})).toMatch(/<input[^>]* readOnly=""/);
    expect(render({ onChange: () => undefined })).not.toMatch(/readOnly/);
  });
});

describe('badge pattern', () => {
  it('a notification badge (a live count) is a status region', () => {
    const { render } = load(loadSpec('badge'));
    expect(render({})).toBe('<span role="status" class="root tone-info"><span class="label">3</span></span>');
  });

  it('a tag is not announced; an unclaimed boolean becomes a data attribute', () => {
    const { render } = load(loadSpec('tag'));
    expect(render({})).toBe('<span class="root variant-neutral"><span class="label">New</span></span>');
    expect(render({ closeIcon: createElement('i'), removable: true, variant: 'brand' })).toBe(
      '<span class="root variant-brand" data-removable=""><span class="label">New</span><span class="close-icon"><i></i></span></span>',
    );
  });
});

describe('card pattern', () => {
  const { render } = load(loadSpec('card'));

  it('is an article labelled by its heading', () => {
    const html = render({});
    const labelledBy = /^<article class="root elevation-flat" aria-labelledby="([^"]+)">/.exec(html)?.[1];
    expect(labelledBy).toBeTruthy();
    expect(html).toContain(`<h3 id="${labelledBy}" class="heading">Card title</h3>`);
    expect(html).toContain('<p class="description">Supporting text</p>');
  });

  it('takes a heading level, media, content and actions', () => {
    const html = render(
      { headingLevel: 2, image: createElement('img', { alt: '' }), actions: createElement('button', null, 'Buy') },
      'Body',
    );
    expect(html).toContain('<h2 ');
    expect(html).toMatch(/<div class="image"><img alt=""\/><\/div><h2/);
    expect(html).toContain('<div class="content">Body</div>');
    expect(html).toMatch(/<div class="actions"><button>Buy<\/button><\/div><\/article>$/);
  });

  it('without a title there is no heading and no aria-labelledby', () => {
    const html = render({ title: '' });
    expect(html).not.toContain('aria-labelledby');
    expect(html).not.toContain('<h3');
  });
});

describe('generic pattern: all five prop kinds', () => {
  const { render } = load(loadSpec('generic'));

  it('variant → classes, boolean → data attribute, text → span, instance swap and slot → elements', () => {
    const html = render(
      {
        tone: 'warning',
        density: 'comfortable',
        hasIcon: true,
        icon: createElement('b', null, 'i'),
        content: createElement('em', null, 'slot'),
      },
      'kids',
    );
    expect(html).toBe(
      '<div class="root tone-warning density-comfortable tone-warning_density-comfortable" data-dismissible="">' +
        '<span class="title">Heads up</span><span class="icon"><b>i</b></span><span class="content"><em>slot</em></span>kids</div>',
    );
    expect(render({ dismissible: false, hasIcon: false, icon: createElement('b') })).toBe(
      '<div class="root tone-info density-comfortable"><span class="title">Heads up</span></div>',
    );
  });
});

describe('tricky names render', () => {
  const [primary, grosse, cls, reactNode, star] = loadSpecs('tricky-names');

  it('maps odd option values to valid, distinct classes', () => {
    const { render, name } = load(primary as ComponentSpec);
    expect(name).toBe('Component2ButtonPrimary');
    const seen = new Set<string>();
    for (const value of ['x-large', '2xl', '', 'XL', 'xl', '__proto__', "it's", 'a/b']) {
      const grosseClass = rootClasses(render({ grosse: value }))[1];
      expect(grosseClass).toMatch(/^grosse-[a-z0-9-]+$/);
      seen.add(grosseClass as string);
    }
    expect(seen.size).toBe(8);
    expect(rootClasses(render({ grosse: '' }))).toContain('grosse-empty');
    expect(rootClasses(render({ grosse: 'xl' }))).toContain('grosse-xl');
    expect(rootClasses(render({ grosse: 'XL' }))).toContain('grosse-xl-2');
  });

  it('keeps colliding and reserved prop names apart', () => {
    const { render } = load(primary as ComponentSpec);
    const html = render(
      { size: 'lg', size2: 'large', defaultProp: 'D', classNameProp: 'C', className: 'extra', childrenProp: 'slot' },
      'kid',
    );
    expect(rootClasses(html)).toEqual(['root', 'grosse-x-large', 'size-lg', 'size2-large', 'extra']);
    expect(html).toContain('<span class="default">D</span>');
    expect(html).toContain('<span class="class-name">C</span>');
    expect(html).toContain('<span class="children">slot</span>');
    expect(html).toContain('<span class="label">kid</span>');
    expect(html).toContain('<span class="part-2xl">two</span>');
    expect(render({})).toContain('Line1\nLine2 &#x27;quoted&#x27; \\ back`tick ${x}');
  });

  it('components named "Größe", "class", "ReactNode" and "★" get valid identifiers', () => {
    expect(load(grosse as ComponentSpec).name).toBe('Grosse');
    expect(load(cls as ComponentSpec).name).toBe('Class');
    expect(load(reactNode as ComponentSpec).name).toBe('ReactNodeComponent');
    const starred = load(star as ComponentSpec);
    expect(starred.name).toMatch(/^Component[0-9a-f]{8}$/);
    expect(starred.render({})).toBe('<div class="root"></div>');
  });
});
