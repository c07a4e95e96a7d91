import { describe, expect, it } from 'vitest';
import { SpecChange } from '../../../core/contract/changes.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { diffSpecs } from '../../../core/changes/index.js';

const button: ComponentSpec = {
  id: '10:1',
  name: 'Button',
  description: 'Primary action',
  props: [
    { name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['sm', 'md', 'xl'] },
    { name: 'label', id: 'label#1:2', kind: 'text', default: 'Button' },
    { name: 'disabled', id: 'disabled#1:3', kind: 'boolean', default: false },
  ],
  variants: [
    { id: '10:2', values: { size: 'sm' }, bindings: { fill: 'V:1', paddingLeft: 'V:5' } },
    { id: '10:3', values: { size: 'md' }, bindings: { fill: 'V:1' } },
    { id: '10:4', values: { size: 'xl' }, bindings: { fill: 'V:1' } },
  ],
};

const edit = (f: (s: ComponentSpec) => void): ComponentSpec => {
  const copy = structuredClone(button);
  f(copy);
  return copy;
};

describe('diffSpecs', () => {
  it('finds nothing between a spec and itself', () => {
    expect(diffSpecs(button, structuredClone(button))).toEqual([]);
  });

  it('reports props added and removed', () => {
    const after = edit((s) => {
      s.props.splice(2, 1);
      s.props.push({ name: 'icon', id: 'icon#1:9', kind: 'instanceSwap', default: '5:1' });
    });
    expect(diffSpecs(button, after)).toEqual([
      {
        kind: 'propAdded',
        prop: 'icon',
        after: { name: 'icon', id: 'icon#1:9', kind: 'instanceSwap', default: '5:1' },
      },
      {
        kind: 'propRemoved',
        prop: 'disabled',
        before: { name: 'disabled', id: 'disabled#1:3', kind: 'boolean', default: false },
      },
    ]);
  });

  it('recognises a rename by the Figma property id', () => {
    const after = edit((s) => {
      s.props[1]!.name = 'text';
    });
    expect(diffSpecs(button, after)).toEqual([{ kind: 'propRenamed', prop: 'text', before: 'label', after: 'text' }]);
  });

  it('matches props without ids by name', () => {
    const strip = (s: ComponentSpec): ComponentSpec => ({ ...s, props: s.props.map(({ id: _id, ...p }) => p) });
    expect(diffSpecs(strip(button), button)).toEqual([]);
  });

  it('reports a kind change once, without option or default noise', () => {
    const after = edit((s) => {
      s.props[0] = { name: 'size', id: 'size', kind: 'boolean', default: true };
    });
    expect(diffSpecs(button, after)).toEqual([
      { kind: 'propTypeChanged', prop: 'size', before: 'variant', after: 'boolean' },
    ]);
  });

  it('reports options added and removed and a changed default', () => {
    const after = edit((s) => {
      s.props[0]!.options = ['sm', 'md', 'lg'];
      s.props[0]!.default = 'sm';
    });
    expect(diffSpecs(button, after)).toEqual([
      { kind: 'optionAdded', prop: 'size', option: 'lg' },
      { kind: 'optionRemoved', prop: 'size', option: 'xl' },
      { kind: 'defaultChanged', prop: 'size', before: 'md', after: 'sm' },
    ]);
  });

  it('reports variants added and removed by their values key', () => {
    const after = edit((s) => {
      s.variants[2] = { id: '10:9', values: { size: 'lg' }, bindings: { fill: 'V:1' } };
    });
    expect(diffSpecs(button, after)).toEqual([
      { kind: 'variantAdded', variant: 'size=lg', after: { values: { size: 'lg' }, bindings: { fill: 'V:1' } } },
      { kind: 'variantRemoved', variant: 'size=xl', before: { values: { size: 'xl' }, bindings: { fill: 'V:1' } } },
    ]);
  });

  it('reports bindings changed, added and removed per variant and slot', () => {
    const after = edit((s) => {
      s.variants[0]!.bindings = { fill: 'V:2', gap: 'V:6' };
    });
    expect(diffSpecs(button, after)).toEqual([
      { kind: 'bindingChanged', variant: 'size=sm', binding: 'fill', before: 'V:1', after: 'V:2' },
      { kind: 'bindingChanged', variant: 'size=sm', binding: 'gap', after: 'V:6' },
      { kind: 'bindingChanged', variant: 'size=sm', binding: 'paddingLeft', before: 'V:5' },
    ]);
  });

  it('ignores variant order and node ids; identity is the values', () => {
    const after = edit((s) => {
      s.variants.reverse();
      s.variants[0]!.id = '99:9';
    });
    expect(diffSpecs(button, after)).toEqual([]);
  });

  it('reports name and description changes first', () => {
    const after = edit((s) => {
      s.name = 'PrimaryButton';
      delete s.description;
      s.props[2]!.default = true;
    });
    const changes = diffSpecs(button, after);
    expect(changes).toEqual([
      { kind: 'nameChanged', before: 'Button', after: 'PrimaryButton' },
      { kind: 'descriptionChanged', before: 'Primary action' },
      { kind: 'defaultChanged', prop: 'disabled', before: false, after: true },
    ]);
    for (const c of changes) expect(SpecChange.parse(c)).toEqual(c);
  });
});
