// The real server as an operator runs it: `node dist/server/server.js` in a child process,
// configured only by environment variables. First start, the printed admin token, health and
// docs, graceful SIGTERM with a request in flight, restart on the same data, bad
// configuration, and `npm run migrate` (dist/server/migrate.js), on PGlite (data directory on
// disk) and on PostgreSQL when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, postgresUrl, type TestDatabase } from '../helpers/databases.js';
import {
  client,
  ensureBuilt,
  migrateJs,
  pgControlState,
  runNode,
  serverJs,
  startServer,
  type ServerChild,
} from './child.js';

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);

const tmpDirs: string[] = [];
async function tmp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `ds-${prefix}-`));
  tmpDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of tmpDirs) await rm(d, { recursive: true, force: true });
});

/**
 * Sends a request whose body arrives in two parts, `gapMs` apart, and calls `between` after
 * the first part: the request is in flight on the server while `between` runs.
 */
function slowPost(url: string, path: string, token: string, body: unknown, between: () => void, gapMs: number) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(path, url);
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': payload.length,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(payload.subarray(0, 5));
    // Give the server time to receive the headers and start the request before `between`.
    setTimeout(() => {
      between();
      setTimeout(() => req.end(payload.subarray(5)), gapMs);
    }, 200);
  });
}

/** The checks both database kinds share: first start, token, restart keeps data. */
function lifecycleSuite(kind: 'pglite' | 'postgres', env: () => Promise<Record<string, string>>) {
  let baseEnv: Record<string, string>;
  let server: ServerChild | null = null;
  let firstToken: string;
  let created: { projectId: string; projectToken: string; componentId: string; versionId: string };
  let duringShutdown: { projectId: string; token: string };

  beforeAll(async () => {
    baseEnv = await env();
  });
  afterAll(async () => {
    if (server) await server.kill();
  });

  it('first start: prints the URL and a first admin token; /healthz, /readyz, /docs and /openapi.json answer', async () => {
    server = await startServer(baseEnv);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(server.url).port)).toBeGreaterThan(0); // PORT=0: the real port is printed
    expect(server.stdout()).toContain(
      kind === 'pglite' ? `embedded PGlite in ${baseEnv.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)',
    );
    expect(server.stdout()).toContain('First admin token (shown once; store it now):');
    expect(server.token).toMatch(/^ds_[A-Za-z0-9_-]{20,}$/);
    firstToken = server.token!;

    const anon = client(server.url, null);
    const health = await anon('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await anon('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: kind });

    const docs = await anon('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(docs.text.toLowerCase()).toContain('swagger');

    const spec = await anon('GET', '/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(spec.body.paths);
    for (const p of [
      '/api/v1/projects',
      '/api/v1/projects/{projectId}/components',
      '/api/v1/components/{componentId}/versions',
      '/api/v1/versions/{versionId}/publish',
      '/api/v1/components/{componentId}/compare',
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => p.startsWith('/api/v1/')).length).toBeGreaterThanOrEqual(10);

    // Without a token the API refuses; the public routes above did not need one.
    expect((await anon('POST', '/api/v1/projects', { name: 'x' })).status).toBe(401);
  });

  it('the start-up banner names the web app at /app (where the README sends people) and the API docs, and both answer', async () => {
    const url = server!.url;
    const line = server!
      .stdout()
      .split('\n')
      .find((l) => l.includes('API docs:'));
    expect(line).toBe(`  API docs: ${url}/docs   web app: ${url}/app`);
    const anon = client(url, null);
    const app = await anon('GET', '/app');
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('the printed token is a working admin token', async () => {
    const api = client(server!.url, firstToken);
    const res = await api('POST', '/api/v1/projects', { name: 'Acme design system' });
    expect(res.status, res.text).toBe(201);
    const projectId = res.body.project.id as string;
    const projectToken = res.body.token.token as string;
    expect(res.body.token.scope).toBe('admin');

    // Work in the new project with its own token: a component with one published version.
    const p = client(server!.url, projectToken);
    const component = await p('POST', `/api/v1/projects/${projectId}/components`, { name: 'Button' });
    expect(component.status, component.text).toBe(201);
    const draft = await p('POST', `/api/v1/components/${component.body.id}/versions`, {
      files: [
        { path: 'Button.tsx', content: 'export const Button = () => null;\n' },
        { path: 'Button.module.css', content: '.root { color: var(--c); }\n' },
      ],
      bump: 'minor',
    });
    expect(draft.status, draft.text).toBe(201);
    const published = await p('POST', `/api/v1/versions/${draft.body.id}/publish`, {});
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', version: '1.0.0' });
    created = { projectId, projectToken, componentId: component.body.id, versionId: draft.body.id };

    // A made-up token does not work.
    expect(
      (await client(server!.url, 'ds_not_a_real_token_0000000000000')('POST', '/api/v1/projects', { name: 'x' }))
        .status,
    ).toBe(401);
  });

  it('SIGTERM lets the in-flight request finish, then exits 0', async () => {
    const s = server!;
    const started = Date.now();
    let signalledAt = 0;
    const reply = await slowPost(
      s.url,
      '/api/v1/projects',
      firstToken,
      { name: 'created during shutdown' },
      () => {
        signalledAt = Date.now();
        s.proc.kill('SIGTERM');
      },
      500,
    );
    expect(signalledAt).toBeGreaterThan(started);
    expect(reply.status, reply.body).toBe(201);
    const body = JSON.parse(reply.body) as { project: { id: string }; token: { token: string } };
    duringShutdown = { projectId: body.project.id, token: body.token.token };
    const exit = await s.stop(10_000); // already signalled; waits for the exit
    expect(exit).toEqual({ code: 0, signal: null });
    // Promptly: not after the client's keep-alive timeout (5 s for Node's agent) nor the 15 s shutdown limit.
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    server = null;
    // After the exit nothing listens any more, and PGlite was closed cleanly (a checkpoint,
    // no WAL to replay at the next start).
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    if (kind === 'pglite') expect(await pgControlState(baseEnv.DATA_DIR!)).toBe('shut down');
  });

  it('restart on the same data: no new token is printed, earlier data and tokens still work', async () => {
    server = await startServer(baseEnv);
    expect(server.token).toBeNull();
    expect(server.stdout()).not.toContain('First admin token');
    const p = client(server.url, created.projectToken);
    const component = await p('GET', `/api/v1/components/${created.componentId}`);
    expect(component.status, component.text).toBe(200);
    expect(component.body.currentVersion).toMatchObject({
      id: created.versionId,
      version: '1.0.0',
      status: 'published',
    });
    const version = await p('GET', `/api/v1/versions/${created.versionId}`);
    expect(version.body.files.map((f: { path: string }) => f.path)).toEqual(['Button.module.css', 'Button.tsx']);
    expect(version.body.files[1].content).toBe('export const Button = () => null;\n');
    // The first token still works, and the project created while shutting down was kept.
    expect((await client(server.url, firstToken)('POST', '/api/v1/projects', { name: 'after restart' })).status).toBe(
      201,
    );
    const kept = await client(server.url, duringShutdown.token)(
      'GET',
      `/api/v1/projects/${duringShutdown.projectId}/components`,
    );
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body.items).toEqual([]);
    const exit = await server.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    server = null;
  });

  it('migrate (dist/server/migrate.js) reports the database up to date after the server migrated it', async () => {
    const r = await runNode(migrateJs, baseEnv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Database is up to date.');
    expect(r.stdout).toMatch(/[1-9]\d* migration\(s\) in place\./);
  });
}

describe('server process on PGlite (data directory on disk)', { timeout: 180_000 }, () => {
  let dataDir: string;
  lifecycleSuite('pglite', async () => {
    const dir = await tmp('server');
    dataDir = join(dir, 'pglite');
    return { DATA_DIR: dataDir };
  });

  it('keeps its database files and the generated secret key in DATA_DIR', async () => {
    expect((await stat(join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);
    expect((await readdir(join(dataDir, 'pg_wal'))).length).toBeGreaterThan(0);
    expect((await stat(join(dataDir, 'secret.key'))).isFile()).toBe(true);
  });

  it('migrate on a fresh data directory applies the migrations, then reports up to date', async () => {
    const dir = join(await tmp('migrate'), 'pglite');
    const first = await runNode(migrateJs, { DATA_DIR: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied: \d+_init/);
    const second = await runNode(migrateJs, { DATA_DIR: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Database is up to date.');
    // A server started on it afterwards needs no migration and prints its first token.
    const s = await startServer({ DATA_DIR: dir, MIGRATE_ON_START: 'false' });
    try {
      expect(s.token).toMatch(/^ds_/);
      expect((await client(s.url, s.token)('POST', '/api/v1/projects', { name: 'p' })).status).toBe(201);
    } finally {
      expect(await s.stop()).toEqual({ code: 0, signal: null });
    }
  });
});

describe('bad configuration stops the process with exit code 78 and names the variable', { timeout: 60_000 }, () => {
  const cases: [string, Record<string, string>][] = [
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['ADMIN_TOKEN', { ADMIN_TOKEN: 'too-short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '12' }],
    ['MIGRATE_ON_START', { MIGRATE_ON_START: 'maybe' }],
    ['SECRET_KEY', { SECRET_KEY: 'not-a-key' }],
  ];
  it.each(cases)('%s %o', async (name, env) => {
    const dir = join(await tmp('badcfg'), 'pglite');
    const r = await runNode(serverJs, { DATA_DIR: dir, ...env }, 30_000);
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(78);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toMatch(new RegExp(`\\b${name}\\b`));
    expect(r.stdout).not.toContain('listening');
    // It stopped before touching the data directory.
    await expect(stat(dir)).rejects.toThrow();
  });

  it('names every bad variable at once', async () => {
    const r = await runNode(serverJs, { PORT: 'abc', DATABASE_URL: 'mysql://x' }, 30_000);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL');
  });
});

describe.skipIf(!postgresUrl)('server process on PostgreSQL (TEST_DATABASE_URL)', { timeout: 180_000 }, () => {
  let db: TestDatabase | null = null;
  afterAll(async () => {
    await db?.destroy();
  });
  lifecycleSuite('postgres', async () => {
    db = await freshDatabase('postgres');
    // DATA_DIR only decides where the generated secret key is kept.
    return { DATABASE_URL: db.url!, DATA_DIR: join(await tmp('pg'), 'unused') };
  });

  it('migrate on a fresh PostgreSQL database applies the migrations, then reports up to date', async () => {
    const fresh = await freshDatabase('postgres');
    try {
      const env = { DATABASE_URL: fresh.url!, DATA_DIR: join(await tmp('pgmig'), 'unused') };
      const first = await runNode(migrateJs, env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/Applied: \d+_init/);
      const second = await runNode(migrateJs, env);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain('Database is up to date.');
    } finally {
      await fresh.destroy();
    }
  });
});
