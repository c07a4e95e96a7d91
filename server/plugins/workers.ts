import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { DiffPool } from '../workers/diffs.js';
import { syncValidator, type SyncValidator, generatorPool, type Generator } from '../services/sync/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Validates sync requests on a worker thread (services/sync/validate.ts). */
    syncValidator: SyncValidator;
    /** Generates component code on a worker thread (services/sync/generate.ts). */
    generator: Generator;
    /** Diffs and three-way merges on a worker thread (workers/diffs.ts). */
    diffs: DiffPool;
  }
}

/** Worker threads for CPU work that would stall other requests; started on first use, stopped with the app. */
export default fp(
  async (app) => {
    const validator = syncValidator();
    const generator = generatorPool();
    const diffs = new DiffPool();
    app.decorate('syncValidator', validator);
    app.decorate('generator', generator);
    app.decorate('diffs', diffs);
    new Gauge({
      name: 'design_sync_diff_tasks_in_flight',
      help: 'Diffs and three-way merges sent to the diff worker thread and not answered yet',
      registers: [app.metrics],
      collect() {
        this.set(diffs.inFlight);
      },
    });
    app.addHook('onClose', async () => {
      await Promise.all([validator.close(), generator.close(), diffs.close()]);
    });
  },
  { name: 'workers', fastify: '5.x', dependencies: ['metrics'] },
);
