import fp from 'fastify-plugin';
import { inputProblem, inputRefused } from '../lib/input-problem.js';
import { yieldToEventLoop } from '../lib/event-loop.js';

/**
 * Runs before validation on every route: PostgreSQL text and jsonb cannot hold U+0000 or a
 * lone UTF-16 surrogate (jsonb fails deep inside a transaction, text silently stores U+FFFD),
 * and an oversized list would make validation itself the attack. A 400 in the validation
 * error shape, naming the field. The sync route reads its body as text: the same check runs
 * on its worker thread (services/sync/validate.ts).
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (request) => {
      for (const [part, value] of [
        ['params', request.params],
        ['querystring', request.query],
        ['body', request.body],
      ] as const) {
        const problem = inputProblem(value, part);
        if (problem) throw inputRefused(problem);
      }
      // Walking a big body and validating it are separate turns of the event loop, so other requests are answered in between.
      if (request.body !== null && typeof request.body === 'object') await yieldToEventLoop();
    });
  },
  { name: 'input-guard', fastify: '5.x' },
);
