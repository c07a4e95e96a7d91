/** Helpers the benchmarks share. */
import { createScratchDatabase } from '../test/helpers/databases.js';

/** Deterministic PRNG (mulberry32), so every run measures the same data. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Runs `fn` on a scratch PostgreSQL database next to BENCH_DATABASE_URL (or TEST_DATABASE_URL)
 * and drops it afterwards; says so and does nothing when neither is set.
 */
export async function onScratchPostgres(fn: (url: string) => Promise<void>): Promise<void> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    console.log('  (PostgreSQL figures skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL)');
    return;
  }
  const scratch = await createScratchDatabase(base, 'ds_bench');
  try {
    await fn(scratch.url);
  } finally {
    await scratch.drop();
  }
}
