import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { SyncRequest } from '../core/contract/sync.js';
import { specDigest } from '../core/specs/index.js';
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
      ADMIN_TOKEN: 'ds_bench_admin_token_000000000000000000',
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
        headers: { authorization: 'Bearer ds_bench_admin_token_000000000000000000' },
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
        headers: { authorization: 'Bearer ds_bench_admin_token_000000000000000000' },
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
    const digests = async () => {
      const recorded = new Map<string, string>();
      let cursor: string | null = null;
      do {
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/projects/${project}/components?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          headers: { authorization: 'Bearer ds_bench_admin_token_000000000000000000' },
        });
        const page = res.json() as {
          items: Array<{ figmaId: string; specDigest?: string | null }>;
          nextCursor: string | null;
        };
        for (const c of page.items) if (c.specDigest) recorded.set(c.figmaId, c.specDigest);
        cursor = page.nextCursor;
      } while (cursor);
      return recorded;
    };
    const pluginBody = async (d: typeof design) => {
      const recorded = await digests();
      const unchanged = d.components.flatMap((c) => {
        const digest = specDigest(c);
        return recorded.get(c.id) === digest ? [{ id: c.id, digest }] : [];
      });
      const named = new Set(unchanged.map((u) => u.id));
      return {
        fileKey: 'BENCH',
        tokens: d.tokens,
        components: d.components.filter((c) => !named.has(c.id)),
        unchanged,
      };
    };
    for (const [how, bodyOf] of [
      ['as the plugin sends it', pluginBody],
      ['whole body', async (d: typeof design) => ({ fileKey: 'BENCH', tokens: d.tokens, components: d.components })],
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
        const t0 = performance.now();
        const body = await bodyOf(design);
        const listed = performance.now() - t0;
        const res = await post(body);
        if (res.body.proposals.length !== 1)
          throw new Error(`one paddingLeft proposed ${res.body.proposals.length} components`);
        edits.push({ ...res, wall: res.wall + listed });
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
