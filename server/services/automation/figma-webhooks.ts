// Figma webhooks v2, in: a passcode checked in constant time against the one registered for
// the file; a wrong one is refused (400, which also stops Figma sending) with one answer
// whether the file is tracked or not, and audited at most once a minute per file, nothing
// else stored. Bodies over 1 MB and events outside their time window never get that far. A
// valid event enqueues one debounced check of the file and answers at once.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { PrismaClient } from '../../db/generated/client.js';
import type { FigmaClient, FigmaCredentials } from '../../figma/client.js';
import { FigmaApiError } from '../../figma/errors.js';
import { hookKey } from '../../jobs/polls.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { AppError, notFound, unprocessable } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { hashSecret, secretMatches, type SecretBox } from '../../lib/secrets.js';
import { fileCredentials } from './credentials.js';
import type { RefusalAudits } from './refusal-audits.js';

/** How far an event's timestamp may be from now: Figma retries a failed delivery for a few hours; clocks drift a little. */
export const EVENT_MAX_AGE_MS = 24 * 3600_000;
export const EVENT_MAX_AHEAD_MS = 5 * 60_000;

/** A timestamp outside the window is a replay or a forgery: refused before anything is looked up. */
const EventTimestamp = z.iso
  .datetime({ offset: true, message: 'must be the ISO 8601 date-time Figma sends with every event' })
  .superRefine((value, ctx) => {
    const age = Date.now() - Date.parse(value);
    if (age > EVENT_MAX_AGE_MS)
      ctx.addIssue({
        code: 'custom',
        message: `the event is ${Math.round(age / 3600_000)} h old; events older than a day are refused`,
      });
    else if (-age > EVENT_MAX_AHEAD_MS)
      ctx.addIssue({
        code: 'custom',
        message: `the event is ${Math.round(-age / 60_000)} min in the future; more than five minutes ahead is refused`,
      });
  });

export const FigmaEvent = z
  .looseObject({
    event_type: z.enum([
      'PING',
      'FILE_UPDATE',
      'FILE_VERSION_UPDATE',
      'LIBRARY_PUBLISH',
      'FILE_DELETE',
      'FILE_COMMENT',
      'DEV_MODE_STATUS_UPDATE',
    ]),
    passcode: z.string().min(1).max(500),
    timestamp: EventTimestamp,
    webhook_id: z.union([z.string(), z.number()]).optional(),
    // Every event but PING names its file.
    file_key: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'a Figma file key is letters, digits, - and _')
      .optional(),
    file_name: z.string().max(500).optional(),
  })
  .refine((e) => e.event_type === 'PING' || e.file_key !== undefined, {
    path: ['file_key'],
    message: 'file_key is required for every event but PING',
  });
export type FigmaEvent = z.infer<typeof FigmaEvent>;

/** Largest event body taken (checked before parsing); a LIBRARY_PUBLISH of thousands of items is a few hundred kB. */
export const FIGMA_EVENT_BODY_LIMIT = 1024 * 1024;

export type ReceiveResult =
  { status: 'refused'; reason: string } | { status: 'accepted'; files: number; queued: number };

// Compared against when no tracked file has the key, so a key nobody tracks costs the same work as a wrong passcode.
const NO_PASSCODE = hashSecret(randomBytes(32).toString('hex'));

// One answer for every refusal of a named file, tracked or not: who does not know the
// passcode learns nothing, not even whether the file is tracked here.
const REFUSED = {
  status: 'refused',
  reason: 'The passcode (body.passcode) does not match a webhook registered for this file (body.file_key)',
} as const;
const REFUSED_PING = {
  status: 'refused',
  reason: 'The passcode (body.passcode) does not match a registered webhook',
} as const;

export async function receiveFigmaEvent(
  db: PrismaClient,
  jobs: JobQueue | null,
  config: Config,
  event: FigmaEvent,
  correlationId: string,
  refusals: RefusalAudits,
): Promise<ReceiveResult> {
  // A PING names no file; it is sent the moment a webhook is created, before its id is stored
  // here, so it is found by the passcode registered just before.
  const files = event.file_key
    ? await db.trackedFile.findMany({ where: { fileKey: event.file_key } })
    : await db.trackedFile.findMany({ where: { webhookPasscodeHash: hashSecret(event.passcode) } });
  const matching = files.filter((f) => f.webhookPasscodeHash && secretMatches(event.passcode, f.webhookPasscodeHash));
  if (!files.length) secretMatches(event.passcode, NO_PASSCODE);
  if (!matching.length) {
    // Audited where the file is tracked, so a project sees attempts on its file: once a minute at most.
    for (const f of files) {
      if (refusals.due(f.id)) await auditRefusal(db, f, event.event_type, correlationId, refusals.windowMs);
    }
    return event.file_key ? REFUSED : REFUSED_PING;
  }
  let queued = 0;
  const now = new Date();
  for (const f of matching) {
    const ctx = {
      projectId: f.projectId,
      actor: 'figma:webhook',
      scope: 'write' as const,
      correlationId,
      startedAt: performance.now(),
    };
    await db.$transaction(async (tx) => {
      if (event.event_type === 'FILE_DELETE') {
        await tx.trackedFile.update({
          where: { id: f.id },
          data: { status: 'deleted', statusReason: 'Figma reported the file deleted (FILE_DELETE)', lastEventAt: now },
        });
      } else {
        await tx.trackedFile.update({ where: { id: f.id }, data: { lastEventAt: now } });
        if (event.event_type !== 'PING' && f.status === 'active' && jobs) {
          // One check for a burst of events: the first queues it a little later; the rest find it waiting.
          const id = await jobs.send(
            tx,
            'file-check',
            { projectId: f.projectId, fileId: f.id, reason: 'webhook' },
            { singletonKey: hookKey(f.id), startAfter: new Date(now.getTime() + config.webhookDebounceSeconds * 1000) },
          );
          if (id) queued += 1;
        }
      }
      await recordAudit(tx, ctx, {
        action: `webhook.${event.event_type.toLowerCase()}`,
        targetType: 'tracked_file',
        targetId: f.id,
        data: { webhookId: event.webhook_id ?? null, timestamp: event.timestamp },
      });
    });
  }
  return { status: 'accepted', files: matching.length, queued };
}

/**
 * The audit of a refused passcode, unless one for the file is younger than the window: checked
 * and written under a lock on the file, so concurrent refusals (other processes) write one.
 */
async function auditRefusal(
  db: PrismaClient,
  file: { id: string; projectId: string },
  eventType: string,
  correlationId: string,
  windowMs: number,
): Promise<void> {
  const ctx = {
    projectId: file.projectId,
    actor: 'figma:webhook',
    scope: 'write' as const,
    correlationId,
    startedAt: performance.now(),
  };
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhook.refused:${file.id}`}))`;
    const recent = await tx.auditEvent.count({
      where: {
        targetType: 'tracked_file',
        targetId: file.id,
        action: 'webhook.refused',
        createdAt: { gt: new Date(Date.now() - windowMs) },
      },
    });
    if (recent) return;
    await recordAudit(tx, ctx, {
      action: 'webhook.refused',
      targetType: 'tracked_file',
      targetId: file.id,
      data: { eventType, reason: 'wrong passcode' },
    });
  });
}

/**
 * Trailing debounce for webhook checks: Figma sends an event per save, so while they keep coming
 * the check waits for a quiet moment, but never longer than ten debounce periods after it was
 * first queued. Returns when to run instead, or null to run now.
 */
export function webhookCheckDelay(
  lastEventAt: Date | null,
  queuedAt: Date,
  now: Date,
  debounceSeconds: number,
): Date | null {
  if (!lastEventAt) return null;
  const quietAt = lastEventAt.getTime() + debounceSeconds * 1000;
  const latest = queuedAt.getTime() + debounceSeconds * 10_000;
  return quietAt > now.getTime() && now.getTime() < latest ? new Date(Math.min(quietAt, latest)) : null;
}

export const WEBHOOK_EVENT_TYPES = ['FILE_UPDATE', 'FILE_VERSION_UPDATE', 'LIBRARY_PUBLISH', 'FILE_DELETE'] as const;

/**
 * Registers Figma webhooks for a tracked file (one per event type, context "file") pointing at
 * this server's /webhooks/figma. Every hook of a file shares one passcode, kept hashed (to find
 * the file) and encrypted (so a later registration reuses it and the hooks made earlier keep
 * working). All or nothing: when Figma refuses one hook, the hooks already made are deleted
 * again and the stored passcode is put back as it was.
 */
export async function registerFigmaWebhooks(
  ctx: RequestContext,
  deps: { figma: FigmaClient; secrets: SecretBox; config: Config },
  fileId: string,
  eventTypes: ReadonlyArray<(typeof WEBHOOK_EVENT_TYPES)[number]>,
) {
  const file = await ctx.db.trackedFile.findFirst({ where: { id: fileId, projectId: ctx.projectId } });
  if (!file) throw notFound('tracked file', fileId);
  const sealed = fileCredentials(file, deps.secrets);
  if (!sealed.ok) throw unprocessable(sealed.code, sealed.reason);
  const { credentials } = sealed;
  const base = deps.config.publicUrl ?? `http://${deps.config.host}:${deps.config.port}`;
  const endpoint = `${base.replace(/\/+$/, '')}/api/v1/webhooks/figma`;
  const kept = file.webhookPasscodeEnc ? deps.secrets.decrypt(file.webhookPasscodeEnc) : null;
  const passcode = kept ?? randomBytes(24).toString('base64url');
  // A new passcode is stored before Figma is asked: Figma sends a PING as soon as a hook exists.
  if (!kept)
    await ctx.db.trackedFile.update({
      where: { id: file.id },
      data: { webhookPasscodeHash: hashSecret(passcode), webhookPasscodeEnc: deps.secrets.encrypt(passcode) },
    });
  const created: Array<{ id: string; eventType: string; status: string; endpoint: string }> = [];
  try {
    for (const eventType of new Set(eventTypes)) {
      const hook = await deps.figma.createWebhook(
        {
          eventType,
          context: 'file',
          contextId: file.fileKey,
          endpoint,
          passcode,
          description: webhookDescription(file.name ?? file.fileKey),
        },
        credentials,
      );
      created.push({ id: String(hook.id), eventType, status: String(hook.status ?? 'ACTIVE'), endpoint });
    }
  } catch (err) {
    await undoRegistration(
      ctx,
      deps.figma,
      credentials,
      file,
      created.map((c) => c.id),
      !kept,
    );
    if (err instanceof FigmaApiError)
      throw new AppError(
        err.kind === 'rate_limited' ? 429 : 422,
        'figma_refused',
        `Figma refused to create the webhook: ${err.message}`,
      );
    throw err;
  }
  const ids = [...new Set([...(file.webhookId ? file.webhookId.split(',') : []), ...created.map((c) => c.id)])];
  await ctx.db.$transaction(async (tx) => {
    await tx.trackedFile.update({ where: { id: file.id }, data: { webhookId: ids.join(',') } });
    await recordAudit(tx, ctx, {
      action: 'file.webhook',
      targetType: 'tracked_file',
      targetId: file.id,
      data: { webhooks: created.map((c) => ({ id: c.id, eventType: c.eventType })), endpoint },
    });
  });
  return created;
}

/** Figma refuses a webhook description longer than 150 characters (webhooks v2). */
const MAX_WEBHOOK_DESCRIPTION = 150;

/** "design-sync: <file name>", the name cut with an ellipsis to fit Figma's limit (never inside a surrogate pair). */
export function webhookDescription(fileName: string): string {
  const prefix = 'design-sync: ';
  const room = MAX_WEBHOOK_DESCRIPTION - prefix.length;
  if (fileName.length <= room) return prefix + fileName;
  let cut = '';
  for (const char of fileName) {
    if (cut.length + char.length > room - 1) break;
    cut += char;
  }
  return `${prefix}${cut}…`;
}

/** Deletes the hooks a failed registration made and restores the passcode it replaced. */
async function undoRegistration(
  ctx: RequestContext,
  figma: FigmaClient,
  credentials: FigmaCredentials,
  file: { id: string; webhookPasscodeHash: string | null; webhookPasscodeEnc: string | null },
  hookIds: string[],
  passcodeReplaced: boolean,
) {
  for (const id of hookIds) {
    // Best effort: a hook Figma will not delete now still carries a passcode nobody accepts.
    await figma.deleteWebhook(id, credentials).catch(() => undefined);
  }
  if (passcodeReplaced)
    await ctx.db.trackedFile.update({
      where: { id: file.id },
      data: { webhookPasscodeHash: file.webhookPasscodeHash, webhookPasscodeEnc: file.webhookPasscodeEnc },
    });
}
