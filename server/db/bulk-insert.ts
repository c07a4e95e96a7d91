import { Prisma } from './generated/client.js';
import type { Tx } from './database.js';

// Many rows in one statement, sent as a single JSON parameter and expanded by
// json_populate_recordset. For rows with large JSON columns (a version's tokens and spec),
// Prisma's createMany spends more CPU walking the arguments than the database spends inserting
// them (measured: most of a 1,000-component first sync's client time); JSON.stringify is native.
//
// Rows are keyed by the Prisma model's field names. Their columns are those fields' @map names
// (schema.prisma maps every field to its snake_case; test/db/bulk-insert.test.ts holds it to
// that) and their types the table's own (its row type): no column list mirrors the schema by
// hand. Dates go as ISO strings, JSON arrays become SQL arrays for array-typed columns;
// undefined and Prisma.DbNull are SQL NULL. Table names are the callers' constants, never input.

/** Inserts the rows; columns no row names keep their defaults. */
export async function bulkInsert(tx: Tx, table: string, rows: readonly object[]): Promise<void> {
  if (!rows.length) return;
  const { columns, json } = payloadOf(rows);
  const names = columns.map((c) => `"${c}"`).join(', ');
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    json,
  );
}

/** Updates rows by id: each row's fields but `id` are set. */
export async function bulkUpdate(tx: Tx, table: string, rows: ReadonlyArray<{ id: string }>): Promise<void> {
  if (!rows.length) return;
  const { columns, json } = payloadOf(rows);
  const set = columns
    .filter((c) => c !== 'id')
    .map((c) => `"${c}" = v."${c}"`)
    .join(', ');
  await tx.$executeRawUnsafe(
    `UPDATE "${table}" AS t SET ${set} FROM json_populate_recordset(NULL::"${table}", $1::json) AS v WHERE t.id = v.id`,
    json,
  );
}

/** A Prisma field's column: its snake_case (schema.prisma's @map convention). */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The columns every row's fields name between them, and the rows as JSON keyed by column. */
function payloadOf(rows: readonly object[]): { columns: string[]; json: string } {
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = fields.map(columnOf);
  const payload = rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [i, field] of fields.entries()) {
      const v = (r as Record<string, unknown>)[field];
      out[columns[i]!] = v instanceof Date ? v.toISOString() : v === undefined || v === Prisma.DbNull ? null : v;
    }
    return out;
  });
  return { columns, json: JSON.stringify(payload) };
}
