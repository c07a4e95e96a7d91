-- What a version's generated code imports (the names and props of the project components its
-- nested instances are of) is one of its inputs: core/codegen contextHash, "" for none.
ALTER TABLE "component_versions" ADD COLUMN "context_hash" TEXT NOT NULL DEFAULT '';

-- Hand-written: the context hash is an input of a published version like its spec.
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
    OR NEW."context_hash" IS DISTINCT FROM OLD."context_hash"
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
