import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromJsonColumn, toJsonColumn } from '../../../server/lib/json-column.js';

const Entry = z.object({ id: z.string(), tags: z.array(z.string()).default([]) });

describe('JSON columns', () => {
  it('reads a stored value through its schema, defaults included', () => {
    expect(fromJsonColumn(z.array(Entry), [{ id: 'a' }, { id: 'b', tags: ['x'] }], 'things.entries of t1')).toEqual([
      { id: 'a', tags: [] },
      { id: 'b', tags: ['x'] },
    ]);
  });

  it('refuses a stored value that does not match, naming the column and the field', () => {
    expect(() => fromJsonColumn(z.array(Entry), [{ id: 7 }], 'things.entries of t1')).toThrow(
      /things\.entries of t1 holds JSON that does not match its schema[\s\S]*\[0\]\.id/,
    );
    expect(() => fromJsonColumn(Entry, null, 'things.entry of t2')).toThrow(/things\.entry of t2/);
  });

  it('writes a typed value as it is, converting nothing', () => {
    const value = { id: 'a', tags: ['x'], nested: { n: 1, flag: null } };
    expect(toJsonColumn(value)).toBe(value);
  });
});
