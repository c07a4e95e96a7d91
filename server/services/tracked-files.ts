import type { TrackedFileInput } from '../../core/contract/api.js';
import { recordAudit } from './audit.js';
import type { RequestContext } from './context.js';
import { hashSecret, type SecretBox } from './secrets.js';
import { tokenHash } from './automation/check-file.js';
import { schedulePoll } from '../jobs/polls.js';

/**
 * Tracks a Figma file, or updates it when its key is already tracked: one transaction with
 * its audit event. The Figma token is stored encrypted, the webhook passcode hashed and
 * encrypted (webhooks registered later share it).
 */
export async function trackFile(ctx: RequestContext, secrets: SecretBox, b: TrackedFileInput) {
  const sealed = {
    ...(b.figmaToken ? { figmaTokenEnc: secrets.encrypt(b.figmaToken), figmaTokenHash: tokenHash(b.figmaToken) } : {}),
    ...(b.figmaTokenKind ? { figmaTokenKind: b.figmaTokenKind } : {}),
    ...(b.webhookPasscode ? { webhookPasscodeHash: hashSecret(b.webhookPasscode), webhookPasscodeEnc: secrets.encrypt(b.webhookPasscode) } : {}),
  };
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.trackedFile.findUnique({ where: { projectId_fileKey: { projectId: ctx.projectId, fileKey: b.fileKey } } });
    const data = {
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: b.pollIntervalSeconds } : {}),
      ...(b.policy !== undefined ? { policy: b.policy } : {}),
      ...sealed,
    };
    // New credentials (or a new file) resume polling that refused credentials had stopped.
    const resume = !existing || b.figmaToken !== undefined;
    const file = existing
      ? await tx.trackedFile.update({ where: { id: existing.id }, data: { ...data, ...(resume ? { status: 'active', statusReason: null, failures: 0, rateLimitedUntil: null } : {}) } })
      : await tx.trackedFile.create({ data: { projectId: ctx.projectId, fileKey: b.fileKey, pollIntervalSeconds: DEFAULT_POLL_SECONDS, ...data, nextCheckAt: new Date() } });
    if (resume && file.figmaTokenEnc && ctx.jobs) await schedulePoll(tx, ctx.jobs, file, new Date(), tx);
    await recordAudit(tx, ctx, {
      action: existing ? 'file.update' : 'file.track',
      targetType: 'tracked_file',
      targetId: file.id,
      data: { fileKey: b.fileKey, policy: file.policy, pollIntervalSeconds: file.pollIntervalSeconds, figmaToken: Boolean(b.figmaToken), webhookPasscode: Boolean(b.webhookPasscode) },
    });
    return { file, created: !existing };
  });
}

/** Figma checks files every 5 minutes unless told otherwise. */
export const DEFAULT_POLL_SECONDS = 300;

export async function listTrackedFiles(ctx: RequestContext) {
  return ctx.db.trackedFile.findMany({ where: { projectId: ctx.projectId }, orderBy: { createdAt: 'asc' } });
}
