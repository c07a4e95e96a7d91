import { Worker } from 'node:worker_threads';

/**
 * Probes a listening server while a bench loads it: a worker thread (so its clock does not stop
 * when the server's event loop does) requests each named path every `intervalMs`, open loop,
 * and records each latency. `mark()` sets the samples so far aside as the idle ones (what the
 * machine gives with nothing else running); `stop()` answers both.
 */
export interface ProbeOptions {
  base: string;
  /** sent as a bearer token to every path but /healthz */
  token: string;
  paths: Record<string, string>;
  intervalMs: number;
  maxMs: number;
}

export type Samples = Record<string, number[]>;

export interface Probes {
  mark(): void;
  stop(): Promise<{ samples: Samples; idle: Samples | null; errors: number }>;
}

// Plain JavaScript: the worker runs without the TypeScript loader.
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
// A fresh connection per probe: a reused keep-alive socket can race the server closing it.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const { base, token, paths, intervalMs, maxMs } = workerData;
const empty = () => Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
let samples = empty();
let errors = 0;
const inflight = new Set();
let stopped = false;
// node:http has no connect timeout (fetch gives up after 10 s, and a blocked server takes longer).
const probe = (kind, path) => {
  const headers = path === '/healthz' ? {} : { authorization: 'Bearer ' + token };
  const t0 = performance.now();
  const p = new Promise((resolve, reject) => {
    http.get(base + path, { headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(kind + ' answered ' + res.statusCode))));
    }).on('error', reject);
  }).then(() => samples[kind].push(performance.now() - t0));
  inflight.add(p);
  p.catch((err) => { errors += 1; if (errors === 1) parentPort.postMessage({ warning: String(err) }); }).finally(() => inflight.delete(p));
};
const started = performance.now();
const timer = setInterval(() => {
  if (stopped || performance.now() - started > maxMs) return finish();
  for (const [kind, path] of Object.entries(paths)) probe(kind, path);
}, intervalMs);
async function finish() {
  if (stopped) return;
  stopped = true;
  clearInterval(timer);
  await Promise.allSettled([...inflight]);
  parentPort.postMessage({ samples, idle, errors });
}
let idle = null;
parentPort.on('message', (m) => {
  if (m === 'stop') finish();
  if (m === 'mark') { idle = samples; samples = empty(); }
});
parentPort.postMessage({ ready: true });
`;

export async function startProbes(options: ProbeOptions): Promise<Probes> {
  const sampler = new Worker(SAMPLER, { eval: true, workerData: options });
  const done = new Promise<{ samples: Samples; idle: Samples | null; errors: number }>((resolve, reject) => {
    sampler.on('message', (m: { samples?: Samples; idle?: Samples | null; errors?: number; warning?: string }) => {
      if (m.warning) console.log(`  (a probe failed: ${m.warning})`);
      if (m.samples) resolve({ samples: m.samples, idle: m.idle ?? null, errors: m.errors ?? 0 });
    });
    sampler.on('error', reject);
  });
  await new Promise((resolve) => sampler.once('message', resolve));
  return {
    mark: () => sampler.postMessage('mark'),
    stop: async () => {
      sampler.postMessage('stop');
      const result = await done;
      await sampler.terminate();
      return result;
    },
  };
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
}
