import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthOut, ReadyOut, UnavailableOut } from '../../core/contract/responses.js';

const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { config: { public: true }, schema: { tags: ['ops'], security: [], response: { 200: HealthOut } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: { tags: ['ops'], security: [], response: { 200: ReadyOut, 503: UnavailableOut } },
    },
    async (_request, reply) => {
      try {
        await app.db.raw.query('SELECT 1');
        return { status: 'ready' as const, database: app.db.kind };
      } catch {
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: app.db.kind, message: 'the database is not reachable' });
      }
    },
  );

  app.get(
    '/metrics',
    { config: { public: true }, schema: { tags: ['ops'], security: [], hide: false } },
    async (_request, reply) => {
      reply.header('content-type', app.metrics.contentType);
      return app.metrics.metrics();
    },
  );
};

export default health;
