// Write: N drafts in a handful of statements, whatever N is (one draft is the same code as a
// thousand). The one module that inserts component versions; every draft passes through here.
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { GeneratedFile, Trigger } from '../../../core/contract/api.js';
import type { Bump } from '../../../core/contract/changes.js';
import { canonicalHash } from '../../../core/tokens/hash.js';
import { parseVersion } from '../../../core/changes/index.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { instanceRefs } from '../../../core/specs/index.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import { auditRow, type AuditInput } from '../../lib/audit.js';
import { insertBlobs, packNewBlobs, sha256OfContent, type PackedBlob, type StoredFileRef } from '../../lib/blobs.js';
import type { RequestContext } from '../../lib/context.js';
import { filesHashOf, MAIN, mainNumbers, proposeNumber } from '../versions/index.js';
import { enqueuePreviewBuilds } from '../previews/index.js';
import type { ProposedRow } from './proposal.js';

/** What a draft holds. */
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
  /** What its code imports (core/codegen contextHash); "" or absent for nothing. */
  contextHash?: string | undefined;
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

/** A draft ready to write: its component, the head of its branch it builds on, and what it holds. */
export interface DraftToWrite {
  componentId: string;
  head: { id: string; version: string } | null;
  input: DraftInput;
  /** Files hash of `head` (null without one): the audit's before. */
  baseFilesHash: string | null;
  /** The component was created in this transaction: it holds no numbers and no pending drafts. */
  fresh?: boolean | undefined;
  /** The files' refs, when hashed before the transaction. */
  refs?: StoredFileRef[] | undefined;
}

/** Files whose blobs were looked up (and the new ones compressed) before the transaction. */
export interface PackedFiles {
  /** sha256 of every file looked up: those not among `blobs` exist already */
  checked: ReadonlySet<string>;
  blobs: readonly PackedBlob[];
}

export interface WriteOptions {
  packed?: PackedFiles | undefined;
  /** Audit entries of the same change to record with the drafts' (the components a sync created). */
  audits?: readonly AuditInput[] | undefined;
}

/**
 * Writes the drafts: their numbers, older pending drafts of their branch superseded (one
 * pending proposal per branch), the rows, their files (content-addressed blobs) and one audit
 * entry each. A statement per step, each for every draft at once: on PGlite the transaction
 * holds the only connection, and every other request waits for it.
 */
export async function writeDrafts(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  drafts: readonly DraftToWrite[],
  options: WriteOptions = {},
): Promise<ProposedRow[]> {
  const now = new Date();
  const numbers = await numbersOf(tx, drafts);
  await supersedePending(tx, ctx, drafts, now);
  const rows = drafts.map((d, i) => draftRow(ctx, d, numbers[i]!, now));
  await bulkInsert(tx, 'component_versions', rows);
  const refs = drafts.map(
    (d) => d.refs ?? d.input.files.map((f): StoredFileRef => ({ path: f.path, sha256: sha256OfContent(f.content) })),
  );
  await insertBlobs(tx, await blobsOf(tx, drafts, refs, options.packed));
  await bulkInsert(
    tx,
    'version_files',
    rows.flatMap((r, i) => refs[i]!.map((f) => ({ versionId: r.id, path: f.path, blobSha256: f.sha256 }))),
  );
  await bulkInsert(
    tx,
    'component_dependencies',
    rows.flatMap((r, i) => dependenciesOf(drafts[i]!.input.spec).map((d) => ({ versionId: r.id, ...d }))),
  );
  const audits = [...(options.audits ?? []), ...rows.map((r, i) => draftAudit(r, refs[i]!, drafts[i]!.baseFilesHash))];
  await bulkInsert(
    tx,
    'audit_events',
    audits.map((a) => ({ id: randomUUID(), ...auditRow(ctx, a), createdAt: now })),
  );
  await enqueuePreviewBuilds(
    tx,
    ctx.jobs,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    bump: r.bump,
    changes: r.changes as Prisma.JsonValue,
    changeSummary: r.changeSummary,
    warnings: r.warnings,
    hasConflicts: r.hasConflicts,
  }));
}

/** The components a draft's spec instantiates (none for a draft made from files alone). */
function dependenciesOf(spec: DraftInput['spec']): { componentFigmaId: string; componentKey: string | null }[] {
  const s = spec as Partial<ComponentSpec> | undefined;
  if (!s || typeof s !== 'object' || typeof s.id !== 'string' || !Array.isArray(s.variants)) return [];
  return instanceRefs(s as ComponentSpec).map((r) => ({ componentFigmaId: r.figmaId, componentKey: r.key }));
}

const branchOf = (d: DraftToWrite): string => d.input.branch ?? MAIN;

/** Each draft's number: the bump applied to its head's, past numbers already taken. */
async function numbersOf(tx: Tx, drafts: readonly DraftToWrite[]): Promise<string[]> {
  const numbers: string[] = [];
  const onMain = drafts.flatMap((d, i) => (branchOf(d) === MAIN ? [i] : []));
  const found = await mainNumbers(
    tx,
    onMain.map((i) => ({
      componentId: drafts[i]!.componentId,
      head: drafts[i]!.head?.version ?? null,
      bump: drafts[i]!.input.bump,
      fresh: drafts[i]!.fresh,
    })),
  );
  for (const [k, i] of onMain.entries()) numbers[i] = found[k]!;
  for (const [i, d] of drafts.entries()) {
    if (branchOf(d) !== MAIN) numbers[i] = await proposeNumber(tx, d.componentId, branchOf(d), d.head, d.input.bump);
  }
  return numbers;
}

async function supersedePending(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  drafts: readonly DraftToWrite[],
  now: Date,
): Promise<void> {
  const byBranch = new Map<string, string[]>();
  for (const d of drafts) {
    if (d.fresh || d.input.keepPendingDrafts) continue;
    byBranch.set(branchOf(d), [...(byBranch.get(branchOf(d)) ?? []), d.componentId]);
  }
  for (const [branch, componentIds] of byBranch) await supersedeDrafts(tx, ctx, { componentIds, branch }, now);
}

/**
 * Pending drafts of these components on `branch` (only those of `ids`, when given) are
 * superseded: decided, by the actor, now. The one place drafts are superseded.
 */
export async function supersedeDrafts(
  tx: Tx,
  ctx: Pick<RequestContext, 'actor'>,
  where: { componentIds: readonly string[]; branch: string; ids?: readonly string[] },
  now = new Date(),
): Promise<void> {
  if (!where.componentIds.length || where.ids?.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE component_versions SET status = 'superseded', decided_at = $2::timestamptz, decided_by = $3
     WHERE component_id = ANY($1::uuid[]) AND branch = $4 AND status = 'draft' AND ($5::uuid[] IS NULL OR id = ANY($5::uuid[]))`,
    where.componentIds,
    now.toISOString(),
    ctx.actor,
    where.branch,
    where.ids ?? null,
  );
}

/** The blobs the drafts' files need: those packed before the transaction, the others packed now. */
async function blobsOf(
  tx: Tx,
  drafts: readonly DraftToWrite[],
  refs: StoredFileRef[][],
  packed: PackedFiles | undefined,
): Promise<PackedBlob[]> {
  const needed = new Set(refs.flat().map((r) => r.sha256));
  const ready = (packed?.blobs ?? []).filter((b) => needed.has(b.sha256));
  const unchecked = drafts.flatMap((d, i) => d.input.files.filter((_, k) => !packed?.checked.has(refs[i]![k]!.sha256)));
  return [...ready, ...(await packNewBlobs(tx, unchecked))];
}

type DraftRow = ReturnType<typeof draftRow>;

/** The row of a draft numbered `version` on top of its head. */
function draftRow(ctx: Omit<RequestContext, 'db'>, d: DraftToWrite, version: string, now: Date) {
  const { input, head } = d;
  const parts = parseVersion(version);
  const tokens = input.tokens ?? {};
  const spec = input.spec ?? {};
  const byReference = input.tokensSnapshotId ?? null;
  if (byReference && !input.tokensHash) throw new Error('a draft referencing its tokens needs their hash');
  return {
    id: randomUUID(),
    componentId: d.componentId,
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
    contextHash: input.contextHash ?? '',
    tokens: byReference ? Prisma.DbNull : tokens,
    tokensSnapshotId: byReference,
    spec,
    patternId: input.patternId ?? 'custom',
    patternVersion: input.patternVersion ?? '0.0.0',
    generationParams: input.generationParams ?? {},
    parentVersionId: head?.id ?? null,
    baseVersionId: head?.id ?? null,
    branch: branchOf(d),
    tags: [...new Set(input.tags ?? [])],
    changeSummary: input.summary ?? [],
    changes: input.changes ?? {},
    warnings: input.warnings ?? [],
    hasConflicts: input.hasConflicts ?? false,
    customized: input.customized ?? false,
    syncId: input.syncId ?? null,
    createdAt: now,
  };
}

/** The audit entry of a new draft: its files hash after, its base's before. */
function draftAudit(row: DraftRow, refs: StoredFileRef[], beforeHash: string | null): AuditInput {
  return {
    action: 'version.create',
    targetType: 'component_version',
    targetId: row.id,
    beforeHash,
    afterHash: filesHashOf(refs),
    data: {
      componentId: row.componentId,
      version: row.version,
      branch: row.branch,
      bump: row.bump,
      trigger: row.trigger,
    },
  };
}
