import type { Prisma } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import type { ClosureCache } from '../../core/tokens/index.js';
import type { Trigger } from '../../core/contract/api.js';
import type { Proposal, RejectedEarlier } from '../../core/contract/sync.js';
import { unprocessable } from '../errors.js';
import { loadVersionFiles } from './blobs.js';
import type { RequestContext } from './context.js';
import { applyCustomization, assessChange, fileStats, fullTokensOf, storeSnapshot, withVersionTokens, generate, inputsFor, inputsKey, outputUnchanged, patternOf, type ChangeAssessment, type Generated, type GenerationInputs, type PatternRef } from './generation/index.js';
import { branchHead, createDraftInTx, filesHashOf, MAIN, publishInTx } from './versions/index.js';
import { PhaseTimer } from './phases.js';
import { notify } from './notify.js';
import { lastRejected, rejectedEarlier, rejectedWith } from './rejected.js';

type ComponentRow = Prisma.ComponentGetPayload<{ include: { currentVersion: true } }>;

export type ProposalOutcome =
  | { kind: 'unchanged' }
  | { kind: 'proposed'; proposal: Proposal; published: boolean; beforeVersionId: string | null }
  | { kind: 'pending'; proposal: Proposal }
  /** the same change, from the same base, was rejected: not proposed again (rejected.ts) */
  | { kind: 'rejectedEarlier'; rejected: RejectedEarlier };

export interface ProposeOptions {
  trigger: Trigger;
  syncId?: string | undefined;
  branch?: string | undefined;
  generationParams?: Prisma.InputJsonValue | undefined;
  /**
   * The stored token snapshot that `tokens` is (a sync's, a check's): the draft refers to it
   * for its tokens. Without one, `tokens` are stored as a snapshot of their own first.
   */
  tokensSnapshotId?: string | null | undefined;
  /** Make a patch version even when nothing changed (manual regeneration). */
  force?: boolean | undefined;
  /** Propose even a change that was rejected with these same inputs (a regeneration by hand). */
  proposeRejected?: boolean | undefined;
  /** Apply the component's policy (auto publishes non-breaking, conflict-free drafts). */
  applyPolicy?: boolean | undefined;
  timer?: PhaseTimer | undefined;
  /** Files already generated from these same inputs (the sync's generate step). */
  generated?: Generated | undefined;
  /** Warnings about the design to keep on the draft (what a background check warned about it). */
  warnings?: readonly string[] | undefined;
}

/** What the stored `changes` column of a proposed draft holds: enough to rebuild its Proposal. */
export interface StoredChanges {
  reasons: string[];
  tokenChanges: Proposal['tokenChanges'];
  collectionChanges?: Proposal['collectionChanges'];
  specChanges: Proposal['specChanges'];
  files: Proposal['files'];
  fromVersion: string | null;
}

/**
 * The heart of regeneration: given a component's latest spec and tokens, detect what changed
 * against its current version, decide the bump, regenerate, merge customizations, and store a
 * draft (published at once under policy `auto` when nothing breaks and nothing conflicts).
 * Runs inside the caller's transaction so a component is handled atomically.
 */
export async function proposeVersion(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  component: ComponentRow,
  spec: ComponentSpec,
  tokens: TokenSet,
  options: ProposeOptions,
): Promise<ProposalOutcome> {
  const timer = options.timer ?? new PhaseTimer();
  const branch = options.branch ?? MAIN;
  const head = branch === MAIN ? component.currentVersion : await branchHead(tx, component.id, component.currentVersionId, branch);
  const base = head && await withVersionTokens(tx, ctx.projectId, head);
  const baseTokens = await fullTokensOf(tx, ctx.projectId, base);
  const { inputs, pattern, assessment } = timer.measure('detect', () => detectChange(component, spec, tokens, base, baseTokens));
  if (assessment.bump === 'none' && !options.force) return { kind: 'unchanged' };
  const bump = assessment.bump === 'none' ? 'patch' : assessment.bump;
  let reasons = assessment.bump === 'none' ? ['manual regeneration with unchanged inputs'] : assessment.reasons;

  const pending = await tx.componentVersion.findFirst({ where: { componentId: component.id, branch, status: 'draft' }, orderBy: { createdAt: 'desc' } });
  if (pending && !options.force && (pending.baseVersionId ?? null) === (base?.id ?? null) && inputsKey(pending) === inputsKey({ ...inputs, ...pattern })) {
    return { kind: 'pending', proposal: proposalFromDraft(component, pending) };
  }
  if (!options.force && !options.proposeRejected) {
    const rejected = rejectedWith((await lastRejected(tx, [component.id], branch)).get(component.id), base?.id ?? null, inputsKey({ ...inputs, ...pattern }));
    if (rejected) return { kind: 'rejectedEarlier', rejected: rejectedEarlier(component, rejected) };
  }
  const generated = options.generated ?? timer.measure('generate', () => generate(inputs));

  const merged = await applyCustomization(tx, ctx.projectId, component.id, generated.files, ctx.diffs);
  const baseFiles = base ? await loadVersionFiles(tx, base.id) : [];
  const files = timer.measure('diff', () => fileStats(baseFiles, merged.files));
  if (outputUnchanged(assessment, files)) {
    // The inputs differ in nothing that reaches the generated files (e.g. a token's scopes).
    if (!options.force) return { kind: 'unchanged' };
    reasons = ['manual regeneration: inputs changed, generated files unchanged'];
  }
  const changes: StoredChanges = {
    reasons, tokenChanges: assessment.tokenChanges, collectionChanges: assessment.collectionChanges, specChanges: assessment.specChanges, files, fromVersion: base?.version ?? null,
  };
  const draft = await createDraftInTx(tx, ctx, component.id, {
    files: merged.files,
    bump,
    trigger: options.trigger,
    summary: reasons,
    tokens: inputs.tokens as unknown as Prisma.InputJsonValue,
    // Tokens from no stored snapshot (a manual regeneration's) are stored as one: their closure, bounded by the caps.
    tokensSnapshotId: options.tokensSnapshotId ?? await storeSnapshot(tx, ctx.projectId, null, inputs.tokensHash, JSON.stringify(inputs.tokens)),
    spec: inputs.spec as unknown as Prisma.InputJsonValue,
    tokensHash: inputs.tokensHash,
    specHash: inputs.specHash,
    patternId: generated.patternId,
    patternVersion: generated.patternVersion,
    generationParams: options.generationParams,
    branch,
    warnings: [...(options.warnings ?? []), ...merged.warnings],
    changes: changes as unknown as Prisma.InputJsonValue,
    hasConflicts: merged.hasConflicts,
    customized: merged.customized,
    syncId: options.syncId,
    baseFilesHash: base ? filesHashOf(baseFiles) : undefined,
  });
  // Breaking changes and merge conflicts always wait for an explicit accept.
  const autoPublish = options.applyPolicy && component.policy === 'auto' && bump !== 'major' && !merged.hasConflicts;
  const version = autoPublish ? await publishInTx(tx, ctx, draft.id, { comment: 'published automatically (policy auto)' }) : draft;
  if (options.applyPolicy && component.policy !== 'manual') {
    const note = reasons.slice(0, 5).join('; ') + (merged.hasConflicts ? ' — has merge conflicts with customizations' : '');
    await notify(tx, ctx, [autoPublish
      ? { kind: 'version.auto_published', componentId: component.id, title: `${component.name} ${version.version} was published automatically (policy auto)`, body: note, data: { versionId: version.id, bump, syncId: options.syncId ?? null } }
      : { kind: 'draft.proposed', componentId: component.id, title: `${component.name} ${base?.version ?? '(new)'} → ${version.version} is ready for review`, body: note, data: { versionId: version.id, bump, syncId: options.syncId ?? null } }]);
  }
  return { kind: 'proposed', proposal: proposalFromDraft(component, version), published: autoPublish ?? false, beforeVersionId: base?.id ?? null };
}

export interface Detection {
  inputs: GenerationInputs;
  pattern: PatternRef;
  assessment: ChangeAssessment;
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
  component: { name: string; pattern: string | null }, spec: ComponentSpec, tokens: TokenSet,
  base: Prisma.ComponentVersionGetPayload<object> | null, baseTokens?: TokenSet | null,
  designed: DesignInputs = designInputs(component, spec, tokens),
): Detection {
  const { inputs, pattern } = designed;
  const assessment = assessChange(base, { ...inputs, ...pattern }, { fullTokensBefore: baseTokens, fullTokensAfter: tokens, componentName: component.name });
  return { inputs, pattern, assessment };
}

export interface DesignInputs {
  inputs: GenerationInputs;
  pattern: PatternRef;
}

/** What the design gives a component to generate from; throws when it binds tokens the set lacks. */
export function designInputs(component: { name: string; pattern: string | null }, spec: ComponentSpec, tokens: TokenSet, closures?: ClosureCache): DesignInputs {
  const inputs = inputsFor(spec, tokens, component.pattern, closures);
  // The closure holds every ref the set has (refs seed it): no pass over the whole set per component.
  const known = new Set(inputs.tokens.tokens.map((t) => t.id));
  const missing = inputs.spec.tokenRefs.filter((id) => !known.has(id));
  if (missing.length) {
    throw unprocessable('unknown_tokens', `${component.name} binds token(s) that are not in the token set: ${missing.join(', ')}`, { tokenIds: missing });
  }
  return { inputs, pattern: patternOf(inputs) };
}

/**
 * A draft as the proposal it was stored with. `baseVersion` is the number of the version the
 * draft records as its base (baseVersionId), when the caller read it: a draft made from files
 * (POST /components/:id/versions) stores no proposal, so only its base says where it starts.
 */
export function proposalFromDraft(component: { id: string; name: string }, v: Prisma.ComponentVersionGetPayload<object>, baseVersion?: string | null): Proposal {
  const stored = (v.changes ?? {}) as Partial<StoredChanges>;
  return {
    componentId: component.id,
    componentName: component.name,
    draftVersionId: v.id,
    fromVersion: baseVersion !== undefined ? baseVersion : stored.fromVersion ?? null,
    toVersion: v.version,
    bump: (v.bump ?? 'patch') as Proposal['bump'],
    reasons: stored.reasons ?? v.changeSummary,
    tokenChanges: stored.tokenChanges ?? [],
    ...(stored.collectionChanges?.length ? { collectionChanges: stored.collectionChanges } : {}),
    specChanges: stored.specChanges ?? [],
    files: stored.files ?? [],
    warnings: v.warnings,
    ...(v.hasConflicts ? { hasConflicts: true } : {}),
  };
}
