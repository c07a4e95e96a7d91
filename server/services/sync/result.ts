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

/** An error's first line: database and engine errors carry pages of detail after it. */
export function firstLine(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return message.trim().split('\n')[0] ?? '';
}

/**
 * The result as PostgreSQL can store it: JSON text may not hold NUL, which a designer's
 * name can (it would fail the whole write and leave the sync running).
 */
export function storable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replace(/\0/g, '\uFFFD') : v))) as T;
}
