// One check of a tracked Figma file, as the poller, a webhook or a person asks for it: cheap
// first (the file's version), the content only when it moved, then the same pipeline as the
// plugin's sync. Never sleeps: waiting (a rate limit, the token's budget, a backoff after
// failures) is a later job; credentials refused or a file gone stop polling until fixed.
import { createHash } from 'node:crypto';
import type { Policy } from '../../../core/contract/api.js';
import type { Config } from '../../config.js';
import type { FigmaClient } from '../../figma/client.js';
import { FigmaApiError, FigmaReadError } from '../../figma/errors.js';
import { readFileDesign } from '../../figma/read-file.js';
import type { RequestContext } from '../context.js';
import { notify } from '../notify.js';
import type { SecretBox } from '../secrets.js';
import { applyDesign, type Applied } from './apply-design.js';
import { holdBudget, returnSlots, takeSlot } from './budget.js';
import { fileCredentials } from './credentials.js';

export interface CheckDeps {
  config: Config;
  secrets: SecretBox;
  figma: FigmaClient;
}

export type CheckReason = 'schedule' | 'webhook' | 'manual';

export type CheckOutcome =
  | { kind: 'skipped'; why: string }
  | { kind: 'postponed'; until: Date; why: string }
  | { kind: 'unchanged'; version: string }
  | { kind: 'applied'; version: string; applied: Applied; source: 'variables' | 'snapshot' }
  | { kind: 'stopped'; status: string; reason: string }
  | { kind: 'failed'; retryAt: Date; message: string };

/** Consecutive failures before the project is told (and polling goes on at its interval). */
const FAILURES_BEFORE_NOTICE = 3;

/** at most: variables, component sets, components, styles, nodes and the styles' nodes (see readFileDesign) */
const CONTENT_READ_CALLS = 6;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function checkFile(ctx: RequestContext, deps: CheckDeps, fileId: string, reason: CheckReason): Promise<CheckOutcome> {
  const file = await ctx.db.trackedFile.findFirst({ where: { id: fileId, projectId: ctx.projectId } });
  if (!file) return { kind: 'skipped', why: 'no such tracked file' };
  if (file.status !== 'active') return { kind: 'skipped', why: `file is ${file.status}: ${file.statusReason ?? ''}` };
  const now = new Date();
  if (file.rateLimitedUntil && file.rateLimitedUntil > now) return { kind: 'postponed', until: file.rateLimitedUntil, why: 'Figma asked to wait (429)' };
  const sealed = fileCredentials(file, deps.secrets);
  if (!sealed.ok) return stop(ctx, file, 'credentials_broken', sealed.reason);
  const { credentials } = sealed;
  const budgetKey = file.figmaTokenHash ?? tokenHash(credentials.token);
  // A whole read is paid for up front, so a check never stops halfway for the budget; a check
  // that finds nothing new gives back what it did not use.
  const slot = await takeSlot(ctx.db, budgetKey, deps.config.figma.callsPerMinute, 1 + CONTENT_READ_CALLS);
  if (!slot.granted) return { kind: 'postponed', until: slot.at, why: "the Figma token's request budget" };

  try {
    const meta = await deps.figma.fileMeta(file.fileKey, credentials);
    const version = meta.file.version;
    // A poll or a webhook with nothing new reads no content; only a check by hand always does.
    if (version === file.lastFileVersion && reason !== 'manual') {
      await returnSlots(ctx.db, budgetKey, CONTENT_READ_CALLS);
      await ctx.db.trackedFile.update({ where: { id: file.id }, data: { lastCheckedAt: now, failures: 0, lastError: null, rateLimitedUntil: null } });
      return { kind: 'unchanged', version };
    }
    const known = await ctx.db.component.findMany({ where: { projectId: ctx.projectId, fileKey: file.fileKey, removedAt: null }, select: { figmaId: true } });
    const design = await readFileDesign(deps.figma, file.fileKey, credentials, { knownComponentIds: known.map((c) => c.figmaId), meta });
    const applied = await applyDesign(ctx, design.request, { trigger: reason, policyForNew: file.policy as Policy });
    await ctx.db.trackedFile.update({
      where: { id: file.id },
      data: { lastFileVersion: design.version, name: file.name ?? design.name, lastCheckedAt: now, lastModifiedAt: now, failures: 0, lastError: null, rateLimitedUntil: null },
    });
    return { kind: 'applied', version: design.version, applied, source: design.source };
  } catch (err) {
    return failed(ctx, deps, file, budgetKey, err);
  }
}

type File = NonNullable<Awaited<ReturnType<RequestContext['db']['trackedFile']['findFirst']>>>;

async function failed(ctx: RequestContext, deps: CheckDeps, file: File, budgetKey: string, err: unknown): Promise<CheckOutcome> {
  if (err instanceof FigmaApiError) {
    if (err.kind === 'rate_limited') {
      const until = err.retryAt ?? new Date(Date.now() + 60_000);
      await holdBudget(ctx.db, budgetKey, until);
      await ctx.db.$transaction(async (tx) => {
        await tx.trackedFile.update({ where: { id: file.id }, data: { rateLimitedUntil: until, lastError: err.message } });
        // Once per episode: a file already waiting was told about.
        if (!file.rateLimitedUntil || file.rateLimitedUntil < new Date()) {
          await notify(tx, ctx, [{
            kind: 'file.rate_limited',
            title: `Figma rate-limited checks of ${file.name ?? file.fileKey} until ${until.toISOString()}`,
            body: [err.message, err.rateLimitType ? `limit type ${err.rateLimitType}` : '', err.planTier ? `plan tier ${err.planTier}` : ''].filter(Boolean).join('; '),
            data: { fileId: file.id, retryAt: until.toISOString(), rateLimitType: err.rateLimitType ?? null, planTier: err.planTier ?? null },
          }]);
        }
      });
      return { kind: 'postponed', until, why: 'Figma answered 429' };
    }
    if (err.kind === 'unauthorized' || err.kind === 'forbidden') return stop(ctx, file, 'credentials_broken', `Figma refused the stored token (${err.status ?? err.kind}): ${err.message}`);
    if (err.kind === 'not_found') return stop(ctx, file, 'not_found', `Figma does not know file ${file.fileKey} (404): deleted, or the key is wrong`);
  }
  if (err instanceof FigmaReadError || (err instanceof FigmaApiError && !err.transient && err.kind !== 'invalid_response')) {
    // The content cannot be read as a design (no snapshot, a damaged one): try again at the next interval.
    await ctx.db.trackedFile.update({ where: { id: file.id }, data: { lastError: err.message, lastCheckedAt: new Date() } });
    return { kind: 'failed', retryAt: new Date(Date.now() + file.pollIntervalSeconds * 1000), message: err.message };
  }
  // 5xx, timeouts, network: bounded exponential backoff with jitter, never beyond the interval.
  const failures = file.failures + 1;
  const backoff = Math.min(file.pollIntervalSeconds, deps.config.figma.backoffSeconds * 2 ** (failures - 1)) * (0.75 + Math.random() * 0.5);
  const message = err instanceof Error ? err.message : String(err);
  await ctx.db.$transaction(async (tx) => {
    await tx.trackedFile.update({ where: { id: file.id }, data: { failures, lastError: message, lastCheckedAt: new Date() } });
    if (failures === FAILURES_BEFORE_NOTICE) {
      await notify(tx, ctx, [{ kind: 'check.failed', title: `Checks of ${file.name ?? file.fileKey} keep failing`, body: `${failures} checks in a row failed; the last: ${message}. The server keeps trying.`, data: { fileId: file.id } }]);
    }
  });
  return { kind: 'failed', retryAt: new Date(Date.now() + backoff * 1000), message };
}

async function stop(ctx: RequestContext, file: File, status: 'credentials_broken' | 'not_found' | 'deleted', reason: string): Promise<CheckOutcome> {
  await ctx.db.$transaction(async (tx) => {
    await tx.trackedFile.update({ where: { id: file.id }, data: { status, statusReason: reason, lastError: reason, lastCheckedAt: new Date() } });
    await notify(tx, ctx, [{ kind: 'file.credentials_broken', title: `Polling of ${file.name ?? file.fileKey} stopped`, body: `${reason}. Polling resumes when the file's token or key is updated (POST /projects/:id/files).`, data: { fileId: file.id, status } }]);
  });
  return { kind: 'stopped', status, reason };
}
