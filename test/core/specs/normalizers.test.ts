import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ComponentSpec } from '../../../core/contract/specs.js';
import {
  specFromPluginNode,
  specFromRestNode,
  specHash,
  specsFromRestNodes,
  type PluginComponentLike,
  type PluginComponentSetLike,
  type RestNodesResponseLike,
} from '../../../core/specs/index.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/figma/${name}`, import.meta.url), 'utf8'));

const plugin = fixture('button.plugin.json') as {
  componentSet: PluginComponentSetLike;
  component: PluginComponentLike;
};
const rest = fixture('button.rest.json') as RestNodesResponseLike;

const V = (n: string): string => `VariableID:${n}`;

describe('specFromPluginNode', () => {
  const spec = specFromPluginNode(plugin.componentSet);

  it('is a valid wire ComponentSpec', () => {
    expect(ComponentSpec.parse(spec)).toEqual(spec);
  });

  it('reads identity, name, key and description', () => {
    expect(spec).toMatchObject({
      id: '10:1',
      key: 'set-key-button',
      name: 'Button',
      description: 'Primary action button',
    });
  });

  it('maps every property type, strips the #id suffix from the name and keeps the full key as id', () => {
    expect(spec.props).toEqual([
      { name: 'Size', id: 'Size', kind: 'variant', default: 'md', options: ['sm', 'md', 'lg'] },
      { name: 'State', id: 'State', kind: 'variant', default: 'default', options: ['default', 'hover'] },
      { name: 'Label', id: 'Label#10:2', kind: 'text', default: 'Button' },
      { name: 'Show icon', id: 'Show icon#10:3', kind: 'boolean', default: true },
      { name: 'Icon', id: 'Icon#10:4', kind: 'instanceSwap', default: '20:1' },
      { name: 'Content', id: 'Content#10:5', kind: 'slot', default: '' },
    ]);
  });

  it('orders variants by option order, not by child order', () => {
    expect(spec.variants.map((v) => v.id)).toEqual(['10:10', '10:11', '10:12']);
    expect(spec.variants.map((v) => v.values)).toEqual([
      { Size: 'sm', State: 'default' },
      { Size: 'md', State: 'default' },
      { Size: 'lg', State: 'hover' },
    ]);
  });

  it('names binding slots on the variant and its namespaced layers', () => {
    const [sm, md, lg] = spec.variants;
    expect(sm!.bindings).toEqual({
      fill: V('1:1'),
      paddingLeft: V('2:1'),
      paddingRight: V('2:1'),
      gap: V('2:2'),
      // four equal corners collapse into one radius
      radius: V('3:1'),
      // the text style supersedes the bound fontSize; the instance is not walked into
      'label.typography': 'S:textkey1,30:1',
      'label.fill': V('1:5'),
      'icon.fill': V('1:6'),
    });
    expect(md!.bindings).toEqual({
      // the fill style wins over paints; a single corner keeps its own slot
      fill: 'S:fillkey1,30:2',
      stroke: V('1:2'),
      strokeWeightTop: V('2:3'),
      paddingTop: V('2:4'),
      radiusTopLeft: V('3:1'),
      'content.paddingLeft': V('2:1'),
      'content.gap': V('2:2'),
      'label.typography': 'S:textkey1,30:1',
      // a second layer named "Label" gets its own namespace
      'label2.fontSize': V('4:1'),
      'label2.fontWeight': V('4:2'),
    });
    expect(lg!.bindings).toEqual({
      fill: V('1:1'),
      'fill.2': V('1:3'),
      effects: 'S:effectkey1,30:3',
      opacity: V('5:1'),
      minWidth: V('2:5'),
      width: V('2:6'),
      'helperText.typography': 'S:remotekey,',
      'helperText.fill': V('1:5'),
    });
  });

  it('lists tokenRefs as the sorted union of bound ids', () => {
    expect(spec.tokenRefs).toEqual([
      'S:effectkey1,30:3',
      'S:fillkey1,30:2',
      'S:remotekey,',
      'S:textkey1,30:1',
      V('1:1'),
      V('1:2'),
      V('1:3'),
      V('1:5'),
      V('1:6'),
      V('2:1'),
      V('2:2'),
      V('2:3'),
      V('2:4'),
      V('2:5'),
      V('2:6'),
      V('3:1'),
      V('4:1'),
      V('4:2'),
      V('5:1'),
    ]);
    // nested instance internals and instance property values are not the component's tokens
    expect(spec.tokenRefs).not.toContain(V('1:7'));
    expect(spec.tokenRefs).not.toContain(V('9:9'));
  });

  it('turns a lone component into a spec with one variant', () => {
    const warnings: string[] = [];
    const badge = specFromPluginNode(plugin.component, { warn: (m) => warnings.push(m) });
    expect(badge).toEqual({
      id: '50:1',
      key: 'badge-key',
      name: 'Badge',
      props: [{ name: 'Text', id: 'Text#50:2', kind: 'text', default: 'New' }],
      variants: [{ id: '50:1', values: {}, bindings: { fill: V('1:4'), radius: V('3:2') } }],
      tokenRefs: [V('1:4'), V('3:2')],
    });
    expect(warnings).toEqual(['Badge: property Future#50:3 (HOLOGRAM) has an unknown type and was skipped']);
  });

  it('binds no grid style (layout grids become no token), but variables bound inside the grids', () => {
    const withGridStyle = { ...plugin.component, gridStyleId: 'S:grid-key,1:9' };
    expect(specFromPluginNode(withGridStyle).variants[0]!.bindings).toEqual({ fill: V('1:4'), radius: V('3:2') });
    const withBoundGrid = {
      ...plugin.component,
      gridStyleId: 'S:grid-key,1:9',
      boundVariables: { ...plugin.component.boundVariables, layoutGrids: [{ type: 'VARIABLE_ALIAS', id: V('2:7') }] },
    };
    expect(specFromPluginNode(withBoundGrid).variants[0]!.bindings).toMatchObject({ layoutGrid: V('2:7') });
  });

  it('falls back to the variant name when variantProperties cannot be read', () => {
    const child = { ...plugin.componentSet.children[0]! };
    Object.defineProperty(child, 'variantProperties', {
      get: () => {
        throw new Error('Component set has existing errors');
      },
    });
    const warnings: string[] = [];
    const spec2 = specFromPluginNode({ ...plugin.componentSet, children: [child] }, { warn: (m) => warnings.push(m) });
    expect(spec2.variants[0]!.values).toEqual({ Size: 'lg', State: 'hover' });
    expect(warnings[0]).toMatch(/variantProperties unreadable/);
  });

  it('skips a mixed text style (figma.mixed is a symbol)', () => {
    const mixed = Symbol('mixed');
    const spec2 = specFromPluginNode({
      id: '1:1',
      name: 'T',
      type: 'COMPONENT',
      key: '',
      description: '',
      componentPropertyDefinitions: {},
      children: [{ id: '1:2', name: 'Text', type: 'TEXT', textStyleId: mixed, fillStyleId: mixed, fills: mixed }],
    });
    expect(spec2.variants[0]!.bindings).toEqual({});
  });
});

describe('REST and Plugin normalizers agree', () => {
  const specs = specsFromRestNodes(rest);

  it('finds the component set and the lone component, skipping a lone variant and missing nodes', () => {
    expect(specs.map((s) => s.id)).toEqual(['10:1', '50:1']);
  });

  it('produce identical specs and hashes for the fixture pair', () => {
    expect(specs[0]).toEqual(specFromPluginNode(plugin.componentSet));
    expect(specs[1]).toEqual(specFromPluginNode(plugin.component));
    expect(specHash(specs[0]!)).toBe(specHash(specFromPluginNode(plugin.componentSet)));
  });

  it('keeps a REST style id when the styles map does not know it', () => {
    const entry = rest.nodes['10:1']!;
    const spec = specFromRestNode(entry.document as never, { ...entry, styles: {} });
    expect(spec.variants[1]!.bindings.fill).toBe('30:2');
  });
});
