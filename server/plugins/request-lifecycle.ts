import fp from 'fastify-plugin';

/**
 * Echoes the correlation id on every response, and tells clients to drop their connection
 * once close() began: otherwise the keep-alive connection of a request that was in flight
 * stays open after its response, and the process waits for the client to close it.
 */
export default fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
      if (closing) reply.header('connection', 'close');
    });
  },
  { name: 'request-lifecycle', fastify: '5.x' },
);
