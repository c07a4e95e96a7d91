import type { Prisma } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { RequestContext } from './context.js';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  beforeHash?: string | null;
  afterHash?: string | null;
  data?: Prisma.InputJsonValue;
}

/** Writes the audit row inside the caller's transaction, so it exists exactly when the change does. */
export async function recordAudit(tx: Tx, ctx: Omit<RequestContext, 'db'>, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(ctx, input) });
}

/** The row of an audit entry (also written many at once by the sync's batched store). */
export function auditRow(
  ctx: Omit<RequestContext, 'db'>,
  input: AuditInput,
): Prisma.AuditEventUncheckedCreateInput & Prisma.AuditEventCreateManyInput {
  return {
    projectId: ctx.projectId,
    actor: ctx.actor,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    beforeHash: input.beforeHash ?? null,
    afterHash: input.afterHash ?? null,
    correlationId: ctx.correlationId,
    durationMs: Math.max(0, Math.round(performance.now() - ctx.startedAt)),
    data: input.data ?? {},
  };
}

export interface AuditQuery {
  limit: number;
  cursor?: string | undefined;
  action?: string | undefined;
  targetId?: string | undefined;
}

/** The project's audit log, newest first; a cursor of another project's event gives an empty page. */
export async function listAudit(ctx: RequestContext, q: AuditQuery) {
  const rows = await ctx.db.auditEvent.findMany({
    where: {
      projectId: ctx.projectId,
      ...(q.action ? { action: q.action } : {}),
      ...(q.targetId ? { targetId: q.targetId } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor, projectId: ctx.projectId }, skip: 1 } : {}),
  });
  const page = rows.slice(0, q.limit);
  return { items: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null };
}
