import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../../core/diff/index.ts', import.meta.url));

// The server is bundled by esbuild, and core must stay bundleable for any platform: this checks
// that jsdiff and node-diff3 (ESM-only "exports", no default export) resolve and run once bundled.
describe('core/diff bundling', () => {
  for (const platform of ['node', 'neutral'] as const) {
    it(`bundles for platform ${platform} and runs`, async () => {
      const out = await build({
        entryPoints: [entry],
        bundle: true,
        platform,
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      const code = out.outputFiles[0]!.text;
      expect(code).not.toMatch(/\brequire\(|from ["']node:/);
      const m = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
      expect(Object.keys(m).sort()).toEqual([
        'DEFAULT_MERGE_LABELS',
        'DIFF_LIMITS',
        'countLineChanges',
        'diffFileSets',
        'diffText',
        'mergeFileSets',
        'mergeText',
      ]);
      expect(m.mergeText('a\nb\nc\n', 'A\nb\nc\n', 'a\nb\nC\n').content).toBe('A\nb\nC\n');
      expect(m.diffText('a\n', 'b\n').unified).toBe('--- a\n+++ b\n@@ -1,1 +1,1 @@\n-a\n+b\n');
    });
  }
});
