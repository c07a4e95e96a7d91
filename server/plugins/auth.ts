import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Scope } from '../../core/contract/api.js';
import { authenticate, scopeAllows, type Principal } from '../services/projects/index.js';
import { bootstrap } from '../services/projects/index.js';
import { forbidden, unauthorized } from '../lib/errors.js';
import type { RequestContext } from '../lib/context.js';
import { rateLimited, windowText } from './rate-limit.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes reachable without a token (health, docs, metrics, Figma's webhook). */
    public?: boolean;
    /** Scope needed; default: read for GET/HEAD, write otherwise. */
    scope?: Scope;
  }
  interface FastifyRequest {
    principal: Principal | null;
    startedAt: number;
  }
  interface FastifyInstance {
    /** The first admin token, when this start created it (printed once by server.ts). */
    bootstrapToken: string | null;
  }
}

/** "Bearer <token>", any case, any spacing; the token itself is what counts. */
export function bearerToken(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

/**
 * Bearer-token authentication on every non-public route. Only the sha256 of a token is
 * stored; a token belongs to one project and can never reach another project's data.
 * Failed authentications count against the client address (TRUST_PROXY decides which one
 * that is behind a proxy): once it has used up its budget (RATE_LIMIT_MAX per
 * RATE_LIMIT_WINDOW), requests from it without a valid token get 429 instead of 401 until the
 * window passes. A valid token is never refused for what others sent from its address (an
 * office NAT, a shared proxy): tokens are 256 random bits, so the limit is there to bound the
 * cost and noise of guessing, not to make a right guess look wrong.
 */
export default fp(
  async (app) => {
    const issued = await bootstrap(app.db.prisma, app.config.adminToken);
    app.decorate('bootstrapToken', issued && !app.config.adminToken ? issued.token : null);

    const failures = app.createRateLimit({
      keyGenerator: (request) => `auth-failed:${request.ip}`,
      max: app.config.rateLimit.max,
      timeWindow: app.config.rateLimit.timeWindow,
    });
    const refuse = async (request: FastifyRequest, reply: FastifyReply, message: string) => {
      const budget = await failures(request);
      // isAllowed is true only for an allow-listed key; there is none here.
      if (budget.isAllowed || !budget.isExceeded) return unauthorized(message);
      reply.header('retry-after', String(Math.max(1, budget.ttlInSeconds)));
      return rateLimited(
        `${budget.max} failed authentications per ${windowText(app.config.rateLimit.timeWindow)} from one address`,
      );
    };

    app.decorateRequest('principal', null);
    app.decorateRequest('startedAt', 0);
    // onRequest, before the body is read or validated: a caller without a valid token learns
    // nothing about the payload rules and costs us no parsing.
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      request.startedAt = performance.now();
      const config = request.routeOptions.config;
      if (config?.public || !request.routeOptions.url) return;
      const token = bearerToken(request.headers.authorization);
      if (!token) throw await refuse(request, reply, 'Send an API token as "Authorization: Bearer <token>"');
      const principal = await authenticate(app.db.prisma, token);
      if (!principal) throw await refuse(request, reply, 'The API token is not valid (unknown or revoked)');
      const needed: Scope = config?.scope ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
      if (!scopeAllows(principal.scope, needed)) {
        throw forbidden(`This action needs a token with scope "${needed}"; this token has "${principal.scope}"`);
      }
      request.principal = principal;
    });
  },
  { name: 'auth', fastify: '5.x', dependencies: ['database', 'rate-limit'], decorators: { fastify: ['config'] } },
);

/** The acting principal and project for services. A :projectId in the path must be the token's own. */
export function contextOf(request: FastifyRequest, projectId?: string): RequestContext {
  const principal = request.principal;
  if (!principal) throw unauthorized('Authentication required');
  if (projectId !== undefined && projectId !== principal.projectId) {
    throw forbidden(`This token belongs to another project and cannot access project ${projectId}`);
  }
  return {
    db: request.server.db.prisma,
    projectId: principal.projectId,
    actor: principal.actor,
    scope: principal.scope,
    correlationId: request.id,
    startedAt: request.startedAt,
    jobs: request.server.jobs ?? undefined,
    diffs: request.server.diffs,
  };
}
