import { diffFileSets } from '../../core/diff/index.js';
import { badRequest } from '../errors.js';
import { loadVersionFiles } from './blobs.js';
import type { RequestContext } from './context.js';
import { resolveVersionRef } from './versions/index.js';
import { findComponent } from './components.js';

/** Any two versions of a component (ids or version strings), per-file diff and stats. */
export async function compareVersions(
  ctx: RequestContext,
  componentId: string,
  refs: { from: string; to: string; context?: number | undefined; includeUnchanged?: boolean | undefined },
) {
  await findComponent(ctx.db, ctx.projectId, componentId);
  const [from, to] = await Promise.all([resolveVersionRef(ctx, componentId, refs.from), resolveVersionRef(ctx, componentId, refs.to)]);
  if (refs.context !== undefined && (refs.context < 0 || refs.context > 1000)) throw badRequest('context must be between 0 and 1000');
  const [oldFiles, newFiles] = await Promise.all([loadVersionFiles(ctx.db, from.id), loadVersionFiles(ctx.db, to.id)]);
  const diff = diffFileSets(oldFiles, newFiles, { context: refs.context ?? 3, includeUnchanged: refs.includeUnchanged ?? false });
  return { from, to, diff };
}
