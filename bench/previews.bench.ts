import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile, startProbe } from './probe.js';
import { median, onEachDatabase, withLiveServer } from './support.js';
import type { Report } from './types.js';
import type { ComponentSpec } from '../core/contract/specs.js';
import { previewModel } from '../core/codegen/preview-model.js';
import { generate, inputsFor } from '../server/services/generation/index.js';
import { buildPage, previewModes, type PreviewSide } from '../server/services/previews/index.js';
import { designSystem } from '../test/helpers/sync-fixtures.js';

/**
 * Preview pages (server/services/previews): the build of one page for a 20-variant component
 * (4 sizes × 5 states, two modes: 40 renderings), bundled by esbuild from its generated files —
 * the first build apart (it bundles React once per process), then the median and max of 10
 * (target < 300 ms); and /healthz latency on the real server while 10 versions' pages are
 * requested at once (each built on first request), beside its idle p99.
 */
const TOKEN = 'ds_bench_admin_token_000000000000000000';
const BUILDS = 10;
const INTERVAL_MS = Number(process.env.BENCH_PROBE_MS ?? 20);
const IDLE_MS = 2000;

function twentyVariants(): { spec: ComponentSpec; ds: ReturnType<typeof designSystem> } {
  const ds = designSystem();
  const button = ds.components.find((c) => c.name === 'Button')!;
  const sizes = ['xs', 'sm', 'md', 'lg'];
  const states = ['rest', 'hover', 'pressed', 'focus', 'disabled'];
  button.props = [
    { name: 'size', id: 'size', kind: 'variant', default: 'md', options: sizes },
    { name: 'state', id: 'state', kind: 'variant', default: 'rest', options: states },
    { name: 'label', id: 'label#1:1', kind: 'text', default: 'Button' },
  ];
  button.variants = sizes.flatMap((size, i) =>
    states.map((state, j) => ({
      id: `10:${100 + i * 10 + j}`,
      values: { size, state },
      bindings: {
        fill: 'VariableID:2:1',
        paddingLeft: i % 2 ? 'VariableID:1:6' : 'VariableID:1:5',
        radius: 'VariableID:1:7',
      },
    })),
  );
  return { spec: button, ds };
}

function sideOf(n: number): PreviewSide {
  const { spec, ds } = twentyVariants();
  const inputs = inputsFor(spec, ds.tokens);
  const files = generate(inputs).files.map((f) =>
    f.path.endsWith('.tsx') ? { ...f, content: `${f.content}\n// build ${n}\n` } : f,
  );
  return {
    versionId: `bench-${n}`,
    label: null,
    model: previewModel(inputs.spec),
    modes: previewModes(inputs.tokens),
    files,
    dependencies: new Map(),
  };
}

async function buildTimes(report: Report): Promise<void> {
  let t0 = performance.now();
  await buildPage([sideOf(0)], 'Button');
  report('first build in a process (React bundled once), 20 variants', performance.now() - t0, 'ms');
  const times: number[] = [];
  for (let i = 1; i <= BUILDS; i++) {
    const side = sideOf(i);
    t0 = performance.now();
    await buildPage([side], 'Button');
    times.push(performance.now() - t0);
  }
  report(`build of a 20-variant component (2 modes), median of ${BUILDS} (target < 300 ms)`, median(times), 'ms');
  report(`build of a 20-variant component, max of ${BUILDS}`, Math.max(...times), 'ms');
}

async function runOn(label: string, report: Report, databaseUrl?: string): Promise<void> {
  await withLiveServer(TOKEN, databaseUrl, async ({ base, database }) => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      return method === 'GET' && path.endsWith('/preview') ? res.text() : (res.json() as Promise<{ id: string }>);
    };
    const project = (await database.prisma.apiToken.findFirstOrThrow()).projectId;
    const { spec, ds } = twentyVariants();
    const inputs = inputsFor(spec, ds.tokens);
    const generated = generate(inputs).files;
    const versionIds: string[] = [];
    for (let i = 0; i < BUILDS; i++) {
      const component = (await call('POST', `/projects/${project}/components`, { name: `Button ${i}` })) as {
        id: string;
      };
      const draft = (await call('POST', `/components/${component.id}/versions`, {
        files: generated,
        bump: 'minor',
        spec: inputs.spec,
        tokens: inputs.tokens,
      })) as { id: string };
      versionIds.push(draft.id);
    }
    // One page first: React's bundle is built once per process, not what a running server pays.
    await call('GET', `/versions/${versionIds[0]}/preview`);
    await database.prisma.previewBuild.deleteMany();

    const probe = startProbe(base, ['/healthz'], INTERVAL_MS);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idle = (await probe.take()).latencies['/healthz']!;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    await Promise.all(versionIds.map((id) => call('GET', `/versions/${id}/preview`)));
    const wall = performance.now() - t0;
    loop.disable();
    const busy = (await probe.stop()).latencies['/healthz']!;
    report(`${label}: ${BUILDS} previews built at once, wall`, wall, 'ms');
    report(`${label}: /healthz p99 while they build`, percentile(busy, 99), 'ms');
    report(`${label}: /healthz max while they build`, Math.max(...busy), 'ms');
    report(`${label}: /healthz p99 idle`, percentile(idle, 99), 'ms');
    report(`${label}: the server's event-loop delay while they build, max`, loop.max / 1e6, 'ms');
  });
}

const onDatabases = onEachDatabase(runOn);

export default async function previews(report: Report): Promise<void> {
  await buildTimes(report);
  await onDatabases(report);
}
