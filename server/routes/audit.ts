import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
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
          action: z.string().optional(),
          targetId: z.string().optional(),
        }),
        response: { 200: z.object({ items: z.array(AuditOut), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request, request.params.projectId);
      const q = request.query;
      const rows = await ctx.db.auditEvent.findMany({
        where: { projectId: ctx.projectId, ...(q.action ? { action: q.action } : {}), ...(q.targetId ? { targetId: q.targetId } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: q.limit + 1,
        ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
      });
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
        nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null,
      };
    },
  );
};

export default audit;
