import fp from 'fastify-plugin';
import { RequestActivity } from '../services/reports/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Requests in flight: bulk work defers to short ones (services/activity.ts). */
    activity: RequestActivity;
  }
}

/**
 * Echoes the correlation id on every response, and tells clients to drop their connection
 * once close() began: otherwise the keep-alive connection of a request that was in flight
 * stays open after its response, and the process waits for the client to close it. Keeps
 * the list of requests in flight (app.activity).
 */
export default fp(
  async (app) => {
    const activity = new RequestActivity();
    app.decorate('activity', activity);
    app.addHook('onRequest', async (request) => activity.begin(request));
    app.addHook('onResponse', async (request) => activity.end(request));
    app.addHook('onRequestAbort', async (request) => activity.end(request));
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
