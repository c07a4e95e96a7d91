import { generateTokensCss } from '../core/codegen/index.js';
import { canonicalTokens } from '../server/services/generation/token-input.js';
import { DTCG_EXAMPLES, dtcgExampleTokens } from '../test/helpers/dtcg-examples.js';
import { median } from './support.js';
import type { Bench } from './types.js';

/**
 * The seven DTCG 2025.10 example systems (`dtcg-examples`), each read through its resolver file:
 * the time a sync spends on its tokens — resolver import, lenient reading and validation (the
 * sync's `canonicalTokens`) — plus generating tokens.css for the whole set. Median of 5 runs
 * after one warm-up; files are read from disk once, outside the timing.
 */
const RUNS = 5;

const bench: Bench = async (report) => {
  for (const name of DTCG_EXAMPLES) {
    const input = dtcgExampleTokens(name);
    let tokens = 0;
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const start = performance.now();
      const canonical = canonicalTokens(input, []);
      generateTokensCss(canonical.tokens);
      const elapsed = performance.now() - start;
      tokens = canonical.tokens.tokens.length;
      if (run > 0) times.push(elapsed);
    }
    report(`${name} import + validate + tokens.css (${tokens} tokens)`, median(times), 'ms');
  }
};
export default bench;
