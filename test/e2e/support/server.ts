// The real server on loopback, on a fresh database: what the UI talks to in the browser tests.
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../../server/app.js';
import { testConfig } from '../../../server/config.js';
import { openDatabase, type Database } from '../../../server/db/database.js';

export const E2E_TOKEN = 'ds_e2e_admin_token_0123456789abcdefghijk';

export interface LiveServer {
  url: string;
  app: App;
  db: Database;
  projectId: string;
  token: string;
  /** an authenticated call to the API, to arrange and check state */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startLiveServer(): Promise<LiveServer> {
  const db = await openDatabase({ dataDir: 'memory://' });
  const app = await buildApp(testConfig({ ADMIN_TOKEN: E2E_TOKEN, RATE_LIMIT_MAX: '100000', LOG_LEVEL: 'warn' }), {
    database: db,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const projectId = (await db.prisma.apiToken.findFirstOrThrow()).projectId;
  return {
    url,
    app,
    db,
    projectId,
    token: E2E_TOKEN,
    async api(method, path, body) {
      const res = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${E2E_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as never };
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}
