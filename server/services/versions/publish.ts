// Deciding on drafts: publish (compare-and-set on the branch head) and reject.
import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { Bump } from '../../../core/contract/changes.js';
import { parseVersion } from '../../../core/changes/index.js';
import { conflict } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { MAIN, branchHeadId } from './branch-head.js';
import { proposeNumber } from './numbers.js';
import { filesHash } from './files.js';
import { findVersion } from './find.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/**
 * Publishes a draft: it gets its final number, becomes immutable and, on main, becomes the
 * component's current version. The pointer moves only if it still points at the draft's base
 * (compare-and-set), so of two concurrent publishes exactly one wins.
 */
export interface PublishOptions {
  comment?: string | undefined;
  /** Publish even though the draft still carries merge conflict markers. */
  force?: boolean | undefined;
}

export async function publishInTx(tx: Tx, ctx: Omit<RequestContext, 'db'>, versionId: string, opts: PublishOptions) {
  await lockVersion(tx, versionId);
  const draft = await findVersion(tx, ctx.projectId, versionId);
  if (draft.status !== 'draft') {
    throw conflict('not_draft', `Version ${draft.version} is ${draft.status}; only drafts can be published`, {
      status: draft.status,
    });
  }
  if (draft.hasConflicts && !opts.force) {
    throw conflict(
      'unresolved_conflicts',
      `Draft ${draft.version} still has unresolved merge conflicts (${draft.warnings.filter((w) => w.startsWith('conflict')).length} region(s)); resolve them (PUT /versions/${draft.id}/files) or publish with force`,
      { warnings: draft.warnings },
    );
  }
  const component = draft.component;
  const headId =
    draft.branch === MAIN ? component.currentVersionId : await branchHeadId(tx, draft.componentId, draft.branch);
  if ((draft.baseVersionId ?? null) !== (headId ?? null)) {
    throw conflict(
      'stale_draft',
      `Draft ${draft.version} was generated from a version that is no longer current on ${draft.branch}; regenerate it and review the new draft`,
      { baseVersionId: draft.baseVersionId, currentVersionId: headId },
    );
  }
  const head = headId ? await tx.componentVersion.findUnique({ where: { id: headId } }) : null;
  const number = await proposeNumber(tx, draft.componentId, draft.branch, head, (draft.bump ?? 'patch') as Bump);
  const parts = parseVersion(number);
  const now = new Date();
  if (draft.branch === MAIN) {
    const moved = await tx.component.updateMany({
      where: { id: draft.componentId, currentVersionId: headId ?? null },
      data: { currentVersionId: draft.id, updatedAt: now },
    });
    if (moved.count !== 1) {
      throw conflict(
        'stale_draft',
        `Another version of ${component.name} was published at the same time; regenerate and review again`,
      );
    }
  } else {
    // Branches are created with head = base, so the head is never null here.
    const moved = await tx.branch.updateMany({
      where: { componentId: draft.componentId, name: draft.branch, headVersionId: headId },
      data: { headVersionId: draft.id },
    });
    if (moved.count !== 1)
      throw conflict(
        'stale_draft',
        `Another version was published on branch ${draft.branch} at the same time; regenerate`,
      );
  }
  const published = await tx.componentVersion.update({
    where: { id: draft.id },
    data: {
      status: 'published',
      major: parts.major,
      minor: parts.minor,
      patch: parts.patch,
      prerelease: parts.prerelease,
      version: number,
      publishedAt: now,
      decidedAt: now,
      decidedBy: ctx.actor,
      decisionComment: opts.comment ?? null,
    },
  });
  const merge = draft.branch === MAIN && draft.trigger === 'merge' ? mergeSourceOf(draft.generationParams) : null;
  if (merge) await closeMergedBranch(tx, ctx, published, merge, now);
  await recordAudit(tx, ctx, {
    action: 'version.publish',
    targetType: 'component_version',
    targetId: draft.id,
    beforeHash: head ? await filesHash(tx, head.id) : null,
    afterHash: await filesHash(tx, draft.id),
    data: { componentId: draft.componentId, version: number, branch: draft.branch, from: head?.version ?? null },
  });
  return published;
}

/**
 * Row lock on the version for the rest of the transaction: two decisions on the same draft
 * queue up, and the second sees the first one's outcome ("already published") instead of
 * racing it.
 */
export async function lockVersion(tx: Tx, versionId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM component_versions WHERE id = ${versionId}::uuid FOR UPDATE`;
}

/** What a merge draft records in generationParams.merge (see services/branches.ts). */
export interface MergeSource {
  branch: string;
  headVersionId: string;
}

export function mergeSourceOf(generationParams: unknown): MergeSource | null {
  const m = (generationParams as { merge?: Partial<MergeSource> } | null)?.merge;
  return m && typeof m.branch === 'string' && typeof m.headVersionId === 'string'
    ? { branch: m.branch, headVersionId: m.headVersionId }
    : null;
}

/**
 * A merge version landed on main (published by the merge itself, or later by a reviewer after
 * resolving a conflicted merge draft): the branch is closed. Only if its head is still the one
 * that was merged, so work published on the branch meanwhile is never silently dropped.
 */
async function closeMergedBranch(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  version: VersionRow,
  source: MergeSource,
  now: Date,
) {
  const closed = await tx.branch.updateMany({
    where: {
      componentId: version.componentId,
      name: source.branch,
      mergedAt: null,
      headVersionId: source.headVersionId,
    },
    data: { mergedAt: now, mergedVersionId: version.id },
  });
  if (closed.count !== 1) {
    throw conflict(
      'stale_merge',
      `Branch ${source.branch} was merged already or has new versions since this merge was prepared; merge it again`,
      { branch: source.branch },
    );
  }
  const b = await tx.branch.findUniqueOrThrow({
    where: { componentId_name: { componentId: version.componentId, name: source.branch } },
  });
  await recordAudit(tx, ctx, {
    action: 'branch.close',
    targetType: 'branch',
    targetId: b.id,
    data: {
      componentId: version.componentId,
      branch: source.branch,
      mergedVersionId: version.id,
      version: version.version,
      headVersionId: source.headVersionId,
    },
  });
}

export async function publishVersion(ctx: RequestContext, versionId: string, opts: PublishOptions = {}) {
  return ctx.db.$transaction((tx) => publishInTx(tx, ctx, versionId, opts));
}

export async function rejectInTx(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  versionId: string,
  opts: { comment?: string | undefined },
) {
  await lockVersion(tx, versionId);
  const draft = await findVersion(tx, ctx.projectId, versionId);
  if (draft.status !== 'draft') {
    throw conflict('not_draft', `Version ${draft.version} is ${draft.status}; only drafts can be rejected`, {
      status: draft.status,
    });
  }
  const now = new Date();
  // Conditional on status so a concurrent publish and reject cannot both succeed.
  const changed = await tx.componentVersion.updateMany({
    where: { id: versionId, status: 'draft' },
    data: { status: 'rejected', decidedAt: now, decidedBy: ctx.actor, decisionComment: opts.comment ?? null },
  });
  if (changed.count !== 1)
    throw conflict('not_draft', `Version ${draft.version} was decided by someone else at the same time`);
  await recordAudit(tx, ctx, {
    action: 'version.reject',
    targetType: 'component_version',
    targetId: versionId,
    data: { componentId: draft.componentId, version: draft.version, comment: opts.comment ?? null },
  });
  return tx.componentVersion.findUniqueOrThrow({ where: { id: versionId } });
}

export async function rejectVersion(
  ctx: RequestContext,
  versionId: string,
  opts: { comment?: string | undefined } = {},
) {
  return ctx.db.$transaction((tx) => rejectInTx(tx, ctx, versionId, opts));
}
