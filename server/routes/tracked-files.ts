import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Policy, TrackedFileInput } from '../../core/contract/api.js';
import { contextOf } from '../plugins/auth.js';
import { listTrackedFiles, trackFile } from '../services/tracked-files.js';
import { errors, ProjectParams } from './schemas.js';
import type { Prisma } from '../db/generated/client.js';

const TrackedFileOut = z.object({
  id: z.string(),
  fileKey: z.string(),
  name: z.string().nullable(),
  pollIntervalSeconds: z.number().int(),
  policy: Policy,
  hasFigmaToken: z.boolean(),
  hasWebhookPasscode: z.boolean(),
  lastFileVersion: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** active, or why polling stopped (credentials_broken, not_found, deleted) until the token or key changes */
  status: z.string(),
  statusReason: z.string().nullable(),
  figmaTokenKind: z.enum(['pat', 'oauth']),
  /** when Figma asked to wait (429), the time it named */
  rateLimitedUntil: z.string().nullable(),
  nextCheckAt: z.string().nullable(),
  failures: z.number().int(),
  webhookIds: z.array(z.string()),
  lastEventAt: z.string().nullable(),
  createdAt: z.string(),
});

function out(f: Prisma.TrackedFileGetPayload<object>): z.infer<typeof TrackedFileOut> {
  return {
    id: f.id,
    fileKey: f.fileKey,
    name: f.name,
    pollIntervalSeconds: f.pollIntervalSeconds,
    policy: f.policy as z.infer<typeof Policy>,
    hasFigmaToken: f.figmaTokenEnc !== null,
    hasWebhookPasscode: f.webhookPasscodeHash !== null,
    lastFileVersion: f.lastFileVersion,
    lastCheckedAt: f.lastCheckedAt?.toISOString() ?? null,
    lastError: f.lastError,
    status: f.status,
    statusReason: f.statusReason,
    figmaTokenKind: f.figmaTokenKind === 'oauth' ? 'oauth' : 'pat',
    rateLimitedUntil: f.rateLimitedUntil?.toISOString() ?? null,
    nextCheckAt: f.nextCheckAt?.toISOString() ?? null,
    failures: f.failures,
    webhookIds: f.webhookId ? f.webhookId.split(',') : [],
    lastEventAt: f.lastEventAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  };
}

const trackedFiles: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/projects/:projectId/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Track a Figma file (poll interval, default 5 min; default policy of its components); re-posting a key updates it (a new figmaToken resumes stopped polling). Secrets are stored encrypted/hashed and never returned.',
        params: ProjectParams,
        body: TrackedFileInput,
        response: { 201: TrackedFileOut, 200: TrackedFileOut, ...errors },
      },
    },
    async (request, reply) => {
      const { file, created } = await trackFile(contextOf(request, request.params.projectId), app.secrets, request.body);
      return reply.status(created ? 201 : 200).send(out(file));
    },
  );

  app.get(
    '/projects/:projectId/files',
    {
      schema: { tags: ['files'], summary: 'Tracked Figma files', params: ProjectParams, response: { 200: z.object({ items: z.array(TrackedFileOut) }), ...errors } },
    },
    async (request) => ({ items: (await listTrackedFiles(contextOf(request, request.params.projectId))).map(out) }),
  );
};

export default trackedFiles;
