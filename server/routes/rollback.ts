import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RollbackOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import { rollback } from '../services/propose/index.js';
import { ComponentParams, errors, Id, versionOut, versionSummary } from './schemas.js';

const rollbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/components/:componentId/rollback',
    {
      schema: {
        tags: ['versions'],
        summary:
          'Roll back to a published (or archived) version: a new published patch version with its inputs and files. 422 incompatible_rollback (details.reasons) when its props interface would break current users, unless force: true.',
        params: ComponentParams,
        body: z.object({ targetVersionId: Id, force: z.boolean().optional() }),
        response: { 201: RollbackOut, ...errors },
      },
    },
    async (request, reply) => {
      const r = await rollback(contextOf(request), request.params.componentId, request.body);
      return reply.status(201).send({
        version: versionOut(r.version),
        previousVersion: versionSummary(r.previous),
        rolledBackTo: versionSummary(r.target),
        warnings: r.warnings,
        diff: r.diff,
      });
    },
  );
};

export default rollbackRoutes;
