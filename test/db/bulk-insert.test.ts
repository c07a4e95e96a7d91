import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import internals from '@prisma/internals';
import { columnOf } from '../../server/db/bulk-insert.js';

/**
 * bulkInsert names a row's columns by the snake_case of its Prisma fields (server/db/bulk-insert.ts):
 * every scalar field of schema.prisma must be mapped to exactly that, or a bulk insert would name
 * a column the table does not have.
 */
describe('bulk insert column names', () => {
  it('every scalar field of schema.prisma is stored in the column bulkInsert names for it', async () => {
    const dmmf = await internals.getDMMF({
      datamodel: readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8'),
    });
    const fields = dmmf.datamodel.models.flatMap((m) =>
      m.fields
        .filter((f) => f.kind === 'scalar')
        .map((f) => ({ model: m.name, field: f.name, column: f.dbName ?? f.name })),
    );
    expect(fields.length).toBeGreaterThan(100);
    const mismatched = fields.filter((f) => columnOf(f.field) !== f.column);
    expect(mismatched).toEqual([]);
  });
});
