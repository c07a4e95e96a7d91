// Token files tracked like Figma files: created, listed, watched.
import type { TokenSourceWatcher } from './automation/token-sources.js';
import { confinedPath } from './automation/token-sources.js';
import { recordAudit } from './audit.js';
import type { RequestContext } from './context.js';
import { conflict } from '../errors.js';

export async function createTokenSource(ctx: RequestContext, root: string | undefined, watcher: TokenSourceWatcher | null, input: { path: string; resolver: string }) {
  const dir = await confinedPath(root, input.path);
  await confinedPath(root, `${input.path}/${input.resolver}`);
  const existing = await ctx.db.tokenSource.findUnique({ where: { projectId_path: { projectId: ctx.projectId, path: input.path } } });
  if (existing) throw conflict('token_source_exists', `${input.path} is already tracked (${existing.id})`);
  const source = await ctx.db.$transaction(async (tx) => {
    const created = await tx.tokenSource.create({ data: { projectId: ctx.projectId, path: input.path, resolver: input.resolver } });
    await recordAudit(tx, ctx, { action: 'token_source.create', targetType: 'token_source', targetId: created.id, data: input });
    // The first check reads it as it is now.
    await ctx.jobs?.send(tx, 'token-source-check', { projectId: ctx.projectId, sourceId: created.id }, { singletonKey: created.id });
    return created;
  });
  watcher?.watch(source, dir);
  return source;
}

export async function listTokenSources(ctx: RequestContext) {
  return ctx.db.tokenSource.findMany({ where: { projectId: ctx.projectId }, orderBy: { createdAt: 'asc' } });
}
