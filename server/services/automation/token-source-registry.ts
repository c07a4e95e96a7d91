// Token files tracked like Figma files: created, listed, watched.
import { stat } from 'node:fs/promises';
import type { TokenSourceWatcher } from './token-source-check.js';
import { confinedPath, isWithin } from './token-source-check.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { badRequest, conflict, unprocessable } from '../../lib/errors.js';

export async function createTokenSource(
  ctx: RequestContext,
  root: string | undefined,
  watcher: TokenSourceWatcher | null,
  input: { path: string; resolver: string },
) {
  const dir = await confinedPath(root, input.path);
  const resolver = await confinedPath(root, input.path === '.' ? input.resolver : `${input.path}/${input.resolver}`);
  if (!isWithin(dir, resolver))
    throw badRequest(`resolver ${JSON.stringify(input.resolver)} leads outside ${input.path}`);
  if (!(await stat(resolver)).isFile())
    throw unprocessable(
      'resolver_not_a_file',
      `resolver ${JSON.stringify(input.resolver)} is not a file in ${input.path}`,
    );
  // One directory is one source however it is spelled or linked to.
  for (const other of await ctx.db.tokenSource.findMany({ where: { projectId: ctx.projectId } })) {
    const same = other.path === input.path || (await confinedPath(root, other.path).catch(() => null)) === dir;
    if (same)
      throw conflict(
        'token_source_exists',
        `${input.path} is already tracked (${other.id}, as ${JSON.stringify(other.path)})`,
      );
  }
  const source = await ctx.db.$transaction(async (tx) => {
    const created = await tx.tokenSource.create({
      data: { projectId: ctx.projectId, path: input.path, resolver: input.resolver },
    });
    await recordAudit(tx, ctx, {
      action: 'token_source.create',
      targetType: 'token_source',
      targetId: created.id,
      data: input,
    });
    // The first check reads it as it is now.
    await ctx.jobs?.send(
      tx,
      'token-source-check',
      { projectId: ctx.projectId, sourceId: created.id },
      { singletonKey: created.id },
    );
    return created;
  });
  watcher?.watch(source, dir);
  return source;
}

export async function listTokenSources(ctx: RequestContext) {
  return ctx.db.tokenSource.findMany({ where: { projectId: ctx.projectId }, orderBy: { createdAt: 'asc' } });
}
