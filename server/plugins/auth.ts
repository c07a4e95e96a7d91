import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Scope } from '../../core/contract/api.js';
import { authenticate, scopeAllows, type Principal } from '../services/api-tokens.js';
import { forbidden, unauthorized } from '../errors.js';
import type { RequestContext } from '../services/context.js';

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
}

/**
 * Bearer-token authentication on every non-public route. Only the sha256 of a token is
 * stored; a token belongs to one project and can never reach another project's data.
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('startedAt', 0);
  // onRequest, before the body is read or validated: a caller without a valid token learns
  // nothing about the payload rules and costs us no parsing.
  app.addHook('onRequest', async (request) => {
    request.startedAt = performance.now();
    const config = request.routeOptions.config;
    if (config?.public || !request.routeOptions.url) return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw unauthorized('Send an API token as "Authorization: Bearer <token>"');
    const principal = await authenticate(request.server.db.prisma, match[1]!);
    if (!principal) throw unauthorized('The API token is not valid (unknown or revoked)');
    const needed: Scope = config?.scope ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
    if (!scopeAllows(principal.scope, needed)) {
      throw forbidden(`This action needs a token with scope "${needed}"; this token has "${principal.scope}"`);
    }
    request.principal = principal;
  });
}

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
  };
}
