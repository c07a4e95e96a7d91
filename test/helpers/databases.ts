import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../server/db/database.js';

export type DbKind = 'pglite' | 'postgres';

export const postgresUrl = process.env.TEST_DATABASE_URL;

/** The databases every storage suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set (CI). */
export const dbKinds: DbKind[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  kind: DbKind;
  /** postgres:// URL of the fresh database, or the PGlite data dir. */
  url: string | undefined;
  dataDir: string;
  open(): Promise<Database>;
  /** Drops the fresh PostgreSQL database (nothing to do for PGlite in memory). */
  destroy(): Promise<void>;
}

/**
 * A fresh, empty database of the given kind: an in-memory PGlite (or on disk, with dataDir),
 * or a new PostgreSQL database created next to TEST_DATABASE_URL and dropped afterwards.
 */
export async function freshDatabase(kind: DbKind, options: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dataDir = options.dataDir ?? 'memory://';
    return { kind, url: undefined, dataDir, open: () => openDatabase({ dataDir }), destroy: async () => undefined };
  }
  if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
  const scratch = await createScratchDatabase(postgresUrl);
  return {
    kind,
    url: scratch.url,
    dataDir: 'memory://',
    open: () => openDatabase({ databaseUrl: scratch.url, dataDir: 'memory://' }),
    destroy: scratch.drop,
  };
}

/** A new, empty PostgreSQL database next to `baseUrl` (tests, benchmarks); drop() removes it. */
export async function createScratchDatabase(
  baseUrl: string,
  prefix = 'ds_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
