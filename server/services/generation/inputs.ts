// What a version is generated from, and generating it.
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import { contextHash, generateComponent, generateTokensCss, selectPattern } from '../../../core/codegen/index.js';
import type { CodegenContext } from '../../../core/codegen/index.js';
import { ClosureCache } from '../../../core/tokens/index.js';
import { normalizeSpec, normalizedSpecHash } from '../../../core/specs/index.js';

/** What a version is generated from: the spec, the tokens it uses (alias closure), and the pattern. */
export interface GenerationInputs {
  spec: ComponentSpec & { tokenRefs: string[] };
  tokens: TokenSet;
  tokensHash: string;
  specHash: string;
  /** the project's components nested instances may import (see core/codegen/layers/context.ts) */
  context?: CodegenContext;
  /** core/codegen contextHash of `context`: "" without one */
  contextHash: string;
}

/**
 * The spec (normalized) and just the tokens it reaches through aliases, with their hashes.
 * `closures` (taken from `tokens`) shares closures and their hashes between the components of
 * one sync: many bind the same tokens, and a closure can be long.
 */
export function inputsFor(
  spec: ComponentSpec,
  tokens: TokenSet,
  patternOverride?: string | null,
  closures: ClosureCache = new ClosureCache(tokens),
  context?: CodegenContext,
): GenerationInputs {
  const normalized = normalizeSpec(patternOverride ? { ...spec, pattern: patternOverride } : spec);
  const { closure, hash } = closures.withHash(normalized.tokenRefs);
  return {
    spec: normalized,
    tokens: closure,
    tokensHash: hash,
    specHash: specHashOf(spec, patternOverride ?? '', () => normalizedSpecHash(normalized)),
    ...(context ? { context } : {}),
    contextHash: contextHash(context),
  };
}

/** Spec hashes of frozen specs (the recorded ones syncs share: services/sync/recorded-specs.ts), by pattern override. */
const frozenHashes = new WeakMap<ComponentSpec, Map<string, string>>();

/**
 * A frozen spec never changes, so neither does its hash: a sync naming a thousand recorded
 * components unchanged hashes none of their layer trees again.
 */
function specHashOf(spec: ComponentSpec, override: string, hash: () => string): string {
  if (!Object.isFrozen(spec)) return hash();
  let byOverride = frozenHashes.get(spec);
  if (!byOverride) frozenHashes.set(spec, (byOverride = new Map()));
  let known = byOverride.get(override);
  if (known === undefined) byOverride.set(override, (known = hash()));
  return known;
}

export interface Generated {
  patternId: string;
  patternVersion: string;
  files: GeneratedFile[];
}

/** Component files from its pattern, plus the CSS custom properties of the tokens it uses. */
export function generate(inputs: GenerationInputs): Generated {
  const out = generateComponent(inputs.spec, inputs.tokens, undefined, inputs.context);
  const files = [...out.files, generateTokensCss(inputs.tokens)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return { patternId: out.patternId, patternVersion: out.patternVersion, files };
}

export interface PatternRef {
  patternId: string;
  patternVersion: string;
}

/** The pattern a spec will be generated with, without generating (cheap change detection). */
export function patternOf(inputs: GenerationInputs): PatternRef {
  const pattern = selectPattern(inputs.spec);
  return { patternId: pattern.id, patternVersion: pattern.version };
}

/**
 * Identity of everything that shapes the generated code: equal keys mean nothing to regenerate.
 * The components a version imports count (`contextHash`); without any the key is as it was
 * before they did, so that older versions still compare equal.
 */
export function inputsKey(v: {
  tokensHash: string;
  specHash: string;
  patternId: string;
  patternVersion: string;
  contextHash?: string | null | undefined;
}): string {
  const base = `${v.tokensHash}:${v.specHash}:${v.patternId}@${v.patternVersion}`;
  return v.contextHash ? `${base}:${v.contextHash}` : base;
}
