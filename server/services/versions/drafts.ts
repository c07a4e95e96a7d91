// Drafts: creating them and replacing their files.
import { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { GeneratedFile, Trigger } from '../../../core/contract/api.js';
import { hasConflictMarkers } from '../../../core/diff/conflict-markers.js';
import type { Bump } from '../../../core/contract/changes.js';
import { canonicalHash } from '../../../core/tokens/hash.js';
import { parseVersion } from '../../../core/changes/index.js';
import { conflict } from '../../errors.js';
import { recordAudit, type AuditInput } from '../audit.js';
import { storeBlobs, type StoredFileRef } from '../blobs.js';
import { findComponent } from '../components.js';
import type { RequestContext } from '../context.js';
import { MAIN, branchHead } from './branch-head.js';
import { proposeNumber } from './numbers.js';
import { validateFiles, filesHash, filesHashOf } from './files.js';
import { findVersion } from './find.js';
import { lockVersion, publishInTx } from './publish.js';

export interface DraftInput {
  files: GeneratedFile[];
  bump: Bump;
  trigger?: Trigger | undefined;
  summary?: string[] | undefined;
  tokens?: Prisma.InputJsonValue | null | undefined;
  /**
   * The token snapshot `tokens` are the closure of (over the spec's refs): stored instead of
   * them (generation/version-tokens.ts reads them back). Requires `tokensHash`.
   */
  tokensSnapshotId?: string | null | undefined;
  spec?: Prisma.InputJsonValue | undefined;
  /** Hashes computed by the caller from the domain objects (default: canonical hash of the JSON). */
  tokensHash?: string | undefined;
  specHash?: string | undefined;
  patternId?: string | undefined;
  patternVersion?: string | undefined;
  generationParams?: Prisma.InputJsonValue | undefined;
  branch?: string | undefined;
  warnings?: string[] | undefined;
  tags?: string[] | undefined;
  changes?: Prisma.InputJsonValue | undefined;
  hasConflicts?: boolean | undefined;
  customized?: boolean | undefined;
  syncId?: string | undefined;
  /** Publish in the same transaction (rollback, merges, policy `auto`). */
  publish?: boolean | undefined;
  /** Files hash of the base version when the caller already has its files (saves a query). */
  baseFilesHash?: string | undefined;
  /**
   * Leave the branch's pending drafts alone instead of superseding them. Rollbacks and merges
   * are not new proposals: drafts under review stay visible to their reviewers and simply turn
   * stale (publishing one is a 409 because its base is no longer current).
   */
  keepPendingDrafts?: boolean | undefined;
}

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/**
 * Stores a new draft (files content-addressed) on top of the current head of its branch.
 * Older pending drafts of the same branch are superseded: one pending proposal per branch.
 */
export async function createDraftInTx(tx: Tx, ctx: Omit<RequestContext, 'db'>, componentId: string, input: DraftInput) {
  const component = await findComponent(tx, ctx.projectId, componentId);
  const branch = input.branch ?? MAIN;
  const head = await branchHead(tx, componentId, component.currentVersionId, branch);
  const version = await proposeNumber(tx, componentId, branch, head, input.bump);
  if (!input.keepPendingDrafts) {
    await tx.componentVersion.updateMany({
      where: { componentId, branch, status: 'draft' },
      data: { status: 'superseded', decidedAt: new Date(), decidedBy: ctx.actor },
    });
  }
  const row = await tx.componentVersion.create({ data: draftData(ctx, componentId, head, version, input) });
  const refs = await storeBlobs(tx, input.files);
  await tx.versionFile.createMany({ data: refs.map((r) => ({ versionId: row.id, path: r.path, blobSha256: r.sha256 })) });
  await recordAudit(tx, ctx, draftAudit(row, refs, head ? input.baseFilesHash ?? (await filesHash(tx, head.id)) : null));
  if (input.publish) return publishInTx(tx, ctx, row.id, {});
  return row;
}

/** The row of a new draft numbered `version` on top of `head` (also written in batches by the sync's store step). */
export function draftData(ctx: Omit<RequestContext, 'db'>, componentId: string, head: Pick<VersionRow, 'id'> | null, version: string, input: DraftInput): Prisma.ComponentVersionUncheckedCreateInput {
  const parts = parseVersion(version);
  const tokens = input.tokens ?? {};
  const spec = input.spec ?? {};
  const byReference = input.tokensSnapshotId ?? null;
  if (byReference && !input.tokensHash) throw new Error('a draft referencing its tokens needs their hash');
  return {
    componentId,
    major: parts.major,
    minor: parts.minor,
    patch: parts.patch,
    prerelease: parts.prerelease,
    version,
    status: 'draft',
    trigger: input.trigger ?? 'manual',
    bump: input.bump,
    createdBy: ctx.actor,
    tokensHash: input.tokensHash ?? canonicalHash(tokens),
    specHash: input.specHash ?? canonicalHash(spec),
    tokens: byReference ? Prisma.DbNull : tokens,
    tokensSnapshotId: byReference,
    spec,
    patternId: input.patternId ?? 'custom',
    patternVersion: input.patternVersion ?? '0.0.0',
    generationParams: input.generationParams ?? {},
    parentVersionId: head?.id ?? null,
    baseVersionId: head?.id ?? null,
    branch: input.branch ?? MAIN,
    tags: [...new Set(input.tags ?? [])],
    changeSummary: input.summary ?? [],
    changes: input.changes ?? {},
    warnings: input.warnings ?? [],
    hasConflicts: input.hasConflicts ?? false,
    customized: input.customized ?? false,
    syncId: input.syncId ?? null,
  };
}

/** The audit entry of a new draft: its files hash after, its base's before. */
export function draftAudit(row: { id: string; componentId: string; version: string; branch: string; bump: string | null; trigger: string }, refs: StoredFileRef[], beforeHash: string | null): AuditInput {
  return {
    action: 'version.create',
    targetType: 'component_version',
    targetId: row.id,
    beforeHash,
    afterHash: filesHashOf(refs),
    data: { componentId: row.componentId, version: row.version, branch: row.branch, bump: row.bump, trigger: row.trigger },
  };
}

export async function createDraft(ctx: RequestContext, componentId: string, input: DraftInput) {
  validateFiles(input.files);
  return ctx.db.$transaction((tx) => createDraftInTx(tx, ctx, componentId, input));
}

/**
 * Replaces a draft's files, e.g. with merge conflicts resolved by hand. Published versions never
 * change their files: the service refuses before the database has to. Files that still carry
 * conflict markers keep the draft flagged.
 */
export async function replaceDraftFiles(ctx: RequestContext, versionId: string, files: GeneratedFile[]) {
  validateFiles(files);
  return ctx.db.$transaction(async (tx) => {
    await lockVersion(tx, versionId);
    const version = await findVersion(tx, ctx.projectId, versionId);
    if (version.status !== 'draft') {
      throw conflict('immutable', `Version ${version.version} is ${version.status}; only a draft's files can change`);
    }
    const before = await filesHash(tx, versionId);
    await tx.versionFile.deleteMany({ where: { versionId } });
    const refs = await storeBlobs(tx, files);
    await tx.versionFile.createMany({ data: refs.map((r) => ({ versionId, path: r.path, blobSha256: r.sha256 })) });
    const stillConflicted = files.filter((f) => hasConflictMarkers(f.content)).map((f) => f.path);
    const updated = await tx.componentVersion.update({
      where: { id: versionId },
      data: {
        hasConflicts: stillConflicted.length > 0,
        warnings: stillConflicted.length
          ? version.warnings
          : [...version.warnings.filter((w) => !w.startsWith('conflict')), 'merge conflicts resolved by hand'],
      },
    });
    await recordAudit(tx, ctx, { action: 'version.files.replace', targetType: 'component_version', targetId: versionId, beforeHash: before, afterHash: filesHashOf(refs), data: { stillConflicted } });
    return updated;
  });
}
