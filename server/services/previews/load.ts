// Reading what a preview renders from the database: a version's files, spec and modes, and the
// files of the project components it imports.
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { previewModel, type PreviewModel } from '../../../core/codegen/preview-model.js';
import type { CodegenContext } from '../../../core/codegen/index.js';
import { componentIdentifier } from '../../../core/codegen/names.js';
import { loadFilesOfVersions, loadVersionFiles } from '../../lib/blobs.js';
import { codegenContexts, withVersionTokens } from '../generation/index.js';
import { previewModes } from './modes.js';
import type { PreviewSide, SourceFile } from './sources.js';
import { ESBUILD_VERSION, REACT_VERSION } from './vendor.js';

type Db = Tx | PrismaClient;

/** Changes whenever the same inputs would make a different page (the runtime, the bundling). */
export const BUILDER_VERSION = `previews-2;esbuild-${ESBUILD_VERSION};react-${REACT_VERSION}`;

/** Components a page may pull in through imports: a design system's deepest nesting is far less. */
const MAX_DEPENDENCIES = 50;

/** A version row as the preview reads it. */
export interface VersionForPreview {
  id: string;
  componentId: string;
  spec: unknown;
  tokens: unknown;
  tokensSnapshotId: string | null;
  component: { name: string; codeName: string | null; projectId: string };
}

/** The model of a version's spec; a version made from files alone renders its component once, with no props. */
export function modelOf(
  version: Pick<VersionForPreview, 'spec' | 'component'>,
  files: readonly SourceFile[],
  context?: CodegenContext,
): PreviewModel {
  const parsed = ComponentSpec.safeParse(version.spec);
  if (parsed.success) {
    try {
      return previewModel(parsed.data, context);
    } catch {
      // A spec the codegen cannot model renders like one without a spec.
    }
  }
  const name = componentIdentifier(version.component.codeName ?? version.component.name);
  const tsx = files.some((f) => f.path === `${name}.tsx`)
    ? `${name}.tsx`
    : (files.find((f) => f.path.endsWith('.tsx') && !/\.(stories|test)\.tsx$/.test(f.path))?.path ?? `${name}.tsx`);
  const stem = tsx.replace(/\.tsx$/, '');
  return {
    file: tsx,
    cssFile: `${stem}.module.css`,
    exportName: stem,
    variants: [{ id: 'default', label: 'Default', props: {}, layers: [] }],
  };
}

/**
 * The project components the version's code imports, as codegen knew them: the context a
 * generation would build, kept to the components its files do import (so a component added
 * to the project since does not change what the page marks).
 */
export async function previewContext(
  db: Db,
  projectId: string,
  spec: unknown,
  files: readonly SourceFile[],
): Promise<CodegenContext | undefined> {
  const parsed = ComponentSpec.safeParse(spec);
  if (!parsed.success) return undefined;
  const [context] = await codegenContexts(db, projectId, [{ spec: parsed.data, fileKey: null }]);
  const imported = importedDirs(files);
  const components = (context?.components ?? []).filter((c) => imported.has(c.codeName ?? c.name));
  return components.length ? { ...context, components } : undefined;
}

/** Directories of other components a file imports (`../Icon/Icon` → Icon). */
function importedDirs(files: readonly SourceFile[]): Set<string> {
  const dirs = new Set<string>();
  for (const f of files)
    for (const m of f.content.matchAll(/(?:from|import)\s*['"]\.\.\/([^/'"]+)\//g)) dirs.add(m[1]!);
  return dirs;
}

/**
 * The files of the components `files` import, and theirs, by directory name: each one's current
 * published version, else its latest; null when no component of the project has that name.
 */
async function dependencies(
  db: Db,
  projectId: string,
  ownDir: string,
  files: readonly SourceFile[],
): Promise<Map<string, SourceFile[] | null>> {
  const deps = new Map<string, SourceFile[] | null>();
  let wanted = [...importedDirs(files)].filter((d) => d !== ownDir);
  if (!wanted.length) return deps;
  const components = await db.component.findMany({
    where: { projectId, removedAt: null },
    select: { id: true, name: true, codeName: true, currentVersionId: true },
    orderBy: { createdAt: 'asc' },
  });
  const byDir = new Map<string, (typeof components)[number]>();
  for (const c of components) {
    const dir = componentIdentifier(c.codeName ?? c.name);
    if (!byDir.has(dir)) byDir.set(dir, c);
  }
  while (wanted.length && deps.size < MAX_DEPENDENCIES) {
    const next = new Set<string>();
    for (const dir of wanted.sort()) {
      if (deps.has(dir) || deps.size >= MAX_DEPENDENCIES) continue;
      const c = byDir.get(dir);
      const versionId =
        c?.currentVersionId ??
        (c
          ? (
              await db.componentVersion.findFirst({
                where: { componentId: c.id },
                orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
                select: { id: true },
              })
            )?.id
          : undefined);
      if (!versionId) {
        deps.set(dir, null);
        continue;
      }
      const loaded = (await loadFilesOfVersions(db, [versionId])).get(versionId) ?? [];
      const depFiles = loaded.map((f) => ({ path: f.path, content: f.content }));
      deps.set(dir, depFiles);
      for (const d of importedDirs(depFiles)) if (d !== ownDir && !deps.has(d)) next.add(d);
    }
    wanted = [...next];
  }
  return deps;
}

/** A version as one side of a page. */
export async function loadSide(db: Db, version: VersionForPreview, label: string | null): Promise<PreviewSide> {
  const projectId = version.component.projectId;
  const [withTokens, stored] = await Promise.all([
    withVersionTokens(db, projectId, version),
    loadVersionFiles(db, version.id),
  ]);
  const files = stored.map((f) => ({ path: f.path, content: f.content }));
  const model = modelOf(version, files, await previewContext(db, projectId, version.spec, files));
  return {
    versionId: version.id,
    label,
    model,
    modes: previewModes(withTokens.tokens as TokenSet | null),
    files,
    dependencies: await dependencies(db, projectId, model.file.replace(/\.tsx$/, ''), files),
  };
}

const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The page's cache key: everything the page is built from. The version id is part of it: the
 * page posts it to its parent, so two versions with equal files still have pages of their own.
 */
export function pageKey(sides: readonly PreviewSide[]): string {
  const h = createHash('sha256');
  h.update(BUILDER_VERSION);
  for (const side of sides) {
    const files = (list: readonly SourceFile[]) =>
      [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => [f.path, sha(f.content)]);
    h.update(
      JSON.stringify({
        versionId: side.versionId,
        label: side.label,
        model: side.model,
        modes: side.modes,
        files: files(side.files),
        dependencies: [...side.dependencies]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([dir, list]) => [dir, list ? files(list) : null]),
      }),
    );
  }
  return h.digest('hex');
}
