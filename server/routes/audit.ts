import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { listAudit } from '../services/audit.js';
import { errors, Limit, ProjectParams } from './schemas.js';

const AuditOut = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  correlationId: z.string().nullable(),
  durationMs: z.number().nullable(),
  data: z.unknown(),
  createdAt: z.string(),
});

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
        response: { 200: z.object({ items: z.array(AuditOut), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const page = await listAudit(contextOf(request, request.params.projectId), request.query);
      return { items: page.items.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })), nextCursor: page.nextCursor };
    },
  );
};

export default audit;
