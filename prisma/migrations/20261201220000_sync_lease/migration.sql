-- Syncs without an Idempotency-Key are not replayed, and an expired key is released.
ALTER TABLE "sync_operations" ALTER COLUMN "idempotency_key" DROP NOT NULL;

-- A running sync holds a lease; a crashed one is failed once its lease expires.
ALTER TABLE "sync_operations" ADD COLUMN "lease_expires_at" TIMESTAMPTZ(3);

-- Code names that collide after normalisation are disambiguated once and kept.
ALTER TABLE "components" ADD COLUMN "code_name" TEXT;
