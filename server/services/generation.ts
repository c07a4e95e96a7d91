import type { Prisma, PrismaClient } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import type { GeneratedFile } from '../../core/contract/api.js';
import type { Bump, PatternChange, SpecChange, TokenChange } from '../../core/contract/changes.js';
import { generateComponent, generateTokensCss, selectPattern } from '../../core/codegen/index.js';
import { decideBump, diffSpecs, diffTokenSets, patternChange, tokenNameLookup } from '../../core/changes/index.js';
import { diffFileSets, mergeFileSets } from '../../core/diff/index.js';
import { canonicalHash } from '../../core/tokens/hash.js';
import { hashTokenSet, tokenClosure } from '../../core/tokens/index.js';
import { normalizeSpec } from '../../core/specs/index.js';
import { loadBlobs, loadVersionFiles } from './blobs.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/** What a version is generated from: the spec, the tokens it uses (alias closure), and the pattern. */
export interface GenerationInputs {
  spec: ComponentSpec & { tokenRefs: string[] };
  tokens: TokenSet;
  tokensHash: string;
  specHash: string;
}

/** The spec (normalized) and just the tokens it reaches through aliases, with their hashes. */
export function inputsFor(spec: ComponentSpec, tokens: TokenSet, patternOverride?: string | null): GenerationInputs {
  const normalized = normalizeSpec(patternOverride ? { ...spec, pattern: patternOverride } : spec);
  const closure = tokenClosure(tokens, normalized.tokenRefs);
  return { spec: normalized, tokens: closure, tokensHash: hashTokenSet(closure), specHash: canonicalHash(normalized) };
}

export interface Generated {
  patternId: string;
  patternVersion: string;
  files: GeneratedFile[];
}

/** Component files from its pattern, plus the CSS custom properties of the tokens it uses. */
export function generate(inputs: GenerationInputs): Generated {
  const out = generateComponent(inputs.spec, inputs.tokens);
  const files = [...out.files, generateTokensCss(inputs.tokens)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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

/** Identity of everything that shapes the generated code: equal keys mean nothing to regenerate. */
export function inputsKey(v: { tokensHash: string; specHash: string; patternId: string; patternVersion: string }): string {
  return `${v.tokensHash}:${v.specHash}:${v.patternId}@${v.patternVersion}`;
}

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

export interface CustomizedFiles {
  files: GeneratedFile[];
  customized: boolean;
  hasConflicts: boolean;
  warnings: string[];
}

/**
 * Three-way merges the component's active customization (base = the generated files it was
 * made against, ours = the developer's files, theirs = the new generation). Clean merges keep
 * the edits; conflicts leave markers and one warning per conflict region.
 */
export async function applyCustomization(tx: Tx, componentId: string, generated: GeneratedFile[]): Promise<CustomizedFiles> {
  const custom = await tx.customization.findFirst({ where: { componentId, replacedAt: null }, orderBy: { createdAt: 'desc' } });
  if (!custom) return { files: generated, customized: false, hasConflicts: false, warnings: [] };
  const refs = custom.files as Array<{ path: string; sha256: string }>;
  const contents = await loadBlobs(tx, refs.map((r) => r.sha256));
  const ours = refs.map((r) => ({ path: r.path, content: contents.get(r.sha256) ?? '' }));
  const baseVersion = await tx.componentVersion.findUnique({ where: { id: custom.versionId } });
  const base = baseVersion ? (await generatedFilesOf(tx, baseVersion)).files : [];
  const merged = mergeFileSets(
    { base, ours, theirs: generated },
    { oursIsPartial: true, labels: { ours: 'customized', base: `generated ${baseVersion?.version ?? ''}`.trim(), theirs: 'regenerated' } },
  );
  const warnings: string[] = [];
  const files: GeneratedFile[] = [];
  for (const f of merged.files) {
    if (f.content !== null) files.push({ path: f.path, content: f.content });
    if (f.status === 'conflict') {
      for (const region of f.conflicts) {
        warnings.push(`conflict in ${f.path} lines ${region.startLine}–${region.endLine}: customized and regenerated code both changed it${f.reason ? ` (${f.reason})` : ''}`);
      }
      if (f.conflicts.length === 0) warnings.push(`conflict in ${f.path}: ${f.reason ?? 'customized and regenerated versions differ'}`);
    } else if (f.customized && f.content !== null) {
      warnings.push(`customizations preserved in ${f.path}`);
    }
  }
  return { files, customized: true, hasConflicts: !merged.clean, warnings };
}

/**
 * What the generator produced for a version, before any customization was merged in: the merge
 * base of a customization made against that version. A customized version's stored files carry
 * the earlier edits; used as the base, a regeneration (which lacks them) would look like it
 * removed them, and the merge would silently drop them. Generation is deterministic, so the
 * stored inputs give the original files back as long as the pattern version is unchanged;
 * otherwise (or for versions made from files alone) the stored files are the best base there is.
 */
export async function generatedFilesOf(db: Tx | PrismaClient, version: VersionRow): Promise<{ files: GeneratedFile[]; exact: boolean }> {
  if (version.customized) {
    const inputs = previousInputs(version);
    if (inputs.spec && inputs.tokens) {
      const stored = inputsFor(inputs.spec, inputs.tokens);
      const again = generate(stored);
      if (inputsKey({ ...stored, ...again }) === inputsKey(version)) return { files: again.files, exact: true };
    }
    return { files: await loadVersionFiles(db, version.id), exact: false };
  }
  return { files: await loadVersionFiles(db, version.id), exact: true };
}

/** Per-file line counts against the base version, for proposals and list views. */
export function fileStats(oldFiles: GeneratedFile[], newFiles: GeneratedFile[]) {
  return diffFileSets(oldFiles, newFiles, { includeHunks: false, includeUnchanged: false }).files.map((f) => ({
    path: f.path,
    added: f.added,
    removed: f.removed,
    status: f.status,
  }));
}
