-- What background checks warn about reaches people: kept on the tracked file, the token source,
-- and per component for the draft its next regeneration makes.
ALTER TABLE "tracked_files" ADD COLUMN "last_warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "token_sources" ADD COLUMN "last_warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "components" ADD COLUMN "latest_warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Figma's limits depend on the plan the file lives in and the seat of the token's user.
ALTER TABLE "tracked_files" ADD COLUMN "figma_plan" TEXT NOT NULL DEFAULT 'professional';
ALTER TABLE "tracked_files" ADD COLUMN "figma_seat" TEXT NOT NULL DEFAULT 'dev';
-- A version seen whose read waits for the budget: the next check reserves the whole read at once.
ALTER TABLE "tracked_files" ADD COLUMN "pending_version" TEXT;

-- One budget per token and endpoint tier (Figma budgets each tier separately). The rows only
-- space calls out: starting afresh loses nothing (a 429's wait is also on the tracked file).
DROP TABLE "figma_token_budgets";
CREATE TABLE "figma_token_budgets" (
    "token_hash" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "next_slot_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "held_until" TIMESTAMPTZ(3),
    CONSTRAINT "figma_token_budgets_pkey" PRIMARY KEY ("token_hash", "tier")
);
