-- Dependencies between components (DESIGN.md "Dependencies"): the components a version's layer
-- trees instantiate, as Figma names them (the component set's, else the component's, key and
-- node id). Kept per version, so history is exact; matched with the project's components when
-- read, so a component synced after the one that uses it is still found.
CREATE TABLE "component_dependencies" (
    "version_id" UUID NOT NULL,
    "component_figma_id" TEXT NOT NULL,
    "component_key" TEXT,

    CONSTRAINT "component_dependencies_pkey" PRIMARY KEY ("version_id","component_figma_id")
);

CREATE INDEX "component_dependencies_component_figma_id_idx" ON "component_dependencies"("component_figma_id");
CREATE INDEX "component_dependencies_component_key_idx" ON "component_dependencies"("component_key");

ALTER TABLE "component_dependencies" ADD CONSTRAINT "component_dependencies_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "component_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
