// What changed between a version's inputs and new ones, and the bump it means: the one place a bump is decided.
import type { Prisma } from '../../db/generated/client.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type {
  BumpOrNone,
  CollectionChange,
  PatternChange,
  SpecChange,
  TokenChange,
} from '../../../core/contract/changes.js';
import {
  componentTokenChanges,
  decideBump,
  diffSpecs,
  GENERATED_OUTPUT_CHANGED,
  patternChange,
  tokenNameLookup,
  type BumpDecision,
  type BumpInput,
  type TokenNameLookup,
} from '../../../core/changes/index.js';
import { collectTokenRefs } from '../../../core/specs/index.js';
import { inputsKey } from './inputs.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/** What shapes a version's files: as stored on a version row, or as just computed for new inputs. */
export interface VersionInputs {
  tokens: unknown;
  spec: unknown;
  tokensHash: string;
  specHash: string;
  contextHash?: string | null | undefined;
  patternId: string;
  patternVersion: string;
}

export interface ChangeAssessment {
  bump: BumpOrNone;
  reasons: string[];
  decision: BumpDecision;
  tokenChanges: TokenChange[];
  collectionChanges: CollectionChange[];
  specChanges: SpecChange[];
  patternChange: PatternChange | null;
  /**
   * The bump rests only on different inputs presumably generating different files ("generated
   * output changed"): whoever generates must confirm that the files differ, or change nothing.
   */
  outputPresumed: boolean;
  /** Both sides have a stored spec and tokens (versions made from files alone have neither). */
  comparable: boolean;
}

export interface AssessOptions {
  /** the design system's whole token set the previous version was generated from, when known */
  fullTokensBefore?: TokenSet | null | undefined;
  /** the whole token set the new inputs come from, when known (a sync's) */
  fullTokensAfter?: TokenSet | null | undefined;
  /** a rollback is a patch whatever it reverts, and is a version even when inputs are equal */
  rollback?: BumpInput['rollback'];
  /** for the reason of a first version */
  componentName?: string;
}

/**
 * Compares new inputs with a previous version's: what changed, why, and the semver bump.
 * Token changes are those that reach the component through its alias chains before or after
 * (core/changes componentTokenChanges), over the full token sets where known; modes and
 * collections of the tokens it uses count; and when no rule names a change but the inputs
 * differ, the bump is a presumed patch, "generated output changed" (see outputPresumed).
 */
export function assessChange(
  previous: VersionInputs | null,
  next: VersionInputs,
  options: AssessOptions = {},
): ChangeAssessment {
  if (!previous) {
    const reasons = [`first version of ${options.componentName ?? 'the component'}`];
    const decision: BumpDecision = { bump: 'major', severity: 'breaking', reasons, changes: [] };
    return {
      bump: 'major',
      reasons,
      decision,
      tokenChanges: [],
      collectionChanges: [],
      specChanges: [],
      patternChange: null,
      outputPresumed: false,
      comparable: false,
    };
  }
  const a = previousInputs(previous);
  const b = previousInputs(next);
  if (!options.rollback && inputsKey(previous) === inputsKey(next)) {
    // Identical inputs generate identical files: nothing to compare (and the caller need not
    // have read the previous version's stored tokens and spec, most of a row's bytes).
    const decision = decideBump({ inputsHash: { before: inputsKey(previous), after: inputsKey(next) } });
    return {
      bump: 'none',
      reasons: [],
      decision,
      tokenChanges: [],
      collectionChanges: [],
      specChanges: [],
      patternChange: null,
      outputPresumed: false,
      comparable: !!(a.spec && a.tokens && b.spec && b.tokens),
    };
  }
  const pattern = patternChange(
    { id: previous.patternId, version: previous.patternVersion },
    { id: next.patternId, version: next.patternVersion },
  );
  const tokens =
    a.tokens && b.tokens
      ? componentTokenChanges(
          { closure: a.tokens, full: options.fullTokensBefore, refs: refsOf(a.spec) },
          { closure: b.tokens, full: options.fullTokensAfter, refs: refsOf(b.spec) },
        )
      : null;
  const specChanges = a.spec && b.spec ? diffSpecs(a.spec, b.spec) : [];
  const differ = inputsKey(previous) !== inputsKey(next);
  const tokenName: TokenNameLookup =
    tokens?.tokenName ?? tokenNameLookup(...[a.tokens, b.tokens].filter((t): t is TokenSet => t !== null));
  const decision = decideBump({
    tokenChanges: tokens?.tokenChanges ?? [],
    collectionChanges: tokens?.collectionChanges ?? [],
    specChanges,
    patternChange: pattern,
    ...(options.rollback
      ? { rollback: options.rollback }
      : { inputsHash: { before: inputsKey(previous), after: inputsKey(next) } }),
    generatedOutputChanged: differ && !options.rollback,
    tokenName,
  });
  const outputPresumed =
    decision.changes.length > 0 && decision.changes.every((c) => c.reason === GENERATED_OUTPUT_CHANGED);
  return {
    bump: decision.bump,
    reasons: decision.reasons,
    decision,
    tokenChanges: tokens?.tokenChanges ?? [],
    collectionChanges: tokens?.collectionChanges ?? [],
    specChanges,
    patternChange: pattern,
    outputPresumed,
    comparable: !!(a.spec && a.tokens && b.spec && b.tokens),
  };
}

/**
 * Whether a presumed "generated output changed" turned out false once generated: no file
 * differs from the base's (`changedFiles` as fileStats lists them). Then nothing is proposed.
 */
export function outputUnchanged(
  assessment: Pick<ChangeAssessment, 'outputPresumed'>,
  changedFiles: readonly unknown[],
): boolean {
  return assessment.outputPresumed && changedFiles.length === 0;
}

/** The ids a spec binds; a stored spec's tokenRefs already include them, an older one may lack the list. */
function refsOf(spec: (ComponentSpec & { tokenRefs?: string[] }) | null): string[] {
  return spec ? [...(spec.tokenRefs ?? []), ...collectTokenRefs(spec)] : [];
}

/** A stored version's inputs, tolerating versions created from files alone (no spec/tokens). */
export function previousInputs(v: Pick<VersionRow, 'spec' | 'tokens'> | { spec: unknown; tokens: unknown }): {
  spec: (ComponentSpec & { tokenRefs?: string[] }) | null;
  tokens: TokenSet | null;
} {
  const spec = v.spec as ComponentSpec | null;
  const tokens = v.tokens as TokenSet | null;
  return {
    spec: spec && Array.isArray(spec.props) && Array.isArray(spec.variants) ? spec : null,
    tokens: tokens && Array.isArray(tokens.tokens) && Array.isArray(tokens.collections) ? tokens : null,
  };
}
