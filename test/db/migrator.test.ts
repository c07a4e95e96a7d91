import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, mkdir, writeFile, appendFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defaultMigrationsDir, migrate, readMigrations } from '../../server/db/migrator.js';
import type { Database } from '../../server/db/database.js';
import { dbKinds, freshDatabase, type TestDatabase } from '../helpers/databases.js';

describe.each(dbKinds)('migrator on %s', (kind) => {
  const open: Array<{ db: Database; t: TestDatabase }> = [];
  const fresh = async () => {
    const t = await freshDatabase(kind);
    const db = await t.open();
    open.push({ db, t });
    return db;
  };
  afterEach(async () => {
    for (const { db, t } of open.splice(0)) {
      await db.close();
      await t.destroy();
    }
  });
  const copyMigrations = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ds-migrations-'));
    await cp(defaultMigrationsDir, dir, { recursive: true });
    return dir;
  };

  it('applies every migration in order and records them as Prisma does', async () => {
    const db = await fresh();
    const files = await readMigrations();
    const result = await migrate(db.raw, { locking: kind === 'postgres' });
    expect(result.applied).toEqual(files.map((f) => f.name));
    const rows = await db.raw.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
      id: string;
    }>('SELECT * FROM "_prisma_migrations" ORDER BY started_at');
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      const sql = readFileSync(join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const again = await migrate(db.raw);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(files.map((f) => f.name));
  });

  it('refuses to start when an applied migration file changed', async () => {
    const db = await fresh();
    const dir = await copyMigrations();
    await migrate(db.raw, { dir });
    const first = (await readMigrations(dir))[0]!;
    await appendFile(join(dir, first.name, 'migration.sql'), '\n-- edited after the fact\n');
    await expect(migrate(db.raw, { dir })).rejects.toThrow(
      new RegExp(`Migration ${first.name} was changed after it was applied`),
    );
    await rm(dir, { recursive: true });
  });

  it('refuses to start when the database has a migration the code does not know', async () => {
    const db = await fresh();
    await migrate(db.raw);
    await db.raw.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('00000000-0000-0000-0000-000000000001', 'x', '29990101000000_future', now(), 1)`,
    );
    await expect(migrate(db.raw)).rejects.toThrow(
      /29990101000000_future, which this version of design-sync does not know/,
    );
  });

  it('applies each migration in its own transaction: a failing one leaves no trace and names itself', async () => {
    const db = await fresh();
    const dir = await copyMigrations();
    await mkdir(join(dir, '29990101000000_broken'));
    await writeFile(
      join(dir, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE "half_done" (id INT);\nSELECT * FROM "no_such_table";\n',
    );
    await expect(migrate(db.raw, { dir })).rejects.toThrow(/Migration 29990101000000_broken failed: .*no_such_table/);
    const tables = await db.raw.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(tables).toEqual([]);
    const rows = await db.raw.query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.map((r) => r.migration_name)).not.toContain('29990101000000_broken');
    // The earlier migrations did apply.
    expect(rows.length).toBe((await readMigrations()).length);
    await rm(dir, { recursive: true });
  });
});
