import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import type { Bump } from '../../../core/contract/changes.js';
import { maxBump } from '../../../core/changes/index.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { withTokenRefs } from '../../../core/specs/index.js';
import { hashTokenSet, tokenClosure } from '../../../core/tokens/index.js';
import type { FileSetDiff, MergeTooLarge } from '../../../core/diff/index.js';
import { conflictWarning, pathsWithConflictMarkers } from '../../../core/diff/conflict-markers.js';
import { conflict, unprocessable } from '../../lib/errors.js';
import { onThisThread, type Differ } from '../../workers/diffs.js';
import { toJsonColumn } from '../../lib/json-column.js';
import { recordAudit } from '../../lib/audit.js';
import { insertBlobs, loadVersionFiles, packNewBlobs } from '../../lib/blobs.js';
import {
  branchView,
  findBranch,
  mergeSides,
  findComponent,
  filesHash,
  MAIN,
  mergeSourceOf,
  validateFiles,
} from '../versions/index.js';
import type { RequestContext } from '../../lib/context.js';
import { previousInputs, statsOfDiff, withVersionTokensAll } from '../generation/index.js';
import { changesBetween, storedInputsOf, type StoredInputs } from './version-inputs.js';
import { createDraftInTx } from './from-files.js';
import { supersedeDrafts } from './write.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export interface ConflictRef {
  path: string;
  startLine: number;
  endLine: number;
  /** The file was too large to merge line by line: the region is the whole file. */
  tooLarge?: MergeTooLarge;
}

export type MergeStrategy = 'fast-forward' | 'three-way' | 'resolved';

/**
 * Brings a branch's head into main.
 * - main unmoved since the branch point (current = branch base): fast-forward, the new main
 *   version has the head's files and inputs;
 * - main moved: three-way merge of files (base = branch base, ours = main's current,
 *   theirs = branch head). Clean → published on main. Conflicts → nothing is lost and nothing
 *   is published: a DRAFT on main carries the conflict markers (hasConflicts, one warning per
 *   region) and the answer lists the regions. Resolve by calling merge again with the edited
 *   `files`, or by publishing a fixed draft; either closes the branch (publishInTx). A file too
 *   large to merge line by line (core/diff's limits) is one whole-file conflict that says so;
 * - `files` given: the caller's resolution is published as the merge result (no markers allowed).
 * The new main version is numbered by `mergeBump`. Publishing closes the branch (mergedAt,
 * mergedVersionId) in the same transaction; the branch's pending drafts are superseded; drafts
 * pending on main stay pending and turn stale. Audited as branch.merge.
 *
 * The merge is computed first, outside any transaction, on the diff thread: a merge of big files
 * outlived the 5 s interactive transaction it ran in. The short transaction that writes it locks
 * the component and the branch and checks that neither main nor the branch moved meanwhile
 * (409 stale_merge: merge again).
 */
export async function mergeBranch(
  ctx: RequestContext,
  componentId: string,
  name: string,
  input: { files?: GeneratedFile[] | undefined } = {},
) {
  if (input.files) checkResolution(input.files);
  const plan = await planMerge(ctx, componentId, name, input.files);
  // Compressing is slow too; blobs are never deleted, so packing them before the transaction is safe.
  const packed = await packNewBlobs(ctx.db, plan.files);
  return ctx.db.$transaction(async (tx) => {
    await checkUnmoved(tx, plan);
    await insertBlobs(tx, packed);
    const { b, base, head, current, strategy, inputs, files, conflicts, diff, warnings } = plan;
    if (!plan.bump) {
      // main already has everything the branch did (e.g. the same edit made on both): close it on the current version.
      await tx.branch.update({ where: { id: b.id }, data: { mergedAt: new Date(), mergedVersionId: current.id } });
      await supersedeBranchDrafts(tx, ctx, componentId, name);
      await audit(tx, ctx, b.id, { name, strategy, status: 'up_to_date', current, head, version: current, conflicts });
      return {
        status: 'up_to_date' as const,
        strategy,
        version: current,
        conflicts,
        diff,
        warnings,
        branch: await branchView(tx, await findBranch(tx, componentId, name)),
      };
    }

    const { bump, reasons, tokenChanges, specChanges } = plan.bump;
    await supersedeEarlierMergeDrafts(tx, ctx, componentId, name);
    if (conflicts.length === 0) await supersedeBranchDrafts(tx, ctx, componentId, name);
    const version = await createDraftInTx(tx, ctx, componentId, {
      ...inputs,
      files,
      bump,
      trigger: 'merge',
      summary: [`merge of branch ${name} (${head.version})`, ...reasons],
      generationParams: {
        merge: {
          branch: name,
          branchId: b.id,
          headVersionId: head.id,
          headVersion: head.version,
          baseVersionId: base.id,
          baseVersion: base.version,
          strategy,
        },
      },
      branch: MAIN,
      tags: ['merge'],
      warnings,
      changes: toJsonColumn({
        reasons,
        tokenChanges,
        specChanges,
        files: statsOfDiff(diff),
        fromVersion: current.version,
      }),
      hasConflicts: conflicts.length > 0,
      // Publishing closes the branch (see publishInTx); a conflicted draft waits for a resolution.
      publish: conflicts.length === 0,
      keepPendingDrafts: true,
      baseFilesHash: plan.beforeHash,
    });
    const status = conflicts.length > 0 ? ('conflicts' as const) : ('merged' as const);
    await audit(tx, ctx, b.id, {
      name,
      strategy,
      status,
      current,
      head,
      version,
      conflicts,
      beforeHash: plan.beforeHash,
      afterHash: await filesHash(tx, version.id),
    });
    return {
      status,
      strategy,
      version,
      conflicts,
      diff,
      warnings,
      branch: await branchView(tx, await findBranch(tx, componentId, name)),
    };
  });
}

type MergePlan = Awaited<ReturnType<typeof planMerge>>;

/** Everything a merge writes, read and computed without a transaction (checked again by checkUnmoved). */
async function planMerge(
  ctx: RequestContext,
  componentId: string,
  name: string,
  resolution: GeneratedFile[] | undefined,
) {
  const db = ctx.db;
  const differ: Differ = ctx.diffs ?? onThisThread;
  const component = await findComponent(db, ctx.projectId, componentId);
  const b = await findBranch(db, componentId, name);
  if (b.mergedAt) throw branchMerged(b);
  const sides = await mergeSides(db, b);
  const { baseFiles, headFiles } = sides;
  if (sides.head.id === sides.base.id)
    throw unprocessable(
      'nothing_to_merge',
      `Branch ${name} has no published versions yet; publish a version on it first`,
    );
  if (!component.currentVersion)
    throw unprocessable(
      'no_current_version',
      `${component.name} has no current version on main; roll back or publish one first`,
    );
  // The three sides' token inputs, read where they are kept by reference.
  const [base, head, current] = (await withVersionTokensAll(db, ctx.projectId, [
    sides.base,
    sides.head,
    component.currentVersion,
  ])) as [VersionRow, VersionRow, VersionRow];
  const currentFiles = await loadVersionFiles(db, current.id);

  const warnings: string[] = [];
  const strategy: MergeStrategy = resolution ? 'resolved' : current.id === base.id ? 'fast-forward' : 'three-way';
  const inputs = current.id === base.id ? storedInputsOf(head) : mergeInputs(base, current, head, name, warnings);
  let files: GeneratedFile[];
  let conflicts: ConflictRef[] = [];
  if (resolution) files = resolution;
  else if (strategy === 'fast-forward') files = headFiles;
  else
    ({ files, conflicts } = await threeWay(
      differ,
      baseFiles,
      currentFiles,
      headFiles,
      { base, current, head, name },
      warnings,
    ));

  const diff: FileSetDiff = await differ.diffFileSets(currentFiles, files, { includeUnchanged: false });
  const upToDate = conflicts.length === 0 && diff.files.length === 0 && sameInputs(current, inputs);
  const bump = upToDate ? null : await mergeBump(db, current, inputs, componentId, name);
  return {
    b,
    base,
    head,
    current,
    strategy,
    inputs,
    files,
    conflicts,
    diff,
    warnings,
    bump,
    beforeHash: await filesHash(db, current.id),
  };
}

/**
 * Locks the component and the branch, then checks that what the merge was computed from is
 * still what it writes onto: main's current version and the branch's head, branch still open.
 */
async function checkUnmoved(tx: Tx, plan: MergePlan): Promise<void> {
  const { b, current, head } = plan;
  await tx.$queryRawUnsafe('SELECT id FROM components WHERE id = $1::uuid FOR UPDATE', b.componentId);
  await tx.$queryRawUnsafe('SELECT id FROM branches WHERE id = $1::uuid FOR UPDATE', b.id);
  const now = await tx.branch.findUniqueOrThrow({ where: { id: b.id } });
  if (now.mergedAt) throw branchMerged(now);
  const main = await tx.component.findUniqueOrThrow({
    where: { id: b.componentId },
    include: { currentVersion: true },
  });
  if (main.currentVersionId !== current.id) {
    throw conflict(
      'stale_merge',
      `main moved from ${current.version} to ${main.currentVersion?.version ?? 'no version'} while this merge was computed; merge ${b.name} again`,
      {
        branch: b.name,
        fromVersionId: current.id,
        currentVersionId: main.currentVersionId,
      },
    );
  }
  const headNow = now.headVersionId ?? now.baseVersionId;
  if (headNow !== head.id) {
    const moved = await tx.componentVersion.findUnique({ where: { id: headNow }, select: { version: true } });
    throw conflict(
      'stale_merge',
      `branch ${b.name} moved from ${head.version} to ${moved?.version ?? headNow} while this merge was computed; merge it again`,
      {
        branch: b.name,
        fromVersionId: head.id,
        headVersionId: headNow,
      },
    );
  }
}

const branchMerged = (b: { name: string; mergedAt: Date | null; mergedVersionId: string | null }) =>
  conflict('branch_merged', `Branch ${b.name} was already merged into main at ${b.mergedAt!.toISOString()}`, {
    mergedVersionId: b.mergedVersionId,
  });

async function threeWay(
  differ: Differ,
  baseFiles: GeneratedFile[],
  currentFiles: GeneratedFile[],
  headFiles: GeneratedFile[],
  v: { base: VersionRow; current: VersionRow; head: VersionRow; name: string },
  warnings: string[],
): Promise<{ files: GeneratedFile[]; conflicts: ConflictRef[] }> {
  const merged = await differ.mergeFileSets(
    { base: baseFiles, ours: currentFiles, theirs: headFiles },
    {
      labels: {
        ours: `main ${v.current.version}`,
        base: `${v.base.version} (branch point)`,
        theirs: `${v.name} ${v.head.version}`,
      },
    },
  );
  const files: GeneratedFile[] = [];
  const conflicts: ConflictRef[] = [];
  for (const f of merged.files) {
    if (f.content !== null) files.push({ path: f.path, content: f.content });
    if (f.status !== 'conflict') continue;
    for (const r of f.conflicts) {
      conflicts.push({
        path: f.path,
        startLine: r.startLine,
        endLine: r.endLine,
        ...(f.tooLarge ? { tooLarge: f.tooLarge } : {}),
      });
      const why = f.tooLarge
        ? f.tooLarge.message
        : `main (${v.current.version}) and branch ${v.name} (${v.head.version}) both changed it`;
      warnings.push(conflictWarning(f.path, r, why));
    }
  }
  return { files, conflicts };
}

/**
 * The inputs the merged version records. Files merge line by line, inputs cannot: for each of
 * tokens, spec and pattern, take the side that changed it since the branch point; when both
 * did (differently), the branch's, with a warning, since the next sync regenerates from the
 * design anyway. The tokens must still cover what the merged spec binds (the spec may come
 * from the branch and the tokens from main): they are the closure of the spec's refs over the
 * union of both sides' tokens, the chosen side winning where both have a token.
 */
function mergeInputs(
  base: VersionRow,
  main: VersionRow,
  branch: VersionRow,
  name: string,
  warnings: string[],
): StoredInputs {
  const ours = storedInputsOf(main);
  const theirs = storedInputsOf(branch);
  const pick = <K extends keyof StoredInputs>(
    what: string,
    key: (v: VersionRow) => string,
    fields: K[],
  ): { side: 'main' | 'branch'; picked: Pick<StoredInputs, K> } => {
    const mainChanged = key(main) !== key(base);
    const branchChanged = key(branch) !== key(base);
    if (mainChanged && branchChanged && key(main) !== key(branch)) {
      warnings.push(
        `main and branch ${name} both changed the ${what} since ${base.version}; the merged version records the branch's ${what}`,
      );
    }
    const side = branchChanged ? theirs : ours;
    return {
      side: branchChanged ? 'branch' : 'main',
      picked: Object.fromEntries(fields.map((f) => [f, side[f]])) as Pick<StoredInputs, K>,
    };
  };
  const tokens = pick('tokens', (v) => v.tokensHash, ['tokens', 'tokensSnapshotId', 'tokensHash']);
  // What the code imports comes with the spec whose instances it is.
  const spec = pick('spec', (v) => `${v.specHash}:${v.contextHash}`, ['spec', 'specHash', 'contextHash']);
  return {
    ...coveringTokens(tokens.picked, tokens.side === 'branch' ? [branch, main] : [main, branch], spec.picked.spec),
    ...spec.picked,
    ...pick('pattern', (v) => `${v.patternId}@${v.patternVersion}`, ['patternId', 'patternVersion']).picked,
  };
}

/** The chosen tokens, or, when the spec binds ids they lack, the closure of its refs over both sides (first side first). */
function coveringTokens(
  chosen: Pick<StoredInputs, 'tokens' | 'tokensSnapshotId' | 'tokensHash'>,
  sides: VersionRow[],
  specJson: StoredInputs['spec'],
): Pick<StoredInputs, 'tokens' | 'tokensSnapshotId' | 'tokensHash'> {
  const { spec } = previousInputs({ spec: specJson, tokens: null });
  const { tokens } = previousInputs({ spec: null, tokens: chosen.tokens });
  if (!spec || !tokens) return chosen;
  const refs = withTokenRefs(spec).tokenRefs;
  const have = new Set(tokens.tokens.map((t) => t.id));
  if (refs.every((id) => have.has(id))) return chosen;
  const union: TokenSet = { collections: [], tokens: [] };
  const seenTokens = new Set<string>();
  const seenCollections = new Set<string>();
  for (const set of sides.map((v) => previousInputs(v).tokens).filter((x): x is TokenSet => x !== null)) {
    for (const c of set.collections) {
      if (seenCollections.has(c.id)) continue;
      seenCollections.add(c.id);
      union.collections.push(c);
    }
    for (const t of set.tokens) {
      if (seenTokens.has(t.id)) continue;
      seenTokens.add(t.id);
      union.tokens.push(t);
    }
  }
  const closure = tokenClosure(union, refs);
  // A union of two versions' closures is no snapshot's: kept inline (bounded by the closure caps).
  return { tokens: toJsonColumn(closure), tokensSnapshotId: null, tokensHash: hashTokenSet(closure) };
}

/**
 * The bump of the merged main version over main's current one:
 * - both have stored inputs and they differ: what core/changes decides between them (the net
 *   change to main's interface, whatever happened on the branch in between);
 * - otherwise (versions made from files alone, or only the files differ): the largest bump
 *   published on the branch, which describes what the branch introduced; 'minor' when the
 *   branch recorded none.
 */
async function mergeBump(
  db: Tx | RequestContext['db'],
  current: VersionRow,
  inputs: StoredInputs,
  componentId: string,
  name: string,
) {
  const merged = { ...inputs, tokens: inputs.tokens as VersionRow['tokens'], spec: inputs.spec as VersionRow['spec'] };
  const changes = changesBetween(current, merged);
  const { tokenChanges, specChanges } = changes;
  if (changes.comparable && changes.decision.bump !== 'none')
    return { bump: changes.decision.bump, reasons: changes.decision.reasons, tokenChanges, specChanges };
  const onBranch = await db.componentVersion.findMany({
    where: { componentId, branch: name, status: { in: ['published', 'archived'] } },
    select: { bump: true },
  });
  const recorded = onBranch
    .map((v) => v.bump)
    .filter((x): x is Bump => x === 'major' || x === 'minor' || x === 'patch');
  const bump = recorded.reduce<Bump | 'none'>((acc, x) => maxBump(acc, x), 'none');
  return { bump: bump === 'none' ? ('minor' as const) : bump, reasons: [] as string[], tokenChanges, specChanges };
}

function sameInputs(v: VersionRow, inputs: StoredInputs): boolean {
  return (
    v.tokensHash === inputs.tokensHash &&
    v.specHash === inputs.specHash &&
    v.contextHash === inputs.contextHash &&
    v.patternId === inputs.patternId &&
    v.patternVersion === inputs.patternVersion
  );
}

/** Resolved files are published as they are: they must be valid and free of conflict markers. */
function checkResolution(files: GeneratedFile[]): void {
  validateFiles(files);
  const marked = pathsWithConflictMarkers(files);
  if (marked.length)
    throw unprocessable('unresolved_conflicts', `These files still contain conflict markers: ${marked.join(', ')}`, {
      paths: marked,
    });
}

/** The branch is closing: its drafts could never be published. */
async function supersedeBranchDrafts(tx: Tx, ctx: Omit<RequestContext, 'db'>, componentId: string, name: string) {
  await supersedeDrafts(tx, ctx, { componentIds: [componentId], branch: name });
}

/** A new merge attempt of the same branch replaces an earlier conflicted merge draft. */
async function supersedeEarlierMergeDrafts(tx: Tx, ctx: Omit<RequestContext, 'db'>, componentId: string, name: string) {
  const drafts = await tx.componentVersion.findMany({
    where: { componentId, branch: MAIN, status: 'draft', trigger: 'merge' },
    select: { id: true, generationParams: true },
  });
  const ids = drafts.filter((d) => mergeSourceOf(d.generationParams)?.branch === name).map((d) => d.id);
  await supersedeDrafts(tx, ctx, { componentIds: [componentId], branch: MAIN, ids });
}

async function audit(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  branchId: string,
  a: {
    name: string;
    strategy: MergeStrategy;
    status: string;
    current: VersionRow;
    head: VersionRow;
    version: VersionRow;
    conflicts: ConflictRef[];
    beforeHash?: string;
    afterHash?: string;
  },
) {
  await recordAudit(tx, ctx, {
    action: 'branch.merge',
    targetType: 'branch',
    targetId: branchId,
    beforeHash: a.beforeHash ?? null,
    afterHash: a.afterHash ?? null,
    data: {
      branch: a.name,
      strategy: a.strategy,
      status: a.status,
      from: a.current.version,
      headVersion: a.head.version,
      versionId: a.version.id,
      version: a.version.version,
      conflicts: a.conflicts.length,
    },
  });
}
