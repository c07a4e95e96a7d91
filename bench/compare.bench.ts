import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile, startProbe } from './probe.js';
import { median, onEachDatabase, withLiveServer } from './support.js';
import type { Report } from './types.js';

/**
 * GET /components/:id/compare of two versions with one 10,000-line file each, on the real server
 * on loopback, while a worker thread requests /healthz every 20 ms (BENCH_PROBE_MS). Three pairs:
 * files that share no line (too large to diff, known at once), the same lines in another order
 * (Myers' diff runs to its edit-length or time limit on the diff thread: the worst case) and 20
 * changed lines (a real diff). Compared three times each (median), after one untimed first
 * compare (reported apart: it compiles the route's queries); /healthz latency is reported for all
 * timed compares together, beside its idle p99 (nothing running) and the server's event-loop delay. Unbounded on the event loop, the first pair blocked the server 25 s. On PGlite and (with
 * TEST_DATABASE_URL or BENCH_DATABASE_URL) on PostgreSQL; BENCH_DATABASES=pglite|postgres for one.
 */
const TOKEN = 'ds_bench_admin_token_000000000000000000';
const INTERVAL_MS = Number(process.env.BENCH_PROBE_MS ?? 20);
const ROUNDS = 3;
const IDLE_MS = 2000;

const text = (n: number, line: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `${line(i + 1)}\n`).join('');
const OLD = text(10_000, (i) => `export const value${i} = 'old ${i}';`);
const PAIRS = {
  'no line shared (too large at once)': [OLD, text(10_000, (i) => `export const value${i} = 'new ${i}';`)],
  'same lines reordered (diff runs to its limit)': [
    OLD,
    OLD.split('\n')
      .slice(0, -1)
      .reverse()
      .map((l) => `${l}\n`)
      .join(''),
  ],
  '20 lines changed (a real diff)': [
    OLD,
    text(10_000, (i) =>
      i % 500 === 0 ? `export const value${i} = 'edited';` : `export const value${i} = 'old ${i}';`,
    ),
  ],
} as const;

async function runOn(label: string, report: Report, databaseUrl?: string): Promise<void> {
  await withLiveServer(TOKEN, databaseUrl, async ({ base, database }) => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      return res.json() as Promise<{ id: string; files?: Array<{ tooLarge?: { reason: string } }> }>;
    };
    const project = (await database.prisma.apiToken.findFirstOrThrow()).projectId;
    const pairs: Array<{ name: string; path: string }> = [];
    for (const [name, [before, after]] of Object.entries(PAIRS)) {
      const component = await call('POST', `/projects/${project}/components`, { name: `Table ${pairs.length}` });
      const ids: string[] = [];
      for (const content of [before, after]) {
        const draft = await call('POST', `/components/${component.id}/versions`, {
          files: [{ path: 'Table.tsx', content }],
          bump: 'minor',
        });
        await call('POST', `/versions/${draft.id}/publish`, {});
        ids.push(draft.id);
      }
      pairs.push({ name, path: `/components/${component.id}/compare?from=${ids[0]}&to=${ids[1]}` });
    }

    const probe = startProbe(base, ['/healthz'], INTERVAL_MS);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idle = await probe.take();
    // The route's first request compiles its queries (Prisma's query compiler, on this thread):
    // measured apart, so the figures below are those of a running server.
    const t0 = performance.now();
    await call('GET', pairs[0]!.path);
    report(`${label}: first compare after start (cold), wall`, performance.now() - t0, 'ms');
    report(
      `${label}: /healthz during that first compare, max`,
      Math.max(...(await probe.take()).latencies['/healthz']!),
      'ms',
    );
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (const { name, path } of pairs) {
      const walls: number[] = [];
      let outcome = '';
      for (let round = 0; round < ROUNDS; round++) {
        const t0 = performance.now();
        const answer = await call('GET', path);
        walls.push(performance.now() - t0);
        outcome = answer.files?.[0]?.tooLarge
          ? `too large (${answer.files[0].tooLarge.reason})`
          : 'diffed line by line';
      }
      report(`${label}: compare 10,000-line files, ${name}, median of ${ROUNDS} [${outcome}]`, median(walls), 'ms');
    }
    loop.disable();
    const during = await probe.stop();
    const healthz = during.latencies['/healthz']!;
    report(`${label}: /healthz idle (nothing running), p99`, percentile(idle.latencies['/healthz']!, 99), 'ms');
    report(`${label}: /healthz during the compares, p50`, percentile(healthz, 50), 'ms');
    report(`${label}: /healthz during the compares, p99 (target < 100)`, percentile(healthz, 99), 'ms');
    report(`${label}: /healthz during the compares, max`, Math.max(...healthz), 'ms');
    report(`${label}: /healthz during the compares, samples`, healthz.length, 'requests');
    report(`${label}: failed probes`, idle.errors + during.errors, 'requests');
    report(`${label}: server event-loop delay during the compares, p99`, loop.percentile(99) / 1e6, 'ms');
    report(`${label}: server event-loop delay during the compares, max`, loop.max / 1e6, 'ms');
  });
}

export default onEachDatabase(runOn);
