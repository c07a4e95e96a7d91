import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import internals from '@prisma/internals';
import { migrate } from '../../server/db/migrator.js';
import type { Database } from '../../server/db/database.js';
import { dbKinds, freshDatabase, type TestDatabase } from '../helpers/databases.js';

/**
 * schema.prisma and the hand-written SQL migrations must describe the same database: every
 * model, field, type, nullability, default presence, unique, index and foreign key of the DMMF
 * is checked against information_schema / pg_catalog after applying all migrations.
 */

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  isUpdatedAt: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
};
type DmmfModel = {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
};
type DmmfIndex = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
};

/** Objects the SQL adds on purpose that Prisma's schema language cannot express. */
const SQL_ONLY_INDEXES = new Set(['component_versions_published_semver_key']);

function expectedType(f: DmmfField): string {
  if (f.isList) return `ARRAY:_${scalarUdt(f)}`;
  return scalarSqlType(f);
}
function scalarUdt(f: DmmfField): string {
  return { String: 'text', Int: 'int4', Boolean: 'bool', Json: 'jsonb' }[f.type] ?? f.type;
}
function scalarSqlType(f: DmmfField): string {
  const native = f.nativeType?.[0];
  if (native === 'Uuid') return 'uuid';
  if (native === 'Timestamptz') return `timestamp with time zone(${f.nativeType![1][0] ?? 6})`;
  switch (f.type) {
    case 'String':
      return 'text';
    case 'Int':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Boolean':
      return 'boolean';
    case 'Json':
      return 'jsonb';
    case 'Bytes':
      return 'bytea';
    case 'DateTime':
      return 'timestamp without time zone(3)';
    case 'Float':
      return 'double precision';
    default:
      throw new Error(`no SQL mapping for ${f.type}`);
  }
}

describe.each(dbKinds)('schema.prisma matches the migrations on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let models: DmmfModel[];
  let indexes: DmmfIndex[];

  beforeAll(async () => {
    testDb = await freshDatabase(kind);
    db = await testDb.open();
    await migrate(db.raw);
    const dmmf = await internals.getDMMF({
      datamodel: readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8'),
    });
    models = dmmf.datamodel.models as unknown as DmmfModel[];
    indexes = (dmmf.datamodel as unknown as { indexes: DmmfIndex[] }).indexes;
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.destroy();
  });

  const col = (m: DmmfModel, field: string) => m.fields.find((f) => f.name === field)!.dbName ?? field;
  const table = (m: DmmfModel) => m.dbName ?? m.name;

  it('has exactly the tables of the schema (plus _prisma_migrations)', async () => {
    const rows = await db.raw.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual([...models.map(table), '_prisma_migrations'].sort());
  });

  it('has every field with its type, nullability and default', async () => {
    const rows = await db.raw.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
      column_default: string | null;
      datetime_precision: number | null;
    }>(
      "SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const expectedKeys: string[] = [];
    for (const m of models) {
      for (const f of m.fields.filter((x) => x.kind === 'scalar' || x.kind === 'enum')) {
        const key = `${table(m)}.${f.dbName ?? f.name}`;
        expectedKeys.push(key);
        const c = actual.get(key);
        expect(c, `column ${key} missing`).toBeDefined();
        const type =
          c!.data_type === 'ARRAY'
            ? `ARRAY:${c!.udt_name}`
            : c!.data_type.startsWith('timestamp')
              ? `${c!.data_type}(${c!.datetime_precision})`
              : c!.data_type;
        expect(type, `type of ${key}`).toBe(expectedType(f));
        // Prisma never declares list columns NOT NULL; every other required field is.
        expect(c!.is_nullable, `nullability of ${key}`).toBe(f.isRequired && !f.isList ? 'NO' : 'YES');
        // Database-side defaults exist exactly where the schema has a non-client-side default.
        const dbDefault = f.hasDefaultValue && !isClientSideDefault(f.default);
        expect(c!.column_default !== null, `default of ${key}`).toBe(dbDefault);
      }
    }
    expect([...actual.keys()].sort()).toEqual(expectedKeys.sort());
  });

  it('has every primary key, unique and index, and no others', async () => {
    const rows = await db.raw.query<{
      table: string;
      index: string;
      is_unique: boolean;
      is_primary: boolean;
      columns: string[] | string;
      predicate: string | null;
    }>(`
      SELECT t.relname AS table, i.relname AS index, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
             array_agg(a.attname ORDER BY k.ord) AS columns, pg_get_expr(ix.indpred, ix.indrelid) AS predicate
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary, ix.indpred, ix.indrelid`);
    const asList = (c: string[] | string) => (Array.isArray(c) ? c : c.replace(/^{|}$/g, '').split(','));
    const actual = rows
      .filter((r) => !SQL_ONLY_INDEXES.has(r.index))
      .map(
        (r) => `${r.table}:${r.is_primary ? 'id' : r.is_unique ? 'unique' : 'normal'}:${asList(r.columns).join(',')}`,
      )
      .sort();
    const byName = new Map(models.map((m) => [m.name, m]));
    const expected = indexes
      .map((ix) => {
        const m = byName.get(ix.model)!;
        return `${table(m)}:${ix.type}:${ix.fields.map((f) => col(m, f.name)).join(',')}`;
      })
      .sort();
    expect(actual).toEqual(expected);
    // The SQL-only objects are really there too.
    expect(rows.map((r) => r.index)).toEqual(expect.arrayContaining([...SQL_ONLY_INDEXES]));
  });

  it('has every foreign key with its delete rule', async () => {
    const rows = await db.raw.query<{
      table_name: string;
      column_name: string;
      foreign_table: string;
      foreign_column: string;
      delete_rule: string;
    }>(`
      SELECT kcu.table_name, kcu.column_name, ccu.table_name AS foreign_table, ccu.column_name AS foreign_column, rc.delete_rule
      FROM information_schema.referential_constraints rc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.constraint_name AND ccu.constraint_schema = rc.constraint_schema
      WHERE rc.constraint_schema = 'public'`);
    const actual = rows
      .map((r) => `${r.table_name}.${r.column_name}->${r.foreign_table}.${r.foreign_column}:${r.delete_rule}`)
      .sort();
    const byName = new Map(models.map((m) => [m.name, m]));
    const expected: string[] = [];
    for (const m of models) {
      for (const f of m.fields.filter((x) => x.kind === 'object' && x.relationFromFields?.length)) {
        const target = byName.get(f.type)!;
        const rule =
          { Cascade: 'CASCADE', SetNull: 'SET NULL', Restrict: 'RESTRICT', NoAction: 'NO ACTION' }[
            f.relationOnDelete ?? ''
          ] ?? (f.isRequired ? 'RESTRICT' : 'SET NULL');
        f.relationFromFields!.forEach((from, i) => {
          expected.push(
            `${table(m)}.${col(m, from)}->${table(target)}.${col(target, f.relationToFields![i]!)}:${rule}`,
          );
        });
      }
    }
    expect(actual).toEqual(expected.sort());
  });
});

function isClientSideDefault(d: unknown): boolean {
  return (
    typeof d === 'object' &&
    d !== null &&
    !Array.isArray(d) &&
    ['uuid', 'cuid', 'nanoid'].includes((d as { name?: string }).name ?? '')
  );
}
