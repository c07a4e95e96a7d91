// The two doors of a Prisma JSON column. Prisma types what goes in as InputJsonValue and what
// comes out as JsonValue; our interfaces (no index signature) fit neither, which is how
// casts through `unknown` crept into services. A JSON column is written with toJsonColumn
// (the value's type is checked to be JSON at compile time) and read with fromJsonColumn (the
// stored value is checked by a zod schema at run time). No caller casts: the one cast left is
// inside toJsonColumn, behind its compile-time check.
import { z } from 'zod';
import type { Prisma } from '../db/generated/client.js';

type JsonScalar = string | number | boolean | null;

/**
 * `T` when every part of it survives JSON.stringify as written, `never` otherwise: no Date,
 * function, bigint, symbol, Map or class instance, no `undefined` in an array (an object's
 * optional member may be absent).
 */
export type JsonShaped<T> = T extends JsonScalar
  ? T
  : T extends
        bigint | symbol | undefined | Date | Map<unknown, unknown> | Set<unknown> | ((...args: never[]) => unknown)
    ? never
    : T extends readonly (infer E)[]
      ? readonly JsonShaped<E>[]
      : T extends object
        ? {
            [K in keyof T]: undefined extends T[K]
              ? JsonShaped<Exclude<T[K], undefined>> | undefined
              : JsonShaped<T[K]>;
          }
        : never;

/** A typed value as a JSON column takes it: nothing is converted, its type is checked to be JSON. */
export function toJsonColumn<T>(value: T & JsonShaped<T>): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** Thrown when a stored JSON value does not match its schema: the row was written by something else. */
class JsonColumnError extends Error {
  constructor(column: string, error: z.ZodError) {
    super(`${column} holds JSON that does not match its schema: ${z.prettifyError(error)}`);
    this.name = 'JsonColumnError';
  }
}

/** A JSON column read back through its schema; `column` names it (table.column of row id) in the error. */
export function fromJsonColumn<S extends z.ZodType>(
  schema: S,
  value: Prisma.JsonValue | null,
  column: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new JsonColumnError(column, parsed.error);
  return parsed.data;
}
