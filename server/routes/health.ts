import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { config: { public: true }, schema: { tags: ['ops'], security: [], response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: { tags: ['ops'], security: [], response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: z.object({ status: z.literal('unavailable'), database: z.string(), message: z.string() }) } },
    },
    async (_request, reply) => {
      try {
        await app.db.raw.query('SELECT 1');
        return { status: 'ready' as const, database: app.db.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: app.db.kind, message: 'the database is not reachable' });
      }
    },
  );

  app.get('/metrics', { config: { public: true }, schema: { tags: ['ops'], security: [], hide: false } }, async (_request, reply) => {
    reply.header('content-type', app.metrics.contentType);
    return app.metrics.metrics();
  });
};

export default health;
