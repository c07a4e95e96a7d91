import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Requests per token, keyed by the token's id (so "bearer", "Bearer  " and other spellings of
 * one token share a bucket), else per client address. Requests that fail authentication are
 * counted per address by the auth plugin, with the limiter this one decorates.
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: true,
      max: app.config.rateLimit.max,
      timeWindow: app.config.rateLimit.timeWindow,
      // Route-level hook: it runs after the auth plugin's onRequest hook has set the principal.
      keyGenerator: (request) => (request.principal ? `t:${request.principal.tokenId}` : `ip:${request.ip}`),
      allowList: (request) => UNLIMITED.has(request.url),
      errorResponseBuilder: (_request, context) => rateLimited(`${context.max} requests per ${context.after}`, Math.ceil(context.ttl / 1000)),
    });
  },
  { name: 'rate-limit', fastify: '5.x', decorators: { fastify: ['config'] } },
);

export function rateLimited(budget: string, retryInSeconds: number): Error & { statusCode: number } {
  const err = new Error(`Rate limit exceeded: ${budget}; retry in ${retryInSeconds} s`) as Error & { statusCode: number };
  err.statusCode = 429;
  return err;
}
