-- The digest of the design last recorded for a component: a sync may name the component by it
-- instead of sending its spec again. Null until a sync records the component's design.
ALTER TABLE "components" ADD COLUMN "latest_spec_digest" TEXT;
