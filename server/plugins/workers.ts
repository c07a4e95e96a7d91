import fp from 'fastify-plugin';
import { syncValidator, type SyncValidator } from '../services/sync/validate-off-thread.js';
import { generatorPool, type Generator } from '../services/sync/generate.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Validates sync requests on a worker thread (services/sync/validate.ts). */
    syncValidator: SyncValidator;
    /** Generates component code on a worker thread (services/sync/generate.ts). */
    generator: Generator;
  }
}

/** Worker threads for CPU work that would stall other requests; started on first use, stopped with the app. */
export default fp(
  async (app) => {
    const validator = syncValidator();
    const generator = generatorPool();
    app.decorate('syncValidator', validator);
    app.decorate('generator', generator);
    app.addHook('onClose', async () => {
      await Promise.all([validator.close(), generator.close()]);
    });
  },
  { name: 'workers', fastify: '5.x' },
);
