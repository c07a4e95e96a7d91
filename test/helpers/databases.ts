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
  const name = `ds_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir: 'memory://',
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://' }),
    destroy: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
