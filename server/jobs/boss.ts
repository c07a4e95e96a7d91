// pg-boss on the server's own database: PostgreSQL through its connection string; the embedded
// PGlite through pg-boss's `db` option (statements without parameters, such as its migrations,
// are scripts of several statements; the rest are parameterized queries).
import PgBoss from 'pg-boss';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import type { RawSql } from '../db/raw-sql.js';

export const BOSS_SCHEMA = 'pgboss';

export function createBoss(database: Database, config: Config): PgBoss {
  const common = {
    schema: BOSS_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: true,
    // Finished jobs are kept a week for GET /projects/:id/jobs, then deleted by pg-boss.
    deleteAfterDays: 7,
  };
  if (database.kind === 'postgres')
    return new PgBoss({ ...common, connectionString: database.url ?? config.databaseUrl, max: 4 });
  return new PgBoss({ ...common, db: rawDb(database.raw) });
}

export function rawDb(raw: RawSql): PgBoss.Db {
  return {
    async executeSql(text, values) {
      return { rows: values && values.length ? await raw.query(text, values) : await raw.script(text) };
    },
  };
}

/**
 * pg-boss writing inside a Prisma transaction: a job enqueued this way exists exactly when the
 * transaction that caused it commits. Objects go as JSON text (pg-boss casts them to jsonb).
 */
export function txDb(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      const args = values.map((v) =>
        v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) ? JSON.stringify(v) : v,
      );
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...args) };
    },
  };
}
