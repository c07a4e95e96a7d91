import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { listAudit } from '../lib/audit.js';
import { AuditPageOut } from '../../core/contract/responses.js';
import { errors, Limit, ProjectParams } from './schemas.js';

const audit: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/audit',
    {
      schema: {
        tags: ['projects'],
        summary: 'Audit log, newest first',
        params: ProjectParams,
        querystring: z.object({
          limit: Limit,
          cursor: z.uuid().optional(),
          action: z.string().max(100).optional(),
          targetId: z.string().max(200).optional(),
        }),
        response: { 200: AuditPageOut, ...errors },
      },
    },
    async (request) => {
      const page = await listAudit(contextOf(request, request.params.projectId), request.query);
      return {
        items: page.items.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  );
};

export default audit;
