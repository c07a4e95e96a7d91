import fp from 'fastify-plugin';

/**
 * Headers every answer carries: `X-Content-Type-Options: nosniff`, so a browser never reads
 * an API answer (JSON, a downloaded file, an error) as HTML or script. The pages the server
 * serves set their own Content-Security-Policy: /docs (openapi.ts), /app (routes/plugin-ui.ts).
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-content-type-options', 'nosniff');
    });
  },
  { name: 'security-headers', fastify: '5.x' },
);
