import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TrackedFileInput, type Policy } from '../../core/contract/api.js';
import { TrackedFileAnswer, TrackedFileListOut, type TrackedFileOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import { listTrackedFiles, trackFile } from '../services/automation/index.js';
import { errors, ProjectParams } from './schemas.js';
import type { Prisma } from '../db/generated/client.js';

function out(f: Prisma.TrackedFileGetPayload<object>): TrackedFileOut {
  return {
    id: f.id,
    fileKey: f.fileKey,
    name: f.name,
    pollIntervalSeconds: f.pollIntervalSeconds,
    policy: f.policy as Policy,
    hasFigmaToken: f.figmaTokenEnc !== null,
    hasWebhookPasscode: f.webhookPasscodeHash !== null,
    lastFileVersion: f.lastFileVersion,
    lastCheckedAt: f.lastCheckedAt?.toISOString() ?? null,
    lastError: f.lastError,
    status: f.status as TrackedFileOut['status'],
    statusReason: f.statusReason,
    lastWarnings: f.lastWarnings,
    figmaPlan: f.figmaPlan as TrackedFileOut['figmaPlan'],
    figmaSeat: f.figmaSeat as TrackedFileOut['figmaSeat'],
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
        summary:
          "Track a Figma file (poll interval, default 5 min; the policy of the components it brings later; plan and seat); re-posting a key updates it (a new figmaToken resumes stopped polling), and one that would change nothing is a 409 file_already_tracked. The answer says how many of the file's existing components keep another policy. Secrets are stored encrypted/hashed and never returned.",
        params: ProjectParams,
        body: TrackedFileInput,
        response: { 201: TrackedFileAnswer, 200: TrackedFileAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const { file, created, componentsWithOtherPolicy } = await trackFile(
        contextOf(request, request.params.projectId),
        app.secrets,
        request.body,
      );
      return reply.status(created ? 201 : 200).send({ ...out(file), componentsWithOtherPolicy });
    },
  );

  app.get(
    '/projects/:projectId/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Tracked Figma files',
        params: ProjectParams,
        response: { 200: TrackedFileListOut, ...errors },
      },
    },
    async (request) => ({ items: (await listTrackedFiles(contextOf(request, request.params.projectId))).map(out) }),
  );
};

export default trackedFiles;
