import type pg from 'pg';

/**
 * The smallest SQL surface the migrator and a few maintenance queries need, over either
 * driver. Application code goes through Prisma; this exists because migrations must run
 * before the Prisma client can trust the schema.
 */
export interface RawSql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** The same, answering the rows of the last statement that returns rows. */
  script<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  transaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T>;
}

export function pgPoolRawSql(pool: pg.Pool): RawSql {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async script<T>(sql: string) {
      return lastRows<T>(await pool.query(sql));
    },
    async transaction<T>(fn: (tx: RawSql) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgClientRawSql(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

function pgClientRawSql(client: pg.PoolClient): RawSql {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async script<T>(sql: string) {
      return lastRows<T>(await client.query(sql));
    },
    async transaction<T>(fn: (tx: RawSql) => Promise<T>) {
      return fn(this);
    },
  };
}

/** pg answers a script with one result per statement: the rows of the last that returns rows. */
function lastRows<T>(result: pg.QueryResult | pg.QueryResult[]): T[] {
  const list = Array.isArray(result) ? result : [result];
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.fields?.length) return list[i]!.rows as T[];
  return [];
}
