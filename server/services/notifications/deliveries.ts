// Outbound webhooks: a notification as generic JSON signed with HMAC-SHA256 over
// "<timestamp>.<body>" (header `X-DesignSync-Signature: t=<unix seconds>,v1=<hex>`, as Stripe
// signs), or a Slack-compatible body. A receiver checks the signature and the timestamp's age.
import { createHmac } from 'node:crypto';
import type { PrismaClient } from '../../db/generated/client.js';
import { postOutbound } from '../../lib/outbound-http.js';
import type { OutboundPolicy } from '../../lib/outbound-url.js';
import type { SecretBox } from '../../lib/secrets.js';

export const SIGNATURE_HEADER = 'x-designsync-signature';
const TIMEOUT_MS = 10_000;

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface DeliveryResult {
  delivered: boolean;
  status: number | null;
  /** what the delivery list shows: the receiver's status, or only "could not deliver" */
  error?: string;
  /** why it could not deliver, for the server's log only */
  reason?: string;
}

/** Whatever stopped a delivery before an answer (refused address, closed port, timeout, not HTTP) reads the same: the deliveries list is no port scanner. */
export const NOT_DELIVERED = 'could not deliver';

/**
 * Sends one delivery once, under the outbound URL rule (checked again now: the URL may
 * predate it, or its name may resolve elsewhere since); the job queue retries a failure with
 * backoff. `finalAttempt` marks it failed for good when this attempt fails too.
 */
export async function sendDelivery(
  db: PrismaClient,
  secrets: SecretBox,
  deliveryId: string,
  finalAttempt: boolean,
  policy: OutboundPolicy,
): Promise<DeliveryResult> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  if (!delivery || delivery.status === 'delivered') return { delivered: true, status: null };
  const notification = delivery.notificationId
    ? await db.notification.findUnique({ where: { id: delivery.notificationId } })
    : null;
  const event = {
    id: delivery.id,
    event: delivery.event,
    projectId: delivery.webhook.projectId,
    createdAt: delivery.createdAt.toISOString(),
    notification: notification
      ? {
          id: notification.id,
          kind: notification.kind,
          title: notification.title,
          body: notification.body,
          data: notification.data,
          componentId: notification.componentId,
        }
      : null,
  };
  const body =
    delivery.webhook.format === 'slack'
      ? JSON.stringify({ text: notification ? `*${notification.title}*\n${notification.body}` : delivery.event })
      : JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'design-sync',
    'x-designsync-event': delivery.event,
    'x-designsync-delivery': delivery.id,
  };
  if (delivery.webhook.secretEnc)
    headers[SIGNATURE_HEADER] = signature(secrets.decrypt(delivery.webhook.secretEnc), timestamp, body);

  let result: DeliveryResult;
  try {
    const { status } = await postOutbound(delivery.webhook.url, { headers, body, timeoutMs: TIMEOUT_MS }, policy);
    // A redirect is an answer like any other non-2xx: never followed.
    result =
      status >= 200 && status < 300
        ? { delivered: true, status }
        : { delivered: false, status, error: `the receiver answered ${status}` };
  } catch (err) {
    result = {
      delivered: false,
      status: null,
      error: NOT_DELIVERED,
      reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  }
  await db.webhookDelivery.update({
    where: { id: delivery.id },
    data: {
      attempts: { increment: 1 },
      responseStatus: result.status,
      lastError: result.error ?? null,
      status: result.delivered ? 'delivered' : finalAttempt ? 'failed' : 'pending',
      ...(result.delivered ? { deliveredAt: new Date() } : {}),
    },
  });
  return result;
}
