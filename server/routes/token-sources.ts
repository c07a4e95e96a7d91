import { z } from 'zod';
import { posix } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { filePathProblem } from '../../core/contract/file-path.js';
import { contextOf } from '../plugins/auth.js';
import { createTokenSource, listTokenSources } from '../services/automation/index.js';
import { TokenSourceListOut, TokenSourceOut } from '../../core/contract/responses.js';
import { errors, ProjectParams } from './schemas.js';
import type { Prisma } from '../db/generated/client.js';

/**
 * A path under TOKEN_SOURCES_ROOT, spelled any harmless way ("./ds", "ds/", "ds//x") and kept in
 * one normal form, so one directory is one source; ".." (with either slash) and absolute paths
 * are refused by name rather than discovered missing later.
 */
const RelativePath = z
  .string()
  .min(1)
  .max(1024)
  .transform((raw, ctx) => {
    if (raw.split(/[\\/]/).includes('..')) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(raw)} must not contain ".." segments` });
      return z.NEVER;
    }
    const normal = posix.normalize(raw).replace(/(.)\/+$/, '$1');
    const problem = normal === '.' ? null : filePathProblem(normal);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(raw)} ${problem}` });
      return z.NEVER;
    }
    return normal;
  });
const out = (s: Prisma.TokenSourceGetPayload<object>) => ({
  id: s.id,
  path: s.path,
  resolver: s.resolver,
  lastHash: s.lastHash,
  lastCheckedAt: s.lastCheckedAt?.toISOString() ?? null,
  lastError: s.lastError,
  createdAt: s.createdAt.toISOString(),
  lastWarnings: s.lastWarnings,
});

const tokenSources: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/projects/:projectId/token-sources',
    {
      schema: {
        tags: ['automation'],
        summary:
          'Track a directory of DTCG 2025.10 token files with a resolver (under TOKEN_SOURCES_ROOT): a change regenerates the components that use them (trigger token_change)',
        params: ProjectParams,
        body: z.object({ path: RelativePath, resolver: RelativePath }),
        response: { 201: TokenSourceOut, ...errors },
      },
    },
    async (request, reply) => {
      const source = await createTokenSource(
        contextOf(request, request.params.projectId),
        app.config.tokenSourcesRoot,
        app.tokenSources,
        request.body,
      );
      return reply.status(201).send(out(source));
    },
  );

  app.get(
    '/projects/:projectId/token-sources',
    {
      schema: {
        tags: ['automation'],
        summary: 'Tracked token-file directories',
        params: ProjectParams,
        response: { 200: TokenSourceListOut, ...errors },
      },
    },
    async (request) => ({ items: (await listTokenSources(contextOf(request, request.params.projectId))).map(out) }),
  );
};

export default tokenSources;
