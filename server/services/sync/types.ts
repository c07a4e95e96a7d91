// Shapes the sync's modules share: the JSON columns of its row (operation.ts reads and writes
// them) and what its steps pass each other, kept here so that no two modules import each other for a type.
import { z } from 'zod';
import { SyncResult } from '../../../core/contract/sync.js';
import type { Trigger } from '../../../core/contract/api.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { RequestContext } from '../../lib/context.js';
import type { PhaseTimer } from '../../lib/phases.js';
import type { ProposalOutcome } from '../propose/index.js';
import type { Prepared } from './generate.js';

/** Per component: the current version before the sync, and the version the sync made (undo_state). */
export const UndoEntry = z.object({
  componentId: z.string(),
  before: z.string().nullable(),
  versionId: z.string(),
});
export type UndoEntry = z.infer<typeof UndoEntry>;

/** Wall time per phase of a sync, in milliseconds (PhaseTimer.report). */
const Timings = z.object({
  validate: z.number(),
  detect: z.number(),
  generate: z.number(),
  diff: z.number(),
  store: z.number(),
  total: z.number(),
});

/** What a sync answers and stores (result). */
export const StoredSyncResult = SyncResult.extend({
  // A stored result without warnings has always been answered with none.
  warnings: z.array(z.string()).default([]),
  timingsMs: Timings.optional(),
});
export type StoredSyncResult = z.output<typeof StoredSyncResult>;

export type SyncError = StoredSyncResult['errors'][number];

/** One running sync, as its steps see it. */
export interface SyncScope {
  ctx: RequestContext;
  syncId: string;
  snapshotId: string | null;
  request: Omit<SyncRequest, 'tokens'>;
  tokens: TokenSet;
  trigger: Trigger;
  timer: PhaseTimer;
}

/** A changed component after the store step: what was proposed for it, or why it failed. */
export type Stored = { prepared: Prepared; outcome: ProposalOutcome } | { prepared: Prepared; error: string };
