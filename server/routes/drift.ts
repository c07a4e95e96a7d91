import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { projectDrift } from '../services/reports/index.js';
import { DriftOut } from '../../core/contract/responses.js';
import { errors, ProjectParams } from './schemas.js';

const drift: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/drift',
    {
      schema: {
        tags: ['drift'],
        summary:
          'Components whose latest design (last sync) differs from their published code, with the pending changes and the bump a sync would propose',
        params: ProjectParams,
        response: { 200: DriftOut, ...errors },
      },
    },
    async (request) => projectDrift(contextOf(request, request.params.projectId)),
  );
};

export default drift;
