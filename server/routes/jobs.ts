import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { listJobs } from '../services/reports/index.js';
import { JobListOut } from '../../core/contract/responses.js';
import { errors, ProjectParams } from './schemas.js';

const jobs: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/jobs',
    {
      schema: {
        tags: ['automation'],
        summary:
          'Recent jobs of the project (file checks, regenerations, token-file checks, webhook deliveries): state, attempts, last error, next run',
        params: ProjectParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          state: z.enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed']).optional(),
        }),
        response: { 200: JobListOut, ...errors },
      },
    },
    async (request) => ({
      items: await listJobs(contextOf(request, request.params.projectId), request.query.limit, request.query.state),
    }),
  );
};

export default jobs;
