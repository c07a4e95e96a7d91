import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { badRequest } from '../lib/errors.js';
import {
  NOTIFICATION_KINDS,
  createOutboundWebhook,
  listDeliveries,
  listOutboundWebhooks,
} from '../services/notifications/index.js';
import { dailySummary } from '../services/automation/index.js';
import { maskUrl, redactUrl } from '../lib/url-mask.js';
import type { Scope } from '../../core/contract/api.js';
import { DeliveryListOut, SummaryOut, WebhookCreatedOut, WebhookListOut } from '../../core/contract/responses.js';
import { errors, Id, ProjectParams, Timestamp } from './schemas.js';

const HttpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);

/** A webhook URL may hold a secret (a Slack hook): as the calling token may see it, after creation. */
const shownUrl = (url: string, scope: Scope) => (scope === 'admin' ? maskUrl(url) : redactUrl(url));

const outboundWebhooks: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/projects/:projectId/webhooks',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Send notifications to a URL (https, public addresses only unless ALLOW_PRIVATE_TARGETS): generic JSON signed with HMAC-SHA256 (header X-DesignSync-Signature: t=<unix>,v1=<hex of HMAC(secret, "<t>.<body>")>) or a Slack-compatible body; opt in per kind (events; empty = all). The secret is shown once.',
        params: ProjectParams,
        body: z.object({
          url: HttpUrl,
          format: z.enum(['json', 'slack']).default('json'),
          events: z
            .array(z.enum([...NOTIFICATION_KINDS, '*']))
            .max(20)
            .default([]),
          secret: z.string().min(16).max(200).optional(),
        }),
        response: { 201: WebhookCreatedOut, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, request.params.projectId);
      const { hook, secret } = await createOutboundWebhook(ctx, app.secrets, request.body, {
        allowPrivate: app.config.allowPrivateTargets,
      });
      // The admin who creates it sees the whole URL this once; anyone else the host.
      return reply.status(201).send({
        id: hook.id,
        url: ctx.scope === 'admin' ? hook.url : redactUrl(hook.url),
        format: hook.format as 'json' | 'slack',
        events: hook.events,
        active: hook.active,
        signed: hook.secretEnc !== null,
        createdAt: hook.createdAt.toISOString(),
        ...(secret ? { secret } : {}),
      });
    },
  );

  app.get(
    '/projects/:projectId/webhooks',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Outbound webhooks with their delivery counts by status (never their secrets)',
        params: ProjectParams,
        response: { 200: WebhookListOut, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request, request.params.projectId);
      return {
        items: (await listOutboundWebhooks(ctx)).map(({ hook, deliveries }) => ({
          id: hook.id,
          url: shownUrl(hook.url, ctx.scope),
          format: hook.format as 'json' | 'slack',
          events: hook.events,
          active: hook.active,
          signed: hook.secretEnc !== null,
          createdAt: hook.createdAt.toISOString(),
          deliveries,
        })),
      };
    },
  );

  app.get(
    '/projects/:projectId/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags: ['notifications'],
        summary: "A webhook's deliveries, newest first: status, attempts, the receiver's answer or the last error",
        params: ProjectParams.extend({ webhookId: Id }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: DeliveryListOut, ...errors },
      },
    },
    async (request) => ({
      items: (
        await listDeliveries(
          contextOf(request, request.params.projectId),
          request.params.webhookId,
          request.query.limit,
        )
      ).map((d) => ({
        id: d.id,
        event: d.event,
        status: d.status,
        attempts: d.attempts,
        responseStatus: d.responseStatus,
        lastError: d.lastError,
        createdAt: d.createdAt.toISOString(),
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
      })),
    }),
  );

  app.get(
    '/projects/:projectId/summary',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'What happened in the project over a period (default: the last 24 h): changes detected, versions created, published, rejected, failures — the daily summary',
        params: ProjectParams,
        querystring: z.object({ from: Timestamp.optional(), to: Timestamp.optional() }),
        response: { 200: SummaryOut, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request, request.params.projectId);
      const to = request.query.to ? new Date(request.query.to) : new Date();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 24 * 3600 * 1000);
      if (from > to)
        throw badRequest(
          `querystring.from (${from.toISOString()}) is after querystring.to (${to.toISOString()}): a period must not end before it starts`,
        );
      return dailySummary(ctx.db, ctx.projectId, from, to);
    },
  );
};

export default outboundWebhooks;
