// What changed between a version's inputs and new ones, and the bump it means.
import type { Prisma } from '../../db/generated/client.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { Bump, PatternChange, SpecChange, TokenChange } from '../../../core/contract/changes.js';
import { decideBump, diffSpecs, diffTokenSets, patternChange, tokenNameLookup } from '../../../core/changes/index.js';
import { inputsKey, type GenerationInputs, type PatternRef } from './inputs.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export interface ChangeAssessment {
  bump: Bump | 'none';
  reasons: string[];
  tokenChanges: TokenChange[];
  specChanges: SpecChange[];
  patternChange: PatternChange | null;
}

/** Compares new inputs with a previous version's: what changed, why, and the semver bump. */
export function assessChange(previous: VersionRow | null, inputs: GenerationInputs, generated: PatternRef & { files?: unknown }, componentName: string): ChangeAssessment {
  if (!previous) {
    return { bump: 'major', reasons: [`first version of ${componentName}`], tokenChanges: [], specChanges: [], patternChange: null };
  }
  const before = previousInputs(previous);
  const tokenChanges = before.tokens ? diffTokenSets(before.tokens, inputs.tokens) : [];
  const specChanges = before.spec ? diffSpecs(before.spec, inputs.spec) : [];
  const pattern = patternChange({ id: previous.patternId, version: previous.patternVersion }, { id: generated.patternId, version: generated.patternVersion });
  const decision = decideBump({
    tokenChanges,
    specChanges,
    patternChange: pattern,
    inputsHash: { before: inputsKey(previous), after: inputsKey({ ...inputs, ...generated }) },
    tokenName: tokenNameLookup(...(before.tokens ? [before.tokens] : []), inputs.tokens),
  });
  return { bump: decision.bump, reasons: decision.reasons, tokenChanges, specChanges, patternChange: pattern };
}

/** A stored version's inputs, tolerating versions created from files alone (no spec/tokens). */
export function previousInputs(v: VersionRow): { spec: ComponentSpec | null; tokens: TokenSet | null } {
  const spec = v.spec as unknown as ComponentSpec;
  const tokens = v.tokens as unknown as TokenSet;
  return {
    spec: spec && Array.isArray(spec.props) && Array.isArray(spec.variants) ? spec : null,
    tokens: tokens && Array.isArray(tokens.tokens) && Array.isArray(tokens.collections) ? tokens : null,
  };
}
