import type { Prisma } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { GeneratedFile, Trigger, VersionStatus } from '../../core/contract/api.js';
import type { Bump } from '../../core/contract/changes.js';
import { canonicalHash } from '../../core/tokens/hash.js';
import { nextVersion, nextPrereleaseVersion, parseVersion } from '../../core/changes/index.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import { storeBlobs, loadVersionFiles } from './blobs.js';
import { findComponent } from './components.js';
import type { RequestContext } from './context.js';

export const MAIN = 'main';

export interface DraftInput {
  files: GeneratedFile[];
  bump: Bump;
  trigger?: Trigger | undefined;
  summary?: string[] | undefined;
  tokens?: Prisma.InputJsonValue | undefined;
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

/** The version a new draft on `branch` builds on: the component's current version on main, the branch head elsewhere. */
export async function branchHead(tx: Tx, componentId: string, currentVersionId: string | null, branch: string) {
  if (branch === MAIN) {
    return currentVersionId ? tx.componentVersion.findUnique({ where: { id: currentVersionId } }) : null;
  }
  const b = await tx.branch.findUnique({ where: { componentId_name: { componentId, name: branch } } });
  if (!b) throw notFound('branch', branch);
  if (b.mergedAt) throw branchMerged(branch);
  return tx.componentVersion.findUnique({ where: { id: b.headVersionId ?? b.baseVersionId } });
}

// A merged branch is closed: its work lives on main now, and a later version on it could never be merged.
const branchMerged = (branch: string) =>
  conflict('branch_merged', `Branch ${branch} was already merged into main; create a new branch to continue`, { branch });

async function proposeNumber(tx: Tx, componentId: string, branch: string, head: VersionRow | null, bump: Bump): Promise<string> {
  if (branch === MAIN) {
    // Numbers of archived versions (an undone sync) stay taken: a number means one content for
    // good, and the unique index would refuse the publish. Apply the bump again past them.
    // One indexed lookup per candidate (nearly always one), not the whole history: drafting
    // and publishing must not slow down as a component's history grows.
    const taken = async (number: string) => {
      const p = parseVersion(number);
      const hit = await tx.componentVersion.findFirst({
        where: { componentId, branch, major: p.major, minor: p.minor, patch: p.patch, prerelease: p.prerelease, status: { in: ['published', 'archived'] } },
        select: { id: true },
      });
      return hit !== null;
    };
    let number = nextVersion(head?.version ?? null, bump);
    while (await taken(number)) number = nextVersion(number, bump);
    return number;
  }
  const b = await tx.branch.findUniqueOrThrow({ where: { componentId_name: { componentId, name: branch } } });
  const base = await tx.componentVersion.findUniqueOrThrow({ where: { id: b.baseVersionId } });
  const existing = await tx.componentVersion.findMany({
    where: { componentId, branch, status: { in: ['published', 'archived'] } },
    select: { version: true },
  });
  return nextPrereleaseVersion(base.version, bump, branch, existing.map((v) => v.version));
}

/**
 * Stores a new draft (files content-addressed) on top of the current head of its branch.
 * Older pending drafts of the same branch are superseded: one pending proposal per branch.
 */
export async function createDraftInTx(tx: Tx, ctx: Omit<RequestContext, 'db'>, componentId: string, input: DraftInput) {
  const component = await findComponent(tx, ctx.projectId, componentId);
  const branch = input.branch ?? MAIN;
  const head = await branchHead(tx, componentId, component.currentVersionId, branch);
  const version = await proposeNumber(tx, componentId, branch, head, input.bump);
  const parts = parseVersion(version);
  if (!input.keepPendingDrafts) {
    await tx.componentVersion.updateMany({
      where: { componentId, branch, status: 'draft' },
      data: { status: 'superseded', decidedAt: new Date(), decidedBy: ctx.actor },
    });
  }
  const tokens = input.tokens ?? {};
  const spec = input.spec ?? {};
  const row = await tx.componentVersion.create({
    data: {
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
      tokens,
      spec,
      patternId: input.patternId ?? 'custom',
      patternVersion: input.patternVersion ?? '0.0.0',
      generationParams: input.generationParams ?? {},
      parentVersionId: head?.id ?? null,
      baseVersionId: head?.id ?? null,
      branch,
      tags: [...new Set(input.tags ?? [])],
      changeSummary: input.summary ?? [],
      changes: input.changes ?? {},
      warnings: input.warnings ?? [],
      hasConflicts: input.hasConflicts ?? false,
      customized: input.customized ?? false,
      syncId: input.syncId ?? null,
    },
  });
  const refs = await storeBlobs(tx, input.files);
  await tx.versionFile.createMany({ data: refs.map((r) => ({ versionId: row.id, path: r.path, blobSha256: r.sha256 })) });
  await recordAudit(tx, ctx, {
    action: 'version.create',
    targetType: 'component_version',
    targetId: row.id,
    beforeHash: head ? input.baseFilesHash ?? (await filesHash(tx, head.id)) : null,
    afterHash: filesHashOf(refs),
    data: { componentId, version, branch, bump: input.bump, trigger: row.trigger },
  });
  if (input.publish) return publishInTx(tx, ctx, row.id, {});
  return row;
}

export async function createDraft(ctx: RequestContext, componentId: string, input: DraftInput) {
  validateFiles(input.files);
  return ctx.db.$transaction((tx) => createDraftInTx(tx, ctx, componentId, input));
}

export function validateFiles(files: GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (f.path.startsWith('/') || f.path.split('/').some((s) => s === '..' || s === '')) {
      throw badRequest(`file path ${JSON.stringify(f.path)} must be relative, without empty or ".." segments`);
    }
    if (seen.has(f.path)) throw badRequest(`file path ${JSON.stringify(f.path)} appears twice`);
    seen.add(f.path);
  }
}

/** A version of the caller's project, or 404. */
export async function findVersion(db: Tx | RequestContext['db'], projectId: string, versionId: string) {
  const version = await db.componentVersion.findFirst({ where: { id: versionId, component: { projectId } }, include: { component: true } });
  if (!version) throw notFound('version', versionId);
  return version;
}

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
    throw conflict('not_draft', `Version ${draft.version} is ${draft.status}; only drafts can be published`, { status: draft.status });
  }
  if (draft.hasConflicts && !opts.force) {
    throw conflict(
      'unresolved_conflicts',
      `Draft ${draft.version} still has unresolved merge conflicts (${draft.warnings.filter((w) => w.startsWith('conflict')).length} region(s)); resolve them (PUT /versions/${draft.id}/files) or publish with force`,
      { warnings: draft.warnings },
    );
  }
  const component = draft.component;
  const headId = draft.branch === MAIN ? component.currentVersionId : await branchHeadId(tx, draft.componentId, draft.branch);
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
      throw conflict('stale_draft', `Another version of ${component.name} was published at the same time; regenerate and review again`);
    }
  } else {
    // Branches are created with head = base, so the head is never null here.
    const moved = await tx.branch.updateMany({
      where: { componentId: draft.componentId, name: draft.branch, headVersionId: headId },
      data: { headVersionId: draft.id },
    });
    if (moved.count !== 1) throw conflict('stale_draft', `Another version was published on branch ${draft.branch} at the same time; regenerate`);
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
async function lockVersion(tx: Tx, versionId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM component_versions WHERE id = ${versionId}::uuid FOR UPDATE`;
}

async function branchHeadId(tx: Tx, componentId: string, branch: string): Promise<string | null> {
  const b = await tx.branch.findUnique({ where: { componentId_name: { componentId, name: branch } } });
  if (!b) throw notFound('branch', branch);
  if (b.mergedAt) throw branchMerged(branch);
  return b.headVersionId ?? b.baseVersionId;
}

/** What a merge draft records in generationParams.merge (see services/branches.ts). */
export interface MergeSource {
  branch: string;
  headVersionId: string;
}

export function mergeSourceOf(generationParams: unknown): MergeSource | null {
  const m = (generationParams as { merge?: Partial<MergeSource> } | null)?.merge;
  return m && typeof m.branch === 'string' && typeof m.headVersionId === 'string' ? { branch: m.branch, headVersionId: m.headVersionId } : null;
}

/**
 * A merge version landed on main (published by the merge itself, or later by a reviewer after
 * resolving a conflicted merge draft): the branch is closed. Only if its head is still the one
 * that was merged, so work published on the branch meanwhile is never silently dropped.
 */
async function closeMergedBranch(tx: Tx, ctx: Omit<RequestContext, 'db'>, version: VersionRow, source: MergeSource, now: Date) {
  const closed = await tx.branch.updateMany({
    where: { componentId: version.componentId, name: source.branch, mergedAt: null, headVersionId: source.headVersionId },
    data: { mergedAt: now, mergedVersionId: version.id },
  });
  if (closed.count !== 1) {
    throw conflict('stale_merge', `Branch ${source.branch} was merged already or has new versions since this merge was prepared; merge it again`, { branch: source.branch });
  }
  const b = await tx.branch.findUniqueOrThrow({ where: { componentId_name: { componentId: version.componentId, name: source.branch } } });
  await recordAudit(tx, ctx, {
    action: 'branch.close',
    targetType: 'branch',
    targetId: b.id,
    data: { componentId: version.componentId, branch: source.branch, mergedVersionId: version.id, version: version.version, headVersionId: source.headVersionId },
  });
}

export async function publishVersion(ctx: RequestContext, versionId: string, opts: PublishOptions = {}) {
  return ctx.db.$transaction((tx) => publishInTx(tx, ctx, versionId, opts));
}

export async function rejectInTx(tx: Tx, ctx: Omit<RequestContext, 'db'>, versionId: string, opts: { comment?: string | undefined }) {
  await lockVersion(tx, versionId);
  const draft = await findVersion(tx, ctx.projectId, versionId);
  if (draft.status !== 'draft') {
    throw conflict('not_draft', `Version ${draft.version} is ${draft.status}; only drafts can be rejected`, { status: draft.status });
  }
  const now = new Date();
  // Conditional on status so a concurrent publish and reject cannot both succeed.
  const changed = await tx.componentVersion.updateMany({
    where: { id: versionId, status: 'draft' },
    data: { status: 'rejected', decidedAt: now, decidedBy: ctx.actor, decisionComment: opts.comment ?? null },
  });
  if (changed.count !== 1) throw conflict('not_draft', `Version ${draft.version} was decided by someone else at the same time`);
  await recordAudit(tx, ctx, {
    action: 'version.reject',
    targetType: 'component_version',
    targetId: versionId,
    data: { componentId: draft.componentId, version: draft.version, comment: opts.comment ?? null },
  });
  return tx.componentVersion.findUniqueOrThrow({ where: { id: versionId } });
}

export async function rejectVersion(ctx: RequestContext, versionId: string, opts: { comment?: string | undefined } = {}) {
  return ctx.db.$transaction((tx) => rejectInTx(tx, ctx, versionId, opts));
}

const CONFLICT_MARKER = /^(<{7}|>{7})( |$)/m;

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
    const stillConflicted = files.filter((f) => CONFLICT_MARKER.test(f.content)).map((f) => f.path);
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

// ---- history -------------------------------------------------------------------------

export interface HistoryFilters {
  status?: VersionStatus | undefined;
  tag?: string | undefined;
  trigger?: Trigger | undefined;
  author?: string | undefined;
  branch?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

export function encodeCursor(v: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([v.createdAt.toISOString(), v.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string') throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw new AppError(400, 'bad_cursor', 'cursor is not one this API returned');
  }
}

/** Newest first, keyset-paged on (created_at, id) so deep pages cost the same as the first. */
export async function listVersions(ctx: RequestContext, componentId: string, f: HistoryFilters) {
  await findComponent(ctx.db, ctx.projectId, componentId);
  const where: Prisma.ComponentVersionWhereInput = { componentId };
  if (f.status) where.status = f.status;
  if (f.tag) where.tags = { has: f.tag };
  if (f.trigger) where.trigger = f.trigger;
  if (f.author) where.createdBy = f.author;
  if (f.branch) where.branch = f.branch;
  if (f.from || f.to) where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
  const and: Prisma.ComponentVersionWhereInput[] = [where];
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await ctx.db.componentVersion.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  return { items: page, nextCursor: rows.length > f.limit ? encodeCursor(page[page.length - 1]!) : null };
}

export async function getVersionWithFiles(ctx: RequestContext, versionId: string) {
  const version = await findVersion(ctx.db, ctx.projectId, versionId);
  const files = await loadVersionFiles(ctx.db, versionId);
  return { version, files };
}

/**
 * A version named by id or by version string ("1.2.0", "1.3.0-experimental.1"). A string
 * that is not a UUID must parse as semver: otherwise it is a 400 naming the string.
 */
export async function resolveVersionRef(ctx: RequestContext, componentId: string, ref: string) {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) {
    const v = await findVersion(ctx.db, ctx.projectId, ref);
    if (v.componentId !== componentId) throw notFound('version', ref);
    return v;
  }
  let parsed: ReturnType<typeof parseVersion>;
  try {
    parsed = parseVersion(ref);
  } catch {
    throw new AppError(400, 'bad_version', `"${ref}" is neither a version id nor a semantic version such as 1.2.0`);
  }
  const candidates = await ctx.db.componentVersion.findMany({
    where: { componentId, major: parsed.major, minor: parsed.minor, patch: parsed.patch, prerelease: parsed.prerelease },
    orderBy: { createdAt: 'desc' },
  });
  // Several drafts may have proposed the same number; the published one is what the number means.
  const v = candidates.find((c) => c.status === 'published' || c.status === 'archived') ?? candidates[0];
  if (!v) throw notFound('version', ref);
  return v;
}

// ---- tags ----------------------------------------------------------------------------

export async function addTag(ctx: RequestContext, versionId: string, tag: string) {
  return ctx.db.$transaction(async (tx) => {
    const v = await findVersion(tx, ctx.projectId, versionId);
    if (v.tags.includes(tag)) return v;
    const updated = await tx.componentVersion.update({ where: { id: versionId }, data: { tags: { set: [...v.tags, tag] } } });
    await recordAudit(tx, ctx, { action: 'version.tag.add', targetType: 'component_version', targetId: versionId, data: { tag, version: v.version } });
    return updated;
  });
}

export async function removeTag(ctx: RequestContext, versionId: string, tag: string) {
  return ctx.db.$transaction(async (tx) => {
    const v = await findVersion(tx, ctx.projectId, versionId);
    if (!v.tags.includes(tag)) throw notFound('tag', `${tag} on version ${v.version}`);
    const updated = await tx.componentVersion.update({ where: { id: versionId }, data: { tags: { set: v.tags.filter((t) => t !== tag) } } });
    await recordAudit(tx, ctx, { action: 'version.tag.remove', targetType: 'component_version', targetId: versionId, data: { tag, version: v.version } });
    return updated;
  });
}

// ---- hashes ----------------------------------------------------------------------------

export function filesHashOf(refs: { path: string; sha256: string }[]): string {
  return canonicalHash([...refs].sort((a, b) => a.path.localeCompare(b.path)).map((r) => [r.path, r.sha256]));
}

export async function filesHash(tx: Tx | RequestContext['db'], versionId: string): Promise<string> {
  const rows = await tx.versionFile.findMany({ where: { versionId }, select: { path: true, blobSha256: true } });
  return filesHashOf(rows.map((r) => ({ path: r.path, sha256: r.blobSha256 })));
}
