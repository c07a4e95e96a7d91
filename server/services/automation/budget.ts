// Figma's request budget per token and rate-limit tier. Figma budgets each endpoint tier of a
// user (per plan; per app for OAuth) separately, at rates set by the plan the file lives in and
// the user's seat (DESIGN.md "Figma facts"), so a poll's cheap version check (Tier 2) never waits
// behind file reads (Tier 1). Calls are spaced 60 s / rate apart, in a row per token and tier kept
// in the database so several server instances share it; a check that finds a tier not due yet is
// re-queued for when it is. Nothing ever sleeps.
import type { FigmaPlan, FigmaSeat } from '../../../core/contract/api.js';
import type { PrismaClient } from '../../db/generated/client.js';
import { ENDPOINT_TIERS, RATE_TIERS, type RateTier, type TierCalls } from '../../figma/client.js';

/**
 * Calls a minute per tier for Dev and Full seats, by plan, from Figma's table ("Rate limits",
 * developers.figma.com/docs/rest-api/rate-limits and help.figma.com "What if I'm rate limited?",
 * in effect since 17 November 2025).
 */
const DEV_FULL_PER_MINUTE: Record<Exclude<FigmaPlan, 'starter'>, TierCalls> = {
  professional: { 1: 10, 2: 25, 3: 50 },
  organization: { 1: 15, 2: 50, 3: 100 },
  enterprise: { 1: 20, 2: 100, 3: 150 },
};
/**
 * View and Collab seats on any plan, and any seat on a file in a Starter plan ("limited as
 * Starter whatever the seat"): Tier 1 up to 6 calls a month, Tier 2 up to 5 a minute, Tier 3 up to
 * 10 a minute. A month is taken as 30 days.
 */
const LOW_SECONDS_PER_CALL: TierCalls = { 1: (30 * 86_400) / 6, 2: 60 / 5, 3: 60 / 10 };

/** Seconds between two calls of each tier. */
export type TierRates = Readonly<TierCalls>;

/**
 * The spacing of calls per tier for a file's plan and seat; `callsPerMinute`
 * (FIGMA_CALLS_PER_MINUTE) replaces Figma's rates for every tier when set.
 */
export function tierRates(plan: FigmaPlan, seat: FigmaSeat, callsPerMinute?: number): TierRates {
  if (callsPerMinute) return { 1: 60 / callsPerMinute, 2: 60 / callsPerMinute, 3: 60 / callsPerMinute };
  if (plan === 'starter' || seat === 'view' || seat === 'collab') return LOW_SECONDS_PER_CALL;
  const perMinute = DEV_FULL_PER_MINUTE[plan];
  return { 1: 60 / perMinute[1], 2: 60 / perMinute[2], 3: 60 / perMinute[3] };
}

export interface Budget {
  db: PrismaClient;
  /** sha256 of the Figma token: every file read with it shares its budget */
  tokenHash: string;
  rates: TierRates;
}

export type Reservation = { granted: true } | { granted: false; at: Date; tier: RateTier };

export const noCalls = (): TierCalls => ({ 1: 0, 2: 0, 3: 0 });

export function addCalls(a: Partial<TierCalls>, b: Partial<TierCalls>): TierCalls {
  return { 1: (a[1] ?? 0) + (b[1] ?? 0), 2: (a[2] ?? 0) + (b[2] ?? 0), 3: (a[3] ?? 0) + (b[3] ?? 0) };
}

/** The calls of these endpoints, counted in their tiers. */
export function callsOf(...endpoints: Array<keyof typeof ENDPOINT_TIERS>): TierCalls {
  return endpoints.reduce((calls, e) => addCalls(calls, { [ENDPOINT_TIERS[e]]: 1 }), noCalls());
}

type Row = { tier: number; next_slot_at: Date; held_until: Date | null; now: Date };

/**
 * Takes `calls` from each tier's budget, all or none: granted when every tier named is due (a
 * tier may run one call ahead, so a version check and the read it leads to go back to back);
 * otherwise says when the last of them will be (a job postponed to that time finds them due, as
 * pg-boss compares with the database's clock) and which tier that is.
 */
export async function reserve(budget: Budget, calls: Partial<TierCalls>): Promise<Reservation> {
  const tiers = RATE_TIERS.filter((t) => (calls[t] ?? 0) > 0);
  if (tiers.length === 0) return { granted: true };
  return budget.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      `INSERT INTO figma_token_budgets (token_hash, tier) SELECT $1, unnest($2::int[]) ON CONFLICT (token_hash, tier) DO NOTHING`,
      budget.tokenHash,
      tiers,
    );
    // Row locks in tier order: of two instances asking at once, one takes the calls, the other sees them taken.
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT tier, next_slot_at, held_until, now() AS now FROM figma_token_budgets WHERE token_hash = $1 AND tier = ANY($2::int[]) ORDER BY tier FOR UPDATE`,
      budget.tokenHash,
      tiers,
    );
    let latest: { at: number; tier: RateTier } | null = null;
    for (const row of rows) {
      const tier = row.tier as RateTier;
      const due = Math.max(row.held_until?.getTime() ?? 0, row.next_slot_at.getTime() - budget.rates[tier] * 1000);
      if (due > row.now.getTime() && (!latest || due > latest.at)) latest = { at: due, tier };
    }
    if (latest) return { granted: false, at: new Date(latest.at), tier: latest.tier };
    for (const row of rows) {
      const tier = row.tier as RateTier;
      const next = Math.max(row.next_slot_at.getTime(), row.now.getTime()) + calls[tier]! * budget.rates[tier] * 1000;
      await tx.$executeRawUnsafe(
        `UPDATE figma_token_budgets SET next_slot_at = $3::timestamptz WHERE token_hash = $1 AND tier = $2`,
        budget.tokenHash,
        tier,
        new Date(next),
      );
    }
    return { granted: true } as const;
  });
}

/**
 * Gives back what was reserved and not called (a version unchanged, a read shorter than the
 * longest), or takes what was called beyond it (node ids split over more calls).
 */
export async function settle(budget: Budget, reserved: Partial<TierCalls>, used: TierCalls): Promise<void> {
  for (const tier of RATE_TIERS) {
    const unused = (reserved[tier] ?? 0) - used[tier];
    if (unused === 0) continue;
    await budget.db.$executeRawUnsafe(
      `UPDATE figma_token_budgets SET next_slot_at = next_slot_at - ($3::float8 * interval '1 second') WHERE token_hash = $1 AND tier = $2`,
      budget.tokenHash,
      tier,
      unused * budget.rates[tier],
    );
  }
}

/**
 * Figma answered 429 for a call of this tier: no call of the token in this tier is due before
 * `until` (Retry-After), so the other files read with it wait too instead of each meeting its own
 * 429. The other tiers go on.
 */
export async function holdTier(db: PrismaClient, tokenHash: string, tier: RateTier, until: Date): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO figma_token_budgets (token_hash, tier, held_until) VALUES ($1, $2, $3::timestamptz)
     ON CONFLICT (token_hash, tier) DO UPDATE SET held_until = GREATEST(figma_token_budgets.held_until, EXCLUDED.held_until)`,
    tokenHash,
    tier,
    until,
  );
}

/** How Figma's tiers are named in messages. */
export const TIER_NAMES: Record<RateTier, string> = {
  1: 'Tier 1 (file content)',
  2: 'Tier 2 (file metadata, variables)',
  3: 'Tier 3 (published components and styles)',
};
