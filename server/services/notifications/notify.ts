// Notifications: in-app rows, and for every outbound webhook subscribed to their kind a
// delivery, sent by a job enqueued in the same transaction (a notification never goes out for
// work that was rolled back, and never fails to go out for work that was committed).
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { RequestContext } from '../../lib/context.js';

/** The kinds, which are also the categories an outbound webhook opts into. */
export const NOTIFICATION_KINDS = [
  'update.available', // a design change waits under policy manual (drift)
  'draft.proposed', // a draft waits for review
  'version.auto_published', // policy auto published a version
  'regeneration.failed',
  'check.failed', // Figma did not answer several checks in a row
  'file.credentials_broken', // the file's Figma token is refused or the file is gone
  'file.rate_limited', // Figma asked to wait until a time
  'summary.daily',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationInput {
  kind: NotificationKind;
  title: string;
  body: string;
  data?: Prisma.InputJsonValue;
  componentId?: string | null;
}

export async function notify(
  tx: Tx,
  ctx: Pick<RequestContext, 'projectId' | 'jobs'>,
  inputs: readonly NotificationInput[],
): Promise<string[]> {
  if (!inputs.length) return [];
  const now = new Date();
  const rows = inputs.map((n) => ({
    id: randomUUID(),
    projectId: ctx.projectId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    data: n.data ?? {},
    componentId: n.componentId ?? null,
    createdAt: now,
  }));
  await bulkInsert(tx, 'notifications', rows);

  const hooks = await tx.outboundWebhook.findMany({
    where: { projectId: ctx.projectId, active: true },
    select: { id: true, events: true },
  });
  const deliveries = rows.flatMap((n) =>
    hooks
      .filter((h) => h.events.length === 0 || h.events.includes(n.kind) || h.events.includes('*'))
      .map((h) => ({
        id: randomUUID(),
        webhookId: h.id,
        notificationId: n.id,
        event: n.kind,
        status: 'pending',
        attempts: 0,
        createdAt: now,
      })),
  );
  if (deliveries.length) {
    await bulkInsert(tx, 'webhook_deliveries', deliveries);
    for (const d of deliveries)
      await ctx.jobs?.send(tx, 'webhook-delivery', { projectId: ctx.projectId, deliveryId: d.id });
  }
  return rows.map((r) => r.id);
}
