import fp from 'fastify-plugin';
import cors from '@fastify/cors';

/** The Figma plugin iframe sends `Origin: null`; the server's own web UI is same-origin; CORS_ORIGINS adds more. */
export default fp(
  async (app) => {
    const config = app.config;
    await app.register(cors, {
      origin: (origin, cb) => {
        if (!origin || origin === 'null' || config.corsOrigins.includes(origin)) return cb(null, true);
        const self = config.publicUrl ? new URL(config.publicUrl).origin : null;
        cb(null, origin === self);
      },
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
      maxAge: 600,
    });
  },
  { name: 'cors', fastify: '5.x', decorators: { fastify: ['config'] } },
);
