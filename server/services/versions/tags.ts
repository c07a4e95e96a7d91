// Tags on versions.
import { notFound } from '../../errors.js';
import { recordAudit } from '../audit.js';
import type { RequestContext } from '../context.js';
import { findVersion } from './find.js';

// ---- tags ----------------------------------------------------------------------------

export async function addTag(ctx: RequestContext, versionId: string, tag: string) {
  return ctx.db.$transaction(async (tx) => {
    const v = await findVersion(tx, ctx.projectId, versionId);
    if (v.tags.includes(tag)) return v;
    const updated = await tx.componentVersion.update({ where: { id: versionId }, data: { tags: { set: [...v.tags, tag] } } });
    await recordAudit(tx, ctx, { action: 'version.tag.add', targetType: 'component_version', targetId: versionId, data: { tag, version: v.version } });
    return updated;
  });
}

export async function removeTag(ctx: RequestContext, versionId: string, tag: string) {
  return ctx.db.$transaction(async (tx) => {
    const v = await findVersion(tx, ctx.projectId, versionId);
    if (!v.tags.includes(tag)) throw notFound('tag', `${tag} on version ${v.version}`);
    const updated = await tx.componentVersion.update({ where: { id: versionId }, data: { tags: { set: v.tags.filter((t) => t !== tag) } } });
    await recordAudit(tx, ctx, { action: 'version.tag.remove', targetType: 'component_version', targetId: versionId, data: { tag, version: v.version } });
    return updated;
  });
}
