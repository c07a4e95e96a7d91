import { describe, expect, it } from 'vitest';
import { variantFidelity } from '../../../core/previews/fidelity.js';
import { fidelity, layerMatches, type ExpectedLayer } from '../../../plugin/ui/preview/fidelity.js';

const layer = (id: string, type: string, box: ExpectedLayer['box'], visible = true): ExpectedLayer => ({
  id,
  name: `Layer ${id}`,
  type,
  visible,
  box,
});

describe('fidelity', () => {
  const root = layer('1:1', 'COMPONENT', { x: 0, y: 0, width: 120, height: 40 });
  const label = layer('1:2', 'TEXT', { x: 16, y: 12, width: 88, height: 16 });
  const icon = layer('1:3', 'VECTOR', { x: 4, y: 12, width: 16, height: 16 });

  it('counts a layer within 1 px on every side (text: 2 px) as matching', () => {
    const result = fidelity(
      [root, label, icon],
      [
        { id: '1:1', x: 0, y: 0, width: 121, height: 39 },
        { id: '1:2', x: 18, y: 10, width: 90, height: 14 },
        { id: '1:3', x: 5, y: 13, width: 15, height: 17 },
      ],
    );
    expect(result).toEqual({ matched: 3, total: 3, mismatches: [] });
  });

  it('lists each layer off by more, with both boxes, and a layer the preview did not render', () => {
    const result = fidelity(
      [root, label, icon],
      [
        { id: '1:1', x: 0, y: 0, width: 122, height: 40 },
        { id: '1:2', x: 16, y: 12, width: 91, height: 16 },
      ],
    );
    expect(result.matched).toBe(0);
    expect(result.total).toBe(3);
    expect(result.mismatches).toEqual([
      { id: '1:1', name: 'Layer 1:1', expected: root.box, rendered: { x: 0, y: 0, width: 122, height: 40 } },
      { id: '1:2', name: 'Layer 1:2', expected: label.box, rendered: { x: 16, y: 12, width: 91, height: 16 } },
      { id: '1:3', name: 'Layer 1:3', expected: icon.box, rendered: null },
    ]);
  });

  it('leaves hidden layers out of both counts, rendered or not', () => {
    const hidden = layer('1:4', 'FRAME', { x: 0, y: 0, width: 10, height: 10 }, false);
    const result = fidelity([root, hidden], [{ id: '1:1', x: 0, y: 0, width: 120, height: 40 }]);
    expect(result).toEqual({ matched: 1, total: 1, mismatches: [] });
  });

  it('ignores rendered layers the design does not have, and a non-finite box never matches', () => {
    const result = fidelity(
      [root],
      [
        { id: '1:1', x: Number.NaN, y: 0, width: 120, height: 40 },
        { id: '9:9', x: 0, y: 0, width: 1, height: 1 },
      ],
    );
    expect(result.matched).toBe(0);
    expect(result.total).toBe(1);
    expect(layerMatches('FRAME', root.box, { x: 0.9, y: -1, width: 119, height: 41 })).toBe(true);
    expect(layerMatches('FRAME', root.box, { x: 1.01, y: 0, width: 120, height: 40 })).toBe(false);
    expect(layerMatches('TEXT', root.box, { x: 2, y: -2, width: 122, height: 38 })).toBe(true);
  });

  it("is core's rule: the same layers give the server's counts and mismatches, at every distance", () => {
    // Each side off by 0 to 3 px in steps of 0.25, for a text layer and a frame.
    const offsets = Array.from({ length: 13 }, (_, i) => i * 0.25);
    const design = [label, icon];
    for (const d of offsets)
      for (const key of ['x', 'y', 'width', 'height'] as const) {
        const rendered = design.map((l) => ({ id: l.id, ...l.box, [key]: l.box[key] + d }));
        const ui = fidelity(design, rendered);
        const core = variantFidelity('v', 'm', design, rendered);
        expect(ui).toEqual({ matched: core.matched, total: core.total, mismatches: core.mismatches });
        expect(ui.matched).toBe((d <= 2 ? 1 : 0) + (d <= 1 ? 1 : 0));
      }
  });
});
