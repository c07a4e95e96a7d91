import { badRequest } from '../../lib/errors.js';
import { onThisThread } from '../../workers/diffs.js';
import { loadVersionFiles } from '../../lib/blobs.js';
import type { RequestContext } from '../../lib/context.js';
import { resolveVersionRef } from './history.js';
import { findComponent } from './components.js';

/**
 * Any two versions of a component (ids or version strings), per-file diff and stats. The diff
 * runs on the diff thread, within core/diff's limits: a file past them is reported too large to
 * diff line by line, with both sides' sizes and hashes.
 */
export async function compareVersions(
  ctx: RequestContext,
  componentId: string,
  refs: { from: string; to: string; context?: number | undefined; includeUnchanged?: boolean | undefined },
) {
  await findComponent(ctx.db, ctx.projectId, componentId);
  const [from, to] = await Promise.all([
    resolveVersionRef(ctx, componentId, refs.from),
    resolveVersionRef(ctx, componentId, refs.to),
  ]);
  if (refs.context !== undefined && (refs.context < 0 || refs.context > 1000))
    throw badRequest('context must be between 0 and 1000');
  const [oldFiles, newFiles] = await Promise.all([loadVersionFiles(ctx.db, from.id), loadVersionFiles(ctx.db, to.id)]);
  const diff = await (ctx.diffs ?? onThisThread).diffFileSets(oldFiles, newFiles, {
    context: refs.context ?? 3,
    includeUnchanged: refs.includeUnchanged ?? false,
  });
  return { from, to, diff };
}
