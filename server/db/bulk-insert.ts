import { Prisma } from './generated/client.js';
import type { Tx } from './database.js';

/** A column of a bulk insert: its name in the table, its SQL type, and the row field it comes from. */
export type BulkColumn = readonly [column: string, sqlType: string, field: string];

/**
 * Inserts many rows in one statement, the rows sent as a single JSON parameter and expanded by
 * jsonb_to_recordset. For rows with large JSON columns (a version's tokens and spec), Prisma's
 * createMany spends more CPU walking the arguments than the database spends inserting them
 * (measured: most of a 1,000-component first sync's client time); JSON.stringify is native.
 * Table and column names are the caller's constants, never input. Dates go as ISO strings,
 * JSON arrays become SQL arrays for array-typed columns; Prisma.DbNull is SQL NULL, as in Prisma.
 */
export async function bulkInsert(tx: Tx, table: string, columns: readonly BulkColumn[], rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (!rows.length) return;
  const names = columns.map(([c]) => `"${c}"`).join(', ');
  const types = columns.map(([c, t]) => `"${c}" ${t}`).join(', ');
  const payload = rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [column, , field] of columns) {
      const v = r[field];
      out[column] = v instanceof Date ? v.toISOString() : v === undefined || v === Prisma.DbNull ? null : v;
    }
    return out;
  });
  await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS v(${types})`, JSON.stringify(payload));
}
