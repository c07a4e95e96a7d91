// A proposal under review, and what became of it.
import type { Proposal } from '../../../../core/contract/sync.js';

export interface ReviewItem {
  proposal: Proposal;
  hasConflicts: boolean;
}

export type Outcome =
  | { state: 'published'; version: string | null }
  | { state: 'rejected' }
  | { state: 'failed'; message: string; code?: string };

/** Decides for several components at once; one outcome per component id. */
export type DecideFn = (componentIds: string[], decision: 'accept' | 'reject') => Promise<Map<string, Outcome>>;

/** A major bump breaks code written against the previous version; a first version breaks nothing. */
export const isBreaking = (p: Proposal): boolean => p.bump === 'major' && p.fromVersion !== null;
