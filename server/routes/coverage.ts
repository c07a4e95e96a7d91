import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { projectCoverage } from '../services/reports/index.js';
import { CoverageOut } from '../../core/contract/responses.js';
import { errors, ProjectParams } from './schemas.js';

const coverage: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/coverage',
    {
      schema: {
        tags: ['coverage'],
        summary:
          'Per published component: which variants have a story and a rendering test; plus design-only and code-only components',
        params: ProjectParams,
        response: { 200: CoverageOut, ...errors },
      },
    },
    async (request) => projectCoverage(contextOf(request, request.params.projectId)),
  );
};

export default coverage;
