// Shapes the sync's modules share, the JSON columns of its row above all (operation.ts reads and
// writes them): kept here so that no two of those modules import each other for a type.
import { z } from 'zod';
import { SyncResult } from '../../../core/contract/sync.js';

/** Per component: the current version before the sync, and the version the sync made (undo_state). */
export const UndoEntry = z.object({
  componentId: z.string(),
  before: z.string().nullable(),
  versionId: z.string(),
});
export type UndoEntry = z.infer<typeof UndoEntry>;

/** Wall time per phase of a sync, in milliseconds (PhaseTimer.report). */
const Timings = z.object({ validate: z.number(), detect: z.number(), generate: z.number(), diff: z.number(), store: z.number(), total: z.number() });

/** What a sync answers and stores (result). */
export const StoredSyncResult = SyncResult.extend({
  // A stored result without warnings has always been answered with none.
  warnings: z.array(z.string()).default([]),
  timingsMs: Timings.optional(),
});
export type StoredSyncResult = z.output<typeof StoredSyncResult>;

export type SyncError = StoredSyncResult['errors'][number];
