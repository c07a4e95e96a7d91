import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Policy, TrackedFileInput } from '../../core/contract/api.js';
import { FIGMA_PLANS, FIGMA_SEATS, TRACKED_FILE_STATUSES } from '../../core/contract/enums.js';
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
  /**
   * active; design_refused (the design of lastFileVersion cannot be used: only the version is
   * asked for until it changes); or why polling stopped (credentials_broken, not_found, deleted)
   * until the token or key changes
   */
  status: z.enum(TRACKED_FILE_STATUSES),
  statusReason: z.string().nullable(),
  /** what the last read of the file warned about (deleted variables, skipped styles, name collisions, …) */
  lastWarnings: z.array(z.string()),
  /** the plan the file lives in and the seat of the token's user: they set Figma's limits per tier */
  figmaPlan: z.enum(FIGMA_PLANS),
  figmaSeat: z.enum(FIGMA_SEATS),
  /** a version seen whose read waits for the token's budget */
  pendingVersion: z.string().nullable(),
  figmaTokenKind: z.enum(['pat', 'oauth']),
  /** when Figma asked to wait (429), the time it named */
  rateLimitedUntil: z.string().nullable(),
  nextCheckAt: z.string().nullable(),
  failures: z.number().int(),
  webhookIds: z.array(z.string()),
  lastEventAt: z.string().nullable(),
  createdAt: z.string(),
});

const TrackedFileAnswer = TrackedFileOut.extend({
  /** components of the file that exist already and keep a policy other than the file's (it applies to those it brings later) */
  componentsWithOtherPolicy: z.number().int(),
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
    status: f.status as z.infer<typeof TrackedFileOut>['status'],
    statusReason: f.statusReason,
    lastWarnings: f.lastWarnings,
    figmaPlan: f.figmaPlan as z.infer<typeof TrackedFileOut>['figmaPlan'],
    figmaSeat: f.figmaSeat as z.infer<typeof TrackedFileOut>['figmaSeat'],
    pendingVersion: f.pendingVersion,
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
        summary: 'Track a Figma file (poll interval, default 5 min; the policy of the components it brings later; plan and seat); re-posting a key updates it (a new figmaToken resumes stopped polling), and one that would change nothing is a 409 file_already_tracked. The answer says how many of the file\'s existing components keep another policy. Secrets are stored encrypted/hashed and never returned.',
        params: ProjectParams,
        body: TrackedFileInput,
        response: { 201: TrackedFileAnswer, 200: TrackedFileAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const { file, created, componentsWithOtherPolicy } = await trackFile(contextOf(request, request.params.projectId), app.secrets, request.body);
      return reply.status(created ? 201 : 200).send({ ...out(file), componentsWithOtherPolicy });
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
