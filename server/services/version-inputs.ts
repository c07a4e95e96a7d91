import type { Prisma } from '../db/generated/client.js';
import type { PatternChange, SpecChange, TokenChange } from '../../core/contract/changes.js';
import { decideBump, diffSpecs, diffTokenSets, patternChange, tokenNameLookup, type BumpDecision, type BumpInput } from '../../core/changes/index.js';
import { previousInputs } from './generation/index.js';
import type { DraftInput } from './versions/index.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/** The stored inputs of a version, as a new version that reuses them (rollback, merge) takes them. */
export type StoredInputs = Required<Pick<DraftInput, 'tokens' | 'spec' | 'tokensHash' | 'specHash' | 'patternId' | 'patternVersion'>>;

export function storedInputsOf(v: VersionRow): StoredInputs {
  return {
    tokens: v.tokens as Prisma.InputJsonValue,
    spec: v.spec as Prisma.InputJsonValue,
    tokensHash: v.tokensHash,
    specHash: v.specHash,
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

type Inputs = Pick<VersionRow, 'tokens' | 'spec' | 'tokensHash' | 'specHash' | 'patternId' | 'patternVersion'>;

/**
 * What changes from one version's inputs to another's, classified by core/changes, e.g. what a
 * rollback reverts or what a merge brings to main. Sides without stored inputs compare as
 * "nothing known": no changes, and `comparable` false so callers can fall back.
 */
export function changesBetween(before: Inputs, after: Inputs, extra: Pick<BumpInput, 'rollback'> = {}): InputChanges {
  const a = previousInputs(before as VersionRow);
  const b = previousInputs(after as VersionRow);
  const comparable = !!(a.spec && a.tokens && b.spec && b.tokens);
  const tokenChanges = a.tokens && b.tokens ? diffTokenSets(a.tokens, b.tokens) : [];
  const specChanges = a.spec && b.spec ? diffSpecs(a.spec, b.spec) : [];
  const pattern = patternChange({ id: before.patternId, version: before.patternVersion }, { id: after.patternId, version: after.patternVersion });
  const key = (v: Inputs) => `${v.tokensHash}:${v.specHash}:${v.patternId}@${v.patternVersion}`;
  const decision = decideBump({
    tokenChanges,
    specChanges,
    patternChange: pattern,
    // A rollback is a version whatever it reverts; equal hashes must not turn it into 'none'.
    ...(extra.rollback ? {} : { inputsHash: { before: key(before), after: key(after) } }),
    tokenName: tokenNameLookup(...[a.tokens, b.tokens].filter((t) => t !== null)),
    ...extra,
  });
  return { decision, tokenChanges, specChanges, patternChange: pattern, comparable };
}
