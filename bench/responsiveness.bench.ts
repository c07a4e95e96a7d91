import { monitorEventLoopDelay } from 'node:perf_hooks';
import { onEachDatabase, withLiveServer } from './support.js';
import { percentile, startProbe, type Latencies } from './probe.js';
import { designSystem } from './design-system.js';
import type { Report } from './types.js';

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
const IDLE_MS = 3000;
const ROUNDS = 3;

async function runOn(label: string, report: Report, databaseUrl?: string): Promise<void> {
  await withLiveServer(TOKEN, databaseUrl, async ({ base, database }) => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const project = (await database.prisma.apiToken.findFirstOrThrow()).projectId;
    const ds = designSystem({ components: COMPONENTS + 1, tokens: 2000, modes: 2 });

    // A component with history to read, synced from another file so the big sync leaves it alone.
    const seed = await fetch(`${base}/api/v1/projects/${project}/syncs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ fileKey: 'HISTORY', tokens: ds.tokens, components: ds.components.slice(COMPONENTS) }),
    });
    if (seed.status !== 201) throw new Error(`seed sync failed: ${seed.status} ${await seed.text()}`);
    const componentId = ((await seed.json()) as { proposals: Array<{ componentId: string }> }).proposals[0]!
      .componentId;

    const probe = startProbe(base, ['/healthz', `/api/v1/components/${componentId}/versions`], INTERVAL_MS, TOKEN);
    // The same probes with nothing else running: what this machine gives at best right now.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idle = await probe.take();

    // Three syncs of as many new components each, so the percentiles rest on ~150 samples of each probe.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const walls: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const components = ds.components
        .slice(0, COMPONENTS)
        .map((c) => ({ ...c, id: `${c.id}-r${round}`, name: `${c.name} R${round}` }));
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/projects/${project}/syncs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ fileKey: `BENCH-${round}`, tokens: ds.tokens, components }),
      });
      walls.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`sync failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    loop.disable();
    const wall = walls.sort((a, b) => a - b)[1]!;
    const during = await probe.stop();
    const named = (l: Latencies) =>
      Object.entries(l).map(([path, xs]) => [path === '/healthz' ? 'healthz' : 'history', xs] as const);

    report(`${label}: ${COMPONENTS}-component sync, wall (HTTP, median of ${ROUNDS})`, wall, 'ms');
    for (const [kind, xs] of named(idle.latencies))
      report(`${label}: ${kind} idle (no sync), p99`, percentile(xs, 99), 'ms');
    for (const [kind, xs] of named(during.latencies)) {
      report(`${label}: ${kind} during sync, p50`, percentile(xs, 50), 'ms');
      report(`${label}: ${kind} during sync, p99`, percentile(xs, 99), 'ms');
      report(`${label}: ${kind} during sync, max`, Math.max(...xs), 'ms');
      report(`${label}: ${kind} during sync, samples`, xs.length, 'requests');
    }
    report(`${label}: failed probes`, idle.errors + during.errors, 'requests');
    report(`${label}: server event-loop delay, p99`, loop.percentile(99) / 1e6, 'ms');
    report(`${label}: server event-loop delay, max`, loop.max / 1e6, 'ms');
  });
}

/** BENCH_DATABASES=pglite or postgres: one database only. */
export default onEachDatabase(runOn);
