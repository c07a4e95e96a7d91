// Outbound webhooks: where notifications go besides the app, opted in per kind.
import { randomBytes } from 'node:crypto';
import { notFound } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { checkOutboundUrl, OutboundUrlRefused, type OutboundPolicy } from '../../lib/outbound-url.js';
import type { SecretBox } from '../../lib/secrets.js';
import { redactUrl } from '../../lib/url-mask.js';
import { validationFailed } from '../../lib/validation-error.js';

export interface WebhookInput {
  url: string;
  format: 'json' | 'slack';
  /** notification kinds; empty = all */
  events: string[];
  /** signs JSON deliveries; generated when absent (and shown once) */
  secret?: string | undefined;
}

export async function createOutboundWebhook(
  ctx: RequestContext,
  secrets: SecretBox,
  input: WebhookInput,
  policy: OutboundPolicy,
) {
  // Resolved before the transaction (DNS can take seconds); delivery checks the address again.
  await checkOutboundUrl(input.url, policy).catch((err: unknown) => {
    throw err instanceof OutboundUrlRefused
      ? validationFailed([{ path: 'body.url', message: err.message, code: 'outbound_url' }])
      : err;
  });
  const secret =
    input.format === 'json' ? (input.secret ?? `whsec_${randomBytes(24).toString('base64url')}`) : undefined;
  return ctx.db.$transaction(async (tx) => {
    const hook = await tx.outboundWebhook.create({
      data: {
        projectId: ctx.projectId,
        url: input.url,
        format: input.format,
        events: input.events,
        secretEnc: secret ? secrets.encrypt(secret) : null,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'webhook.create',
      targetType: 'outbound_webhook',
      targetId: hook.id,
      data: { url: redactUrl(input.url), format: input.format, events: input.events },
    });
    return { hook, secret };
  });
}

export async function listOutboundWebhooks(ctx: RequestContext) {
  const hooks = await ctx.db.outboundWebhook.findMany({
    where: { projectId: ctx.projectId },
    orderBy: { createdAt: 'asc' },
  });
  const counts = await ctx.db.webhookDelivery.groupBy({
    by: ['webhookId', 'status'],
    where: { webhookId: { in: hooks.map((h) => h.id) } },
    _count: { _all: true },
  });
  return hooks.map((h) => ({
    hook: h,
    deliveries: Object.fromEntries(
      counts.filter((c) => c.webhookId === h.id).map((c) => [c.status, c._count._all]),
    ) as Record<string, number>,
  }));
}

export async function listDeliveries(ctx: RequestContext, webhookId: string, limit: number) {
  const hook = await ctx.db.outboundWebhook.findFirst({
    where: { id: webhookId, projectId: ctx.projectId },
    select: { id: true },
  });
  if (!hook) throw notFound('webhook', webhookId);
  return ctx.db.webhookDelivery.findMany({
    where: { webhookId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}
