import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { SyncRequest } from '../../core/contract/sync.js';
import { DecisionsOut, SyncDetailOut, SyncOut, SyncUndoneOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import bodyAsText from '../plugins/body-as-text.js';
import { decide, getSync, syncFromText, undoSync, type SyncServices } from '../services/sync/index.js';
import { errors, Id, ProjectParams } from './schemas.js';

const SyncParams = z.object({ syncId: Id });

const syncs: FastifyPluginAsyncZod = async (app) => {
  const services: SyncServices = {
    validator: app.syncValidator,
    generator: app.generator,
    databaseKind: app.db.kind,
    leaseMinutes: app.config.syncLeaseMinutes,
  };
  // The body reaches the service as text, validated there on a worker thread against the same schema.
  await app.register(async (scope) => {
    await scope.register(bodyAsText);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/projects/:projectId/syncs',
      {
        schema: {
          tags: ['sync'],
          summary:
            'Sync tokens and component specs: proposes a draft version for every component whose inputs changed. With an Idempotency-Key header, the same key within 24 h returns the first result (200, replayed: true); without one, the sync is computed against the current state.',
          params: ProjectParams,
          headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose(),
          body: SyncRequest,
          response: { 200: SyncOut, 201: SyncOut, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request, request.params.projectId);
        const { result, replayed } = await syncFromText(ctx, request.body, services, {
          idempotencyKey: request.headers['idempotency-key'],
          deferTo: (maxMs) => app.activity.deferTo(request, maxMs),
        });
        // Stripe's header, for clients that look at headers rather than the body.
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(replayed ? 200 : 201).send({ ...result, replayed });
      },
    );
  });

  app.get(
    '/syncs/:syncId',
    {
      schema: {
        tags: ['sync'],
        summary: 'A sync, its proposals and their current review status',
        params: SyncParams,
        response: { 200: SyncDetailOut, ...errors },
      },
    },
    async (request) => getSync(contextOf(request), request.params.syncId),
  );

  app.post(
    '/syncs/:syncId/decisions',
    {
      schema: {
        tags: ['sync', 'review'],
        summary:
          "Accept (publish) or reject proposals of a sync: one outcome per decision, in order (published, rejected, or that item's error)",
        params: SyncParams,
        body: z.object({
          decisions: z
            .array(
              z.object({
                componentId: Id,
                decision: z.enum(['accept', 'reject']),
                comment: z.string().max(5000).optional(),
                force: z.boolean().optional(),
              }),
            )
            .min(1)
            .max(1000)
            .refine((ds) => new Set(ds.map((d) => d.componentId)).size === ds.length, 'each component may appear once'),
        }),
        response: { 200: DecisionsOut, ...errors },
      },
    },
    async (request) => decide(contextOf(request), request.params.syncId, request.body.decisions),
  );

  app.post(
    '/syncs/:syncId/undo',
    {
      schema: {
        tags: ['sync'],
        summary:
          'Undo a whole sync (within 24 h, last 50 syncs): every component goes back to its previous current version, in one transaction',
        params: SyncParams,
        body: z.object({}).nullish(),
        response: { 200: SyncUndoneOut, ...errors },
      },
    },
    async (request) => undoSync(contextOf(request), request.params.syncId),
  );
};

export default syncs;
