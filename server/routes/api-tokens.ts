import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Scope } from '../../core/contract/api.js';
import { contextOf } from '../plugins/auth.js';
import { issueToken, type IssuedToken } from '../services/api-tokens.js';
import { recordAudit } from '../services/audit.js';
import { errors, ProjectParams, TokenOut } from './schemas.js';

export function tokenOut(t: IssuedToken): z.infer<typeof TokenOut> {
  return { id: t.id, projectId: t.projectId, name: t.name, scope: t.scope, prefix: t.prefix, createdAt: t.createdAt.toISOString(), token: t.token };
}

const apiTokens: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/projects/:projectId/tokens',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['projects'],
        summary: 'Issue an API token for this project; the secret is returned once and stored only as a sha256 hash',
        params: ProjectParams,
        body: z.object({ name: z.string().trim().min(1).max(100), scope: Scope }),
        response: { 201: TokenOut, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, request.params.projectId);
      const token = await ctx.db.$transaction(async (tx) => {
        const t = await issueToken(tx, { projectId: ctx.projectId, name: request.body.name, scope: request.body.scope, createdBy: ctx.actor });
        await recordAudit(tx, ctx, { action: 'token.issue', targetType: 'api_token', targetId: t.id, data: { name: t.name, scope: t.scope } });
        return t;
      });
      return reply.status(201).send(tokenOut(token));
    },
  );
};

export default apiTokens;
