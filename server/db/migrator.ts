import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawSql } from './raw-sql.js';

/** prisma/migrations, found from both server/db/*.ts and the dist/server bundle. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Exactly the table `prisma migrate` creates, so `prisma migrate status/deploy` agree with us
// wherever the schema engine exists.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Serializes migrators of several server instances on one PostgreSQL.
const LOCK_KEY = 72_707_369;

export async function readMigrations(dir = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations in name order, each in its own transaction, recording
 * `_prisma_migrations` rows as Prisma does. Refuses to run when an applied migration's file
 * changed, when one failed half-way, or when the database has migrations this code lacks.
 */
export async function migrate(sql: RawSql, options: { dir?: string; locking?: boolean } = {}): Promise<MigrateResult> {
  const files = await readMigrations(options.dir);
  await sql.exec(CREATE_MIGRATIONS_TABLE);
  const run = async (): Promise<MigrateResult> => {
    const rows = await sql.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    checkApplied(rows, files);
    const done = new Set(rows.map((r) => r.migration_name));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file.name)) continue;
      await sql.transaction(async (tx) => {
        const id = randomUUID();
        await tx.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, file.checksum, file.name],
        );
        try {
          await tx.exec(file.sql);
        } catch (err) {
          throw new MigrationError(`Migration ${file.name} failed: ${(err as Error).message}`);
        }
        await tx.query('UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [
          id,
        ]);
      });
      applied.push(file.name);
    }
    return { applied, alreadyApplied: files.filter((f) => done.has(f.name)).map((f) => f.name) };
  };
  if (!options.locking) return run();
  await sql.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    return await run();
  } finally {
    await sql.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}

function checkApplied(rows: AppliedRow[], files: MigrationFile[]): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of rows) {
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which this version of design-sync does not know. ` +
          'Refusing to start: run the release that created it, or restore a matching database.',
      );
    }
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but did not finish. Inspect the database, then mark it rolled back ` +
          '(set rolled_back_at in _prisma_migrations) before starting again.',
      );
    }
    if (row.checksum !== file.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ` +
          `${file.checksum.slice(0, 12)}… on disk). Refusing to start: restore the original file and add a new migration instead.`,
      );
    }
  }
}
