-- Previews: built pages stored content-addressed, and the layout fidelity recorded per version
-- (not an input of the version: the immutability trigger leaves it writable after publishing).
CREATE TABLE "preview_builds" (
    "key" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "compressed_size" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL,
    "html" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "preview_builds_pkey" PRIMARY KEY ("key")
);

ALTER TABLE "component_versions" ADD COLUMN "fidelity" JSONB;
