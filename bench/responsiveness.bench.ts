import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { onScratchPostgres } from './support.js';
import { percentile, startProbes } from './probe.js';
import { designSystem } from './design-system.js';
import type { Bench, Report } from './types.js';

/**
 * Is the server still answering while a big sync runs? The real server listens on loopback;
 * a 300-component first sync is posted three times (new components each time), and meanwhile a sampler in a worker thread (so
 * its clock does not stop when the server's event loop does) requests /healthz and a history
 * read (GET /components/:id/versions) every 50 ms (BENCH_PROBE_MS), open loop, and records each latency. The
 * server's own event-loop delay is recorded too, and the same probes' p99 for 3 s before the
 * sync, with nothing else running (what the machine gives at best right now). On PGlite and (with TEST_DATABASE_URL or
 * BENCH_DATABASE_URL) on PostgreSQL.
 */
const COMPONENTS = 300;
const TOKEN = 'ds_bench_admin_token_000000000000000000';
const INTERVAL_MS = Number(process.env.BENCH_PROBE_MS ?? 50);
const MAX_SAMPLING_MS = 180_000;
const IDLE_MS = 3000;
const ROUNDS = 3;

async function runOn(label: string, report: Report, databaseUrl?: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const app = await buildApp(testConfig({ ADMIN_TOKEN: TOKEN, RATE_LIMIT_MAX: '1000000', BODY_LIMIT_BYTES: String(64 * 1024 * 1024), LOG_LEVEL: 'warn' }), { database });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const project = (await database.prisma.apiToken.findFirstOrThrow()).projectId;
    const ds = designSystem({ components: COMPONENTS + 1, tokens: 2000, modes: 2 });

    // A component with history to read, synced from another file so the big sync leaves it alone.
    const seed = await fetch(`${base}/api/v1/projects/${project}/syncs`, { method: 'POST', headers, body: JSON.stringify({ fileKey: 'HISTORY', tokens: ds.tokens, components: ds.components.slice(COMPONENTS) }) });
    if (seed.status !== 201) throw new Error(`seed sync failed: ${seed.status} ${await seed.text()}`);
    const componentId = ((await seed.json()) as { proposals: Array<{ componentId: string }> }).proposals[0]!.componentId;

    const sampler = await startProbes({ base, token: TOKEN, paths: { healthz: '/healthz', history: `/api/v1/components/${componentId}/versions` }, intervalMs: INTERVAL_MS, maxMs: MAX_SAMPLING_MS });
    // The same probes with nothing else running: what this machine gives at best right now.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    sampler.mark();

    // Three syncs of as many new components each, so the percentiles rest on ~150 samples of each probe.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const walls: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const components = ds.components.slice(0, COMPONENTS).map((c) => ({ ...c, id: `${c.id}-r${round}`, name: `${c.name} R${round}` }));
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/projects/${project}/syncs`, { method: 'POST', headers, body: JSON.stringify({ fileKey: `BENCH-${round}`, tokens: ds.tokens, components }) });
      walls.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`sync failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    loop.disable();
    const wall = walls.sort((a, b) => a - b)[1]!;
    const { samples, idle, errors } = await sampler.stop();

    report(`${label}: ${COMPONENTS}-component sync, wall (HTTP, median of ${ROUNDS})`, wall, 'ms');
    for (const [kind, xs] of Object.entries(idle ?? {})) report(`${label}: ${kind} idle (no sync), p99`, percentile(xs, 99), 'ms');
    for (const [kind, xs] of Object.entries(samples)) {
      report(`${label}: ${kind} during sync, p50`, percentile(xs, 50), 'ms');
      report(`${label}: ${kind} during sync, p99`, percentile(xs, 99), 'ms');
      report(`${label}: ${kind} during sync, max`, Math.max(...xs), 'ms');
      report(`${label}: ${kind} during sync, samples`, xs.length, 'requests');
    }
    report(`${label}: failed probes`, errors, 'requests');
    report(`${label}: server event-loop delay, p99`, loop.percentile(99) / 1e6, 'ms');
    report(`${label}: server event-loop delay, max`, loop.max / 1e6, 'ms');
  } finally {
    await app.close();
    await database.close();
  }
}

/** BENCH_DATABASES=pglite or postgres: one database only. */
const bench: Bench = async (report) => {
  if (process.env.BENCH_DATABASES !== 'postgres') await runOn('PGlite', report);
  if (process.env.BENCH_DATABASES !== 'pglite') await onScratchPostgres((url) => runOn('PostgreSQL', report, url));
};

export default bench;
