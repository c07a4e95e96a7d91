// One check of a tracked Figma file, as the poller, a webhook or a person asks for it: cheap
// first (the file's version), the content only when it moved, then the same pipeline as the
// plugin's sync. Never sleeps: waiting (a rate limit, the token's budget, a backoff after
// failures) is a later job; credentials refused or a file gone stop polling until fixed; a
// design the pipeline refuses is read again only once the file has a new version.
import { createHash } from 'node:crypto';
import type { FigmaPlan, FigmaSeat, Policy } from '../../../core/contract/api.js';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { ENDPOINT_TIERS, type FigmaClient, type TierCalls } from '../../figma/client.js';
import { FigmaApiError, FigmaReadError } from '../../figma/errors.js';
import { readFileDesign, type FileDesign } from '../../figma/read-file.js';
import type { RequestContext } from '../../lib/context.js';
import { notify } from '../notifications/index.js';
import type { SecretBox } from '../../lib/secrets.js';
import { applyDesign, type Applied } from './apply-design.js';
import {
  addCalls,
  callsOf,
  holdTier,
  noCalls,
  reserve,
  settle,
  TIER_NAMES,
  tierRates,
  type Budget,
  type Reservation,
} from './budget.js';
import { fileCredentials } from './credentials.js';
import { keptWarnings } from './warnings.js';

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
  | { kind: 'refused'; version: string; reason: string }
  | { kind: 'stopped'; status: string; reason: string }
  | { kind: 'failed'; retryAt: Date; message: string };

/** Consecutive failures before the project is told (and polling goes on at its interval). */
const FAILURES_BEFORE_NOTICE = 3;

/** The version check: one call. */
const META_CALLS = callsOf('meta');
/**
 * The longest read of the content (see readFileDesign): variables; component sets, components and
 * styles; the nodes of components and styles, and those of unpublished styles they use. The
 * snapshot path makes fewer calls; what is not called is given back.
 */
const CONTENT_CALLS = callsOf('variables', 'componentSets', 'components', 'styles', 'nodes', 'nodes');

/** Statuses under which a file is checked: a refused design still has its version asked for. */
const CHECKED = new Set(['active', 'design_refused']);
/** What people see a file called: its Figma name once read, its key before. */
const labelOf = (file: Pick<File, 'name' | 'fileKey'>): string => file.name ?? file.fileKey;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

const waitFor = (r: Extract<Reservation, { granted: false }>): CheckOutcome => ({
  kind: 'postponed',
  until: r.at,
  why: `the Figma token's ${TIER_NAMES[r.tier]} budget`,
});

export async function checkFile(
  ctx: RequestContext,
  deps: CheckDeps,
  fileId: string,
  reason: CheckReason,
): Promise<CheckOutcome> {
  const file = await ctx.db.trackedFile.findFirst({ where: { id: fileId, projectId: ctx.projectId } });
  if (!file) return { kind: 'skipped', why: 'no such tracked file' };
  if (!CHECKED.has(file.status)) return { kind: 'skipped', why: `file is ${file.status}: ${file.statusReason ?? ''}` };
  const now = new Date();
  if (file.rateLimitedUntil && file.rateLimitedUntil > now)
    return { kind: 'postponed', until: file.rateLimitedUntil, why: 'Figma asked to wait (429)' };
  const sealed = fileCredentials(file, deps.secrets);
  if (!sealed.ok) return stop(ctx, file, 'credentials_broken', sealed.reason);
  const { credentials } = sealed;
  const budget: Budget = {
    db: ctx.db,
    tokenHash: file.figmaTokenHash ?? tokenHash(credentials.token),
    rates: tierRates(file.figmaPlan as FigmaPlan, file.figmaSeat as FigmaSeat, deps.config.figma.callsPerMinute),
  };
  // The version check alone, so that it never waits behind reads (another tier). A version
  // seen earlier whose read had to wait is read now, without asking for the version again: the
  // whole read is taken at once, or busy tiers could take its calls one by one and never leave
  // the read its own. If the file moved meanwhile, the next check sees a newer version.
  const pending = file.pendingVersion;
  let reserved: Partial<TierCalls> = pending !== null ? CONTENT_CALLS : META_CALLS;
  const first = await reserve(budget, reserved);
  if (!first.granted) return waitFor(first);

  const used = noCalls();
  const figma = deps.figma.metered(used);
  let version: string | undefined;
  let fileName: string | undefined;
  let design: FileDesign | undefined;
  try {
    // The name seen with a pending version was stored with it (a file's first read may wait).
    const seen =
      pending !== null
        ? { version: pending, name: labelOf(file) }
        : (await figma.fileMeta(file.fileKey, credentials)).file;
    version = seen.version;
    fileName = seen.name;
    // A poll or a webhook with nothing new reads no content; only a check by hand always does.
    if (version === file.lastFileVersion && reason !== 'manual' && pending === null) {
      await ctx.db.trackedFile.update({
        where: { id: file.id },
        data: { lastCheckedAt: now, failures: 0, lastError: null, rateLimitedUntil: null },
      });
      return { kind: 'unchanged', version };
    }
    if (pending === null) {
      const content = await reserve(budget, CONTENT_CALLS);
      if (!content.granted) {
        await ctx.db.trackedFile.update({
          where: { id: file.id },
          data: { pendingVersion: version, name: seen.name, lastCheckedAt: now },
        });
        return waitFor(content);
      }
      reserved = addCalls(reserved, CONTENT_CALLS);
    }
    const known = await ctx.db.component.findMany({
      where: { projectId: ctx.projectId, fileKey: file.fileKey, removedAt: null },
      select: { figmaId: true },
    });
    design = await readFileDesign(figma, file.fileKey, credentials, {
      knownComponentIds: known.map((c) => c.figmaId),
      seen,
    });
    const applied = await applyDesign(ctx, design.request, {
      trigger: reason,
      policyForNew: file.policy as Policy,
      readWarnings: design.warnings,
    });
    await ctx.db.trackedFile.update({
      where: { id: file.id },
      data: {
        lastFileVersion: design.version,
        name: design.name,
        lastCheckedAt: now,
        lastModifiedAt: now,
        failures: 0,
        lastError: null,
        rateLimitedUntil: null,
        pendingVersion: null,
        status: 'active',
        statusReason: null,
        lastWarnings: applied.warnings,
      },
    });
    return { kind: 'applied', version: design.version, applied, source: design.source };
  } catch (err) {
    // What was read cannot become a design (the pipeline refuses it, or it holds no readable
    // snapshot): reading the same version again would give the same answer, so the next read
    // waits for the next version.
    if (version !== undefined && refusesDesign(err))
      return refused(
        ctx,
        { ...file, name: fileName ?? file.name },
        version,
        (err as Error).message,
        design?.warnings ?? [],
      );
    return failed(ctx, deps, file, budget.tokenHash, err);
  } finally {
    await settle(budget, reserved, used);
  }
}

/** A refusal of the content itself, as opposed to Figma or the network failing. */
function refusesDesign(err: unknown): boolean {
  if (err instanceof FigmaReadError) return true;
  return err instanceof AppError && [400, 413, 422].includes(err.statusCode);
}

type File = NonNullable<Awaited<ReturnType<RequestContext['db']['trackedFile']['findFirst']>>>;

/**
 * The design of this version is refused: the file says why, the project is told once per
 * version, and polling goes on asking only for the version (one call) until it changes.
 */
async function refused(
  ctx: RequestContext,
  file: File,
  version: string,
  message: string,
  warnings: string[],
): Promise<CheckOutcome> {
  const reason = `Version ${version} of the file cannot be used: ${message}. The next version of the file is read again.`;
  const told = file.status === 'design_refused' && file.lastFileVersion === version;
  await ctx.db.$transaction(async (tx) => {
    await tx.trackedFile.update({
      where: { id: file.id },
      data: {
        name: file.name,
        status: 'design_refused',
        statusReason: reason,
        lastError: reason,
        lastFileVersion: version,
        pendingVersion: null,
        lastCheckedAt: new Date(),
        failures: 0,
        rateLimitedUntil: null,
        lastWarnings: keptWarnings(warnings),
      },
    });
    if (!told) {
      await notify(tx, ctx, [
        {
          kind: 'check.failed',
          title: `The design of ${labelOf(file)} was refused`,
          body: `${reason} Fix the file in Figma; nothing is read again until then.`,
          data: { fileId: file.id, status: 'design_refused', version },
        },
      ]);
    }
  });
  return { kind: 'refused', version, reason };
}

async function failed(
  ctx: RequestContext,
  deps: CheckDeps,
  file: File,
  budgetKey: string,
  err: unknown,
): Promise<CheckOutcome> {
  if (err instanceof FigmaApiError) {
    if (err.kind === 'rate_limited') {
      const until = err.retryAt ?? new Date(Date.now() + 60_000);
      // Figma budgets each tier apart: the calls of the other tiers go on.
      await holdTier(ctx.db, budgetKey, err.tier ?? ENDPOINT_TIERS.meta, until);
      await ctx.db.$transaction(async (tx) => {
        await tx.trackedFile.update({
          where: { id: file.id },
          data: { rateLimitedUntil: until, lastError: err.message },
        });
        // Once per episode: a file already waiting was told about.
        if (!file.rateLimitedUntil || file.rateLimitedUntil < new Date()) {
          await notify(tx, ctx, [
            {
              kind: 'file.rate_limited',
              title: `Figma rate-limited checks of ${labelOf(file)} until ${until.toISOString()}`,
              body: [
                err.message,
                err.tier ? `budget ${TIER_NAMES[err.tier]}` : '',
                err.rateLimitType ? `limit type ${err.rateLimitType}` : '',
                err.planTier ? `plan tier ${err.planTier}` : '',
                limitsHint(file, err),
              ]
                .filter(Boolean)
                .join('; '),
              data: {
                fileId: file.id,
                retryAt: until.toISOString(),
                tier: err.tier ?? null,
                rateLimitType: err.rateLimitType ?? null,
                planTier: err.planTier ?? null,
              },
            },
          ]);
        }
      });
      return { kind: 'postponed', until, why: 'Figma answered 429' };
    }
    if (err.kind === 'unauthorized' || err.kind === 'forbidden')
      return stop(
        ctx,
        file,
        'credentials_broken',
        `Figma refused the stored token (${err.status ?? err.kind}): ${err.message}`,
      );
    if (err.kind === 'not_found')
      return stop(
        ctx,
        file,
        'not_found',
        `Figma does not know file ${file.fileKey} (404): deleted, or the key is wrong`,
      );
  }
  if (err instanceof FigmaApiError && !err.transient && err.kind !== 'invalid_response') {
    // Figma refused a call as malformed (400): try again at the next interval.
    await ctx.db.trackedFile.update({
      where: { id: file.id },
      data: { lastError: err.message, lastCheckedAt: new Date() },
    });
    return { kind: 'failed', retryAt: new Date(Date.now() + file.pollIntervalSeconds * 1000), message: err.message };
  }
  // 5xx, timeouts, network: bounded exponential backoff with jitter, never beyond the interval.
  const failures = file.failures + 1;
  const backoff =
    Math.min(file.pollIntervalSeconds, deps.config.figma.backoffSeconds * 2 ** (failures - 1)) *
    (0.75 + Math.random() * 0.5);
  const message = err instanceof Error ? err.message : String(err);
  await ctx.db.$transaction(async (tx) => {
    await tx.trackedFile.update({
      where: { id: file.id },
      data: { failures, lastError: message, lastCheckedAt: new Date() },
    });
    if (failures === FAILURES_BEFORE_NOTICE) {
      await notify(tx, ctx, [
        {
          kind: 'check.failed',
          title: `Checks of ${labelOf(file)} keep failing`,
          body: `${failures} checks in a row failed; the last: ${message}. The server keeps trying.`,
          data: { fileId: file.id },
        },
      ]);
    }
  });
  return { kind: 'failed', retryAt: new Date(Date.now() + backoff * 1000), message };
}

/** Figma's plan tiers (X-Figma-Plan-Tier) as the plans a tracked file names. */
const PLAN_TIERS: Record<string, FigmaPlan> = {
  enterprise: 'enterprise',
  org: 'organization',
  organization: 'organization',
  pro: 'professional',
  professional: 'professional',
  starter: 'starter',
  student: 'starter',
};

/**
 * When the 429's headers say Figma limits the token otherwise than the file's plan and seat do
 * ("low": a View or Collab seat; another plan), the budget is kept at the wrong rates: say so.
 */
function limitsHint(file: File, err: FigmaApiError): string {
  const plan = err.planTier ? PLAN_TIERS[err.planTier.toLowerCase()] : undefined;
  const lowSeat = err.rateLimitType?.toLowerCase() === 'low' && (file.figmaSeat === 'dev' || file.figmaSeat === 'full');
  if (!lowSeat && (!plan || plan === file.figmaPlan)) return '';
  const wanted = [
    plan && plan !== file.figmaPlan ? `figmaPlan "${plan}"` : '',
    lowSeat ? 'figmaSeat "view" or "collab"' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `Figma limits this token as ${[plan ? `plan ${plan}` : '', lowSeat ? 'a View or Collab seat' : ''].filter(Boolean).join(', ')}, the file is set to a ${file.figmaSeat} seat on ${file.figmaPlan}: POST the file with ${wanted} so its budget matches`;
}

async function stop(
  ctx: RequestContext,
  file: File,
  status: 'credentials_broken' | 'not_found' | 'deleted',
  reason: string,
): Promise<CheckOutcome> {
  await ctx.db.$transaction(async (tx) => {
    await tx.trackedFile.update({
      where: { id: file.id },
      data: { status, statusReason: reason, lastError: reason, lastCheckedAt: new Date() },
    });
    await notify(tx, ctx, [
      {
        kind: 'file.credentials_broken',
        title: `Polling of ${labelOf(file)} stopped`,
        body: `${reason}. Polling resumes when the file's token or key is updated (POST /projects/:id/files).`,
        data: { fileId: file.id, status },
      },
    ]);
  });
  return { kind: 'stopped', status, reason };
}
