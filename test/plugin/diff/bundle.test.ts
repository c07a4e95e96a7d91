import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../../plugin/ui/diff/index.ts', import.meta.url));

// The plugin UI is one inlined HTML file loaded into Figma: the viewer's weight is a feature.
describe('diff viewer bundle', () => {
  it('pulls in highlight.js core with exactly two grammars and stays well under 120 kB', async () => {
    const out = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.module.css': 'local-css' },
      // Preact is the app's, already in the UI bundle.
      external: ['preact', 'preact/*'],
      outdir: '/out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // What reached the output, not what esbuild parsed before tree-shaking.
    const inputs = Object.values(out.metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        // From node_modules on, wherever it is (a worktree links to another checkout's).
        .map(([path]) => (path.includes('node_modules/') ? path.slice(path.indexOf('node_modules/')) : path)),
    );
    const hljs = inputs.filter((p) => p.includes('highlight.js/')).sort();
    expect(hljs).toEqual([
      'node_modules/highlight.js/es/core.js',
      'node_modules/highlight.js/es/languages/css.js',
      'node_modules/highlight.js/es/languages/typescript.js',
      'node_modules/highlight.js/lib/core.js',
    ]);
    expect(
      inputs.filter((p) => p.includes('node_modules/diff/')).every((p) => /libesm\/diff\/(base|array)\.js$/.test(p)),
    ).toBe(true);
    const bytes = out.outputFiles.reduce((n, f) => n + f.contents.length, 0);
    expect(bytes).toBeLessThan(90_000);
  });
});
