import { Worker } from 'node:worker_threads';

/** Latencies in ms per probed path. */
export type Latencies = Record<string, number[]>;

// Plain JavaScript: the worker runs without the TypeScript loader. Its own thread keeps its clock
// running while the server's event loop is blocked, so a blocked server shows as slow probes.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { base, paths, intervalMs, token } = workerData;
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const fresh = () => Object.fromEntries(paths.map((p) => [p, []]));
let latencies = fresh();
let errors = 0;
const inflight = new Set();
const probe = (path) => {
  const t0 = performance.now();
  const p = new Promise((resolve, reject) => {
    // Every path but /healthz is the API's: it needs the token.
    const headers = token && path !== '/healthz' ? { authorization: 'Bearer ' + token } : {};
    http.get(base + path, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(path + ' answered ' + res.statusCode))));
    }).on('error', reject);
  }).then(() => latencies[path].push(performance.now() - t0), () => { errors += 1; });
  inflight.add(p);
  p.finally(() => inflight.delete(p));
};
const timer = setInterval(() => paths.forEach(probe), intervalMs);
parentPort.on('message', async (m) => {
  // Probes still in flight belong to the period that sent them.
  if (m === 'stop') clearInterval(timer);
  await Promise.allSettled([...inflight]);
  parentPort.postMessage({ latencies, errors });
  latencies = fresh();
  errors = 0;
});
`;

/**
 * Requests `paths` of the server at `base` every `intervalMs` (open loop: a slow answer does not
 * delay the next probe) from a worker thread, with `token` as bearer for every path but /healthz. `take()` returns what was measured since the last
 * take; `stop()` the rest, and ends the thread.
 */
export function startProbe(base: string, paths: string[], intervalMs: number, token?: string) {
  const worker = new Worker(PROBE, { eval: true, workerData: { base, paths, intervalMs, token } });
  const ask = (message: 'take' | 'stop') =>
    new Promise<{ latencies: Latencies; errors: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(message);
    });
  return {
    take: () => ask('take'),
    async stop() {
      const last = await ask('stop');
      await worker.terminate();
      return last;
    },
  };
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
}
