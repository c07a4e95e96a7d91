-- The server acts on its own: tracked files keep their polling state, outbound webhooks their
-- deliveries, Figma tokens a request budget, and token files are tracked like Figma files.
ALTER TABLE "tracked_files" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'active';
ALTER TABLE "tracked_files" ADD COLUMN "status_reason" TEXT;
ALTER TABLE "tracked_files" ADD COLUMN "figma_token_kind" TEXT NOT NULL DEFAULT 'pat';
ALTER TABLE "tracked_files" ADD COLUMN "figma_token_hash" TEXT;
ALTER TABLE "tracked_files" ADD COLUMN "rate_limited_until" TIMESTAMPTZ(3);
ALTER TABLE "tracked_files" ADD COLUMN "failures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "tracked_files" ADD COLUMN "last_event_at" TIMESTAMPTZ(3);
ALTER TABLE "tracked_files" ADD COLUMN "webhook_passcode_enc" TEXT;

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "webhook_id" UUID NOT NULL,
    "notification_id" UUID,
    "event" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "response_status" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_deliveries_webhook_id_created_at_idx" ON "webhook_deliveries"("webhook_id", "created_at");
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "outbound_webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "figma_token_budgets" (
    "token_hash" TEXT NOT NULL,
    "calls_per_minute" INTEGER NOT NULL,
    "next_slot_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "figma_token_budgets_pkey" PRIMARY KEY ("token_hash")
);

CREATE TABLE "token_sources" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "resolver" TEXT NOT NULL,
    "last_hash" TEXT,
    "last_checked_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "token_sources_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "token_sources_project_id_path_key" ON "token_sources"("project_id", "path");
ALTER TABLE "token_sources" ADD CONSTRAINT "token_sources_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;
