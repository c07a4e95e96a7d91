import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../plugin/main/extract/index.js';
import { writeSnapshot } from '../plugin/main/snapshot.js';
import { createFakeFigma, largeDesignSystem } from '../test/fakes/figma/index.js';
import { median } from './support.js';
import type { Bench } from './types.js';

/**
 * The plugin's main thread on a large file: 5,000 variables in 4 modes, 300 styles, 300
 * component sets (the strict fake `figma` global; the seed is built once, outside the timing),
 * extraction and the snapshot written into shared plugin data; the median of 5 runs. And the
 * sizes of the built bundles Figma loads (`npm run build` first, or this builds them).
 */
const RUNS = 5;

const bench: Bench = async (report) => {
  const seed = largeDesignSystem({ variables: 5000, modes: 4, styles: 300, componentSets: 300 });
  const extract: number[] = [];
  const snapshot: number[] = [];
  let last: { tokens: number; components: number; chunks: number; bytes: number; warnings: number } | null = null;
  for (let run = 0; run < RUNS; run++) {
    const fake = createFakeFigma(seed, { fileKey: 'BenchFileKey0001' });
    const restore = fake.install();
    try {
      const t0 = performance.now();
      const extraction = await extractFile('BenchFileKey0001', () => undefined);
      const t1 = performance.now();
      const written = writeSnapshot(
        { tokens: extraction.request.tokens, components: extraction.request.components },
        new Date().toISOString(),
      );
      const t2 = performance.now();
      extract.push(t1 - t0);
      snapshot.push(t2 - t1);
      last = {
        tokens: extraction.request.tokens.tokens.length,
        components: extraction.request.components.length,
        chunks: written.chunks,
        bytes: written.bytes,
        warnings: extraction.warnings.length,
      };
    } finally {
      restore();
    }
  }
  report('extraction, 5,000 variables × 4 modes, 300 styles, 300 sets (median of 5)', median(extract), 'ms');
  report('snapshot written (gzip, sha256, chunks)', median(snapshot), 'ms');
  report('extraction + snapshot, first run (cold)', extract[0]! + snapshot[0]!, 'ms');
  report('tokens extracted', last!.tokens, 'tokens');
  report('components extracted', last!.components, 'components');
  report('snapshot JSON', last!.bytes / 1024, 'kB');
  report('snapshot entries', last!.chunks, 'chunks');

  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(`${root}/dist/plugin/ui.html`))
    execFileSync('node', ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
  report('UI bundle (dist/plugin/ui.html, one file)', statSync(`${root}/dist/plugin/ui.html`).size / 1024, 'kB');
  report('main bundle (dist/plugin/main.js, ES2017)', statSync(`${root}/dist/plugin/main.js`).size / 1024, 'kB');
};

export default bench;
