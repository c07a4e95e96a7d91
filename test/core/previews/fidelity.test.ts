import { describe, expect, it } from 'vitest';
import type { Layer } from '../../../core/contract/layers.js';
import { fidelity, fidelityLine, flattenLayers, layerMatches, variantFidelity } from '../../../core/previews/index.js';

const tree: Layer = {
  id: '1:1',
  name: 'Button',
  type: 'COMPONENT',
  box: { x: 0, y: 0, width: 100, height: 40 },
  children: [
    { id: '1:2', name: 'Label', type: 'TEXT', box: { x: 16, y: 12, width: 68, height: 16 } },
    {
      id: '1:3',
      name: 'Icon slot',
      type: 'FRAME',
      visible: false,
      box: { x: 4, y: 12, width: 16, height: 16 },
      children: [{ id: '1:4', name: 'Glyph', type: 'VECTOR', box: { x: 4, y: 12, width: 16, height: 16 } }],
    },
  ],
};

describe('layerMatches', () => {
  const box = { x: 10, y: 10, width: 50, height: 20 };
  it('accepts up to 1 px of difference on each of x, y, width and height', () => {
    expect(layerMatches('FRAME', box, { x: 11, y: 9, width: 51, height: 19 })).toBe(true);
    expect(layerMatches('FRAME', box, { x: 11.5, y: 10, width: 50, height: 20 })).toBe(false);
    expect(layerMatches('FRAME', box, { x: 10, y: 10, width: 50, height: 21.01 })).toBe(false);
  });
  it('accepts up to 2 px for text layers', () => {
    expect(layerMatches('TEXT', box, { x: 12, y: 8, width: 52, height: 22 })).toBe(true);
    expect(layerMatches('TEXT', box, { x: 12.5, y: 10, width: 50, height: 20 })).toBe(false);
  });
});

describe('flattenLayers', () => {
  it('lists the tree depth first, a hidden parent hiding its children', () => {
    expect(flattenLayers(tree).map((l) => [l.id, l.visible])).toEqual([
      ['1:1', true],
      ['1:2', true],
      ['1:3', false],
      ['1:4', false],
    ]);
  });

  it("keeps a layer another component renders, but not its insides: they are that component's own fidelity", () => {
    expect(flattenLayers(tree, (layer) => layer.id === '1:3').map((l) => l.id)).toEqual(['1:1', '1:2', '1:3']);
  });
});

describe('fidelity', () => {
  const design = flattenLayers(tree);

  it('counts matched visible layers over visible layers, listing the others with both boxes', () => {
    const v = variantFidelity('1:1', 'Light', design, [
      { id: '1:1', x: 0, y: 0, width: 100, height: 40 },
      { id: '1:2', x: 16, y: 12, width: 75, height: 16 },
    ]);
    expect(v).toMatchObject({ id: '1:1', mode: 'Light', matched: 1, total: 2 });
    expect(v.mismatches).toEqual([
      {
        id: '1:2',
        name: 'Label',
        expected: { x: 16, y: 12, width: 68, height: 16 },
        rendered: { x: 16, y: 12, width: 75, height: 16 },
      },
    ]);
  });

  it('counts a visible layer the page did not render as a mismatch with no rendered box', () => {
    const v = variantFidelity('1:1', 'Dark', design, [{ id: '1:1', x: 0, y: 0, width: 100, height: 40 }]);
    expect(v.matched).toBe(1);
    expect(v.mismatches).toEqual([
      { id: '1:2', name: 'Label', expected: { x: 16, y: 12, width: 68, height: 16 }, rendered: null },
    ]);
  });

  it('sums variants and modes into the overall figure', () => {
    const exact = [
      { id: '1:1', x: 0, y: 0, width: 100, height: 40 },
      { id: '1:2', x: 17, y: 13, width: 69, height: 15 },
    ];
    const f = fidelity(
      [{ id: '1:1', layers: design }],
      [
        { id: '1:1', mode: 'Light', layers: exact },
        { id: '1:1', mode: 'Dark', layers: exact.slice(0, 1) },
        { id: '9:9', mode: 'Light', layers: exact },
      ],
    );
    expect(f.variants.map((v) => [v.id, v.mode, v.matched, v.total])).toEqual([
      ['1:1', 'Light', 2, 2],
      ['1:1', 'Dark', 1, 2],
      ['9:9', 'Light', 0, 0],
    ]);
    expect({ matched: f.matched, total: f.total }).toEqual({ matched: 3, total: 4 });
    expect(fidelityLine(f)).toBe('Layout matches the design: 3 of 4 layers');
  });
});
