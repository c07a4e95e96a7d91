// The plugin snapshot of a large design with layer trees (300 component sets × 10 variants × 20
// layers, read through the strict fake `figma` global) stays under Figma's 100 kB per shared
// plugin data entry, in chunks that join and decode to the very components extracted.
import { describe, expect, it } from 'vitest';
import type { Layer } from '../../core/contract/layers.js';
import { decodeSnapshot, parseManifest, SNAPSHOT_KEY, SNAPSHOT_NAMESPACE } from '../../core/snapshot/index.js';
import { extractFile } from '../../plugin/main/extract/index.js';
import { writeSnapshot } from '../../plugin/main/snapshot.js';
import { createFakeFigma, entryBytes, layeredDesignSystem } from '../fakes/figma/index.js';

/** "100 kB" in Figma's words, whether k is 1,000 or 1,024: the smaller. */
const FIGMA_ENTRY_LIMIT = 100_000;

const countLayers = (layer: Layer): number => 1 + (layer.children ?? []).reduce((n, c) => n + countLayers(c), 0);

describe('the plugin snapshot of a design with layer trees', () => {
  it('keeps every shared plugin data entry under 100 kB, and its chunks decode to the extracted components', async () => {
    const seed = layeredDesignSystem({ componentSets: 300, variantsPerSet: 10, layersPerVariant: 20 });
    const fake = createFakeFigma(seed, { fileKey: 'LayeredFile' });
    const restore = fake.install();
    try {
      const { request, warnings } = await extractFile('LayeredFile', () => undefined);
      expect(warnings).toEqual([]);
      const sets = request.components.filter((c) => c.name.startsWith('Component '));
      expect(sets).toHaveLength(300);
      for (const spec of sets) {
        expect(spec.variants).toHaveLength(10);
        for (const v of spec.variants) expect(countLayers(v.layers!), `${spec.name} ${v.id}`).toBe(20);
      }

      const written = writeSnapshot(
        { tokens: request.tokens, components: request.components },
        '2026-12-07T00:00:00.000Z',
      );
      // A design this size takes several chunks: the limit is what is tested, not a lucky fit.
      expect(written.chunks).toBeGreaterThan(1);

      const root = figma.root;
      const keys = root.getSharedPluginDataKeys(SNAPSHOT_NAMESPACE);
      expect(keys).toContain(SNAPSHOT_KEY);
      const entries: Record<string, string> = {};
      for (const key of keys) {
        const value = root.getSharedPluginData(SNAPSHOT_NAMESPACE, key);
        entries[key] = value;
        expect(entryBytes([SNAPSHOT_NAMESPACE, key, value]), key).toBeLessThan(FIGMA_ENTRY_LIMIT);
      }
      const manifest = parseManifest(entries[SNAPSHOT_KEY]);
      expect(manifest.chunks).toBe(written.chunks);
      const content = decodeSnapshot(manifest, entries);
      expect(content.components).toEqual(request.components);
      expect(content.tokens).toEqual(request.tokens);
    } finally {
      restore();
    }
  }, 120_000);
});
