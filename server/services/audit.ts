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
export function auditRow(ctx: Omit<RequestContext, 'db'>, input: AuditInput): Prisma.AuditEventUncheckedCreateInput & Prisma.AuditEventCreateManyInput {
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
