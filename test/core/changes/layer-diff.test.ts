import { describe, expect, it } from 'vitest';
import { SpecChange } from '../../../core/contract/changes.js';
import type { Layer } from '../../../core/contract/layers.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { decideBump, diffLayers, diffSpecs } from '../../../core/changes/index.js';
import { specHash } from '../../../core/specs/index.js';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

/** A button variant: root auto layout → Container (padding) → Icon (wired to "Show icon") + Label. */
function buttonTree(variant: string): Layer {
  return {
    id: `${variant}:root`,
    name: `Size=${variant}`,
    type: 'COMPONENT',
    box: box(0, 0, 120, 40),
    layout: { layoutMode: 'HORIZONTAL', paddingLeft: 12, paddingRight: 12 },
    style: { fills: [{ type: 'SOLID', color: { r: 0, g: 0.333, b: 1, a: 1 }, token: 'V:bg' }] },
    children: [
      {
        id: `${variant}:container`,
        name: 'Container',
        type: 'FRAME',
        box: box(12, 8, 96, 24),
        layout: { layoutMode: 'HORIZONTAL', paddingLeft: 8, itemSpacing: { token: 'V:gap', value: 4 } },
        children: [
          {
            id: `${variant}:icon`,
            name: 'Icon',
            type: 'INSTANCE',
            box: box(0, 4, 16, 16),
            props: { visible: 'Show icon' },
            instance: { componentId: '5:1', componentKey: 'k-icon', componentName: 'Icon/Star' },
          },
          {
            id: `${variant}:label`,
            name: 'Label',
            type: 'TEXT',
            box: box(20, 0, 60, 24),
            props: { characters: 'Label' },
            style: { fills: [{ type: 'SOLID', color: { r: 1, g: 1, b: 1, a: 1 }, token: 'V:fg' }] },
            text: { characters: 'Button', fontSize: 14, fontName: { family: 'Inter', style: 'Medium' } },
          },
        ],
      },
    ],
  };
}

const sizes = ['sm', 'md', 'lg'];
const spec = (): ComponentSpec => ({
  id: '1:1',
  name: 'Button',
  props: [
    { name: 'Size', kind: 'variant', default: 'md', options: sizes },
    { name: 'Show icon', kind: 'boolean', default: true },
    { name: 'Label', kind: 'text', default: 'Button' },
  ],
  variants: sizes.map((s) => ({ id: `v-${s}`, values: { Size: s }, bindings: {}, layers: buttonTree(s) })),
});

/** Finds a layer by name in a tree. */
function find(root: Layer, name: string): Layer {
  if (root.name === name) return root;
  for (const c of root.children ?? []) {
    try {
      return find(c, name);
    } catch {
      /* not in this branch */
    }
  }
  throw new Error(`no layer ${name}`);
}

const names: Record<string, string> = { 'V:fg': 'color/fg', 'V:bg': 'color/bg', 'V:gap': 'space/gap' };
const decide = (before: ComponentSpec, after: ComponentSpec) =>
  decideBump({ specChanges: diffSpecs(before, after), tokenName: (id) => names[id] });

describe('layer change detection', () => {
  it('finds nothing between a tree and itself', () => {
    expect(diffSpecs(spec(), spec())).toEqual([]);
  });

  it('reports a padding change with the layer and the property, once for all variants', () => {
    const after = spec();
    for (const v of after.variants) find(v.layers!, 'Container').layout!.paddingLeft = 16;
    const changes = diffSpecs(spec(), after);
    expect(changes).toHaveLength(1);
    expect(SpecChange.parse(changes[0])).toMatchObject({
      kind: 'layerChanged',
      layer: 'Container',
      property: 'paddingLeft',
      before: 8,
      after: 16,
      variants: ['Size=lg', 'Size=md', 'Size=sm'],
    });
    const d = decide(spec(), after);
    expect(d.bump).toBe('minor');
    expect(d.reasons).toEqual(['paddingLeft of `Container` 8 → 16 (in 3 variants)']);
  });

  it("names the root layer after the component and one variant's change after its variant", () => {
    const after = spec();
    after.variants[1]!.layers!.layout!.paddingLeft = 16;
    expect(decide(spec(), after).reasons).toEqual(['paddingLeft of `Button` 12 → 16 (in variant `Size=md`)']);
  });

  it('formats colours as hex and bound values by their token name', () => {
    const after = spec();
    find(after.variants[0]!.layers!, 'Label').style!.fills = [{ type: 'SOLID', color: { r: 1, g: 1, b: 1, a: 1 } }];
    const d = decide(spec(), after);
    expect(d.reasons).toEqual(['fills of `Label` {color/fg} → #ffffff (in variant `Size=sm`)']);
    expect(d.bump).toBe('minor');
  });

  it('is no change when only the resolved value of a bound token differs', () => {
    const after = spec();
    for (const v of after.variants) {
      find(v.layers!, 'Container').layout!.itemSpacing = { token: 'V:gap', value: 6 };
      find(v.layers!, 'Label').style!.fills = [
        { type: 'SOLID', color: { r: 0.9, g: 0.9, b: 0.9, a: 1 }, token: 'V:fg' },
      ];
      v.layers!.style!.fills = [{ type: 'SOLID', color: { r: 0, g: 0, b: 0, a: 1 }, token: 'V:bg' }];
    }
    expect(diffSpecs(spec(), after)).toEqual([]);
  });

  it('reports a re-bound value as a change from one token to another', () => {
    const after = spec();
    find(after.variants[0]!.layers!, 'Container').layout!.itemSpacing = { token: 'V:other', value: 4 };
    expect(decide(spec(), after).reasons).toEqual([
      'itemSpacing of `Container` {space/gap} → {V:other} (in variant `Size=sm`)',
    ]);
  });

  it('ignores boxes entirely: no change and the same spec hash', () => {
    const after = spec();
    for (const v of after.variants) {
      find(v.layers!, 'Label').box = box(21, 1, 63, 23);
      v.layers!.box = box(0, 0, 124, 41);
    }
    expect(diffSpecs(spec(), after)).toEqual([]);
    expect(decide(spec(), after).bump).toBe('none');
    expect(specHash(after)).toBe(specHash(spec()));
    // …whereas a design value does change the hash.
    find(after.variants[0]!.layers!, 'Container').layout!.paddingLeft = 9;
    expect(specHash(after)).not.toBe(specHash(spec()));
  });

  it('reports a layer added as minor, its subtree as one change', () => {
    const after = spec();
    find(after.variants[2]!.layers!, 'Container').children!.push({
      id: 'lg:badge',
      name: 'Badge',
      type: 'FRAME',
      box: box(0, 0, 8, 8),
      children: [{ id: 'lg:dot', name: 'Dot', type: 'ELLIPSE', box: box(0, 0, 8, 8) }],
    });
    const d = decide(spec(), after);
    expect(d.bump).toBe('minor');
    expect(d.reasons).toEqual(['layer `Badge` added (in variant `Size=lg`)']);
  });

  it('reports a layer removed as minor when no prop is wired to it', () => {
    const before = spec();
    find(before.variants[0]!.layers!, 'Container').children!.push({
      id: 'sm:divider',
      name: 'Divider',
      type: 'LINE',
      box: box(0, 0, 8, 1),
    });
    const d = decide(before, spec());
    expect(d.bump).toBe('minor');
    expect(d.reasons).toEqual(['layer `Divider` removed (in variant `Size=sm`)']);
  });

  it('reports a removed layer a prop is wired to as major, also when its parent goes with it', () => {
    const after = spec();
    for (const v of after.variants) {
      const container = find(v.layers!, 'Container');
      container.children = container.children!.filter((c) => c.name !== 'Icon');
    }
    const d = decide(spec(), after);
    expect(d.bump).toBe('major');
    expect(d.reasons).toEqual(['`Icon`, wired to prop `Show icon`, removed (in 3 variants)']);

    const gone = spec();
    gone.variants[0]!.layers!.children = [];
    const d2 = decide(spec(), gone);
    expect(d2.bump).toBe('major');
    expect(d2.reasons).toEqual([
      '`Icon`, wired to prop `Show icon`, removed (in variant `Size=sm`)',
      '`Label`, wired to prop `Label`, removed (in variant `Size=sm`)',
      'layer `Container` removed (in variant `Size=sm`)',
    ]);
  });

  it('reports a text default changed as minor, with the text quoted', () => {
    const after = spec();
    for (const v of after.variants) find(v.layers!, 'Label').text!.characters = 'Submit';
    const d = decide(spec(), after);
    expect(d.bump).toBe('minor');
    expect(d.reasons).toEqual(['characters of `Label` "Button" → "Submit" (in 3 variants)']);
  });

  it('matches layers by name path when ids changed (re-created layers)', () => {
    const after = spec();
    const label = find(after.variants[0]!.layers!, 'Label');
    label.id = 'new-id';
    expect(diffSpecs(spec(), after)).toEqual([]);
    label.text!.fontSize = 16;
    expect(decide(spec(), after).reasons).toEqual(['fontSize of `Label` 14 → 16 (in variant `Size=sm`)']);
  });

  it('matches by id first: a renamed layer keeps its identity', () => {
    const before = buttonTree('sm');
    const after = buttonTree('sm');
    find(after, 'Container').name = 'Content';
    expect(diffLayers('Size=sm', before, after, 'Button')).toEqual([]);
  });

  it('compares nothing when a side has no tree (a client that predates layer trees)', () => {
    expect(diffLayers('Size=sm', undefined, buttonTree('sm'), 'Button')).toEqual([]);
  });

  it('reports a reordering of children', () => {
    const after = buttonTree('sm');
    find(after, 'Container').children!.reverse();
    const changes = diffLayers('Size=sm', buttonTree('sm'), after, 'Button');
    expect(changes).toEqual([
      {
        kind: 'layerChanged',
        variant: 'Size=sm',
        layer: 'Container',
        layerId: 'sm:container',
        property: 'order of children',
      },
    ]);
  });
});
