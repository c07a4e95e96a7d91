// A request budget per Figma token: calls are spaced by 60 s / calls-per-minute, so many
// tracked files under one token are spread over time instead of all meeting a 429 (Figma's
// limits are per token: per seat, plan and endpoint tier since November 2025). Kept in the
// database, so several server instances share it.
import type { PrismaClient } from '../../db/generated/client.js';

/**
 * Takes `calls` slots of the token when its next slot is due; otherwise says when it will be
 * (a job postponed to that time finds it due, as pg-boss compares with the database's clock).
 */
export async function takeSlot(db: PrismaClient, tokenHash: string, callsPerMinute: number, calls = 1): Promise<{ granted: true } | { granted: false; at: Date }> {
  await db.$executeRawUnsafe(
    `INSERT INTO figma_token_budgets (token_hash, calls_per_minute, next_slot_at) VALUES ($1, $2, now())
     ON CONFLICT (token_hash) DO UPDATE SET calls_per_minute = EXCLUDED.calls_per_minute`,
    tokenHash, callsPerMinute,
  );
  // Compare-and-set: of two instances asking at once, one gets the slot, the other the next time.
  const taken = await db.$queryRawUnsafe<Array<{ next: Date }>>(
    `UPDATE figma_token_budgets SET next_slot_at = GREATEST(next_slot_at, now()) + ($2::int * interval '60 seconds' / calls_per_minute)
     WHERE token_hash = $1 AND next_slot_at <= now() RETURNING next_slot_at AS next`,
    tokenHash, calls,
  );
  if (taken.length) return { granted: true };
  const row = await db.figmaTokenBudget.findUniqueOrThrow({ where: { tokenHash }, select: { nextSlotAt: true } });
  return { granted: false, at: row.nextSlotAt };
}

/** Gives back slots taken and not used (a check that found the version unchanged reads nothing more). */
export async function returnSlots(db: PrismaClient, tokenHash: string, calls: number): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE figma_token_budgets SET next_slot_at = next_slot_at - ($2::int * interval '60 seconds' / calls_per_minute) WHERE token_hash = $1`,
    tokenHash, calls,
  );
}

/**
 * Figma answered 429 for this token: no call under it is due before `until` (Retry-After), so
 * the other files it reads wait too instead of each meeting its own 429.
 */
export async function holdBudget(db: PrismaClient, tokenHash: string, until: Date): Promise<void> {
  await db.$executeRawUnsafe(`UPDATE figma_token_budgets SET next_slot_at = GREATEST(next_slot_at, $2::timestamptz) WHERE token_hash = $1`, tokenHash, until);
}
