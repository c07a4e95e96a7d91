import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { SyncRequest } from '../core/contract/sync.js';
import type { ComponentSpec } from '../core/contract/specs.js';
import type { TokenSet } from '../core/contract/tokens.js';
import type { Bench, Report } from './types.js';
import { createScratchDatabase } from '../test/helpers/databases.js';

/**
 * Sync of 200 components (3 variants each) with 2,000 tokens in 2 modes: the first sync, then a
 * sync changing 20 token values, with wall time split into validate, detect, generate, diff and
 * store, on PGlite and (with TEST_DATABASE_URL or BENCH_DATABASE_URL) on PostgreSQL.
 */
const TOKENS = 2000;
const COMPONENTS = 200;
const CHANGED = 20;

function hex(n: number): string {
  return `#${(n & 0xffffff).toString(16).padStart(6, '0')}`;
}
function color(n: number) {
  return { colorSpace: 'srgb', components: [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255], alpha: 1, hex: hex(n) };
}

function designSystem(): { tokens: TokenSet; components: ComponentSpec[] } {
  const tokens: TokenSet = {
    collections: [{ id: 'c', name: 'Theme', modes: [{ id: 'light', name: 'Light' }, { id: 'dark', name: 'Dark' }], defaultModeId: 'light' }],
    tokens: [],
  };
  // 1,200 primitives (colors and dimensions), 800 semantic tokens aliasing them.
  for (let i = 0; i < 1200; i++) {
    const isColor = i % 3 !== 0;
    tokens.tokens.push({
      id: `p${i}`,
      name: isColor ? `color/palette/c${i}` : `space/s${i}`,
      collectionId: 'c',
      type: isColor ? 'color' : 'dimension',
      valuesByMode: isColor ? { light: color(i * 9973), dark: color(i * 7919) } : { light: { value: i % 64, unit: 'px' }, dark: { value: i % 64, unit: 'px' } },
      ...(isColor ? {} : { scopes: ['GAP'] }),
    });
  }
  for (let i = 0; i < TOKENS - 1200; i++) {
    const target = (i * 7) % 1200;
    const isColor = target % 3 !== 0;
    tokens.tokens.push({
      id: `s${i}`,
      name: isColor ? `color/semantic/role${i}` : `space/semantic/gap${i}`,
      collectionId: 'c',
      type: isColor ? 'color' : 'dimension',
      valuesByMode: { light: { alias: `p${target}` }, dark: { alias: `p${(target + 3) % 1200}` } },
    });
  }
  const colorIds = tokens.tokens.filter((t) => t.type === 'color').map((t) => t.id);
  const spaceIds = tokens.tokens.filter((t) => t.type === 'dimension').map((t) => t.id);
  const kinds = ['Button', 'Badge', 'Card', 'Input', 'Checkbox', 'Panel', 'Chip', 'Toolbar'];
  const components: ComponentSpec[] = [];
  for (let c = 0; c < COMPONENTS; c++) {
    const name = `${kinds[c % kinds.length]} ${c}`;
    components.push({
      id: `${c}:1`,
      name,
      props: [
        { name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['sm', 'md', 'lg'] },
        { name: 'disabled', id: 'disabled#1:0', kind: 'boolean', default: false },
        { name: 'label', id: 'label#1:1', kind: 'text', default: name },
      ],
      variants: ['sm', 'md', 'lg'].map((size, v) => ({
        id: `${c}:${v + 2}`,
        values: { size },
        bindings: {
          fill: colorIds[(c * 13 + v) % colorIds.length]!,
          stroke: colorIds[(c * 17 + v * 5) % colorIds.length]!,
          paddingLeft: spaceIds[(c * 3 + v) % spaceIds.length]!,
          paddingRight: spaceIds[(c * 3 + v) % spaceIds.length]!,
          gap: spaceIds[(c * 5 + v) % spaceIds.length]!,
        },
      })),
    });
  }
  return { tokens, components };
}

async function runOn(label: string, report: Report, databaseUrl?: string): Promise<void> {
  const db = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  const app = await buildApp(testConfig({ ADMIN_TOKEN: 'ds_bench_admin_token_000000000000000000', RATE_LIMIT_MAX: '100000', BODY_LIMIT_BYTES: String(64 * 1024 * 1024) }), { database: db });
  try {
    const project = (await db.prisma.apiToken.findFirstOrThrow()).projectId;
    const ds = designSystem();
    const post = async (body: unknown) => {
      const t0 = performance.now();
      const res = await app.inject({ method: 'POST', url: `/api/v1/projects/${project}/syncs`, headers: { authorization: 'Bearer ds_bench_admin_token_000000000000000000' }, payload: body as object });
      const wall = performance.now() - t0;
      if (res.statusCode !== 201) throw new Error(`sync failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
      return { body: res.json() as { proposals: Array<{ componentId: string }>; syncId: string; timingsMs: Record<string, number> }, wall };
    };
    const schemaMs = (body: unknown) => {
      const t0 = performance.now();
      SyncRequest.parse(body);
      return performance.now() - t0;
    };

    const firstBody = { fileKey: 'BENCH', tokens: ds.tokens, components: ds.components };
    const first = await post(firstBody);
    report(`${label}: first sync, wall (HTTP)`, first.wall, 'ms');
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

    // Change 20 primitive color values: through aliases they reach a share of the components.
    const changed = structuredClone(ds);
    const colors = changed.tokens.tokens.filter((t) => t.id.startsWith('p') && t.type === 'color');
    for (let i = 0; i < CHANGED; i++) colors[i * 37 % colors.length]!.valuesByMode.light = color(0xabcdef + i);
    const secondBody = { fileKey: 'BENCH', tokens: changed.tokens, components: changed.components };
    const second = await post(secondBody);
    report(`${label}: changed sync (${CHANGED} token values), wall (HTTP)`, second.wall, 'ms');
    report(`${label}: changed sync, schema validation`, schemaMs(secondBody), 'ms');
    for (const [phase, ms] of Object.entries(second.body.timingsMs)) report(`${label}: changed sync, ${phase}`, ms, 'ms');
    report(`${label}: changed sync, proposals`, second.body.proposals.length, 'components');
  } finally {
    await app.close();
    await db.close();
  }
}

const bench: Bench = async (report) => {
  await runOn('PGlite', report);
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    console.log('  (PostgreSQL figures skipped: set TEST_DATABASE_URL or BENCH_DATABASE_URL)');
    return;
  }
  const scratch = await createScratchDatabase(base, 'ds_bench');
  try {
    await runOn('PostgreSQL', report, scratch.url);
  } finally {
    await scratch.drop();
  }
};

export default bench;
