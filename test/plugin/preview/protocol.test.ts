import { describe, expect, it } from 'vitest';
import { layoutKey, mergeLayout, parsePreviewMessage } from '../../../plugin/ui/preview/protocol.js';

describe('messages from a preview page', () => {
  it('reads ready and layout messages of the expected version', () => {
    expect(
      parsePreviewMessage(
        {
          type: 'design-sync/ready',
          versionId: 'v1',
          variants: [{ id: '1:1', label: 'size=small' }, { id: '1:2' }],
          modes: ['light', 'dark'],
        },
        'v1',
      ),
    ).toEqual({
      type: 'design-sync/ready',
      versionId: 'v1',
      variants: [
        { id: '1:1', label: 'size=small' },
        { id: '1:2', label: '1:2' },
      ],
      modes: ['light', 'dark'],
    });
    const layout = parsePreviewMessage(
      {
        type: 'design-sync/layout',
        versionId: 'v1',
        variants: [{ id: '1:1', mode: 'light', layers: [{ id: '1:3', x: 1, y: 2, width: 3, height: 4, extra: 'x' }] }],
      },
      'v1',
    );
    expect(layout).toEqual({
      type: 'design-sync/layout',
      versionId: 'v1',
      variants: [{ id: '1:1', mode: 'light', layers: [{ id: '1:3', x: 1, y: 2, width: 3, height: 4 }] }],
    });
  });

  it("reads the page's size when it is a believable one, and leaves it out otherwise", () => {
    const layout = (size: unknown) =>
      parsePreviewMessage({ type: 'design-sync/layout', versionId: 'v1', variants: [], size }, 'v1');
    expect(layout({ width: 120.5, height: 68 })).toMatchObject({ size: { width: 120.5, height: 68 } });
    for (const size of [
      undefined,
      null,
      { width: 0, height: 10 },
      { width: 10, height: 1e9 },
      { width: '10', height: 10 },
    ])
      expect(layout(size)).not.toHaveProperty('size');
  });

  it('ignores another version, other messages and malformed ones', () => {
    const ok = { type: 'design-sync/layout', versionId: 'v1', variants: [] };
    expect(parsePreviewMessage(ok, 'v1')).not.toBeNull();
    expect(parsePreviewMessage(ok, 'v2')).toBeNull();
    expect(parsePreviewMessage({ pluginMessage: ok }, 'v1')).toBeNull();
    expect(parsePreviewMessage('design-sync/layout', 'v1')).toBeNull();
    expect(parsePreviewMessage(null, 'v1')).toBeNull();
    expect(parsePreviewMessage({ ...ok, type: 'design-sync/show' }, 'v1')).toBeNull();
    const bad = (layers: unknown) =>
      parsePreviewMessage({ ...ok, variants: [{ id: '1:1', mode: 'light', layers }] }, 'v1');
    expect(bad([{ id: '1:3', x: '1', y: 0, width: 0, height: 0 }])).toBeNull();
    expect(bad([{ id: '1:3', x: Infinity, y: 0, width: 0, height: 0 }])).toBeNull();
    expect(bad([{ x: 0, y: 0, width: 0, height: 0 }])).toBeNull();
    expect(bad('many')).toBeNull();
    expect(bad(new Array(20_001).fill({ id: 'a', x: 0, y: 0, width: 0, height: 0 }))).toBeNull();
    expect(
      parsePreviewMessage({ type: 'design-sync/ready', versionId: 'v1', variants: [], modes: [3] }, 'v1'),
    ).toBeNull();
  });

  it('keeps the latest layout of each variant and mode', () => {
    const first = mergeLayout(new Map(), {
      type: 'design-sync/layout',
      versionId: 'v1',
      variants: [
        { id: 'a', mode: 'light', layers: [{ id: 'x', x: 0, y: 0, width: 1, height: 1 }] },
        { id: 'a', mode: 'dark', layers: [] },
      ],
    });
    const second = mergeLayout(first, {
      type: 'design-sync/layout',
      versionId: 'v1',
      variants: [{ id: 'a', mode: 'light', layers: [] }],
    });
    expect(first.get(layoutKey('a', 'light'))).toHaveLength(1);
    expect(second.get(layoutKey('a', 'light'))).toEqual([]);
    expect(second.get(layoutKey('a', 'dark'))).toEqual([]);
    expect(second.size).toBe(2);
  });
});
