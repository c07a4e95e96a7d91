import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import type { Database } from '../../server/db/database.js';
import { freshDatabase, type DbKind, type TestDatabase } from './databases.js';

export const ADMIN_TOKEN = 'ds_test_admin_token_0123456789abcdefghij';

export interface TestApp {
  app: App;
  db: Database;
  testDb: TestDatabase;
  adminToken: string;
  projectId: string;
  api: Api;
  close(): Promise<void>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Api {
  (
    method: Method,
    url: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<LightMyRequestResponse>;
}

/** Builds the real app on a fresh database of the given kind, with a known first admin token. */
export async function startTestApp(
  kind: DbKind,
  env: Record<string, string> = {},
  logStream?: { write(line: string): void },
): Promise<TestApp> {
  const testDb = await freshDatabase(kind);
  const db = await testDb.open();
  const app = await buildApp(testConfig({ ADMIN_TOKEN, RATE_LIMIT_MAX: '100000', ...env }), {
    database: db,
    ...(logStream ? { logStream } : {}),
  });
  await app.ready();
  const token = await db.prisma.apiToken.findFirstOrThrow({ where: { name: 'admin' } });
  const api: Api = (method, url, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const token = options.token === undefined ? ADMIN_TOKEN : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.raw !== undefined) {
      headers['content-type'] ??= 'application/json';
      return app.inject({ method, url, headers, payload: options.raw });
    }
    return app.inject({
      method,
      url,
      headers,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
  };
  return {
    app,
    db,
    testDb,
    adminToken: ADMIN_TOKEN,
    projectId: token.projectId,
    api,
    async close() {
      await app.close();
      await db.close();
      await testDb.destroy();
    },
  };
}

/** Creates a second project with its own admin token, for isolation tests. */
export async function otherProject(t: TestApp): Promise<{ projectId: string; token: string }> {
  const res = await t.api('POST', '/api/v1/projects', { body: { name: 'other' } });
  if (res.statusCode !== 201) throw new Error(`could not create project: ${res.body}`);
  const body = res.json() as { project: { id: string }; token: { token: string } };
  return { projectId: body.project.id, token: body.token.token };
}

export const files = (n: number, seed = 'v1') =>
  Array.from({ length: n }, (_, i) => ({
    path: `src/File${i}.tsx`,
    content: `// ${seed} file ${i}\nexport const value${i} = '${seed}';\n`,
  }));
