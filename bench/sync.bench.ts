import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { SyncRequest } from '../core/contract/sync.js';
import { designSystem, withChangedColors } from './design-system.js';
import type { Bench, Report } from './types.js';
import { onScratchPostgres } from './support.js';

/**
 * Syncs at two sizes — 200 components (3 variants each) with 2,000 tokens in 2 modes, and
 * 1,000 components with 5,000 tokens in 3 modes: the first sync, then a sync changing some
 * token values, with wall time split into validate, detect, generate, diff and store, on PGlite
 * and (with TEST_DATABASE_URL or BENCH_DATABASE_URL) on PostgreSQL. BENCH_SYNC_SIZES=200 runs
 * one size only; BENCH_DATABASES=postgres (or pglite) one database only. Besides wall time, the
 * CPU time of this process (server and client), which a busy machine disturbs less.
 */
const SIZES = [
  { components: 200, tokens: 2000, modes: 2, changed: 20 },
  { components: 1000, tokens: 5000, modes: 3, changed: 50 },
].filter((s) => !process.env.BENCH_SYNC_SIZES || process.env.BENCH_SYNC_SIZES.split(',').includes(String(s.components)));
type Size = (typeof SIZES)[number];

async function runOn(db: string, size: Size, report: Report, databaseUrl?: string): Promise<void> {
  const label = `${db} ${size.components}`;
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const app = await buildApp(testConfig({ ADMIN_TOKEN: 'ds_bench_admin_token_000000000000000000', RATE_LIMIT_MAX: '100000', BODY_LIMIT_BYTES: String(64 * 1024 * 1024) }), { database });
  try {
    const project = (await database.prisma.apiToken.findFirstOrThrow()).projectId;
    const ds = designSystem(size);
    const post = async (body: unknown) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await app.inject({ method: 'POST', url: `/api/v1/projects/${project}/syncs`, headers: { authorization: 'Bearer ds_bench_admin_token_000000000000000000' }, payload: body as object });
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      if (res.statusCode !== 201) throw new Error(`sync failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
      return { body: res.json() as { proposals: Array<{ componentId: string }>; syncId: string; timingsMs: Record<string, number> }, wall, cpuMs: (cpu.user + cpu.system) / 1000 };
    };
    const schemaMs = (body: unknown) => {
      const t0 = performance.now();
      SyncRequest.parse(body);
      return performance.now() - t0;
    };

    const firstBody = { fileKey: 'BENCH', tokens: ds.tokens, components: ds.components };
    const first = await post(firstBody);
    report(`${label}: first sync, wall (HTTP)`, first.wall, 'ms');
    report(`${label}: first sync, server CPU`, first.cpuMs, 'ms');
    report(`${label}: first sync, schema validation`, schemaMs(firstBody), 'ms');
    for (const [phase, ms] of Object.entries(first.body.timingsMs)) report(`${label}: first sync, ${phase}`, ms, 'ms');
    report(`${label}: first sync, proposals`, first.body.proposals.length, 'components');

    const decide = await app.inject({
      method: 'POST',
      url: `/api/v1/syncs/${first.body.syncId}/decisions`,
      headers: { authorization: 'Bearer ds_bench_admin_token_000000000000000000' },
      payload: { decisions: first.body.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    if (decide.statusCode !== 200) throw new Error(`accept failed: ${decide.body.slice(0, 300)}`);

    const changed = withChangedColors(ds, size.changed);
    const secondBody = { fileKey: 'BENCH', tokens: changed.tokens, components: changed.components };
    const second = await post(secondBody);
    report(`${label}: changed sync (${size.changed} token values), wall (HTTP)`, second.wall, 'ms');
    report(`${label}: changed sync, server CPU`, second.cpuMs, 'ms');
    report(`${label}: changed sync, schema validation`, schemaMs(secondBody), 'ms');
    for (const [phase, ms] of Object.entries(second.body.timingsMs)) report(`${label}: changed sync, ${phase}`, ms, 'ms');
    report(`${label}: changed sync, proposals`, second.body.proposals.length, 'components');
  } finally {
    await app.close();
    await database.close();
  }
}

const bench: Bench = async (report) => {
  if (process.env.BENCH_DATABASES !== 'postgres') for (const size of SIZES) await runOn('PGlite', size, report);
  if (process.env.BENCH_DATABASES === 'pglite') return;
  await onScratchPostgres(async (url) => {
    for (const size of SIZES) await runOn('PostgreSQL', size, report, url);
  });
};

export default bench;
