import type { Prisma } from '../../db/generated/client.js';
import { notFound } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';

/** Newest first, keyset-paged on id order within created_at; `unread` counts the whole project. */
export async function listNotifications(
  ctx: RequestContext,
  query: { unread?: boolean | undefined; limit: number; cursor?: string | undefined },
) {
  const where: Prisma.NotificationWhereInput = { projectId: ctx.projectId, ...(query.unread ? { readAt: null } : {}) };
  const rows = await ctx.db.notification.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor, projectId: ctx.projectId }, skip: 1 } : {}),
  });
  const unread = await ctx.db.notification.count({ where: { projectId: ctx.projectId, readAt: null } });
  const page = rows.slice(0, query.limit);
  return { items: page, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null, unread };
}

/**
 * Marks the given notifications (or, without ids, every unread one) read. Ids of another
 * project are not found, like any other id; already-read ones stay as they are.
 */
export async function markRead(ctx: RequestContext, ids: string[] | undefined) {
  return ctx.db.$transaction(async (tx) => {
    if (ids) {
      const found = await tx.notification.findMany({
        where: { projectId: ctx.projectId, id: { in: ids } },
        select: { id: true },
      });
      const known = new Set(found.map((n) => n.id));
      const missing = ids.find((id) => !known.has(id));
      if (missing) throw notFound('notification', missing);
    }
    const now = new Date();
    const where: Prisma.NotificationWhereInput = {
      projectId: ctx.projectId,
      readAt: null,
      ...(ids ? { id: { in: ids } } : {}),
    };
    const marked = await tx.notification.findMany({ where, select: { id: true } });
    await tx.notification.updateMany({
      where: { id: { in: marked.map((n) => n.id) }, readAt: null },
      data: { readAt: now },
    });
    await recordAudit(tx, ctx, {
      action: 'notifications.read',
      targetType: 'notification',
      targetId: marked.length === 1 ? marked[0]!.id : null,
      data: { count: marked.length, ids: marked.map((n) => n.id), all: ids === undefined },
    });
    return { marked: marked.length, readAt: now };
  });
}
