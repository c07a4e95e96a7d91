// Proposing drafts from a design, for N components at once (one component is the same code as
// a thousand): detect → settle → generate → customize → diff → plan → write → publish → notify.
// Runs inside the caller's transaction, so what it proposes is written all together or not at all.
import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { Trigger } from '../../../core/contract/api.js';
import type { Bump } from '../../../core/contract/changes.js';
import { maxBump } from '../../../core/changes/index.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { FileStat, Proposal, RejectedEarlier } from '../../../core/contract/sync.js';
import type { AuditInput } from '../../lib/audit.js';
import { loadFilesOfVersions } from '../../lib/blobs.js';
import type { RequestContext } from '../../lib/context.js';
import {
  applyCustomization,
  contextFor,
  fileStats,
  fullTokensOf,
  generate,
  inputsKey,
  outputUnchanged,
  projectContext,
  storeSnapshot,
  withVersionTokensAll,
  type CustomizedFiles,
  type Generated,
} from '../generation/index.js';
import { notify, type NotificationInput } from '../notifications/index.js';
import { PhaseTimer } from '../../lib/phases.js';
import { lastRejected, rejectedEarlier, rejectedWith } from './rejected.js';
import { branchHead, filesHashOf, MAIN, publishInTx } from '../versions/index.js';
import { detectChange, type Detection } from './detect.js';
import { pendingDraftsOf } from './pending.js';
import type { Groundwork } from './prepare.js';
import { proposalFromDraft, type ProposedRow, type StoredChanges } from './proposal.js';
import { writeDrafts, type DraftToWrite, type PackedFiles } from './write.js';

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
   * The stored token snapshot that the design's tokens are (a sync's, a check's): drafts refer
   * to it for their tokens. Without one, each draft's tokens are stored as a snapshot of their own.
   */
  tokensSnapshotId?: string | null | undefined;
  /** Make a patch version even when nothing changed (manual regeneration). */
  force?: boolean | undefined;
  /** Propose even a change that was rejected with these same inputs (a regeneration by hand). */
  proposeRejected?: boolean | undefined;
  /** Apply the component's policy (auto publishes non-breaking, conflict-free drafts; manual notifies no one). */
  applyPolicy?: boolean | undefined;
  timer?: PhaseTimer | undefined;
  /** The blobs of the components' files, looked up before the transaction (prepareDrafts). */
  packed?: PackedFiles | undefined;
  /** Audit entries of the same change to record with the drafts' (the components a sync created). */
  audits?: readonly AuditInput[] | undefined;
}

/** A stored component, as far as proposing a draft of it needs. */
export interface ProposedComponent {
  id: string;
  name: string;
  pattern: string | null;
  policy: string;
  currentVersion: { id: string; version: string } | null;
  /** Whether it has an active customization, when the caller read it already. */
  customized?: boolean | undefined;
  /** Created in this transaction: no versions, no drafts. */
  fresh?: boolean | undefined;
}

/** What a sync's detect and generate steps found outside any transaction. */
export interface Seen {
  detection: Detection;
  /** the component's pattern override the detection used */
  pattern: string | null;
  /** the version the detection compared against */
  baseVersionId: string | null;
  /** false when detect found nothing to generate (no bump, a pending draft or a rejection with these inputs) */
  generated: Generated | undefined;
}

export interface ProposeItem {
  component: ProposedComponent;
  spec: ComponentSpec;
  /** the design's whole token set */
  tokens: TokenSet;
  /** What detection saw before the transaction: it stands while the component is still as it saw it. */
  seen?: Seen | undefined;
  /** Diffs and hashes made before the transaction (prepareDrafts): they stand for the same files on the same base. */
  groundwork?: Groundwork | undefined;
  /** Warnings about the design to keep on the draft (what a background check warned about it). */
  warnings?: readonly string[] | undefined;
  /**
   * Proposed for a reason outside its own inputs (a component it uses goes major): the draft
   * is made even when its inputs are unchanged, with this bump and these reasons.
   */
  because?: { bump: Bump; reasons: string[] } | undefined;
}

type Head = { id: string; version: string };

/** One component on its way through the steps. */
interface Work {
  item: ProposeItem;
  head: Head | null;
  detection: Detection;
  /** Detection stands as the sync saw it, and found a draft to make: its pending and rejection checks stand too. */
  checked: boolean;
  outcome?: ProposalOutcome;
  bump: Bump;
  reasons: string[];
  generated?: Generated;
  merged?: CustomizedFiles;
  stats?: FileStat[];
  baseFilesHash?: string | null;
  draft?: DraftToWrite;
}

/**
 * The heart of regeneration: given components' latest specs and tokens, detect what changed
 * against their current versions, decide the bumps, regenerate, merge customizations, and store
 * drafts (published at once under policy `auto` when nothing breaks and nothing conflicts).
 * One outcome per item, in their order.
 */
export async function proposeDrafts(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  items: readonly ProposeItem[],
  options: ProposeOptions,
): Promise<ProposalOutcome[]> {
  const timer = options.timer ?? new PhaseTimer();
  const branch = options.branch ?? MAIN;
  const work = await detect(tx, ctx, items, branch, timer);
  await settle(tx, work, branch, options);
  generateFiles(live(work), timer);
  await customize(tx, ctx, live(work));
  await diff(tx, live(work), options, timer);
  await plan(tx, ctx, live(work), branch, options);
  const written = await writeDrafts(
    tx,
    ctx,
    live(work).map((w) => w.draft!),
    { packed: options.packed, audits: options.audits },
  );
  const versions = await publish(tx, ctx, live(work), written, options);
  await notify(tx, ctx, notifications(live(work), versions, options));
  for (const [i, w] of live(work).entries()) {
    w.outcome = {
      kind: 'proposed',
      proposal: proposalFromDraft(w.item.component, versions[i]!),
      published: autoPublishes(w, options),
      beforeVersionId: w.head?.id ?? null,
    };
  }
  return work.map((w) => w.outcome!);
}

/** One component (regeneration by hand or by a job): the same steps as a sync's thousand. */
export async function proposeVersion(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  component: ProposedComponent,
  spec: ComponentSpec,
  tokens: TokenSet,
  options: ProposeOptions & { warnings?: readonly string[] | undefined },
): Promise<ProposalOutcome> {
  const [outcome] = await proposeDrafts(tx, ctx, [{ component, spec, tokens, warnings: options.warnings }], options);
  return outcome!;
}

/** The components still on their way to a draft. */
const live = (work: Work[]): Work[] => work.filter((w) => !w.outcome);

/**
 * Each component's head and its detection against it: what the sync saw when the component is
 * still as it saw it (same pattern override, same head), else detected here.
 */
async function detect(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  items: readonly ProposeItem[],
  branch: string,
  timer: PhaseTimer,
): Promise<Work[]> {
  const heads: Array<Head | null> = [];
  for (const { component } of items) {
    heads.push(
      branch === MAIN
        ? component.currentVersion
        : await branchHead(tx, component.id, component.currentVersion?.id ?? null, branch),
    );
  }
  const stands = items.map(
    ({ component, seen }, i) =>
      !!seen && seen.pattern === component.pattern && seen.baseVersionId === (heads[i]?.id ?? null),
  );
  const baseIds = items.flatMap((_, i) => (!stands[i] && heads[i] ? [heads[i]!.id] : []));
  const read = baseIds.length ? await tx.componentVersion.findMany({ where: { id: { in: baseIds } } }) : [];
  const bases = new Map((await withVersionTokensAll(tx, ctx.projectId, read)).map((v) => [v.id, v]));
  // Detected here (a regeneration job, by hand, a dependent): its code imports the project's
  // components its instances use, as a sync's would.
  const fresh = items.filter((_, i) => !stands[i]).map((item) => item.spec);
  const context = fresh.length ? await projectContext({ db: tx, projectId: ctx.projectId }, fresh) : undefined;
  const work: Work[] = [];
  for (const [i, item] of items.entries()) {
    const { component, spec, tokens, seen } = item;
    let detection: Detection;
    if (stands[i]) detection = seen!.detection;
    else {
      const base = heads[i] ? (bases.get(heads[i]!.id) ?? null) : null;
      const baseTokens = await fullTokensOf(tx, ctx.projectId, base);
      detection = timer.measure('detect', () => detectChange(component, spec, tokens, base, baseTokens));
      const own = context && contextFor(spec, context);
      if (own) detection.inputs.context = own;
    }
    const { assessment } = detection;
    const { because } = item;
    const unchanged = assessment.bump === 'none';
    work.push({
      item,
      head: heads[i] ?? null,
      detection,
      checked: stands[i]! && seen!.generated !== undefined,
      bump: unchanged ? (because?.bump ?? 'patch') : (maxBump(assessment.bump, because?.bump ?? 'patch') as Bump),
      reasons: unchanged
        ? (because?.reasons ?? ['manual regeneration with unchanged inputs'])
        : [...assessment.reasons, ...(because?.reasons ?? [])],
    });
  }
  return work;
}

/**
 * What needs no new draft: unchanged inputs (unless forced), a pending draft with these very
 * inputs on this base, a change rejected with these inputs (unless proposed again by hand).
 */
async function settle(tx: Tx, work: Work[], branch: string, options: ProposeOptions): Promise<void> {
  if (options.force) return;
  for (const w of work)
    if (w.detection.assessment.bump === 'none' && !w.item.because) w.outcome = { kind: 'unchanged' };
  const unchecked = live(work).filter((w) => !w.checked);
  if (!unchecked.length) return;
  const pending = await pendingDraftsOf(
    tx,
    unchecked.map((w) => w.item.component.id),
    branch,
  );
  for (const w of unchecked) {
    const draft = pending.get(w.item.component.id);
    if (draft && (draft.baseVersionId ?? null) === (w.head?.id ?? null) && inputsKey(draft) === inputsOf(w)) {
      w.outcome = { kind: 'pending', proposal: proposalFromDraft(w.item.component, draft) };
    }
  }
  if (options.proposeRejected) return;
  const open = unchecked.filter((w) => !w.outcome);
  const rejected = await lastRejected(
    tx,
    open.map((w) => w.item.component.id),
    branch,
  );
  for (const w of open) {
    const match = rejectedWith(rejected.get(w.item.component.id), w.head?.id ?? null, inputsOf(w));
    if (match) w.outcome = { kind: 'rejectedEarlier', rejected: rejectedEarlier(w.item.component, match) };
  }
}

const inputsOf = (w: Work): string => inputsKey({ ...w.detection.inputs, ...w.detection.pattern });

/** The files from the design: generated by the sync already when its pattern override still holds. */
function generateFiles(work: Work[], timer: PhaseTimer): void {
  for (const w of work) {
    const { seen, component } = w.item;
    const same = seen && seen.pattern === component.pattern ? seen.generated : undefined;
    w.generated = same ?? timer.measure('generate', () => generate(w.detection.inputs));
  }
}

/** Active customizations merged three-way into the new files. */
async function customize(tx: Tx, ctx: Omit<RequestContext, 'db'>, work: Work[]): Promise<void> {
  const unknown = work.filter((w) => w.item.component.customized === undefined).map((w) => w.item.component.id);
  const found = unknown.length
    ? new Set(
        (
          await tx.customization.findMany({
            where: { componentId: { in: unknown }, replacedAt: null },
            select: { componentId: true },
          })
        ).map((c) => c.componentId),
      )
    : new Set<string>();
  for (const w of work) {
    const files = w.generated!.files;
    const customized = w.item.component.customized ?? found.has(w.item.component.id);
    w.merged = customized
      ? await applyCustomization(tx, ctx.projectId, w.item.component.id, files, ctx.diffs)
      : { files, customized: false, hasConflicts: false, warnings: [] };
  }
}

/**
 * Each draft's files against its base: the diff made before the transaction when it is of the
 * same files on the same base, else made here. Inputs that differ in nothing reaching the files
 * (e.g. a token's scopes) propose nothing, unless forced.
 */
async function diff(tx: Tx, work: Work[], options: ProposeOptions, timer: PhaseTimer): Promise<void> {
  const stands = (w: Work) =>
    w.item.groundwork?.files === w.merged!.files && w.item.groundwork.baseVersionId === (w.head?.id ?? null);
  const baseFiles = await loadFilesOfVersions(
    tx,
    work.flatMap((w) => (!stands(w) && w.head ? [w.head.id] : [])),
  );
  for (const w of work) {
    if (stands(w)) {
      w.stats = w.item.groundwork!.stats;
      w.baseFilesHash = w.item.groundwork!.baseFilesHash;
    } else {
      const before = w.head ? (baseFiles.get(w.head.id) ?? []) : [];
      w.stats = timer.measure('diff', () => fileStats(before, w.merged!.files));
      w.baseFilesHash = w.head ? filesHashOf(before) : null;
    }
    if (outputUnchanged(w.detection.assessment, w.stats)) {
      if (!options.force) w.outcome = { kind: 'unchanged' };
      else w.reasons = ['manual regeneration: inputs changed, generated files unchanged'];
    }
  }
}

/** The draft each component gets: its files, inputs, proposal (`changes`) and warnings. */
async function plan(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  work: Work[],
  branch: string,
  options: ProposeOptions,
): Promise<void> {
  for (const w of work) {
    const { inputs, assessment } = w.detection;
    const merged = w.merged!;
    const changes: StoredChanges = {
      reasons: w.reasons,
      tokenChanges: assessment.tokenChanges,
      collectionChanges: assessment.collectionChanges,
      specChanges: assessment.specChanges,
      files: w.stats!,
      fromVersion: w.head?.version ?? null,
    };
    const groundwork = w.item.groundwork?.files === merged.files ? w.item.groundwork : undefined;
    w.draft = {
      componentId: w.item.component.id,
      head: w.head,
      baseFilesHash: w.baseFilesHash ?? null,
      fresh: w.item.component.fresh,
      refs: groundwork?.refs,
      input: {
        files: merged.files,
        bump: w.bump,
        trigger: options.trigger,
        summary: w.reasons,
        tokens: inputs.tokens as unknown as Prisma.InputJsonValue,
        // Tokens from no stored snapshot (a manual regeneration's) are stored as one: their closure, bounded by the caps.
        tokensSnapshotId:
          options.tokensSnapshotId ??
          (await storeSnapshot(tx, ctx.projectId, null, inputs.tokensHash, JSON.stringify(inputs.tokens))),
        spec: inputs.spec as unknown as Prisma.InputJsonValue,
        tokensHash: inputs.tokensHash,
        specHash: inputs.specHash,
        patternId: w.generated!.patternId,
        patternVersion: w.generated!.patternVersion,
        generationParams: options.generationParams,
        branch,
        warnings: [...(w.item.warnings ?? []), ...merged.warnings],
        changes: changes as unknown as Prisma.InputJsonValue,
        hasConflicts: merged.hasConflicts,
        customized: merged.customized,
        syncId: options.syncId,
      },
    };
  }
}

/** Breaking changes and merge conflicts always wait for an explicit accept. */
function autoPublishes(w: Work, options: ProposeOptions): boolean {
  return !!options.applyPolicy && w.item.component.policy === 'auto' && w.bump !== 'major' && !w.merged!.hasConflicts;
}

/** Drafts published at once under policy auto; each draft's version after that. */
async function publish(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  work: Work[],
  written: ProposedRow[],
  options: ProposeOptions,
): Promise<ProposedRow[]> {
  const out: ProposedRow[] = [];
  for (const [i, w] of work.entries()) {
    out.push(
      autoPublishes(w, options)
        ? await publishInTx(tx, ctx, written[i]!.id, { comment: 'published automatically (policy auto)' })
        : written[i]!,
    );
  }
  return out;
}

/** Whom the new versions concern hears of them, as the component's policy says. */
function notifications(work: Work[], versions: ProposedRow[], options: ProposeOptions): NotificationInput[] {
  if (!options.applyPolicy) return [];
  return work.flatMap((w, i): NotificationInput[] => {
    const { component } = w.item;
    if (component.policy === 'manual') return [];
    const version = versions[i]!;
    const body =
      w.reasons.slice(0, 5).join('; ') + (w.merged!.hasConflicts ? ' — has merge conflicts with customizations' : '');
    const data = { versionId: version.id, bump: w.bump, syncId: options.syncId ?? null };
    return [
      autoPublishes(w, options)
        ? {
            kind: 'version.auto_published',
            componentId: component.id,
            title: `${component.name} ${version.version} was published automatically (policy auto)`,
            body,
            data,
          }
        : {
            kind: 'draft.proposed',
            componentId: component.id,
            title: `${component.name} ${w.head?.version ?? '(new)'} → ${version.version} is ready for review`,
            body,
            data,
          },
    ];
  });
}
