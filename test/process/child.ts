// Helpers for the process tests: build dist once, spawn the real server (`node
// dist/server/server.js`) as a child process, read its start-up output, talk HTTP to it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const serverJs = join(root, 'dist/server/server.js');
export const migrateJs = join(root, 'dist/server/migrate.js');

/** Every variable server/config.ts reads: never inherited from the developer's shell. */
const CONFIG_VARS = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'LOG_LEVEL',
  'BODY_LIMIT_BYTES',
  'ADMIN_TOKEN',
  'SECRET_KEY',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_WINDOW',
  'CORS_ORIGINS',
  'MIGRATE_ON_START',
  'PUBLIC_URL',
  'ALLOW_PRIVATE_TARGETS',
  'TRUST_PROXY',
];

export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const k of CONFIG_VARS) delete out[k];
  // vitest's own variables would only confuse a plain `node` child.
  for (const k of Object.keys(out)) if (k.startsWith('VITEST') || k === 'NODE_OPTIONS') delete out[k];
  const defaults = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000' };
  for (const [k, v] of Object.entries({ ...defaults, ...env })) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(p));
    else newest = Math.max(newest, (await stat(p)).mtimeMs);
  }
  return newest;
}

async function isFresh(): Promise<boolean> {
  try {
    const built = Math.min((await stat(serverJs)).mtimeMs, (await stat(migrateJs)).mtimeMs);
    const sources = Math.max(
      await newestMtime(join(root, 'server')),
      await newestMtime(join(root, 'core')),
      await newestMtime(join(root, 'plugin')),
      (await stat(join(root, 'esbuild.config.mjs'))).mtimeMs,
      (await stat(join(root, 'package-lock.json'))).mtimeMs,
    );
    return built > sources;
  } catch {
    return false;
  }
}

/**
 * Runs `node esbuild.config.mjs` (what `npm run build` does) unless dist/server is newer than
 * every source. Test files run in parallel workers: a directory lock makes them build one at
 * a time, and the freshness check keeps the second from rewriting the bundle under the
 * first one's running children.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(root, 'dist', '.process-tests-build.lock');
  await mkdir(join(root, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A lock older than two minutes belongs to a crashed run.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > 120_000) await rmdir(lock).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`could not take the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (await isFresh()) return;
    const r = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`build failed (${r.status}): ${r.stderr}${r.stdout}`);
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerChild {
  proc: ChildProcess;
  url: string;
  /** The first admin token when this start printed one, else null. */
  token: string | null;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  /** SIGKILL, and resolves once the process is gone (its files are free again). */
  kill(): Promise<Exit>;
  /** SIGTERM, and resolves with the exit (rejects after timeoutMs). */
  stop(timeoutMs?: number): Promise<Exit>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

/** Spawns `node <script>` with a clean environment and collects its output. */
export function spawnNode(script: string, env: Record<string, string | undefined>) {
  const proc = spawn(process.execPath, [script], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(proc);
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<Exit>((res) => {
    proc.on('exit', (code, signal) => {
      live.delete(proc);
      res({ code, signal });
    });
  });
  // 'exit' can come before the pipes are drained; 'close' comes after both.
  const closed = new Promise<Exit>((res) => proc.on('close', (code, signal) => res({ code, signal })));
  return { proc, exited, closed, stdout: () => out, stderr: () => err };
}

/** Runs a node script to completion. */
export async function runNode(script: string, env: Record<string, string | undefined>, timeoutMs = 60_000) {
  const c = spawnNode(script, env);
  const timer = setTimeout(() => c.proc.kill('SIGKILL'), timeoutMs);
  const exit = await c.closed;
  clearTimeout(timer);
  return { ...exit, stdout: c.stdout(), stderr: c.stderr() };
}

/**
 * Starts the built server and waits for its "listening" banner. PORT=0 by default: the
 * kernel picks a free port and the banner carries the real address.
 */
export async function startServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<ServerChild> {
  const c = spawnNode(serverJs, env);
  const started = Date.now();
  let ended: Exit | null = null;
  void c.exited.then((e) => (ended = e));
  // The banner is printed in one synchronous burst; wait for its last fixed line, then a moment
  // for the optional token block that follows it in the same burst.
  while (!/web app: \S+\n/.test(c.stdout())) {
    if (ended)
      throw new Error(`server exited (${JSON.stringify(ended)}) before listening:\n${c.stderr()}${c.stdout()}`);
    if (Date.now() - started > timeoutMs) {
      c.proc.kill('SIGKILL');
      throw new Error(`server did not start within ${timeoutMs} ms:\n${c.stderr()}${c.stdout()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 150));
  const out = c.stdout();
  const url = /design-sync listening on (http:\/\/\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`no URL in the banner:\n${out}`);
  const token = /First admin token[^\n]*\n\s*(\S+)/.exec(out)?.[1] ?? null;
  return {
    proc: c.proc,
    url,
    token,
    stdout: c.stdout,
    stderr: c.stderr,
    exited: c.exited,
    async kill() {
      c.proc.kill('SIGKILL');
      return c.exited;
    },
    async stop(ms = 15_000) {
      c.proc.kill('SIGTERM');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error(`server did not exit within ${ms} ms of SIGTERM`)), ms);
      });
      try {
        return await Promise.race([c.exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export interface Reply {
  status: number;
  // Tests read answers of every route through it; each asserts the fields it needs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  headers: Headers;
}

/** A tiny JSON client for one server and token. */
export function client(url: string, token: string | null) {
  return async (method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Reply> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
}

export type Client = ReturnType<typeof client>;

/**
 * The cluster state PostgreSQL keeps in `global/pg_control` (the DBState enum at byte 16):
 * 'shut down' after a clean close; 'in production' while open, and so after a crash, when the
 * next start must replay the WAL ("database system was not properly shut down; automatic
 * recovery in progress").
 */
export async function pgControlState(dataDir: string): Promise<string> {
  const control = await readFile(join(dataDir, 'global', 'pg_control'));
  const states = [
    'starting up',
    'shut down',
    'shut down in recovery',
    'shutting down',
    'in crash recovery',
    'in archive recovery',
    'in production',
  ];
  const n = control.readUInt32LE(16);
  return states[n] ?? `unknown state ${n}`;
}
