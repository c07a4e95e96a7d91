import type { TrackedFileInput } from '../../core/contract/api.js';
import { recordAudit } from './audit.js';
import type { RequestContext } from './context.js';
import { hashSecret, type SecretBox } from './secrets.js';

/**
 * Tracks a Figma file, or updates it when its key is already tracked: one transaction with
 * its audit event. The Figma token is stored encrypted, the webhook passcode as a hash.
 */
export async function trackFile(ctx: RequestContext, secrets: SecretBox, b: TrackedFileInput) {
  const sealed = {
    ...(b.figmaToken ? { figmaTokenEnc: secrets.encrypt(b.figmaToken) } : {}),
    ...(b.webhookPasscode ? { webhookPasscodeHash: hashSecret(b.webhookPasscode) } : {}),
  };
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.trackedFile.findUnique({ where: { projectId_fileKey: { projectId: ctx.projectId, fileKey: b.fileKey } } });
    const data = {
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: b.pollIntervalSeconds } : {}),
      ...(b.policy !== undefined ? { policy: b.policy } : {}),
      ...sealed,
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
}

export async function listTrackedFiles(ctx: RequestContext) {
  return ctx.db.trackedFile.findMany({ where: { projectId: ctx.projectId }, orderBy: { createdAt: 'asc' } });
}
