// A sync's status, and how a component's error reads (the result's shape is in types.ts).
import { AppError } from '../../lib/errors.js';

/** completed when nothing failed, partial when something still went through, else failed. */
export function statusOf(errors: number, settled: number): 'completed' | 'partial' | 'failed' {
  return errors === 0 ? 'completed' : settled > 0 ? 'partial' : 'failed';
}

/** A component's failure as the designer reads it: the AppError's message, or a first line. */
export function describeError(err: unknown, name: string): string {
  if (err instanceof AppError) return err.message;
  return `${name} could not be regenerated: ${firstLine(err)}`;
}

/**
 * What an error says, in one line: Prisma's message starts with the calling code, the
 * database's own words (a constraint, a trigger, an encoding) are in its driver error.
 */
export function firstLine(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const cause = (
    err as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } } | null
  )?.meta?.driverAdapterError?.cause;
  if (cause?.originalMessage)
    return `database error ${cause.originalCode ?? ''}: ${cause.originalMessage}`.replace(' :', ':');
  const message = (err instanceof Error ? err.message : String(err)).trim();
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  // "Invalid `tx.x()` invocation in …" ends with the reason.
  return (lines[0]?.startsWith('Invalid `') ? lines[lines.length - 1] : lines[0]) ?? '';
}
