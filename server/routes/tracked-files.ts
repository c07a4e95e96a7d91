import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Policy, TrackedFileInput } from '../../core/contract/api.js';
import { contextOf } from '../plugins/auth.js';
import { recordAudit } from '../services/audit.js';
import { hashSecret } from '../services/secrets.js';
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
    createdAt: f.createdAt.toISOString(),
  };
}

const trackedFiles: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/projects/:projectId/files',
    {
      schema: {
        tags: ['files'],
        summary: 'Track a Figma file (poll interval, default policy); re-posting a key updates it. Secrets are stored encrypted/hashed and never returned.',
        params: ProjectParams,
        body: TrackedFileInput,
        response: { 201: TrackedFileOut, 200: TrackedFileOut, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request, request.params.projectId);
      const b = request.body;
      const secrets = {
        ...(b.figmaToken ? { figmaTokenEnc: app.secrets.encrypt(b.figmaToken) } : {}),
        ...(b.webhookPasscode ? { webhookPasscodeHash: hashSecret(b.webhookPasscode) } : {}),
      };
      const { file, created } = await ctx.db.$transaction(async (tx) => {
        const existing = await tx.trackedFile.findUnique({ where: { projectId_fileKey: { projectId: ctx.projectId, fileKey: b.fileKey } } });
        const data = {
          ...(b.name !== undefined ? { name: b.name } : {}),
          ...(b.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: b.pollIntervalSeconds } : {}),
          ...(b.policy !== undefined ? { policy: b.policy } : {}),
          ...secrets,
        };
        const file = existing
          ? await tx.trackedFile.update({ where: { id: existing.id }, data })
          : await tx.trackedFile.create({ data: { projectId: ctx.projectId, fileKey: b.fileKey, ...data, nextCheckAt: new Date() } });
        await recordAudit(tx, ctx, {
          action: existing ? 'file.update' : 'file.track',
          targetType: 'tracked_file',
          targetId: file.id,
          data: { fileKey: b.fileKey, policy: file.policy, pollIntervalSeconds: file.pollIntervalSeconds, figmaToken: Boolean(b.figmaToken), webhookPasscode: Boolean(b.webhookPasscode) },
        });
        return { file, created: !existing };
      });
      return reply.status(created ? 201 : 200).send(out(file));
    },
  );

  app.get(
    '/projects/:projectId/files',
    {
      schema: { tags: ['files'], summary: 'Tracked Figma files', params: ProjectParams, response: { 200: z.object({ items: z.array(TrackedFileOut) }), ...errors } },
    },
    async (request) => {
      const ctx = contextOf(request, request.params.projectId);
      const files = await ctx.db.trackedFile.findMany({ where: { projectId: ctx.projectId }, orderBy: { createdAt: 'asc' } });
      return { items: files.map(out) };
    },
  );
};

export default trackedFiles;
