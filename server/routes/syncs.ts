import { z } from 'zod';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler, type FastifyPluginAsyncZod, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Proposal, SyncRequest, SyncResult } from '../../core/contract/sync.js';
import { contextOf } from '../plugins/auth.js';
import { decide, getSync, runSync, undoSync } from '../services/sync/index.js';
import { validateOffThread } from '../services/sync/validate-off-thread.js';
import { errors, Id, ProjectParams } from './schemas.js';

const SyncParams = z.object({ syncId: Id });
/** The longest a sync waits for other requests before each of its transactions. */
const DEFER_MAX_MS = 250;

const Timings = z.object({ validate: z.number(), detect: z.number(), generate: z.number(), diff: z.number(), store: z.number(), total: z.number() });
const SyncOut = SyncResult.extend({ warnings: z.array(z.string()), replayed: z.boolean().optional(), timingsMs: Timings.optional() });
const SyncDetailOut = SyncOut.extend({
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  proposals: z.array(Proposal.extend({ draftStatus: z.string(), version: z.string() })),
});

/** Every part of the request but the body (text, validated on the worker) goes through zod as elsewhere. */
const exceptBody: FastifySchemaCompiler<z.ZodType> = (route) => (route.httpPart === 'body' ? (text: unknown) => ({ value: text }) : validatorCompiler(route));

const syncs: FastifyPluginAsyncZod = async (app) => {
  // The body is read as text and validated on a worker thread (services/sync/validate.ts): parsing,
  // validating and hashing a design system here stalled every other request. Its schema still
  // documents it (OpenAPI) and types it; the worker applies the same one.
  await app.register(async (scope) => {
    const raw = scope.withTypeProvider<ZodTypeProvider>();
    raw.removeContentTypeParser('application/json');
    raw.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    raw.setValidatorCompiler(exceptBody);
    raw.post(
      '/projects/:projectId/syncs',
      {
        schema: {
          tags: ['sync'],
          summary: 'Sync tokens and component specs: proposes a draft version for every component whose inputs changed. With an Idempotency-Key header, the same key within 24 h returns the first result (200, replayed: true); without one, the sync is computed against the current state.',
          params: ProjectParams,
          headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose(),
          body: SyncRequest,
          response: { 200: SyncOut, 201: SyncOut, ...errors },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request, request.params.projectId);
        const valid = await validateOffThread(app.syncValidator, request.body as unknown as string);
        const { result, replayed } = await runSync(ctx, valid, {
          idempotencyKey: request.headers['idempotency-key'],
          // PGlite has one connection; PostgreSQL runs two chunk transactions side by side (more
          // only starved the event loop of CPU on a small machine: bench/responsiveness.bench.ts).
          concurrency: app.db.kind === 'postgres' ? 2 : 1,
          // Batches save round trips; small ones keep each transaction (and each turn of work
          // between two other requests) short: on PGlite a transaction holds the only connection.
          batchSize: app.db.kind === 'postgres' ? 10 : 5,
          leaseMinutes: app.config.syncLeaseMinutes,
          generator: app.generator,
          // Short requests (a history read, a health check) go first between the sync's transactions.
          deferTo: () => app.activity.deferTo(request, DEFER_MAX_MS),
        });
        // Stripe's header, for clients that look at headers rather than the body.
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(replayed ? 200 : 201).send({ ...result, warnings: result.warnings ?? [], replayed });
      },
    );
  });

  app.get(
    '/syncs/:syncId',
    { schema: { tags: ['sync'], summary: 'A sync, its proposals and their current review status', params: SyncParams, response: { 200: SyncDetailOut, ...errors } } },
    async (request) => {
      const s = await getSync(contextOf(request), request.params.syncId);
      return { ...s, warnings: s.warnings ?? [] };
    },
  );

  app.post(
    '/syncs/:syncId/decisions',
    {
      schema: {
        tags: ['sync', 'review'],
        summary: 'Accept (publish) or reject proposals of a sync: one outcome per decision, in order (published, rejected, or that item\'s error)',
        params: SyncParams,
        body: z.object({
          decisions: z
            .array(z.object({ componentId: Id, decision: z.enum(['accept', 'reject']), comment: z.string().max(5000).optional(), force: z.boolean().optional() }))
            .min(1)
            .max(1000)
            .refine((ds) => new Set(ds.map((d) => d.componentId)).size === ds.length, 'each component may appear once'),
        }),
        response: {
          200: z.object({
            syncId: z.string(),
            results: z.array(
              z.object({
                componentId: z.string(),
                decision: z.enum(['accept', 'reject']),
                ok: z.boolean(),
                status: z.string(),
                /** null when the sync has no proposal for that component */
                version: z.string().nullable(),
                versionId: z.string().nullable(),
                error: z.object({ code: z.string(), message: z.string() }).optional(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => decide(contextOf(request), request.params.syncId, request.body.decisions),
  );

  app.post(
    '/syncs/:syncId/undo',
    {
      schema: {
        tags: ['sync'],
        summary: 'Undo a whole sync (within 24 h, last 50 syncs): every component goes back to its previous current version, in one transaction',
        params: SyncParams,
        body: z.object({}).nullish(),
        response: {
          200: z.object({
            syncId: z.string(),
            undoneAt: z.string(),
            components: z.array(z.object({ componentId: z.string(), name: z.string(), action: z.string(), version: z.string().nullable(), from: z.string().optional() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => undoSync(contextOf(request), request.params.syncId),
  );
};

export default syncs;
