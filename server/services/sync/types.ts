// Types the sync's steps share, apart from the steps themselves (no step imports another for a type).
import type { Trigger } from '../../../core/contract/api.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { RequestContext } from '../context.js';
import type { PhaseTimer } from '../phases.js';
import type { ProposalOutcome } from '../propose/index.js';
import type { Prepared } from './generate.js';

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
