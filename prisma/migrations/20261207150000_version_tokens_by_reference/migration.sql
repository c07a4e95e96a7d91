-- A version keeps its tokens by reference: the token snapshot its closure is taken from (the
-- sync's whole set, content-addressed per project) instead of a copy of the closure in every
-- version. The closure is the snapshot's tokens its spec's tokenRefs reach through aliases.
-- Versions made from files alone, and versions stored before this migration, keep theirs inline.
ALTER TABLE "component_versions" ALTER COLUMN "tokens" DROP NOT NULL;
ALTER TABLE "component_versions" ADD COLUMN "tokens_snapshot_id" UUID;
CREATE INDEX "component_versions_tokens_snapshot_id_idx" ON "component_versions"("tokens_snapshot_id");
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_tokens_snapshot_id_fkey" FOREIGN KEY ("tokens_snapshot_id") REFERENCES "token_snapshots"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_tokens_stored_check" CHECK ("tokens" IS NOT NULL OR "tokens_snapshot_id" IS NOT NULL);

-- Hand-written: the reference is an input of a published version like the tokens themselves.
CREATE OR REPLACE FUNCTION "design_sync_guard_published_version"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" IN ('published', 'archived') THEN
      RAISE EXCEPTION 'published version % is immutable', OLD."id" USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" IN ('published', 'archived') AND (
       NEW."component_id" IS DISTINCT FROM OLD."component_id"
    OR NEW."major" IS DISTINCT FROM OLD."major"
    OR NEW."minor" IS DISTINCT FROM OLD."minor"
    OR NEW."patch" IS DISTINCT FROM OLD."patch"
    OR NEW."prerelease" IS DISTINCT FROM OLD."prerelease"
    OR NEW."version" IS DISTINCT FROM OLD."version"
    OR NEW."tokens_hash" IS DISTINCT FROM OLD."tokens_hash"
    OR NEW."spec_hash" IS DISTINCT FROM OLD."spec_hash"
    OR NEW."tokens" IS DISTINCT FROM OLD."tokens"
    OR NEW."tokens_snapshot_id" IS DISTINCT FROM OLD."tokens_snapshot_id"
    OR NEW."spec" IS DISTINCT FROM OLD."spec"
    OR NEW."pattern_id" IS DISTINCT FROM OLD."pattern_id"
    OR NEW."pattern_version" IS DISTINCT FROM OLD."pattern_version"
    OR NEW."generation_params" IS DISTINCT FROM OLD."generation_params"
    OR NEW."parent_version_id" IS DISTINCT FROM OLD."parent_version_id"
    OR NEW."branch" IS DISTINCT FROM OLD."branch"
    OR NEW."published_at" IS DISTINCT FROM OLD."published_at"
    OR NEW."created_at" IS DISTINCT FROM OLD."created_at"
    OR NEW."created_by" IS DISTINCT FROM OLD."created_by"
    OR NEW."trigger" IS DISTINCT FROM OLD."trigger"
    OR NEW."bump" IS DISTINCT FROM OLD."bump"
    OR NEW."change_summary" IS DISTINCT FROM OLD."change_summary"
    OR NEW."changes" IS DISTINCT FROM OLD."changes"
    OR NEW."warnings" IS DISTINCT FROM OLD."warnings"
    OR NEW."has_conflicts" IS DISTINCT FROM OLD."has_conflicts"
    OR NEW."customized" IS DISTINCT FROM OLD."customized"
    OR NEW."status" NOT IN ('published', 'archived')
  ) THEN
    RAISE EXCEPTION 'published version % is immutable', OLD."id" USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
