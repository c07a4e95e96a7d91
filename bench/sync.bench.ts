import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { SyncRequest } from '../core/contract/sync.js';
import { ApiClient } from '../plugin/ui/api/client.js';
import { syncChanged } from '../plugin/ui/api/sync-request.js';
import { forgetRecordedSpecs } from '../server/services/sync/recorded-specs.js';
import { designSystem, withChangedColors, withChangedPadding } from './design-system.js';
import type { Bench, Report } from './types.js';
import { onScratchPostgres } from './support.js';

/**
 * Syncs at two sizes — 200 components (3 variants each) with 2,000 tokens in 2 modes, and
 * 1,000 components with 5,000 tokens in 3 modes: the first sync, then syncs changing some
 * token values (the first of them cold, then the median of three more on the warm server),
 * with wall time split into validate, detect, generate, diff and store, on PGlite
 * and (with TEST_DATABASE_URL or BENCH_DATABASE_URL) on PostgreSQL. BENCH_SYNC_SIZES=200 runs
 * one size only; BENCH_DATABASES=postgres (or pglite) one database only. Besides wall time, the
 * CPU time of this process (server and client), which a busy machine disturbs less. Every
 * variant carries a 16-layer tree (BENCH_SYNC_LAYERS=0 leaves them out); after the token rounds,
 * three syncs each move one component's paddingLeft to another token (target under 2 s), sent
 * as the plugin sends them (the others named unchanged by digest), then three as whole bodies.
 */
const BENCH_TOKEN = 'ds_bench_admin_token_000000000000000000';

/** `fetch` answered by the app itself (Fastify's inject): the plugin's client, no socket. */
function injectedFetch(app: Awaited<ReturnType<typeof buildApp>>): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const res = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: init?.headers as Record<string, string>,
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode });
  };
}

const SIZES = [
  { components: 200, tokens: 2000, modes: 2, changed: 20 },
  { components: 1000, tokens: 5000, modes: 3, changed: 50 },
].filter(
  (s) => !process.env.BENCH_SYNC_SIZES || process.env.BENCH_SYNC_SIZES.split(',').includes(String(s.components)),
);
type Size = (typeof SIZES)[number];

async function runOn(db: string, size: Size, report: Report, databaseUrl?: string): Promise<void> {
  const label = `${db} ${size.components}`;
  const database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const app = await buildApp(
    testConfig({
      ADMIN_TOKEN: BENCH_TOKEN,
      RATE_LIMIT_MAX: '100000',
      BODY_LIMIT_BYTES: String(64 * 1024 * 1024),
    }),
    { database },
  );
  try {
    const project = (await database.prisma.apiToken.findFirstOrThrow()).projectId;
    const ds = designSystem({ ...size, layers: process.env.BENCH_SYNC_LAYERS !== '0' });
    report(`${label}: sync body`, Buffer.byteLength(JSON.stringify(ds)) / 1024 / 1024, 'MB');
    const post = async (body: unknown) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/projects/${project}/syncs`,
        headers: { authorization: `Bearer ${BENCH_TOKEN}` },
        payload: body as object,
      });
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      if (res.statusCode !== 201) throw new Error(`sync failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
      return {
        body: res.json() as {
          proposals: Array<{ componentId: string }>;
          syncId: string;
          timingsMs: Record<string, number>;
        },
        wall,
        cpuMs: (cpu.user + cpu.system) / 1000,
      };
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

    const accept = async (sync: { syncId: string; proposals: Array<{ componentId: string }> }) => {
      const decide = await app.inject({
        method: 'POST',
        url: `/api/v1/syncs/${sync.syncId}/decisions`,
        headers: { authorization: `Bearer ${BENCH_TOKEN}` },
        payload: { decisions: sync.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
      });
      if (decide.statusCode !== 200) throw new Error(`accept failed: ${decide.body.slice(0, 300)}`);
    };
    await accept(first.body);

    // Round 0 is the server's first changed sync ("cold": its worker threads have validated and
    // generated once); rounds 1–3 are what a running server gives ("warm", the median). Each
    // round changes other token values on top of the last, and its drafts are accepted before the next, as a
    // designer's sync → review → accept loop does.
    const rounds: Array<Awaited<ReturnType<typeof post>>> = [];
    let design = ds;
    for (let round = 0; round < 4; round++) {
      design = withChangedColors(design, size.changed, round);
      const body = { fileKey: 'BENCH', tokens: design.tokens, components: design.components };
      const res = await post(body);
      if (round === 0) report(`${label}: changed sync, schema validation`, schemaMs(body), 'ms');
      rounds.push(res);
      await accept(res.body);
    }
    const [cold, ...warm] = rounds as [(typeof rounds)[number], ...typeof rounds];
    const typical = [...warm].sort((a, b) => a.wall - b.wall)[1]!;
    report(`${label}: changed sync (${size.changed} token values), cold, wall (HTTP)`, cold.wall, 'ms');
    report(`${label}: changed sync, warm (median of 3), wall (HTTP)`, typical.wall, 'ms');
    report(`${label}: changed sync, warm, server CPU`, typical.cpuMs, 'ms');
    for (const [phase, ms] of Object.entries(typical.body.timingsMs))
      report(`${label}: changed sync, warm, ${phase}`, ms, 'ms');
    report(`${label}: changed sync, proposals`, typical.body.proposals.length, 'components');

    // One component's paddingLeft moved to another token, three times (other components each
    // time): what a designer's one-field edit costs on a large file. As the plugin sends it
    // (plugin/ui/api/sync-request.ts): the components listed with their digests, the edited one
    // in full and the others named unchanged; the wall time includes the listing. Then the same
    // edit sent as a whole body, as a client that does not name unchanged components does.
    // The plugin's own client (plugin/ui/api/sync-request.ts) over the app, without a socket.
    const plugin = new ApiClient({ serverUrl: 'http://bench.invalid', token: BENCH_TOKEN }, injectedFetch(app));
    const viaPlugin = async (d: typeof design) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const body = (await syncChanged(plugin, project, {
        fileKey: 'BENCH',
        tokens: d.tokens,
        components: d.components,
      })) as Awaited<ReturnType<typeof post>>['body'];
      const cpu = process.cpuUsage(c0);
      return { body, wall: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
    };
    const wholeBody = (d: typeof design) => post({ fileKey: 'BENCH', tokens: d.tokens, components: d.components });
    for (const [how, send] of [
      ['as the plugin sends it', viaPlugin],
      ['whole body', wholeBody],
    ] as const) {
      const edits: Array<Awaited<ReturnType<typeof post>>> = [];
      // The first as on a server just started: the recorded specs are read from the database.
      forgetRecordedSpecs();
      for (let round = 0; round < 3; round++) {
        design = withChangedPadding(
          design,
          (round * 331 + 7 + (how === 'whole body' ? 101 : 0)) % size.components,
          round,
        );
        const res = await send(design);
        if (res.body.proposals.length !== 1)
          throw new Error(`one paddingLeft proposed ${res.body.proposals.length} components`);
        edits.push(res);
        await accept(res.body);
      }
      const edit = [...edits].sort((a, b) => a.wall - b.wall)[1]!;
      const name = `${label}: changed sync (one paddingLeft, ${how})`;
      report(`${name}, first (server just started), wall (HTTP)`, edits[0]!.wall, 'ms');
      report(`${name}, median of 3, wall (HTTP)${how === 'whole body' ? '' : ' (target < 2,000)'}`, edit.wall, 'ms');
      report(`${name}, server CPU`, edit.cpuMs, 'ms');
      for (const [phase, ms] of Object.entries(edit.body.timingsMs)) report(`${name}, ${phase}`, ms, 'ms');
    }
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
