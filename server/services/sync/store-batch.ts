// Step 5, store, in batches: the components of a chunk written together in one transaction, a
// handful of multi-row statements instead of a dozen queries per component (measured ~20–30 ms
// of round trips per stored draft one by one). The batch writes exactly what proposeVersion
// writes for a component; components that need more than the common case (a customization to
// merge, policy auto, a number already taken, a state that moved since detect) are left to
// the one-by-one path. A chunk that fails as a whole writes nothing (one transaction) and its
// components are then stored one by one, so one failing component never blocks the others.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { Bump } from '../../../core/contract/changes.js';
import { nextVersion, parseVersion } from '../../../core/changes/index.js';
import { auditRow, type AuditInput } from '../audit.js';
import { insertBlobs, loadFilesOfVersions, packNewBlobs, sha256OfContent, type PackedBlob, type StoredFileRef } from '../blobs.js';
import type { FileStat } from '../../../core/contract/sync.js';
import { fileStats } from '../generation/index.js';
import { proposalFromDraft, type StoredChanges } from '../proposals.js';
import { draftAudit, draftData, filesHashOf, MAIN } from '../versions/index.js';
import type { Prepared } from './generate.js';
import { latestDesign, type LatestDesign } from './latest-design.js';
import type { Stored, SyncScope } from './store.js';
import { bulkInsert, type BulkColumn } from '../../db/bulk-insert.js';
import { notify, type NotificationInput } from '../notify.js';

export interface BatchResult {
  stored: Stored[];
  /** Components the batch left alone, for the one-by-one path. */
  individually: Prepared[];
}

type VersionRow = Prisma.ComponentVersionGetPayload<object>;
/** Fields of the assessment that change detection may add (collections and modes, presumed output changes). */
type Assessment = Prepared['detection']['assessment'] & { collectionChanges?: unknown[]; outputPresumed?: boolean };

/** What the batch needs of a stored component (no JSON columns, which are most of a row's bytes). */
interface Found {
  id: string;
  figmaId: string;
  pattern: string | null;
  policy: string;
  currentVersionId: string | null;
  currentVersion: { id: string; version: string } | null;
  customized: boolean;
}
type BaseVersion = NonNullable<Found['currentVersion']>;

interface Planned {
  prepared: Prepared;
  found: Found | undefined;
  componentId: string;
  base: BaseVersion | null;
  bump: Bump;
  version: string;
}

const BATCH_TIMEOUT_MS = 60_000;

export async function storeBatch(scope: SyncScope, chunk: Prepared[]): Promise<BatchResult> {
  // Everything that needs no lock happens before the transaction (base files, diffs, blob
  // compression): it holds PGlite's only connection, and other requests wait for its end.
  const ready = await prepareWrites(scope, chunk);
  return scope.ctx.db.$transaction(
    async (tx) => {
      const { planned, individually } = await plan(tx, scope, chunk);
      const stored = planned.length ? await write(tx, scope, planned, ready) : [];
      return { stored, individually };
    },
    // A chunk does the work of many small transactions, on a machine that may be busy.
    { timeout: BATCH_TIMEOUT_MS },
  );
}

/** What a component's draft needs from outside the transaction, computed against the base detect saw. */
interface Ready {
  stats: FileStat[];
  refs: StoredFileRef[];
  /** files hash of the base version (null for a first version) */
  baseFilesHash: string | null;
}

interface ReadyWrites {
  byFigmaId: Map<string, Ready>;
  blobs: PackedBlob[];
}

/**
 * Diffs and file refs against the base version detect compared with, and the new blobs
 * compressed. Published versions never change, so these hold inside the transaction for every
 * component whose current version is still that base (plan() checks it).
 */
async function prepareWrites(scope: SyncScope, chunk: Prepared[]): Promise<ReadyWrites> {
  const { ctx, timer } = scope;
  const writable = chunk.filter((p) => p.generated);
  const baseFiles = await loadFilesOfVersions(ctx.db, writable.flatMap((p) => (p.baseVersionId ? [p.baseVersionId] : [])));
  const byFigmaId = new Map<string, Ready>();
  for (const p of writable) {
    const before = p.baseVersionId ? baseFiles.get(p.baseVersionId) ?? [] : [];
    const files = p.generated!.files;
    byFigmaId.set(p.spec.id, {
      stats: timer.measure('diff', () => fileStats(before, files)),
      refs: files.map((f) => ({ path: f.path, sha256: sha256OfContent(f.content) })),
      baseFilesHash: p.baseVersionId ? filesHashOf(before) : null,
    });
  }
  const blobs = await packNewBlobs(ctx.db, writable.flatMap((p) => p.generated!.files));
  return { byFigmaId, blobs };
}

/**
 * Which components of the chunk the batch can write, with their numbers; the rest go one by
 * one. Plain SQL, two statements: the transaction holds PGlite's only connection, and each
 * statement through the query builder cost a few milliseconds more of it.
 */
async function plan(tx: Tx, scope: SyncScope, chunk: Prepared[]): Promise<{ planned: Planned[]; individually: Prepared[] }> {
  const { ctx } = scope;
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; figma_id: string; pattern: string | null; policy: string; current_version_id: string | null; current_version: string | null; customized: boolean }>>(
    `SELECT c.id, c.figma_id, c.pattern, c.policy, c.current_version_id, v.version AS current_version,
       EXISTS (SELECT 1 FROM customizations k WHERE k.component_id = c.id AND k.replaced_at IS NULL) AS customized
     FROM components c LEFT JOIN component_versions v ON v.id = c.current_version_id
     WHERE c.project_id = $1::uuid AND c.figma_id = ANY($2::text[])`,
    ctx.projectId, chunk.map((p) => p.spec.id),
  );
  const found = new Map(rows.map((r): [string, Found] => [r.figma_id, {
    id: r.id, figmaId: r.figma_id, pattern: r.pattern, policy: r.policy, currentVersionId: r.current_version_id,
    currentVersion: r.current_version_id && r.current_version ? { id: r.current_version_id, version: r.current_version } : null,
    customized: r.customized,
  }]));
  const individually: Prepared[] = [];
  let planned: Planned[] = [];
  for (const p of chunk) {
    const c = found.get(p.spec.id);
    const same = (c?.pattern ?? null) === p.pattern && (c?.currentVersionId ?? null) === p.baseVersionId;
    // A bump presumed from differing inputs stands only if the files differ: proposeVersion decides that.
    const presumed = (p.detection.assessment as Assessment).outputPresumed === true;
    if (!p.generated || !same || presumed || (c && (c.customized || c.policy === 'auto'))) {
      individually.push(p);
      continue;
    }
    const base = c?.currentVersion ?? null;
    const bump = p.detection.assessment.bump as Bump;
    planned.push({ prepared: p, found: c, componentId: c?.id ?? randomUUID(), base, bump, version: nextVersion(base?.version ?? null, bump) });
  }
  // Numbers of archived versions stay taken (see proposeNumber): those few go one by one,
  // where the number is bumped past them.
  const withHistory = planned.filter((p) => p.found);
  if (withHistory.length) {
    const wanted = withHistory.map((p) => ({ component_id: p.componentId, ...parseVersion(p.version) }));
    const taken = await tx.$queryRawUnsafe<Array<{ component_id: string }>>(
      `SELECT DISTINCT v.component_id FROM component_versions v
       JOIN json_to_recordset($1::json) AS w(component_id uuid, major int, minor int, patch int, prerelease text)
         ON v.component_id = w.component_id AND v.major = w.major AND v.minor = w.minor AND v.patch = w.patch AND v.prerelease IS NOT DISTINCT FROM w.prerelease
       WHERE v.status IN ('published', 'archived') AND v.branch = $2`,
      JSON.stringify(wanted), MAIN,
    );
    const clash = new Set(taken.map((t) => t.component_id));
    individually.push(...planned.filter((p) => clash.has(p.componentId)).map((p) => p.prepared));
    planned = planned.filter((p) => !clash.has(p.componentId));
  }
  return { planned, individually };
}

async function write(tx: Tx, scope: SyncScope, planned: Planned[], ready: ReadyWrites): Promise<Stored[]> {
  const { ctx, request } = scope;
  const now = new Date();

  const created: Prisma.ComponentCreateManyInput[] = [];
  const updated: Array<LatestDesign & { id: string }> = [];
  const audits: AuditInput[] = [];
  const versions: Prisma.ComponentVersionCreateManyInput[] = [];
  const versionAudits: Array<{ row: { id: string; componentId: string; version: string; branch: string; bump: string; trigger: string }; refs: StoredFileRef[]; before: string | null }> = [];
  const notifications: NotificationInput[] = [];
  const files: Array<{ versionId: string; path: string; sha256: string }> = [];
  const stored: Stored[] = [];

  for (const p of planned) {
    const { spec, detection, generated } = p.prepared;
    const { inputs, assessment } = detection;
    const { stats, refs, baseFilesHash } = ready.byFigmaId.get(spec.id)!;
    const latest = latestDesign(spec, inputs, request.fileKey, scope.snapshotId, now);
    if (p.found) {
      updated.push({ id: p.componentId, ...latest });
    } else {
      created.push({ id: p.componentId, projectId: ctx.projectId, figmaId: spec.id, ...latest, policy: 'notify', createdAt: now, updatedAt: now });
      audits.push({ action: 'component.create', targetType: 'component', targetId: p.componentId, data: { name: spec.name, figmaId: spec.id, syncId: scope.syncId } });
    }
    // The same `changes` proposeVersion stores, so proposalFromDraft rebuilds the same proposal.
    const { collectionChanges } = assessment as Assessment;
    const changes: StoredChanges = {
      reasons: assessment.reasons,
      tokenChanges: assessment.tokenChanges,
      ...(collectionChanges ? { collectionChanges } : {}),
      specChanges: assessment.specChanges,
      files: stats,
      fromVersion: p.base?.version ?? null,
    };
    const id = randomUUID();
    const data = draftData(ctx, p.componentId, p.base, p.version, {
      files: generated!.files,
      bump: p.bump,
      trigger: scope.trigger,
      summary: assessment.reasons,
      tokens: inputs.tokens as unknown as Prisma.InputJsonValue,
      tokensSnapshotId: scope.snapshotId,
      spec: inputs.spec as unknown as Prisma.InputJsonValue,
      tokensHash: inputs.tokensHash,
      specHash: inputs.specHash,
      patternId: generated!.patternId,
      patternVersion: generated!.patternVersion,
      generationParams: { fileKey: request.fileKey, fileVersion: request.fileVersion ?? null, snapshotId: scope.snapshotId },
      branch: MAIN,
      warnings: [],
      changes: changes as unknown as Prisma.InputJsonValue,
      hasConflicts: false,
      customized: false,
      syncId: scope.syncId,
    });
    versions.push({ ...data, id, createdAt: now } as Prisma.ComponentVersionCreateManyInput);
    for (const r of refs) files.push({ versionId: id, path: r.path, sha256: r.sha256 });
    versionAudits.push({ row: { id, componentId: p.componentId, version: p.version, branch: MAIN, bump: p.bump, trigger: scope.trigger }, refs, before: baseFilesHash });
    const policy = p.found?.policy ?? 'notify';
    if (policy !== 'manual') {
      notifications.push({
        kind: 'draft.proposed',
        componentId: p.componentId,
        title: `${spec.name} ${p.base?.version ?? '(new)'} → ${p.version} is ready for review`,
        body: assessment.reasons.slice(0, 5).join('; '),
        data: { versionId: id, bump: p.bump, syncId: scope.syncId },
      });
    }
    const row = { id, version: p.version, bump: p.bump, changes: data.changes, changeSummary: assessment.reasons, warnings: [] as string[] } as unknown as VersionRow;
    stored.push({ prepared: p.prepared, outcome: { kind: 'proposed', proposal: proposalFromDraft({ id: p.componentId, name: spec.name }, row), published: false, beforeVersionId: p.base?.id ?? null } });
  }

  // Back to back: the transaction holds PGlite's only connection, and every other request waits for it.
  const statements: Array<() => Promise<unknown>> = [
    () => bulkInsert(tx, 'components', COMPONENT_COLUMNS, created),
    () => (updated.length ? updateLatest(tx, updated) : Promise.resolve()),
    // One pending proposal per component: the new drafts supersede the older ones.
    () => (existing.length
      ? tx.$executeRawUnsafe(
        `UPDATE component_versions SET status = 'superseded', decided_at = $2::timestamptz, decided_by = $3 WHERE component_id = ANY($1::uuid[]) AND branch = $4 AND status = 'draft'`,
        existing, now.toISOString(), ctx.actor, MAIN,
      )
      : Promise.resolve()),
    () => bulkInsert(tx, 'component_versions', VERSION_COLUMNS, versions),
    () => insertBlobs(tx, ready.blobs),
    () => bulkInsert(tx, 'version_files', FILE_COLUMNS, files.map((f) => ({ versionId: f.versionId, path: f.path, blobSha256: f.sha256 }))),
    () => bulkInsert(tx, 'audit_events', AUDIT_COLUMNS, [...audits, ...versionAudits.map((v) => draftAudit(v.row, v.refs, v.before))].map((a) => ({ id: randomUUID(), createdAt: now, ...auditRow(ctx, a) }))),
    () => notify(tx, ctx, notifications),
  ];
  const existing = planned.filter((p) => p.found).map((p) => p.componentId);
  for (const statement of statements) await statement();
  return stored;
}

/**
 * Every updated component in one statement (Prisma updates one row per query): the rows go
 * as one JSON parameter, expanded by jsonb_to_recordset.
 */
async function updateLatest(tx: Tx, rows: Array<LatestDesign & { id: string }>): Promise<void> {
  const payload = rows.map((r) => ({
    id: r.id,
    name: r.name,
    code_name: r.codeName,
    description: r.description,
    figma_key: r.figmaKey,
    file_key: r.fileKey,
    latest_spec: r.latestSpec,
    latest_spec_hash: r.latestSpecHash,
    latest_tokens_hash: r.latestTokensHash,
    latest_snapshot_id: r.latestSnapshotId,
    last_seen_at: r.lastSeenAt.toISOString(),
  }));
  await tx.$executeRawUnsafe(
    `UPDATE components AS c SET name = v.name, code_name = v.code_name, description = v.description, figma_key = v.figma_key, file_key = v.file_key,
       latest_spec = v.latest_spec, latest_spec_hash = v.latest_spec_hash, latest_tokens_hash = v.latest_tokens_hash,
       latest_snapshot_id = v.latest_snapshot_id, last_seen_at = v.last_seen_at, removed_at = NULL, updated_at = v.last_seen_at
     FROM json_to_recordset($1::json) AS v(id uuid, name text, code_name text, description text, figma_key text, file_key text, latest_spec jsonb,
       latest_spec_hash text, latest_tokens_hash text, latest_snapshot_id uuid, last_seen_at timestamptz)
     WHERE c.id = v.id`,
    JSON.stringify(payload),
  );
}

// The columns the batch writes (schema.prisma's @map names), with the row fields they come from.
const COMPONENT_COLUMNS: BulkColumn[] = [
  ['id', 'uuid', 'id'], ['project_id', 'uuid', 'projectId'], ['figma_id', 'text', 'figmaId'], ['figma_key', 'text', 'figmaKey'], ['file_key', 'text', 'fileKey'],
  ['name', 'text', 'name'], ['code_name', 'text', 'codeName'], ['description', 'text', 'description'], ['policy', 'text', 'policy'], ['latest_spec', 'jsonb', 'latestSpec'],
  ['latest_spec_hash', 'text', 'latestSpecHash'], ['latest_tokens_hash', 'text', 'latestTokensHash'], ['latest_snapshot_id', 'uuid', 'latestSnapshotId'],
  ['last_seen_at', 'timestamptz', 'lastSeenAt'], ['removed_at', 'timestamptz', 'removedAt'], ['created_at', 'timestamptz', 'createdAt'], ['updated_at', 'timestamptz', 'updatedAt'],
];
const VERSION_COLUMNS: BulkColumn[] = [
  ['id', 'uuid', 'id'], ['component_id', 'uuid', 'componentId'], ['major', 'int', 'major'], ['minor', 'int', 'minor'], ['patch', 'int', 'patch'],
  ['prerelease', 'text', 'prerelease'], ['version', 'text', 'version'], ['status', 'text', 'status'], ['trigger', 'text', 'trigger'], ['bump', 'text', 'bump'],
  ['created_by', 'text', 'createdBy'], ['tokens_hash', 'text', 'tokensHash'], ['spec_hash', 'text', 'specHash'], ['tokens', 'jsonb', 'tokens'], ['tokens_snapshot_id', 'uuid', 'tokensSnapshotId'], ['spec', 'jsonb', 'spec'],
  ['pattern_id', 'text', 'patternId'], ['pattern_version', 'text', 'patternVersion'], ['generation_params', 'jsonb', 'generationParams'],
  ['parent_version_id', 'uuid', 'parentVersionId'], ['base_version_id', 'uuid', 'baseVersionId'], ['branch', 'text', 'branch'], ['tags', 'text[]', 'tags'],
  ['change_summary', 'text[]', 'changeSummary'], ['changes', 'jsonb', 'changes'], ['warnings', 'text[]', 'warnings'], ['has_conflicts', 'boolean', 'hasConflicts'],
  ['customized', 'boolean', 'customized'], ['sync_id', 'uuid', 'syncId'], ['created_at', 'timestamptz', 'createdAt'],
];
const FILE_COLUMNS: BulkColumn[] = [['version_id', 'uuid', 'versionId'], ['path', 'text', 'path'], ['blob_sha256', 'text', 'blobSha256']];
const AUDIT_COLUMNS: BulkColumn[] = [
  ['id', 'uuid', 'id'], ['project_id', 'uuid', 'projectId'], ['actor', 'text', 'actor'], ['action', 'text', 'action'], ['target_type', 'text', 'targetType'],
  ['target_id', 'text', 'targetId'], ['before_hash', 'text', 'beforeHash'], ['after_hash', 'text', 'afterHash'], ['correlation_id', 'text', 'correlationId'],
  ['duration_ms', 'int', 'durationMs'], ['data', 'jsonb', 'data'], ['created_at', 'timestamptz', 'createdAt'],
];
