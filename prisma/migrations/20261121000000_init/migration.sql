-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tracked_files" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "file_key" TEXT NOT NULL,
    "name" TEXT,
    "poll_interval_seconds" INTEGER NOT NULL DEFAULT 3600,
    "policy" TEXT NOT NULL DEFAULT 'notify',
    "figma_token_enc" TEXT,
    "webhook_passcode_hash" TEXT,
    "webhook_id" TEXT,
    "last_file_version" TEXT,
    "last_modified_at" TIMESTAMPTZ(3),
    "last_checked_at" TIMESTAMPTZ(3),
    "next_check_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tracked_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "token_snapshots" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "file_key" TEXT,
    "hash" TEXT NOT NULL,
    "tokens" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "token_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "components" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "figma_id" TEXT NOT NULL,
    "figma_key" TEXT,
    "file_key" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "pattern" TEXT,
    "policy" TEXT NOT NULL DEFAULT 'notify',
    "current_version_id" UUID,
    "latest_spec" JSONB,
    "latest_spec_hash" TEXT,
    "latest_tokens_hash" TEXT,
    "latest_snapshot_id" UUID,
    "last_seen_at" TIMESTAMPTZ(3),
    "removed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "components_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "component_versions" (
    "id" UUID NOT NULL,
    "component_id" UUID NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "patch" INTEGER NOT NULL,
    "prerelease" TEXT NOT NULL DEFAULT '',
    "version" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "bump" TEXT,
    "created_by" TEXT NOT NULL,
    "tokens_hash" TEXT NOT NULL,
    "spec_hash" TEXT NOT NULL,
    "tokens" JSONB NOT NULL,
    "spec" JSONB NOT NULL,
    "pattern_id" TEXT NOT NULL,
    "pattern_version" TEXT NOT NULL,
    "generation_params" JSONB NOT NULL DEFAULT '{}',
    "parent_version_id" UUID,
    "base_version_id" UUID,
    "branch" TEXT NOT NULL DEFAULT 'main',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "change_summary" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "changes" JSONB NOT NULL DEFAULT '{}',
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "has_conflicts" BOOLEAN NOT NULL DEFAULT false,
    "customized" BOOLEAN NOT NULL DEFAULT false,
    "sync_id" UUID,
    "decision_comment" TEXT,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "component_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "file_blobs" (
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "compressed_size" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "file_blobs_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "version_files" (
    "version_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "blob_sha256" TEXT NOT NULL,

    CONSTRAINT "version_files_pkey" PRIMARY KEY ("version_id","path")
);

-- CreateTable
CREATE TABLE "branches" (
    "id" UUID NOT NULL,
    "component_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "base_version_id" UUID NOT NULL,
    "head_version_id" UUID,
    "created_by" TEXT NOT NULL,
    "merged_at" TIMESTAMPTZ(3),
    "merged_version_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "branches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_operations" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "input_hash" TEXT NOT NULL,
    "file_key" TEXT,
    "file_version" TEXT,
    "trigger" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "token_snapshot_id" UUID,
    "result" JSONB NOT NULL DEFAULT '{}',
    "undo_state" JSONB NOT NULL DEFAULT '[]',
    "correlation_id" TEXT,
    "duration_ms" INTEGER,
    "undone_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_operations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customizations" (
    "id" UUID NOT NULL,
    "component_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "files" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replaced_at" TIMESTAMPTZ(3),

    CONSTRAINT "customizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "component_id" UUID,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_webhooks" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'json',
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "secret_enc" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbound_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before_hash" TEXT,
    "after_hash" TEXT,
    "correlation_id" TEXT,
    "duration_ms" INTEGER,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_project_id_idx" ON "api_tokens"("project_id");

-- CreateIndex
CREATE INDEX "tracked_files_file_key_idx" ON "tracked_files"("file_key");

-- CreateIndex
CREATE UNIQUE INDEX "tracked_files_project_id_file_key_key" ON "tracked_files"("project_id", "file_key");

-- CreateIndex
CREATE UNIQUE INDEX "token_snapshots_project_id_hash_key" ON "token_snapshots"("project_id", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "components_current_version_id_key" ON "components"("current_version_id");

-- CreateIndex
CREATE INDEX "components_project_id_name_idx" ON "components"("project_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "components_project_id_figma_id_key" ON "components"("project_id", "figma_id");

-- CreateIndex
CREATE INDEX "component_versions_component_id_created_at_id_idx" ON "component_versions"("component_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "component_versions_component_id_major_minor_patch_idx" ON "component_versions"("component_id", "major", "minor", "patch");

-- CreateIndex
CREATE INDEX "component_versions_tokens_hash_idx" ON "component_versions"("tokens_hash");

-- CreateIndex
CREATE INDEX "component_versions_status_idx" ON "component_versions"("status");

-- CreateIndex
CREATE INDEX "component_versions_created_at_idx" ON "component_versions"("created_at");

-- CreateIndex
CREATE INDEX "component_versions_sync_id_idx" ON "component_versions"("sync_id");

-- CreateIndex
CREATE INDEX "version_files_blob_sha256_idx" ON "version_files"("blob_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "branches_component_id_name_key" ON "branches"("component_id", "name");

-- CreateIndex
CREATE INDEX "sync_operations_project_id_created_at_idx" ON "sync_operations"("project_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "sync_operations_project_id_idempotency_key_key" ON "sync_operations"("project_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "customizations_component_id_created_at_idx" ON "customizations"("component_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_project_id_created_at_idx" ON "notifications"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "outbound_webhooks_project_id_idx" ON "outbound_webhooks"("project_id");

-- CreateIndex
CREATE INDEX "audit_events_project_id_created_at_idx" ON "audit_events"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_target_type_target_id_idx" ON "audit_events"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tracked_files" ADD CONSTRAINT "tracked_files_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "token_snapshots" ADD CONSTRAINT "token_snapshots_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "components" ADD CONSTRAINT "components_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "components" ADD CONSTRAINT "components_current_version_id_fkey" FOREIGN KEY ("current_version_id") REFERENCES "component_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_parent_version_id_fkey" FOREIGN KEY ("parent_version_id") REFERENCES "component_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "component_versions" ADD CONSTRAINT "component_versions_sync_id_fkey" FOREIGN KEY ("sync_id") REFERENCES "sync_operations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "version_files" ADD CONSTRAINT "version_files_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "component_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "version_files" ADD CONSTRAINT "version_files_blob_sha256_fkey" FOREIGN KEY ("blob_sha256") REFERENCES "file_blobs"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "branches" ADD CONSTRAINT "branches_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_operations" ADD CONSTRAINT "sync_operations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_operations" ADD CONSTRAINT "sync_operations_token_snapshot_id_fkey" FOREIGN KEY ("token_snapshot_id") REFERENCES "token_snapshots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customizations" ADD CONSTRAINT "customizations_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_webhooks" ADD CONSTRAINT "outbound_webhooks_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below: what Prisma's schema language cannot express.

-- A published version number is unique per component (drafts may propose the same number;
-- the loser of a race gets a unique violation, mapped to 409).
CREATE UNIQUE INDEX "component_versions_published_semver_key" ON "component_versions"("component_id", "major", "minor", "patch", "prerelease") WHERE "status" = 'published' OR "status" = 'archived';

-- Published versions are immutable: their inputs, number and files never change. Only the
-- review/lifecycle fields (tags, status to archived, decision fields) may move.
CREATE FUNCTION "design_sync_guard_published_version"() RETURNS trigger AS $$
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

CREATE TRIGGER "component_versions_immutable"
  BEFORE UPDATE OR DELETE ON "component_versions"
  FOR EACH ROW EXECUTE FUNCTION "design_sync_guard_published_version"();

CREATE FUNCTION "design_sync_guard_published_files"() RETURNS trigger AS $$
DECLARE
  target UUID;
BEGIN
  IF TG_OP = 'DELETE' THEN target := OLD."version_id"; ELSE target := NEW."version_id"; END IF;
  IF EXISTS (SELECT 1 FROM "component_versions" v WHERE v."id" = target AND v."status" IN ('published', 'archived')) THEN
    RAISE EXCEPTION 'files of published version % are immutable', target USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."version_id" <> NEW."version_id" AND EXISTS (
    SELECT 1 FROM "component_versions" v WHERE v."id" = OLD."version_id" AND v."status" IN ('published', 'archived')) THEN
    RAISE EXCEPTION 'files of published version % are immutable', OLD."version_id" USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "version_files_immutable"
  BEFORE INSERT OR UPDATE OR DELETE ON "version_files"
  FOR EACH ROW EXECUTE FUNCTION "design_sync_guard_published_files"();
