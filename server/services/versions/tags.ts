// Tags on versions.
import { notFound } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { findVersion } from './find.js';

/**
 * Adds a tag in one statement (append where not already present), so two requests adding
 * different tags at once both keep theirs; a read-then-set would let the later write drop the
 * other's tag. Adding a tag the version has is a no-op and writes no audit event.
 */
export async function addTag(ctx: RequestContext, versionId: string, tag: string) {
  return ctx.db.$transaction(async (tx) => {
    const v = await findVersion(tx, ctx.projectId, versionId);
    const added =
      await tx.$executeRaw`UPDATE component_versions SET tags = array_append(tags, ${tag}) WHERE id = ${versionId}::uuid AND NOT (${tag} = ANY(tags))`;
    if (added > 0) {
      await recordAudit(tx, ctx, {
        action: 'version.tag.add',
        targetType: 'component_version',
        targetId: versionId,
        data: { tag, version: v.version },
      });
    }
    return tx.componentVersion.findUniqueOrThrow({ where: { id: versionId } });
  });
}

/** Removes a tag in one statement, for the same reason; 404 when the version does not have it. */
export async function removeTag(ctx: RequestContext, versionId: string, tag: string) {
  return ctx.db.$transaction(async (tx) => {
    const v = await findVersion(tx, ctx.projectId, versionId);
    const removed =
      await tx.$executeRaw`UPDATE component_versions SET tags = array_remove(tags, ${tag}) WHERE id = ${versionId}::uuid AND ${tag} = ANY(tags)`;
    if (removed === 0) throw notFound('tag', `${tag} on version ${v.version}`);
    await recordAudit(tx, ctx, {
      action: 'version.tag.remove',
      targetType: 'component_version',
      targetId: versionId,
      data: { tag, version: v.version },
    });
    return tx.componentVersion.findUniqueOrThrow({ where: { id: versionId } });
  });
}
