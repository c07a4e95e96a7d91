import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { listNotifications, markRead } from '../services/notifications/index.js';
import { NotificationPageOut, NotificationsReadOut } from '../../core/contract/responses.js';
import { errors, Id, Limit, ProjectParams } from './schemas.js';

const notifications: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'In-app notifications, newest first (drafts waiting for review, …)',
        params: ProjectParams,
        querystring: z.object({ unread: z.enum(['true', 'false']).optional(), limit: Limit, cursor: Id.optional() }),
        response: { 200: NotificationPageOut, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listNotifications(contextOf(request, request.params.projectId), {
        unread: q.unread === 'true',
        limit: q.limit,
        cursor: q.cursor,
      });
      return {
        ...page,
        items: page.items.map((n) => ({
          ...n,
          readAt: n.readAt?.toISOString() ?? null,
          createdAt: n.createdAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/projects/:projectId/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: the given ids, or every unread one when ids is absent',
        params: ProjectParams,
        body: z.object({ ids: z.array(Id).min(1).max(500).optional() }).nullish(),
        response: { 200: NotificationsReadOut, ...errors },
      },
    },
    async (request) => {
      const result = await markRead(contextOf(request, request.params.projectId), request.body?.ids);
      return { marked: result.marked, readAt: result.readAt.toISOString() };
    },
  );
};

export default notifications;
