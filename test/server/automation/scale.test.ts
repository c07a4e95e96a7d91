import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startFakeFigmaRest, type FakeFigmaRest } from '../../fakes/figma-rest/index.js';
import { createScratchDatabase } from '../../helpers/databases.js';
import { freePort } from '../../helpers/free-port.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import { baseDesign, editFile, putFile, waitUntil, type Design } from './support.js';

/*
 * Two server processes (the built dist/server/server.js, as `npm start` runs it) on one
 * PostgreSQL database share the job queue: ten tracked files, polled every 10 s, for several
 * intervals. Each file's poll runs once per interval, never twice at once, whichever process
 * takes it; both processes do polls; when one stops, the other goes on alone; a design edit
 * makes one version per affected component, not one per process.
 */
const base = process.env.TEST_DATABASE_URL;
const FILES = 10;
const INTERVAL_S = 10;
const ADMIN = `ds_scale_admin_${randomBytes(12).toString('hex')}`;
const serverJs = fileURLToPath(new URL('../../../dist/server/server.js', import.meta.url));

interface Instance {
  proc: ChildProcess;
  url: string;
  log: string[];
}

async function startInstance(databaseUrl: string, figma: FakeFigmaRest, secretKey: string): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const proc = spawn(process.execPath, [serverJs], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ADMIN_TOKEN: ADMIN,
      SECRET_KEY: secretKey,
      LOG_LEVEL: 'warn',
      JOBS: 'true',
      JOB_POLL_SECONDS: '0.5',
      FIGMA_API_BASE: figma.url,
      FIGMA_CALLS_PER_MINUTE: '1000',
      FIGMA_TIMEOUT_SECONDS: '5',
      RATE_LIMIT_MAX: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  await waitUntil(
    `the server on ${url} to answer (log: ${log.join('')})`,
    async () => {
      if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}: ${log.join('')}`);
      return fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    60_000,
  );
  return { proc, url, log };
}

async function stop(i: Instance): Promise<void> {
  if (i.proc.exitCode !== null) return;
  const exited = new Promise((r) => i.proc.once('exit', r));
  i.proc.kill('SIGTERM');
  await exited;
}

const api = async (i: Instance, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${i.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

describe.runIf(base)('two server processes on one PostgreSQL', () => {
  let figma: FakeFigmaRest;
  let scratch: { url: string; drop(): Promise<void> };
  let a: Instance;
  let b: Instance;
  let projectId: string;
  const keys = Array.from({ length: FILES }, (_, i) => `ScaleFileKey${String(i).padStart(2, '0')}`);
  /** File n holds its own components (Button3, Badge3, Card3 with their own node ids). */
  const design = (n: number, hex?: string): Design => {
    const d = baseDesign();
    if (hex) setColor(d.tokens, 'VariableID:1:1', hex);
    const shift = (id: string) => id.replace(/^(\d+):/, (_, page: string) => `${Number(page) + 100 * (n + 1)}:`);
    d.components = d.components.map((c) => ({
      ...c,
      id: shift(c.id),
      name: `${c.name}${n}`,
      variants: c.variants.map((v) => ({ ...v, id: shift(v.id) })),
    }));
    return d;
  };
  const metaCalls = (key: string) => figma.requests.filter((r) => r.endpoint === 'meta' && r.fileKey === key);

  beforeAll(async () => {
    figma = await startFakeFigmaRest();
    scratch = await createScratchDatabase(base!, 'ds_scale');
    const secretKey = randomBytes(32).toString('hex');
    // One after the other: the first applies the migrations, the second finds them applied.
    a = await startInstance(scratch.url, figma, secretKey);
    b = await startInstance(scratch.url, figma, secretKey);
    projectId = ((await api(a, 'GET', '/me')).json.project as { id: string }).id;
  }, 120_000);
  afterAll(async () => {
    for (const i of [a, b]) if (i) await stop(i);
    await figma?.close();
    await scratch?.drop();
  });

  it(`poll each of ${FILES} files once per interval, both doing the work, and keep going when one stops`, async () => {
    for (const [n, key] of keys.entries()) putFile(figma, key, design(n));
    const started = Date.now();
    for (const [n, key] of keys.entries()) {
      // Half through one instance, half through the other: either may run any file's jobs.
      const res = await api(n % 2 ? b : a, 'POST', `/projects/${projectId}/files`, {
        fileKey: key,
        figmaToken: figma.credentials.pat.token,
        pollIntervalSeconds: INTERVAL_S,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    // Three intervals with both running, then two with one.
    await new Promise((r) => setTimeout(r, 3 * INTERVAL_S * 1000 + 2000));
    const halfway = Date.now();
    // A design edit in three files while both run: one draft per affected component, from one process.
    for (const [n, key] of keys.slice(0, 3).entries()) editFile(figma, key, design(n, '#1144ee'));
    await new Promise((r) => setTimeout(r, INTERVAL_S * 1000 + 2000));
    await stop(a);
    const alone = Date.now();
    await new Promise((r) => setTimeout(r, 2 * INTERVAL_S * 1000));
    const end = Date.now();

    for (const key of keys) {
      const calls = metaCalls(key).map((r) => r.at);
      const gaps = calls.slice(1).map((t, i) => t - calls[i]!);
      // Never twice in one interval (a few hundred ms of slack for the queue's polling)…
      expect(Math.min(...gaps), `${key}: gaps ${gaps.join(', ')} ms`).toBeGreaterThanOrEqual(INTERVAL_S * 1000 - 500);
      // …and never an interval skipped, also after one process stopped.
      expect(Math.max(...gaps), `${key}: gaps ${gaps.join(', ')} ms`).toBeLessThan(2 * INTERVAL_S * 1000);
      expect(calls.length).toBeGreaterThanOrEqual(Math.floor((end - started) / 1000 / (INTERVAL_S + 2)));
      expect(calls.filter((t) => t > alone).length, `${key} polled after one process stopped`).toBeGreaterThanOrEqual(
        1,
      );
    }
    // Both processes polled (each names itself in User-Agent).
    const agents = new Set(
      figma.requests.filter((r) => r.endpoint === 'meta' && r.at < halfway).map((r) => r.headers['user-agent']),
    );
    expect(agents.size, [...agents].join(' | ')).toBe(2);

    // No version twice: per component one draft, and in each edited file one more, replacing it.
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ file_key: string; name: string; versions: string[] }>(
        `SELECT c.file_key, c.name, array_agg(v.version || ' ' || v.status ORDER BY v.created_at) AS versions
           FROM components c JOIN component_versions v ON v.component_id = c.id GROUP BY c.file_key, c.name ORDER BY 1, 2`,
      );
      expect(rows).toHaveLength(FILES * 3);
      for (const r of rows) {
        const edited = keys.slice(0, 3).includes(r.file_key) && r.name.startsWith('Button');
        // Nothing was published, so the edit's draft is 1.0.0 again and replaces the first.
        expect(r.versions, `${r.file_key} ${r.name}`).toEqual(
          edited ? ['1.0.0 superseded', '1.0.0 draft'] : ['1.0.0 draft'],
        );
      }
    } finally {
      await db.end();
    }
  }, 180_000);
});

if (!base) console.log('[design-sync tests] the two-process scale test runs only on PostgreSQL: set TEST_DATABASE_URL');
