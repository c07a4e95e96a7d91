// Drafts: replacing their files by hand (drafts are written by services/propose, the one writer).
import type { GeneratedFile } from '../../../core/contract/api.js';
import { pathsWithConflictMarkers } from '../../../core/diff/conflict-markers.js';
import { conflict } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import { storeBlobs } from '../../lib/blobs.js';
import type { RequestContext } from '../../lib/context.js';
import { validateFiles, filesHash, filesHashOf } from './files.js';
import { findVersion } from './find.js';
import { lockVersion } from './publish.js';

/**
 * Replaces a draft's files, e.g. with merge conflicts resolved by hand. Published versions never
 * change their files: the service refuses before the database has to. Files that still carry
 * conflict markers keep the draft flagged.
 */
export async function replaceDraftFiles(ctx: RequestContext, versionId: string, files: GeneratedFile[]) {
  validateFiles(files);
  return ctx.db.$transaction(async (tx) => {
    await lockVersion(tx, versionId);
    const version = await findVersion(tx, ctx.projectId, versionId);
    if (version.status !== 'draft') {
      throw conflict('immutable', `Version ${version.version} is ${version.status}; only a draft's files can change`);
    }
    const before = await filesHash(tx, versionId);
    await tx.versionFile.deleteMany({ where: { versionId } });
    const refs = await storeBlobs(tx, files);
    await tx.versionFile.createMany({ data: refs.map((r) => ({ versionId, path: r.path, blobSha256: r.sha256 })) });
    const stillConflicted = pathsWithConflictMarkers(files);
    const updated = await tx.componentVersion.update({
      where: { id: versionId },
      data: {
        hasConflicts: stillConflicted.length > 0,
        warnings: stillConflicted.length
          ? version.warnings
          : [...version.warnings.filter((w) => !w.startsWith('conflict')), 'merge conflicts resolved by hand'],
      },
    });
    await recordAudit(tx, ctx, {
      action: 'version.files.replace',
      targetType: 'component_version',
      targetId: versionId,
      beforeHash: before,
      afterHash: filesHashOf(refs),
      data: { stillConflicted },
    });
    return updated;
  });
}
