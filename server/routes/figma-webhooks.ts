import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import {
  FIGMA_EVENT_BODY_LIMIT,
  FigmaEvent,
  receiveFigmaEvent,
  registerFigmaWebhooks,
  WEBHOOK_EVENT_TYPES,
  RefusalAudits,
  queueCheck,
} from '../services/automation/index.js';
import { FigmaEventReceivedOut, FigmaWebhooksOut, FileCheckQueuedOut } from '../../core/contract/responses.js';
import { errors, Id, ProjectParams } from './schemas.js';

const FileParams = ProjectParams.extend({ fileId: Id });

const figmaWebhooks: FastifyPluginAsyncZod = async (app) => {
  const refusals = new RefusalAudits();
  app.post(
    '/webhooks/figma',
    {
      config: { public: true },
      // Refused while it streams in (or from Content-Length), before any parsing.
      bodyLimit: FIGMA_EVENT_BODY_LIMIT,
      schema: {
        tags: ['automation'],
        summary:
          'Figma webhooks v2 receiver: the passcode must be the one registered for the file (checked in constant time; a refusal reads the same whether the file is tracked or not); bodies up to 1 MB, events at most a day old and five minutes ahead; a valid event queues one debounced check and answers at once',
        security: [],
        body: FigmaEvent,
        response: { 200: FigmaEventReceivedOut, ...errors },
      },
    },
    async (request, reply) => {
      const result = await receiveFigmaEvent(app.db.prisma, app.jobs, app.config, request.body, request.id, refusals);
      // A 400 also tells Figma to stop sending this webhook.
      if (result.status === 'refused')
        return reply.status(400).send({ error: { code: 'webhook_refused', message: result.reason } } as never);
      return { received: true as const, files: result.files, queued: result.queued };
    },
  );

  app.post(
    '/projects/:projectId/files/:fileId/webhook',
    {
      schema: {
        tags: ['automation', 'files'],
        summary:
          'Create Figma webhooks for a tracked file, one per event type (Figma allows 3 a file; context file, a generated passcode stored hashed), pointing at this server (PUBLIC_URL)/api/v1/webhooks/figma',
        params: FileParams,
        body: z
          .object({
            eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(3).default(['FILE_UPDATE', 'FILE_DELETE']),
          })
          .default({ eventTypes: ['FILE_UPDATE', 'FILE_DELETE'] }),
        response: { 201: FigmaWebhooksOut, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, request.params.projectId);
      const webhooks = await registerFigmaWebhooks(
        ctx,
        { figma: app.figma, secrets: app.secrets, config: app.config },
        request.params.fileId,
        request.body.eventTypes,
      );
      return reply.status(201).send({ webhooks });
    },
  );

  app.post(
    '/projects/:projectId/files/:fileId/check',
    {
      schema: {
        tags: ['automation', 'files'],
        summary: 'Check a tracked file now (queued; reads the content even when its version did not move)',
        params: FileParams,
        response: { 202: FileCheckQueuedOut, ...errors },
      },
    },
    async (request, reply) => {
      const queued = await queueCheck(contextOf(request, request.params.projectId), request.params.fileId);
      return reply.status(202).send({ queued });
    },
  );
};

export default figmaWebhooks;
