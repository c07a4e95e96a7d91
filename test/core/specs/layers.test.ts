import { describe, expect, it } from 'vitest';
import type { Layer } from '../../../core/contract/layers.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { buildLayerTree, specHash, type LayerSource, type RawLayer } from '../../../core/specs/index.js';

const tree = (padding: number, x: number): Layer => ({
  id: '1:1',
  name: 'Button',
  type: 'COMPONENT',
  box: { x: 0, y: 0, width: 100, height: 32 },
  layout: { layoutMode: 'HORIZONTAL', paddingLeft: padding },
  children: [{ id: '1:2', name: 'Label', type: 'TEXT', box: { x, y: 4, width: 40, height: 20 } }],
});
const spec = (layers: Layer): ComponentSpec => ({
  id: '1:0',
  name: 'Button',
  props: [],
  variants: [{ id: '1:1', values: {}, bindings: {}, layers }],
});

describe('specHash and layer boxes', () => {
  it('ignores every box: two specs differing only in geometry hash equal, and keep their boxes', () => {
    const a = spec(tree(8, 8));
    const b = spec(tree(8, 12.5));
    expect(specHash(a)).toBe(specHash(b));
    expect(b.variants[0]!.layers!.children![0]!.box.x).toBe(12.5);
  });
  it('does not ignore a padding', () => {
    expect(specHash(spec(tree(8, 8)))).not.toBe(specHash(spec(tree(12, 8))));
  });
});

interface Node {
  raw: RawLayer;
  children: Node[];
}
const source: LayerSource<Node> = { read: (n) => n.raw, children: (n) => n.children };
const node = (id: string, type: string, children: Node[] = []): Node => ({
  raw: { id, name: id, type, box: { x: 10, y: 10, width: 5, height: 5 }, visible: true, values: {}, bound: {} },
  children,
});

describe('buildLayerTree', () => {
  it('keeps an unknown node type as a box, with a warning, and does not read inside it', () => {
    const warnings: string[] = [];
    const layer = buildLayerTree(node('1', 'FRAME', [node('2', 'HOLOGRAM', [node('3', 'FRAME')])]), source, {
      warn: (m) => warnings.push(m),
    });
    expect(layer?.children).toEqual([
      { id: '2', name: '2', type: 'HOLOGRAM', box: { x: 0, y: 0, width: 5, height: 5 } },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/HOLOGRAM.*kept as a box/)]);
  });
  it('stops at 64 levels and 2,000 layers, with one warning each', () => {
    let deep = node('d64', 'FRAME');
    for (let i = 65; i >= 0; i--) deep = node(`d${i}`, 'FRAME', [deep]);
    const warnings: string[] = [];
    let layer = buildLayerTree(deep, source, { warn: (m) => warnings.push(m) });
    let depth = 0;
    while (layer) {
      depth += 1;
      layer = layer.children?.[0];
    }
    expect(depth).toBe(64);
    const wide = node(
      'w',
      'FRAME',
      Array.from({ length: 2500 }, (_, i) => node(`w${i}`, 'RECTANGLE')),
    );
    const tree = buildLayerTree(wide, source, { warn: (m) => warnings.push(m) });
    expect(tree?.children).toHaveLength(1999);
    expect(warnings).toEqual([
      expect.stringMatching(/deeper than 64 levels/),
      expect.stringMatching(/more than 2000 layers/),
    ]);
  });
  it('gives no tree when the root has no bounding box', () => {
    const root = node('1', 'COMPONENT');
    root.raw.box = null;
    expect(buildLayerTree(root, source)).toBeUndefined();
  });
});
