// What a sync answers and stores: its result, its status, and how a component's error reads.
import type { SyncResult } from '../../../core/contract/sync.js';
import { AppError } from '../../errors.js';
import type { PhaseTimer } from '../phases.js';

export interface StoredSyncResult extends SyncResult {
  warnings: string[];
  /** Wall time per phase of this sync, in milliseconds. */
  timingsMs?: ReturnType<PhaseTimer['report']>;
}

export type SyncError = SyncResult['errors'][number];

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
  const cause = (err as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } } | null)?.meta?.driverAdapterError?.cause;
  if (cause?.originalMessage) return `database error ${cause.originalCode ?? ''}: ${cause.originalMessage}`.replace(' :', ':');
  const message = (err instanceof Error ? err.message : String(err)).trim();
  const lines = message.split('\n').filter((l) => l.trim() !== '');
  // "Invalid `tx.x()` invocation in …" ends with the reason.
  return (lines[0]?.startsWith('Invalid `') ? lines[lines.length - 1] : lines[0]) ?? '';
}

/**
 * The result as PostgreSQL can store it: JSON text may not hold NUL, which a designer's
 * name can (it would fail the whole write and leave the sync running).
 */
export function storable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replace(/\0/g, '\uFFFD') : v))) as T;
}
