/**
 * Figma webhooks v2 for one file context: what POST /v2/webhooks accepts, the payloads Figma
 * sends, and delivery as Figma does it: a 2xx is delivered, a 400 stops the webhook at once,
 * anything else (another status, no answer) is retried 3 times.
 */
import type {
  PostWebhookRequestBody,
  WebhookDevModeStatusUpdatePayload,
  WebhookFileCommentPayload,
  WebhookFileDeletePayload,
  WebhookFileUpdatePayload,
  WebhookFileVersionUpdatePayload,
  WebhookLibraryPublishPayload,
  WebhookPingPayload,
  WebhookV2,
  WebhookV2Event,
} from '@figma/rest-api-spec';
import { FAKE_USER, type StoredFile } from './files.js';

export const SUBSCRIBABLE_EVENTS = [
  'FILE_UPDATE',
  'FILE_VERSION_UPDATE',
  'LIBRARY_PUBLISH',
  'FILE_DELETE',
  'FILE_COMMENT',
  'DEV_MODE_STATUS_UPDATE',
] as const;
/** Figma's cap on webhooks attached to one file. */
export const WEBHOOKS_PER_FILE = 3;
/** Figma: one try and 3 retries. */
export const DELIVERY_ATTEMPTS = 4;

export type WebhookPayload =
  | WebhookPingPayload
  | WebhookFileUpdatePayload
  | WebhookFileVersionUpdatePayload
  | WebhookFileDeletePayload
  | WebhookLibraryPublishPayload
  | WebhookFileCommentPayload
  | WebhookDevModeStatusUpdatePayload;

export interface StoredWebhook extends WebhookV2 {
  /** Figma stopped it after a 400 */
  stopped: boolean;
}

export type ValidBody = Required<
  Pick<PostWebhookRequestBody, 'event_type' | 'context' | 'context_id' | 'endpoint' | 'passcode'>
> &
  Pick<PostWebhookRequestBody, 'description' | 'status'>;

export function validateWebhookBody(body: unknown): { ok: true; value: ValidBody } | { ok: false; message: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, message: 'Request body must be a JSON object' };
  const b = body as Record<string, unknown>;
  const known = new Set([
    'event_type',
    'team_id',
    'context',
    'context_id',
    'endpoint',
    'passcode',
    'status',
    'description',
  ]);
  const unknown = Object.keys(b).filter((k) => !known.has(k));
  if (unknown.length > 0) return { ok: false, message: `Unknown parameter(s): ${unknown.join(', ')}` };
  if (!(SUBSCRIBABLE_EVENTS as readonly unknown[]).includes(b.event_type)) {
    return { ok: false, message: `event_type must be one of ${SUBSCRIBABLE_EVENTS.join(', ')}` };
  }
  if (b.team_id !== undefined) return { ok: false, message: 'team_id is deprecated; use context and context_id' };
  if (typeof b.context !== 'string' || !['team', 'project', 'file'].includes(b.context.toLowerCase())) {
    return { ok: false, message: 'context must be "team", "project" or "file"' };
  }
  if (b.context.toLowerCase() !== 'file')
    return { ok: false, message: 'this fake models file webhooks only (context "file")' };
  if (typeof b.context_id !== 'string' || b.context_id === '') return { ok: false, message: 'context_id is required' };
  if (typeof b.endpoint !== 'string' || b.endpoint.length > 2048)
    return { ok: false, message: 'endpoint must be a URL of at most 2048 characters' };
  let url: URL;
  try {
    url = new URL(b.endpoint);
  } catch {
    return { ok: false, message: 'endpoint is not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: 'endpoint must be an http(s) URL' };
  if (typeof b.passcode !== 'string' || b.passcode === '' || b.passcode.length > 100)
    return { ok: false, message: 'passcode is required (at most 100 characters)' };
  if (b.description !== undefined && (typeof b.description !== 'string' || b.description.length > 150)) {
    return { ok: false, message: 'description must be a string of at most 150 characters' };
  }
  if (b.status !== undefined && b.status !== 'ACTIVE' && b.status !== 'PAUSED')
    return { ok: false, message: 'status must be ACTIVE or PAUSED' };
  return {
    ok: true,
    value: {
      event_type: b.event_type as ValidBody['event_type'],
      context: 'file',
      context_id: b.context_id,
      endpoint: b.endpoint,
      passcode: b.passcode,
      description: b.description as string | undefined,
      status: b.status as ValidBody['status'],
    },
  };
}

/** What GET endpoints show: Figma never sends a passcode back except in events. */
export function publicWebhook(webhook: StoredWebhook, withPasscode = false): WebhookV2 {
  const { stopped: _stopped, ...rest } = webhook;
  return { ...rest, passcode: withPasscode ? webhook.passcode : '' };
}

export function webhookPayload(
  webhook: StoredWebhook,
  event: WebhookV2Event,
  file: StoredFile | undefined,
  now: Date,
): WebhookPayload {
  const base = {
    passcode: webhook.passcode,
    timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    webhook_id: webhook.id,
  };
  const fileKey = file?.key ?? webhook.context_id;
  const fileName = file?.name ?? '';
  const onFile = { file_key: fileKey, file_name: fileName };
  switch (event) {
    case 'PING':
      return { ...base, event_type: 'PING' };
    case 'FILE_UPDATE':
      return { ...base, ...onFile, event_type: 'FILE_UPDATE' };
    case 'FILE_DELETE':
      return { ...base, ...onFile, event_type: 'FILE_DELETE', triggered_by: FAKE_USER };
    case 'FILE_VERSION_UPDATE':
      return {
        ...base,
        ...onFile,
        event_type: 'FILE_VERSION_UPDATE',
        created_at: base.timestamp,
        triggered_by: FAKE_USER,
        version_id: file?.version ?? '0',
        description: '',
      };
    case 'LIBRARY_PUBLISH':
      return {
        ...base,
        ...onFile,
        event_type: 'LIBRARY_PUBLISH',
        triggered_by: FAKE_USER,
        library_item: { key: fileKey, name: fileName },
        created_components: [],
        created_styles: [],
        created_variables: [],
        modified_components: [],
        modified_styles: [],
        modified_variables: [],
        deleted_components: [],
        deleted_styles: [],
        deleted_variables: [],
      };
    case 'FILE_COMMENT':
      return {
        ...base,
        ...onFile,
        event_type: 'FILE_COMMENT',
        comment: [{ text: 'A comment' }],
        comment_id: '1',
        created_at: base.timestamp,
        mentions: [],
        triggered_by: FAKE_USER,
      };
    case 'DEV_MODE_STATUS_UPDATE':
      return {
        ...base,
        ...onFile,
        event_type: 'DEV_MODE_STATUS_UPDATE',
        node_id: '0:1',
        related_links: [],
        status: 'READY_FOR_DEV',
        triggered_by: FAKE_USER,
      };
  }
}

export interface DeliveryAttempt {
  webhookId: string;
  eventType: string;
  attempt: number;
  /** the receiver's status; null when it did not answer */
  status: number | null;
  error?: string;
  payload: Record<string, unknown>;
}

export interface DeliveryResult {
  delivered: boolean;
  /** the last answer's status; null when the last attempt got none */
  status: number | null;
  attempts: number;
  /** the webhook was stopped (a 400), now or before */
  stopped: boolean;
  /** nothing was sent: the webhook is paused or stopped */
  skipped?: 'paused' | 'stopped';
}

export async function deliverWithRetries(
  webhook: StoredWebhook,
  payload: Record<string, unknown>,
  options: { retryDelaysMs: readonly number[]; timeoutMs: number; log: DeliveryAttempt[] },
): Promise<DeliveryResult> {
  let status: number | null = null;
  for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, options.retryDelaysMs[attempt - 2] ?? 0));
    let error: string | undefined;
    try {
      const response = await fetch(webhook.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      status = null;
      error = e instanceof Error ? e.message : String(e);
    }
    options.log.push({
      webhookId: webhook.id,
      eventType: String(payload.event_type),
      attempt,
      status,
      payload,
      ...(error ? { error } : {}),
    });
    if (status !== null && status >= 200 && status < 300)
      return { delivered: true, status, attempts: attempt, stopped: false };
    if (status === 400) {
      webhook.stopped = true;
      webhook.status = 'PAUSED';
      return { delivered: false, status, attempts: attempt, stopped: true };
    }
  }
  return { delivered: false, status, attempts: DELIVERY_ATTEMPTS, stopped: false };
}
