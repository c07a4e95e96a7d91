/** Helpers the benchmarks share. */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/database.js';
import { createScratchDatabase } from '../test/helpers/databases.js';
import type { Bench, Report } from './types.js';

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

/**
 * A bench run on PGlite, then on a scratch PostgreSQL database when one is configured;
 * BENCH_DATABASES=pglite or postgres runs one only.
 */
export function onEachDatabase(runOn: (label: string, report: Report, databaseUrl?: string) => Promise<void>): Bench {
  return async (report) => {
    if (process.env.BENCH_DATABASES !== 'postgres') await runOn('PGlite', report);
    if (process.env.BENCH_DATABASES !== 'pglite') await onScratchPostgres((url) => runOn('PostgreSQL', report, url));
  };
}

/**
 * The real server listening on loopback, on a fresh database (PGlite in memory, or the given
 * PostgreSQL one), with `token` as its first admin token and no rate limit worth the name;
 * closed after `fn`.
 */
export async function withLiveServer(
  token: string,
  databaseUrl: string | undefined,
  fn: (server: { base: string; database: Database }) => Promise<void>,
): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const app = await buildApp(
    testConfig({
      ADMIN_TOKEN: token,
      RATE_LIMIT_MAX: '1000000',
      BODY_LIMIT_BYTES: String(64 * 1024 * 1024),
      LOG_LEVEL: 'warn',
    }),
    { database },
  );
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    await fn({ base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, database });
  } finally {
    await app.close();
    await database.close();
  }
}
