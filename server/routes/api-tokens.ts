import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Scope } from '../../core/contract/api.js';
import { TokenInfoListOut, TokenInfoOut, TokenOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import {
  issueProjectToken,
  listTokens,
  revokeToken,
  type IssuedToken,
  type TokenInfo,
} from '../services/projects/index.js';
import { errors, Id, ProjectParams } from './schemas.js';

export function tokenOut(t: IssuedToken): TokenOut {
  return {
    id: t.id,
    projectId: t.projectId,
    name: t.name,
    scope: t.scope,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    token: t.token,
  };
}

function tokenInfoOut(t: TokenInfo): TokenInfoOut {
  return {
    ...t,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
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
    async (request, reply) =>
      reply
        .status(201)
        .send(tokenOut(await issueProjectToken(contextOf(request, request.params.projectId), request.body))),
  );

  app.get(
    '/projects/:projectId/tokens',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['projects'],
        summary: "The project's API tokens, oldest first, revoked ones included; never their secrets or hashes",
        params: ProjectParams,
        response: { 200: TokenInfoListOut, ...errors },
      },
    },
    async (request) => ({ items: (await listTokens(contextOf(request, request.params.projectId))).map(tokenInfoOut) }),
  );

  app.delete(
    '/projects/:projectId/tokens/:tokenId',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['projects'],
        summary:
          "Revoke a token: it gets 401 from then on (revoking again changes nothing); 409 for the project's last admin token",
        params: ProjectParams.extend({ tokenId: Id }),
        response: { 200: TokenInfoOut, ...errors },
      },
    },
    async (request) =>
      tokenInfoOut(await revokeToken(contextOf(request, request.params.projectId), request.params.tokenId)),
  );
};

export default apiTokens;
