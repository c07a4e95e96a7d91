import type { ComponentSpec } from '../core/contract/specs.js';
import type { TokenSet } from '../core/contract/tokens.js';
import { LIMITS } from '../core/contract/limits.js';
import { color } from './design-system.js';
import { percentile, startProbe } from './probe.js';
import { onEachDatabase, withLiveServer } from './support.js';
import type { Report } from './types.js';

/**
 * Long alias chains against the closure caps (README "Limits"), on the real server over
 * loopback while /healthz is probed every 20 ms from another thread:
 * - hostile: 49,000 tokens in one alias chain, 2,000 components bound to its end (every
 *   closure is the whole chain): the request's time, the process's peak memory above its
 *   start, and /healthz latency meanwhile; it is refused (422) at validation;
 * - the most a sync may reach: the same chain, components bound where their closure is just
 *   under the per-component cap, as many as the per-sync cap allows: time, memory, /healthz,
 *   and the bytes the versions' rows hold for their tokens (by reference: next to nothing).
 * BENCH_DATABASES=pglite or postgres: one database only.
 */
const TOKEN = 'ds_bench_admin_token_000000000000000000';
const CHAIN = 49_000;

function chain(length: number): TokenSet {
  const tokens: TokenSet['tokens'] = [
    { id: 't0', name: 'chain/t0', collectionId: 'c', type: 'color', valuesByMode: { m: color(0xff0000) } },
  ];
  for (let i = 1; i < length; i++)
    tokens.push({
      id: `t${i}`,
      name: `chain/t${i}`,
      collectionId: 'c',
      type: 'color',
      valuesByMode: { m: { alias: `t${i - 1}` } },
    });
  return { collections: [{ id: 'c', name: 'Theme', modes: [{ id: 'm', name: 'Light' }], defaultModeId: 'm' }], tokens };
}

const boundTo = (tokenId: string, count: number, prefix: string): ComponentSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i + 1}:1`,
    name: `${prefix} Swatch ${i}`,
    props: [],
    variants: [{ id: `${prefix}${i + 1}:2`, values: {}, bindings: { fill: tokenId } }],
  }));

async function runOn(label: string, report: Report, databaseUrl?: string): Promise<void> {
  await withLiveServer(TOKEN, databaseUrl, async ({ base, database }) => {
    const project = (await database.prisma.apiToken.findFirstOrThrow()).projectId;
    const tokens = chain(CHAIN);

    const measure = async (name: string, components: ComponentSpec[]) => {
      const body = JSON.stringify({ fileKey: name, tokens, components });
      const probe = startProbe(base, ['/healthz'], 20);
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampling = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/projects/${project}/syncs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      const wall = performance.now() - t0;
      clearInterval(sampling);
      const healthz = (await probe.stop()).latencies['/healthz']!;
      const code = res.status === 201 ? 'stored' : (JSON.parse(text) as { error: { code: string } }).error.code;
      report(`${label}: ${name}: answer`, res.status, `HTTP (${code})`);
      report(`${label}: ${name}: request, wall`, wall, 'ms');
      report(`${label}: ${name}: peak memory above start (process)`, (peak - rss0) / 2 ** 20, 'MiB');
      report(`${label}: ${name}: /healthz p99 meanwhile`, percentile(healthz, 99), 'ms');
      report(`${label}: ${name}: /healthz max meanwhile`, Math.max(...healthz), 'ms');
      return res.status === 201 ? (JSON.parse(text) as { syncId: string }) : null;
    };

    await measure(
      `${CHAIN.toLocaleString('en-US')}-token chain, 2,000 components at its end`,
      boundTo(`t${CHAIN - 1}`, 2_000, 'H'),
    );
    const perComponent = LIMITS.closureTokens;
    const count = Math.floor(LIMITS.closureTokensPerSync / perComponent);
    const stored = await measure(
      `${count} components, ${perComponent.toLocaleString('en-US')}-token closures (the caps)`,
      boundTo(`t${perComponent - 1}`, count, 'C'),
    );
    if (stored) {
      const [row] = await database.prisma.$queryRawUnsafe<Array<{ bytes: number }>>(
        `SELECT coalesce(sum(octet_length(coalesce(tokens::text, ''))), 0)::int AS bytes FROM component_versions WHERE sync_id = $1::uuid`,
        stored.syncId,
      );
      report(`${label}: the caps: bytes the versions' rows hold for their tokens`, row!.bytes, 'bytes');
    }
  });
}

export default onEachDatabase(runOn);
