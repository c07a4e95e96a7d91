// The queues, their policies and their payloads: small, zod-checked, ids only.
import { z } from 'zod';
import type PgBoss from 'pg-boss';

const Id = z.uuid();

export const QUEUES = {
  /** one check of a tracked Figma file (scheduled poll, webhook, or by hand) */
  'file-check': {
    payload: z.object({ projectId: Id, fileId: Id, reason: z.enum(['schedule', 'webhook', 'manual']) }),
    // One queued and one running per key: several instances never check one file twice at once.
    queue: { policy: 'stately', retryLimit: 0 },
    // Checks wait on Figma mostly: two files at once per instance.
    workers: 2,
  },
  /** a new draft for one component from its latest recorded design */
  regenerate: {
    payload: z.object({
      projectId: Id,
      componentId: Id,
      snapshotId: Id,
      trigger: z.enum(['schedule', 'webhook', 'token_change', 'design_change', 'manual']),
    }),
    queue: { policy: 'stately', retryLimit: 4, retryDelay: 5, retryBackoff: true },
    // A token change can make hundreds at once; each locks only its component's row.
    workers: 2,
  },
  /** a token-file directory changed */
  'token-source-check': {
    payload: z.object({ projectId: Id, sourceId: Id }),
    queue: { policy: 'stately', retryLimit: 2, retryDelay: 5, retryBackoff: true },
    workers: 1,
  },
  /** one notification to one outbound webhook */
  'webhook-delivery': {
    payload: z.object({ projectId: Id, deliveryId: Id }),
    queue: { policy: 'standard', retryLimit: 5, retryDelay: 10, retryBackoff: true },
    // A slow receiver (up to its 10 s timeout) must not hold up every other delivery.
    workers: 2,
  },
  /** a version's preview page, built after the version is stored (idempotent: a built page is found, not rebuilt) */
  'preview-build': {
    payload: z.object({ versionId: Id }),
    queue: { policy: 'standard', retryLimit: 2, retryDelay: 5, retryBackoff: true },
    // Builds are bounded in the builder too (server/services/previews/builder.ts); one worker keeps a big sync's
    // hundreds of builds from crowding requests.
    workers: 1,
  },
  /** the daily summary, archival and (PGlite) VACUUM ANALYZE */
  daily: {
    payload: z.object({}).loose(),
    queue: { policy: 'standard', retryLimit: 2, retryDelay: 60 },
    workers: 1,
  },
} as const satisfies Record<string, { payload: z.ZodType; queue: Omit<PgBoss.Queue, 'name'>; workers: number }>;

export type QueueName = keyof typeof QUEUES;
export type Payload<N extends QueueName> = z.infer<(typeof QUEUES)[N]['payload']>;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
