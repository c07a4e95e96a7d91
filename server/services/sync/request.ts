// A sync request off the wire: its text validated on a worker thread (step 1), then the
// pipeline (run.ts) with the settings that suit the database.
import type { Database } from '../../db/database.js';
import type { RequestContext } from '../../lib/context.js';
import type { Generator } from './generate.js';
import { runSync } from './run.js';
import type { StoredSyncResult } from './types.js';
import { validateOffThread, type SyncValidator } from './validate-off-thread.js';

/** The longest a sync waits for other requests before each of its transactions. */
const DEFER_MAX_MS = 250;

/** What a sync request runs on: the server's workers, its database, its configuration. */
export interface SyncServices {
  validator: SyncValidator;
  generator: Generator;
  databaseKind: Database['kind'];
  /** SYNC_LEASE_MINUTES */
  leaseMinutes: number;
}

export interface SyncRequestOptions {
  idempotencyKey?: string | undefined;
  /** Waits at most `maxMs` for the short requests in flight (a history read, a health check). */
  deferTo: (maxMs: number) => Promise<void>;
}

/**
 * Runs the sync whose JSON text is `body` (the route reads it unparsed: plugins/body-as-text.ts).
 * Answers its result, and whether it is the replay of an earlier one (same Idempotency-Key).
 */
export async function syncFromText(
  ctx: RequestContext,
  body: unknown,
  services: SyncServices,
  options: SyncRequestOptions,
): Promise<{ result: StoredSyncResult; replayed: boolean }> {
  if (typeof body !== 'string')
    throw new TypeError(
      'The sync body must reach the service as text: register plugins/body-as-text.ts in its route scope',
    );
  const valid = await validateOffThread(services.validator, body);
  return runSync(ctx, valid, {
    idempotencyKey: options.idempotencyKey,
    ...tuningFor(services.databaseKind),
    leaseMinutes: services.leaseMinutes,
    generator: services.generator,
    // Short requests go first between the sync's transactions.
    deferTo: () => options.deferTo(DEFER_MAX_MS),
  });
}

function tuningFor(kind: Database['kind']) {
  return {
    // PGlite has one connection; PostgreSQL runs two chunk transactions side by side (more
    // only starved the event loop of CPU on a small machine: bench/responsiveness.bench.ts).
    concurrency: kind === 'postgres' ? 2 : 1,
    // Batches save round trips; small ones keep each transaction (and each turn of work
    // between two other requests) short: on PGlite a transaction holds the only connection.
    batchSize: kind === 'postgres' ? 10 : 5,
  };
}
