import type { Prisma } from '../../db/generated/client.js';
import type { PatternChange, SpecChange, TokenChange } from '../../../core/contract/changes.js';
import type { BumpDecision, BumpInput } from '../../../core/changes/index.js';
import { assessChange, type VersionInputs } from '../generation/index.js';
import type { DraftInput } from './write.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/**
 * The stored inputs of a version, as a new version that reuses them (rollback, merge) takes them:
 * tokens kept by reference stay a reference (`tokens` is then what withVersionTokens read, for
 * comparing; it is not stored again).
 */
export type StoredInputs = Required<
  Pick<
    DraftInput,
    'tokens' | 'tokensSnapshotId' | 'spec' | 'tokensHash' | 'specHash' | 'contextHash' | 'patternId' | 'patternVersion'
  >
>;

export function storedInputsOf(v: VersionRow): StoredInputs {
  return {
    tokens: v.tokens as Prisma.InputJsonValue | null,
    tokensSnapshotId: v.tokensSnapshotId,
    spec: v.spec as Prisma.InputJsonValue,
    tokensHash: v.tokensHash,
    specHash: v.specHash,
    contextHash: v.contextHash,
    patternId: v.patternId,
    patternVersion: v.patternVersion,
  };
}

export interface InputChanges {
  decision: BumpDecision;
  tokenChanges: TokenChange[];
  specChanges: SpecChange[];
  patternChange: PatternChange | null;
  /** Both sides have a stored spec and tokens (versions made from files alone have neither). */
  comparable: boolean;
}

/**
 * What changes from one version's inputs to another's (what a rollback reverts, what a merge
 * brings to main), decided by the same assessChange as a sync. Only the stored closures are
 * known here: a token one side reaches and the other does not is taken as still existing.
 * Sides without stored inputs compare as "nothing known": no changes, `comparable` false.
 */
export function changesBetween(
  before: VersionInputs,
  after: VersionInputs,
  extra: Pick<BumpInput, 'rollback'> = {},
): InputChanges {
  const a = assessChange(before, after, extra.rollback ? { rollback: extra.rollback } : {});
  return {
    decision: a.decision,
    tokenChanges: a.tokenChanges,
    specChanges: a.specChanges,
    patternChange: a.patternChange,
    comparable: a.comparable,
  };
}
