import type { ComponentSpec } from '../core/contract/specs.js';
import type { TokenSet } from '../core/contract/tokens.js';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase, type Database } from '../server/db/database.js';
import {
  restFileFromDesign,
  restVisibleDesign,
  snapshotEntriesFromDesign,
  startFakeFigmaRest,
  type FakeFigmaRest,
} from '../test/fakes/figma-rest/index.js';
import { freePort } from '../test/helpers/free-port.js';
import { designSystem, setColor } from '../test/helpers/sync-fixtures.js';
import { median, onScratchPostgres, prng } from './support.js';
import type { Bench, Report } from './types.js';

/**
 * How soon does a design edit in Figma become a draft, and how fast does the job queue work off
 * a change that touches every component? The real server runs its job queue (pg-boss on its own
 * database) and listens on loopback, because the fake Figma REST API (test/fakes/figma-rest,
 * over real HTTP) must reach it to deliver webhooks; a token colour is edited in the fake's file
 * and the time until a new draft row is visible in the database is measured (polled every
 * 50 ms, so figures are ±50 ms):
 *
 * - polling: the file is polled at the smallest interval the API accepts (10 s); the edit comes
 *   at a random moment (seeded) of the poll cycle, as a designer's would, so the median is about
 *   half the interval plus the work, and the max nears a whole interval plus the work. Figma's
 *   own rates are budgeted (FIGMA_CALLS_PER_MINUTE unset: per token and tier, for the file's plan
 *   and seat), once per plan of a Dev seat: Professional (BENCH_AUTOMATION_ROUNDS rounds),
 *   Organization and Enterprise (BENCH_AUTOMATION_PLAN_ROUNDS, 3, each). Target: under 15 s;
 * - webhook: Figma's FILE_UPDATE is delivered right after the edit; the server waits
 *   WEBHOOK_DEBOUNCE_SECONDS (0.5 s here, as the tests use; 10 s by default) for the burst to end;
 * - regeneration throughput: N components (200, BENCH_AUTOMATION_COMPONENTS) bound to one colour,
 *   published; the colour changes and one check is asked for, which enqueues one `regenerate`
 *   job per component; from pg-boss's own timestamps, first job created → last completed.
 *
 * An idle job worker asks the queue for work every JOB_POLL_SECONDS (0.5 s here, the smallest
 * accepted; 2 s by default), so that interval adds to the latency of each step (check, then
 * regeneration); a worker that just ran a job asks again at once, so throughput follows the
 * jobs' run time (reported too), two regeneration workers per instance. A database takes
 * ~3 min, mostly waiting out intervals, so one runs: PostgreSQL (a scratch database next to
 * TEST_DATABASE_URL or BENCH_DATABASE_URL) when set, else PGlite; BENCH_DATABASES=pglite,
 * postgres or both chooses. BENCH_AUTOMATION_ROUNDS (5) sets the latency rounds.
 */
const ADMIN_TOKEN = 'ds_bench_admin_token_000000000000000000';
const POLL_SECONDS = 10;
const JOB_POLL_SECONDS = 0.5;
const WEBHOOK_DEBOUNCE_SECONDS = 0.5;
const ROUNDS = Number(process.env.BENCH_AUTOMATION_ROUNDS ?? 5);
const PLAN_ROUNDS = Number(process.env.BENCH_AUTOMATION_PLAN_ROUNDS ?? 3);
const COMPONENTS = Number(process.env.BENCH_AUTOMATION_COMPONENTS ?? 200);
const SEE_EVERY_MS = 50;
/** the colour every latency-design Button is bound to (through color/action/primary), and every throughput component */
const EDITED_TOKEN = 'VariableID:1:1';

type Design = { tokens: TokenSet; components: ComponentSpec[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = SEE_EVERY_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * The fixtures' design system (Button bound to EDITED_TOKEN; Badge and Card not) under node ids
 * and names of its own: components are known by Figma id across a project's files, so each
 * file measured here must not share them.
 */
function latencyDesign(offset: number, tag: string): Design {
  const d = designSystem();
  const shift = (id: string) => id.replace(/^(\d+):/, (_, n: string) => `${Number(n) + offset}:`);
  d.components = d.components.map((c) => {
    const { key: _key, ...rest } = c;
    return {
      ...rest,
      id: shift(c.id),
      name: `${c.name} ${tag}`,
      variants: c.variants.map((v) => ({ ...v, id: shift(v.id) })),
    };
  });
  return d;
}

/** `count` copies of the fixtures' Button: all bound to EDITED_TOKEN, so one edit changes every one. */
function manyButtons(count: number): Design {
  const d = designSystem();
  const button = d.components.find((c) => c.name === 'Button')!;
  const components = Array.from({ length: count }, (_, i): ComponentSpec => {
    const n = 1000 + i;
    return {
      id: `${n}:1`,
      name: `Button ${n}`,
      props: button.props.map((p) => (p.kind === 'text' ? { ...p, default: `Button ${n}` } : { ...p })),
      variants: button.variants.map((v, k) => ({ ...v, id: `${n}:${k + 2}` })),
    };
  });
  return { tokens: d.tokens, components };
}

function withColor(design: Design, hex: string): Design {
  const d = structuredClone(design);
  setColor(d.tokens, EDITED_TOKEN, hex);
  return d;
}

/** The file as Figma's REST API serves it: variables, nodes, and the plugin's snapshot. */
function restContent(design: Design) {
  const rest = restFileFromDesign(design);
  return {
    variables: rest.variables,
    nodes: rest.nodes,
    components: rest.components,
    componentSets: rest.componentSets,
    styles: rest.styles,
    sharedPluginData: { design_sync: snapshotEntriesFromDesign(design, new Date().toISOString()) },
  };
}

interface Server {
  db: Database;
  figma: FakeFigmaRest;
  projectId: string;
  api(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: () => unknown; body: string }>;
  close(): Promise<void>;
}

async function startServer(databaseUrl: string | undefined): Promise<Server> {
  const figma = await startFakeFigmaRest();
  const port = await freePort();
  const db = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const app = await buildApp(
    testConfig({
      ADMIN_TOKEN,
      RATE_LIMIT_MAX: '1000000',
      BODY_LIMIT_BYTES: String(64 * 1024 * 1024),
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      JOBS: 'true',
      JOB_POLL_SECONDS: String(JOB_POLL_SECONDS),
      WEBHOOK_DEBOUNCE_SECONDS: String(WEBHOOK_DEBOUNCE_SECONDS),
      FIGMA_API_BASE: figma.url,
      FIGMA_TIMEOUT_SECONDS: '10',
      FIGMA_BACKOFF_SECONDS: '0.5',
      // FIGMA_CALLS_PER_MINUTE unset: Figma's published rates per tier, for each file's plan and
      // seat. Each measurement reads its file with a token of its own, so their budgets do not meet.
    }),
    { database: db },
  );
  try {
    await app.listen({ host: '127.0.0.1', port });
  } catch (err) {
    await app.close();
    await db.close();
    await figma.close();
    throw err;
  }
  const projectId = (await db.prisma.apiToken.findFirstOrThrow({ where: { name: 'admin' } })).projectId;
  return {
    db,
    figma,
    projectId,
    async api(method, url, body) {
      const res = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return { status: res.statusCode, json: () => res.json(), body: res.body };
    },
    async close() {
      await app.close();
      await figma.close();
      await db.close();
    },
  };
}

async function componentIds(s: Server, names: string[]): Promise<Map<string, string>> {
  const rows = await s.db.prisma.component.findMany({
    where: { projectId: s.projectId, name: { in: names } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Publishes every pending draft of these components, so the next change is measured against a published version. */
async function publishDrafts(s: Server, ids: string[]): Promise<void> {
  const drafts = await s.db.prisma.componentVersion.findMany({
    where: { componentId: { in: ids }, status: 'draft' },
    select: { id: true },
  });
  for (const d of drafts) {
    const res = await s.api('POST', `/api/v1/versions/${d.id}/publish`, {});
    if (res.status !== 200) throw new Error(`publish failed: ${res.status} ${res.body.slice(0, 300)}`);
  }
}

const versionCount = (s: Server, componentId: string) => s.db.prisma.componentVersion.count({ where: { componentId } });

/** A Figma token of its own for one measurement (Figma budgets each token, and so does the server). */
function ownToken(s: Server, key: string): string {
  const token = s.figma.issueToken('pat');
  s.figma.updateFile(key, { access: [token] }, { bump: false });
  return token.token;
}

/** Tracks a file already in the fake and waits for its first check to make the components' first drafts, then publishes them. */
async function trackAndPublish(
  s: Server,
  key: string,
  design: Design,
  pollIntervalSeconds: number,
  plan = 'professional',
): Promise<{ fileId: string; ids: Map<string, string> }> {
  const res = await s.api('POST', `/api/v1/projects/${s.projectId}/files`, {
    fileKey: key,
    figmaToken: ownToken(s, key),
    pollIntervalSeconds,
    figmaPlan: plan,
    figmaSeat: 'dev',
  });
  if (res.status !== 201) throw new Error(`track failed: ${res.status} ${res.body.slice(0, 300)}`);
  const names = design.components.map((c) => c.name);
  let ids = new Map<string, string>();
  await waitUntil(
    `first drafts of ${key}`,
    async () => {
      ids = await componentIds(s, names);
      if (ids.size < names.length) return false;
      return (
        (
          await s.db.prisma.componentVersion.groupBy({
            by: ['componentId'],
            where: { componentId: { in: [...ids.values()] } },
          })
        ).length === names.length
      );
    },
    60_000,
  );
  await publishDrafts(s, [...ids.values()]);
  return { fileId: (res.json() as { id: string }).id, ids };
}

/** Edits the colour, lets `after` tell the server (or not), and waits for the component's next version row. */
async function editToDraft(
  s: Server,
  key: string,
  design: Design,
  hex: string,
  componentId: string,
  timeoutMs: number,
  after?: () => Promise<void>,
): Promise<number> {
  const before = await versionCount(s, componentId);
  const t0 = performance.now();
  s.figma.updateFile(key, restContent(withColor(design, hex)));
  await after?.();
  await waitUntil(
    `a draft after the edit of ${key}`,
    async () => (await versionCount(s, componentId)) > before,
    timeoutMs,
  );
  const ms = performance.now() - t0;
  await publishDrafts(s, [componentId]);
  return ms;
}

const hexOf = (n: number) => `#${((0x123456 + n * 0x010203) & 0xffffff).toString(16).padStart(6, '0')}`;

async function webhookLatency(s: Server, label: string, report: Report, random: () => number): Promise<void> {
  const key = 'BenchHookFile01';
  const design = latencyDesign(100, 'Hook');
  s.figma.setFile(key, { name: 'Design System', version: '100', ...restContent(design) });
  // An hour between polls: a draft within the round is the webhook's doing.
  const { fileId, ids } = await trackAndPublish(s, key, design, 3600);
  const hook = await s.api('POST', `/api/v1/projects/${s.projectId}/files/${fileId}/webhook`, {
    eventTypes: ['FILE_UPDATE'],
  });
  if (hook.status !== 201) throw new Error(`webhook registration failed: ${hook.status} ${hook.body.slice(0, 300)}`);
  const hookId = (hook.json() as { webhooks: Array<{ id: string }> }).webhooks[0]!.id;
  await s.figma.idle();
  const button = ids.get('Button Hook')!;
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Off the workers' 0.5 s fetch rhythm by a random amount, as a real event would be.
    await sleep(random() * 1000);
    latencies.push(
      await editToDraft(s, key, design, hexOf(100 + round), button, 30_000, async () => {
        const delivered = await s.figma.deliver(hookId, 'FILE_UPDATE');
        if (!delivered.delivered) throw new Error(`FILE_UPDATE not delivered: ${JSON.stringify(delivered)}`);
      }),
    );
  }
  report(`${label}: webhook, edit → draft, median of ${ROUNDS}`, median(latencies), 'ms');
  report(`${label}: webhook, edit → draft, max`, Math.max(...latencies), 'ms');
  report(`${label}: webhook, WEBHOOK_DEBOUNCE_SECONDS`, WEBHOOK_DEBOUNCE_SECONDS, 's');
}

const PLANS = [
  ['professional', 'Professional', 200],
  ['organization', 'Organization', 300],
  ['enterprise', 'Enterprise', 400],
] as const;

async function pollingLatency(
  s: Server,
  label: string,
  report: Report,
  random: () => number,
  [plan, planName, offset]: (typeof PLANS)[number],
  rounds: number,
): Promise<void> {
  const key = `BenchPoll${planName.slice(0, 3)}File`;
  const design = latencyDesign(offset, `Poll ${planName}`);
  s.figma.setFile(key, { name: 'Design System', version: '100', ...restContent(design) });
  const { ids } = await trackAndPublish(s, key, design, POLL_SECONDS, plan);
  const button = ids.get(`Button Poll ${planName}`)!;
  const latencies: number[] = [];
  const before = s.figma.requests.length;
  for (let round = 0; round < rounds; round++) {
    // The edit falls anywhere in the poll cycle.
    await sleep(random() * POLL_SECONDS * 1000);
    latencies.push(await editToDraft(s, key, design, hexOf(offset + round), button, POLL_SECONDS * 3000 + 60_000));
  }
  // Stop polling it: the next plan's file is measured alone.
  await s.db.prisma.trackedFile.updateMany({ where: { fileKey: key }, data: { pollIntervalSeconds: 7 * 24 * 3600 } });
  const calls = s.figma.requests.slice(before).filter((r) => r.fileKey === key);
  const tier = (endpoints: string[]) => calls.filter((r) => endpoints.includes(r.endpoint ?? '')).length;
  const what = `polling every ${POLL_SECONDS} s, Dev seat on ${planName}`;
  report(`${label}: ${what}, edit → draft, median of ${rounds}`, median(latencies), 'ms');
  report(`${label}: ${what}, edit → draft, max`, Math.max(...latencies), 'ms');
  report(`${label}: ${what}, Tier 1 calls during the rounds (nodes)`, tier(['nodes']), 'calls');
  report(`${label}: ${what}, Tier 2 calls during the rounds (meta, variables)`, tier(['meta', 'variables']), 'calls');
  report(
    `${label}: ${what}, Tier 3 calls during the rounds (component sets, components, styles)`,
    tier(['component_sets', 'components', 'styles']),
    'calls',
  );
}

/** pg-boss stamps jobs with the database's clock: jobs since a moment are found by its "now". */
const dbNow = async (s: Server) =>
  (await s.db.prisma.$queryRawUnsafe<Array<{ now: Date }>>('SELECT now() AS now'))[0]!.now;

type JobRow = { state: string; created_on: Date; started_on: Date | null; completed_on: Date | null };

async function regenerationThroughput(s: Server, label: string, report: Report): Promise<void> {
  const key = 'BenchManyFile01';
  const design = manyButtons(COMPONENTS);
  const phaseStart = await dbNow(s);
  // The components and their published 1.0.0 come from a plugin sync of what the REST reader will see:
  // tracking the file then finds nothing new, instead of enqueueing N first drafts.
  const visible = restVisibleDesign(design);
  const sync = await s.api('POST', `/api/v1/projects/${s.projectId}/syncs`, {
    fileKey: key,
    fileName: 'Design System',
    tokens: visible.tokens,
    components: visible.components,
  });
  if (sync.status !== 201) throw new Error(`seed sync failed: ${sync.status} ${sync.body.slice(0, 300)}`);
  const seeded = sync.json() as { syncId: string; proposals: Array<{ componentId: string }> };
  const decide = await s.api('POST', `/api/v1/syncs/${seeded.syncId}/decisions`, {
    decisions: seeded.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })),
  });
  if (decide.status !== 200) throw new Error(`accept failed: ${decide.status} ${decide.body.slice(0, 300)}`);

  s.figma.setFile(key, { name: 'Design System', version: '100', ...restContent(design) });
  const tracked = await s.api('POST', `/api/v1/projects/${s.projectId}/files`, {
    fileKey: key,
    figmaToken: ownToken(s, key),
    pollIntervalSeconds: 3600,
  });
  if (tracked.status !== 201) throw new Error(`track failed: ${tracked.status} ${tracked.body.slice(0, 300)}`);
  const fileId = (tracked.json() as { id: string }).id;
  const regenerations = (since: Date) =>
    s.db.prisma.$queryRawUnsafe<JobRow[]>(
      `SELECT state, created_on, started_on, completed_on FROM pgboss.job WHERE name = 'regenerate' AND created_on >= $1 ORDER BY created_on`,
      since,
    );
  const fileChecks = (since: Date) =>
    s.db.prisma.$queryRawUnsafe<JobRow[]>(
      `SELECT state, created_on, started_on, completed_on FROM pgboss.job WHERE name = 'file-check' AND data->>'fileId' = $1 AND created_on >= $2 AND data->>'reason' = 'manual'`,
      fileId,
      since,
    );
  const settled = (rows: JobRow[]) =>
    rows.every((r) => r.state === 'completed' || r.state === 'failed' || r.state === 'cancelled');
  await waitUntil(
    `the first check of ${key}`,
    async () => (await s.db.prisma.trackedFile.findUniqueOrThrow({ where: { id: fileId } })).lastCheckedAt !== null,
    60_000,
    250,
  );
  await waitUntil(
    "the first check's regenerations",
    async () => settled(await regenerations(phaseStart)),
    COMPONENTS * 2000 + 60_000,
    250,
  );
  const unexpected = (await regenerations(phaseStart)).length;
  if (unexpected > 0) {
    console.log(
      `  (${label}: tracking the seeded file enqueued ${unexpected} regenerations; their drafts are published before measuring)`,
    );
    await publishDrafts(
      s,
      seeded.proposals.map((p) => p.componentId),
    );
  }

  const now = await dbNow(s);
  s.figma.updateFile(key, restContent(withColor(design, '#7a2e9c')));
  const t0 = performance.now();
  const check = await s.api('POST', `/api/v1/projects/${s.projectId}/files/${fileId}/check`);
  if (check.status !== 202) throw new Error(`check failed: ${check.status} ${check.body.slice(0, 300)}`);
  let jobs: JobRow[] = [];
  await waitUntil(
    `${COMPONENTS} regenerations`,
    async () => {
      const checks = await fileChecks(now);
      if (checks.length === 0 || !settled(checks)) return false;
      jobs = await regenerations(now);
      return jobs.length > 0 && settled(jobs);
    },
    COMPONENTS * 2000 + 60_000,
    250,
  );
  const wall = performance.now() - t0;
  const [check0] = await fileChecks(now);

  const completed = jobs.filter((j) => j.state === 'completed');
  const first = Math.min(...jobs.map((j) => j.created_on.getTime()));
  const last = Math.max(...jobs.map((j) => j.completed_on?.getTime() ?? 0));
  const runs = completed.map((j) => j.completed_on!.getTime() - j.started_on!.getTime());
  const waits = completed.map((j) => j.started_on!.getTime() - j.created_on.getTime());
  report(`${label}: regeneration, jobs enqueued by one check`, jobs.length, 'jobs');
  if (completed.length !== jobs.length)
    report(`${label}: regeneration, jobs not completed`, jobs.length - completed.length, 'jobs');
  report(
    `${label}: regeneration, throughput (first created → last completed)`,
    completed.length / ((last - first) / 1000),
    'jobs/s',
  );
  report(`${label}: regeneration, first created → last completed`, (last - first) / 1000, 's');
  report(`${label}: regeneration, one job's run time, median`, median(runs), 'ms');
  report(`${label}: regeneration, one job's run time, max`, Math.max(...runs), 'ms');
  report(`${label}: regeneration, longest wait in the queue`, Math.max(...waits) / 1000, 's');
  if (check0?.started_on && check0.completed_on)
    report(
      `${label}: regeneration, the check that enqueued them (read + record)`,
      check0.completed_on.getTime() - check0.started_on.getTime(),
      'ms',
    );
  report(`${label}: regeneration, POST check → last draft (wall)`, wall / 1000, 's');
  report(`${label}: JOB_POLL_SECONDS`, JOB_POLL_SECONDS, 's');
}

async function runOn(label: string, report: Report, databaseUrl?: string): Promise<void> {
  const s = await startServer(databaseUrl);
  const random = prng(7);
  try {
    await webhookLatency(s, label, report, random);
    await regenerationThroughput(s, label, report);
    // Last: the files polled every 10 s would otherwise be read during the other measurements.
    for (const plan of PLANS)
      await pollingLatency(s, label, report, random, plan, plan[0] === 'professional' ? ROUNDS : PLAN_ROUNDS);
  } finally {
    await s.close();
  }
}

const bench: Bench = async (report) => {
  // Each database takes about three minutes of mostly waiting (poll intervals), so one by default:
  // PostgreSQL when there is one to use, else PGlite.
  const hasPostgres = Boolean(process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL);
  const which = process.env.BENCH_DATABASES ?? (hasPostgres ? 'postgres' : 'pglite');
  if (which === 'postgres' || which === 'both') await onScratchPostgres((url) => runOn('PostgreSQL', report, url));
  if (which === 'pglite' || which === 'both') await runOn('PGlite', report);
};

export default bench;
