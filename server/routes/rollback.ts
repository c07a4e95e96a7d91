import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VersionSummary } from '../../core/contract/api.js';
import { contextOf } from '../plugins/auth.js';
import { rollback } from '../services/rollback.js';
import { ComponentParams, DiffOut, errors, Id, VersionOut, versionOut, versionSummary } from './schemas.js';

const RollbackOut = z.object({
  version: VersionOut.describe('the new published version (patch over the replaced one, tagged rollback)'),
  previousVersion: VersionSummary.describe('the version it replaced as current'),
  rolledBackTo: VersionSummary,
  warnings: z.array(z.string()),
  diff: DiffOut.describe('files of the replaced version → files of the new version'),
});

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
