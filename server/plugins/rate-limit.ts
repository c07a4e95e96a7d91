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
      // context.after is the time left, which Retry-After already says: the message names the window.
      errorResponseBuilder: (_request, context) =>
        rateLimited(`${context.max} requests per ${windowText(app.config.rateLimit.timeWindow)}`),
    });
  },
  { name: 'rate-limit', fastify: '5.x', decorators: { fastify: ['config'] } },
);

/** A 429 naming the budget and its window ("600 requests per 1 minute"); the Retry-After header says when to try again. */
export function rateLimited(budget: string): Error & { statusCode: number } {
  const err = new Error(`Rate limit exceeded: ${budget}`) as Error & { statusCode: number };
  err.statusCode = 429;
  return err;
}

/** RATE_LIMIT_WINDOW as a person reads it: "1 minute" as written, a bare number as milliseconds. */
export function windowText(window: string): string {
  return /^\d+$/.test(window.trim()) ? `${window.trim()} ms` : window.trim();
}
