// Detect: what a component's design gives it to generate from, and how that differs from its base (pure).
import type { Prisma } from '../../db/generated/client.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { CodegenContext } from '../../../core/codegen/index.js';
import type { ClosureCache } from '../../../core/tokens/index.js';
import { unprocessable } from '../../lib/errors.js';
import {
  assessChange,
  inputsFor,
  patternOf,
  type ChangeAssessment,
  type GenerationInputs,
  type PatternRef,
} from '../generation/index.js';

export interface Detection {
  inputs: GenerationInputs;
  pattern: PatternRef;
  assessment: ChangeAssessment;
}

export interface DesignInputs {
  inputs: GenerationInputs;
  pattern: PatternRef;
}

/**
 * Pure change detection (no generation, no I/O): the component's inputs from the design and
 * how they differ from `base`. `tokens` is the design's whole token set; `baseTokens` the one
 * `base` was generated from (fullTokensOf), when known: without it, what lies outside base's
 * stored closure is taken as unchanged, which gives the same bump (none or not) and misses
 * only details of tokens that are newly reached. Throws when the spec binds tokens the set
 * does not have.
 */
export function detectChange(
  component: { name: string; pattern: string | null },
  spec: ComponentSpec,
  tokens: TokenSet,
  base: Prisma.ComponentVersionGetPayload<object> | null,
  baseTokens?: TokenSet | null,
  designed: DesignInputs = designInputs(component, spec, tokens),
): Detection {
  const { inputs, pattern } = designed;
  const assessment = assessChange(
    base,
    { ...inputs, ...pattern },
    { fullTokensBefore: baseTokens, fullTokensAfter: tokens, componentName: component.name },
  );
  return { inputs, pattern, assessment };
}

/**
 * What the design gives a component to generate from, `context` the project components it
 * imports (generation/codegen-context.ts); throws when it binds tokens the set lacks.
 */
export function designInputs(
  component: { name: string; pattern: string | null },
  spec: ComponentSpec,
  tokens: TokenSet,
  closures?: ClosureCache,
  context?: CodegenContext,
): DesignInputs {
  const inputs = inputsFor(spec, tokens, component.pattern, closures, context);
  // The closure holds every ref the set has (refs seed it): no pass over the whole set per component.
  const known = new Set(inputs.tokens.tokens.map((t) => t.id));
  const missing = inputs.spec.tokenRefs.filter((id) => !known.has(id));
  if (missing.length) {
    throw unprocessable(
      'unknown_tokens',
      `${component.name} binds token(s) that are not in the token set: ${missing.join(', ')}`,
      { tokenIds: missing },
    );
  }
  return { inputs, pattern: patternOf(inputs) };
}
