import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import { diffFileSets } from '../../../core/diff/index.js';
import { pathsWithConflictMarkers } from '../../../core/diff/conflict-markers.js';
import { comparePaths } from '../../../core/diff/lines.js';
import { notFound, unprocessable } from '../../lib/errors.js';
import { toJsonColumn } from '../../lib/json-column.js';
import { recordAudit } from '../../lib/audit.js';
import { fileRefsOf, loadBlobs, loadVersionFiles, storeBlobs } from '../../lib/blobs.js';
import { findComponent } from './components.js';
import type { RequestContext } from '../../lib/context.js';
import { generatedFilesOf } from '../generation/index.js';
import { filesHashOf, validateFiles } from './files.js';

type CustomizationRow = Prisma.CustomizationGetPayload<object>;

export interface CustomizedFileStat {
  path: string;
  status: 'modified' | 'added' | 'unchanged';
  added: number;
  removed: number;
  /** uploaded now, or carried over from the current version's code (edits merged earlier) */
  source: 'uploaded' | 'carried';
}

export interface CustomizationResult {
  id: string;
  componentId: string;
  versionId: string;
  version: string;
  createdBy: string;
  createdAt: Date;
  files: CustomizedFileStat[];
  warnings: string[];
}

async function activeCustomization(db: Tx | RequestContext['db'], componentId: string) {
  return db.customization.findFirst({ where: { componentId, replacedAt: null }, orderBy: { createdAt: 'desc' } });
}

/** Per file, the developer's side against the generated files it was made from. */
function statsAgainst(
  base: GeneratedFile[],
  ours: GeneratedFile[],
  uploaded: ReadonlySet<string>,
): CustomizedFileStat[] {
  const paths = new Set(ours.map((f) => f.path));
  const diff = diffFileSets(
    base.filter((f) => paths.has(f.path)),
    ours,
    { includeHunks: false },
  );
  return diff.files.map((f) => ({
    path: f.path,
    status: f.status === 'added' ? 'added' : f.status === 'unchanged' ? 'unchanged' : 'modified',
    added: f.added,
    removed: f.removed,
    source: uploaded.has(f.path) ? 'uploaded' : 'carried',
  }));
}

/**
 * Stores edited files against the component's current published version; later regenerations
 * three-way merge them (generation/customization-merge.ts). Only files that differ from what the
 * generator produced are kept. When the current version already carries merged edits, those
 * are carried into the new customization unless the upload replaces the file: the merge base
 * is the pure generated code, so an edit left out here would be dropped by the next merge.
 * The previous customization is marked replaced in the same transaction.
 */
export async function putCustomization(
  ctx: RequestContext,
  componentId: string,
  uploaded: GeneratedFile[],
): Promise<CustomizationResult> {
  validateFiles(uploaded);
  const marked = pathsWithConflictMarkers(uploaded);
  if (marked.length) {
    throw unprocessable(
      'unresolved_conflicts',
      `${marked.join(', ')} still contain conflict markers; resolve them before uploading`,
      { paths: marked },
    );
  }
  return ctx.db.$transaction(async (tx) => {
    const component = await findComponent(tx, ctx.projectId, componentId);
    // Serializes concurrent uploads for one component, so exactly one customization stays active.
    await tx.$queryRaw`SELECT id FROM components WHERE id = ${componentId}::uuid FOR UPDATE`;
    const current = component.currentVersion;
    if (!current) {
      throw unprocessable(
        'no_published_version',
        `${component.name} has no published version yet; customizations are made against the current version`,
      );
    }
    const generated = await generatedFilesOf(tx, ctx.projectId, current);
    const base = new Map(generated.files.map((f) => [f.path, f.content]));
    const uploadedPaths = new Set(uploaded.map((f) => f.path));

    // Edits already in the current code (merged from an earlier customization) and not replaced now.
    const carried = generated.exact
      ? (await loadVersionFiles(tx, current.id)).filter(
          (f) => !uploadedPaths.has(f.path) && base.get(f.path) !== f.content,
        )
      : [];
    const stale = pathsWithConflictMarkers(carried);
    if (stale.length) {
      throw unprocessable(
        'unresolved_conflicts',
        `${component.name} ${current.version} has unresolved conflict markers in ${stale.join(', ')}; upload resolved versions of these files`,
        { paths: stale },
      );
    }
    const ours = [...uploaded, ...carried].sort((a, b) => comparePaths(a.path, b.path));
    const files = statsAgainst(generated.files, ours, uploadedPaths);
    const edited = ours.filter((f) => base.get(f.path) !== f.content);
    if (edited.length === 0) {
      throw unprocessable(
        'no_changes',
        `None of the files differ from the generated files of ${component.name} ${current.version}; DELETE the customization to drop one`,
      );
    }

    const previous = await activeCustomization(tx, componentId);
    const now = new Date();
    await tx.customization.updateMany({ where: { componentId, replacedAt: null }, data: { replacedAt: now } });
    const refs = await storeBlobs(tx, edited);
    const row = await tx.customization.create({
      data: { componentId, versionId: current.id, files: toJsonColumn(refs), createdBy: ctx.actor },
    });
    await recordAudit(tx, ctx, {
      action: 'customization.put',
      targetType: 'customization',
      targetId: row.id,
      beforeHash: previous ? filesHashOf(filesOf(previous)) : null,
      afterHash: filesHashOf(refs),
      data: {
        componentId,
        versionId: current.id,
        version: current.version,
        paths: refs.map((r) => r.path),
        replaced: previous?.id ?? null,
      },
    });
    const warnings = generated.exact
      ? []
      : [
          `the generator changed since ${current.version} was made, so its pure generated code cannot be rebuilt; edits merged into ${current.version} earlier are only kept where this upload contains them`,
        ];
    return {
      id: row.id,
      componentId,
      versionId: current.id,
      version: current.version,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      files,
      warnings,
    };
  });
}

/** The active customization with its file contents and their stats against the generated base. */
export async function getCustomization(ctx: RequestContext, componentId: string) {
  const component = await findComponent(ctx.db, ctx.projectId, componentId);
  const row = await activeCustomization(ctx.db, componentId);
  if (!row) throw notFound('customization of component', `${component.name} (${componentId})`);
  const version = await ctx.db.componentVersion.findUniqueOrThrow({ where: { id: row.versionId } });
  const refs = filesOf(row);
  const contents = await loadBlobs(
    ctx.db,
    refs.map((r) => r.sha256),
  );
  const ours = refs.map((r) => ({ path: r.path, content: contents.get(r.sha256) ?? '' }));
  const generated = await generatedFilesOf(ctx.db, ctx.projectId, version);
  const stats = new Map(statsAgainst(generated.files, ours, new Set(refs.map((r) => r.path))).map((s) => [s.path, s]));
  return {
    ...header(row, version.version),
    files: ours.map((f) => {
      const s = stats.get(f.path)!;
      return {
        path: f.path,
        status: s.status,
        added: s.added,
        removed: s.removed,
        sha256: refs.find((r) => r.path === f.path)!.sha256,
        content: f.content,
      };
    }),
  };
}

/** Drops the active customization: the next regeneration is the generator's code alone. */
export async function deleteCustomization(ctx: RequestContext, componentId: string) {
  return ctx.db.$transaction(async (tx) => {
    const component = await findComponent(tx, ctx.projectId, componentId);
    await tx.$queryRaw`SELECT id FROM components WHERE id = ${componentId}::uuid FOR UPDATE`;
    const row = await activeCustomization(tx, componentId);
    if (!row) throw notFound('customization of component', `${component.name} (${componentId})`);
    const now = new Date();
    await tx.customization.updateMany({ where: { componentId, replacedAt: null }, data: { replacedAt: now } });
    await recordAudit(tx, ctx, {
      action: 'customization.delete',
      targetType: 'customization',
      targetId: row.id,
      beforeHash: filesHashOf(filesOf(row)),
      data: { componentId, versionId: row.versionId, paths: filesOf(row).map((r) => r.path) },
    });
    return { id: row.id, componentId, replacedAt: now };
  });
}

const filesOf = (row: CustomizationRow) => fileRefsOf(row.files, `customizations.files of ${row.id}`);

function header(row: CustomizationRow, version: string) {
  return {
    id: row.id,
    componentId: row.componentId,
    versionId: row.versionId,
    version,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}
