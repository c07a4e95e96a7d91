import type { TrackedFileInput } from '../../../core/contract/api.js';
import type { Prisma } from '../../db/generated/client.js';
import { conflict, notFound, unprocessable } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { hashSecret, type SecretBox } from '../../lib/secrets.js';
import { tokenHash } from './check-file.js';
import { manualKey, schedulePoll } from '../../jobs/polls.js';

type TrackedFileRow = Prisma.TrackedFileGetPayload<object>;

/**
 * Tracks a Figma file, or updates it when its key is already tracked: one transaction with
 * its audit event. The Figma token is stored encrypted, the webhook passcode hashed and
 * encrypted (webhooks registered later share it). A request that would change nothing of a
 * tracked file (the same request sent twice, at once or not) is a 409: the first one tracked it.
 */
export async function trackFile(ctx: RequestContext, secrets: SecretBox, b: TrackedFileInput) {
  const sealed = {
    ...(b.figmaToken ? { figmaTokenEnc: secrets.encrypt(b.figmaToken), figmaTokenHash: tokenHash(b.figmaToken) } : {}),
    ...(b.figmaTokenKind ? { figmaTokenKind: b.figmaTokenKind } : {}),
    ...(b.webhookPasscode
      ? { webhookPasscodeHash: hashSecret(b.webhookPasscode), webhookPasscodeEnc: secrets.encrypt(b.webhookPasscode) }
      : {}),
  };
  const result = await ctx.db
    .$transaction(async (tx) => {
      const existing = await tx.trackedFile.findUnique({
        where: { projectId_fileKey: { projectId: ctx.projectId, fileKey: b.fileKey } },
      });
      const data = {
        ...(b.name !== undefined ? { name: b.name } : {}),
        ...(b.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: b.pollIntervalSeconds } : {}),
        ...(b.policy !== undefined ? { policy: b.policy } : {}),
        ...(b.figmaPlan !== undefined ? { figmaPlan: b.figmaPlan } : {}),
        ...(b.figmaSeat !== undefined ? { figmaSeat: b.figmaSeat } : {}),
        ...sealed,
      };
      // New credentials (or a new file) resume polling that refused credentials had stopped; a
      // refused design stays refused until the file's next version.
      const resume = !existing || b.figmaToken !== undefined;
      const restart = resume && existing !== null && STOPPED.has(existing.status);
      if (existing && !restart && changesNothing(existing, b)) {
        throw conflict(
          'file_already_tracked',
          `File ${b.fileKey} is already tracked (${existing.id}) with exactly these settings; nothing was changed`,
          { fileId: existing.id },
        );
      }
      const file = existing
        ? await tx.trackedFile.update({
            where: { id: existing.id },
            data: {
              ...data,
              ...(restart ? { status: 'active', statusReason: null } : {}),
              ...(resume ? { failures: 0, rateLimitedUntil: null } : {}),
            },
          })
        : await tx.trackedFile.create({
            data: {
              projectId: ctx.projectId,
              fileKey: b.fileKey,
              pollIntervalSeconds: DEFAULT_POLL_SECONDS,
              ...data,
              nextCheckAt: new Date(),
            },
          });
      if (resume && file.figmaTokenEnc && ctx.jobs) await schedulePoll(tx, ctx.jobs, file, new Date(), tx);
      await recordAudit(tx, ctx, {
        action: existing ? 'file.update' : 'file.track',
        targetType: 'tracked_file',
        targetId: file.id,
        data: {
          fileKey: b.fileKey,
          policy: file.policy,
          pollIntervalSeconds: file.pollIntervalSeconds,
          figmaToken: Boolean(b.figmaToken),
          webhookPasscode: Boolean(b.webhookPasscode),
        },
      });
      // The file's policy is the policy of the components it brings later: those it already
      // brought keep theirs, and the answer says how many of them differ.
      const componentsWithOtherPolicy = await tx.component.count({
        where: { projectId: ctx.projectId, fileKey: file.fileKey, removedAt: null, policy: { not: file.policy } },
      });
      return { file, created: !existing, componentsWithOtherPolicy };
    })
    .catch((err: unknown) => {
      // Two identical requests at once: both saw no file and both created it; the database let one.
      if ((err as { code?: unknown }).code === 'P2002')
        throw conflict(
          'file_already_tracked',
          `File ${b.fileKey} is already tracked: a request to track it was made at the same time`,
        );
      throw err;
    });
  return result;
}

/** Statuses under which polling stopped until the token or the key changes. */
const STOPPED = new Set(['credentials_broken', 'not_found', 'deleted']);

/** Whether the request asks for nothing the tracked file does not already have. */
function changesNothing(file: TrackedFileRow, b: TrackedFileInput): boolean {
  const same = <T>(asked: T | undefined, stored: T) => asked === undefined || asked === stored;
  return (
    same(b.name, file.name) &&
    same(b.pollIntervalSeconds, file.pollIntervalSeconds) &&
    same(b.policy, file.policy) &&
    same(b.figmaPlan, file.figmaPlan) &&
    same(b.figmaSeat, file.figmaSeat) &&
    same(b.figmaTokenKind, file.figmaTokenKind) &&
    same(b.figmaToken && tokenHash(b.figmaToken), file.figmaTokenHash) &&
    same(b.webhookPasscode && hashSecret(b.webhookPasscode), file.webhookPasscodeHash)
  );
}

/** Figma checks files every 5 minutes unless told otherwise. */
export const DEFAULT_POLL_SECONDS = 300;

export async function listTrackedFiles(ctx: RequestContext) {
  return ctx.db.trackedFile.findMany({ where: { projectId: ctx.projectId }, orderBy: { createdAt: 'asc' } });
}

/**
 * Queues a check of the file now (it reads the content even when the file's version did not
 * move); false when such a check is queued already.
 */
export async function queueCheck(ctx: RequestContext, fileId: string): Promise<boolean> {
  const file = await ctx.db.trackedFile.findFirst({
    where: { id: fileId, projectId: ctx.projectId },
    select: { id: true },
  });
  if (!file) throw notFound('tracked file', fileId);
  if (!ctx.jobs) throw unprocessable('jobs_disabled', 'This server runs no job queue (JOBS=false)');
  const id = await ctx.jobs.send(
    null,
    'file-check',
    { projectId: ctx.projectId, fileId: file.id, reason: 'manual' },
    { singletonKey: manualKey(file.id) },
  );
  return id !== null;
}
