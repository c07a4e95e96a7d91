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
import { loadFilesOfVersions, sha256OfContent, storeBlobs } from '../blobs.js';
import { fileStats } from '../generation/index.js';
import { proposalFromDraft, type StoredChanges } from '../proposals.js';
import { draftAudit, draftData, filesHashOf, MAIN } from '../versions/index.js';
import type { KnownComponent } from './detect.js';
import type { Prepared } from './generate.js';
import { latestDesign, type LatestDesign } from './latest-design.js';
import type { Stored, SyncScope } from './store.js';
import { yieldToEventLoop } from '../event-loop.js';
import { bulkInsert, type BulkColumn } from '../../db/bulk-insert.js';

export interface BatchResult {
  stored: Stored[];
  /** Components the batch left alone, for the one-by-one path. */
  individually: Prepared[];
}

type VersionRow = Prisma.ComponentVersionGetPayload<object>;
/** Fields of the assessment that change detection may add (collections and modes, presumed output changes). */
type Assessment = Prepared['detection']['assessment'] & { collectionChanges?: unknown[]; outputPresumed?: boolean };

interface Planned {
  prepared: Prepared;
  found: KnownComponent | undefined;
  componentId: string;
  base: VersionRow | null;
  bump: Bump;
  version: string;
}

const BATCH_TIMEOUT_MS = 60_000;

export async function storeBatch(scope: SyncScope, chunk: Prepared[]): Promise<BatchResult> {
  return scope.ctx.db.$transaction(
    async (tx) => {
      const { planned, individually } = await plan(tx, scope, chunk);
      const stored = planned.length ? await write(tx, scope, planned) : [];
      return { stored, individually };
    },
    // A chunk does the work of many small transactions, on a machine that may be busy.
    { timeout: BATCH_TIMEOUT_MS },
  );
}

/** Which components of the chunk the batch can write, with their numbers; the rest go one by one. */
async function plan(tx: Tx, scope: SyncScope, chunk: Prepared[]): Promise<{ planned: Planned[]; individually: Prepared[] }> {
  const { ctx } = scope;
  const found = new Map(
    (await tx.component.findMany({ where: { projectId: ctx.projectId, figmaId: { in: chunk.map((p) => p.spec.id) } }, include: { currentVersion: true } })).map((c) => [c.figmaId, c]),
  );
  const foundIds = [...found.values()].map((c) => c.id);
  const customized = new Set(
    foundIds.length ? (await tx.customization.findMany({ where: { componentId: { in: foundIds }, replacedAt: null }, select: { componentId: true } })).map((c) => c.componentId) : [],
  );
  const individually: Prepared[] = [];
  let planned: Planned[] = [];
  for (const p of chunk) {
    const c = found.get(p.spec.id);
    const same = (c?.pattern ?? null) === p.pattern && (c?.currentVersionId ?? null) === p.baseVersionId;
    // A bump presumed from differing inputs stands only if the files differ: proposeVersion decides that.
    const presumed = (p.detection.assessment as Assessment).outputPresumed === true;
    if (!p.generated || !same || presumed || (c && (customized.has(c.id) || c.policy === 'auto'))) {
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
    const taken = await tx.componentVersion.findMany({
      where: {
        status: { in: ['published', 'archived'] },
        branch: MAIN,
        OR: withHistory.map((p) => {
          const v = parseVersion(p.version);
          return { componentId: p.componentId, major: v.major, minor: v.minor, patch: v.patch, prerelease: v.prerelease };
        }),
      },
      select: { componentId: true },
    });
    const clash = new Set(taken.map((t) => t.componentId));
    individually.push(...planned.filter((p) => clash.has(p.componentId)).map((p) => p.prepared));
    planned = planned.filter((p) => !clash.has(p.componentId));
  }
  return { planned, individually };
}

async function write(tx: Tx, scope: SyncScope, planned: Planned[]): Promise<Stored[]> {
  const { ctx, request, timer } = scope;
  const now = new Date();
  const baseFiles = await loadFilesOfVersions(tx, planned.flatMap((p) => (p.base ? [p.base.id] : [])));

  const created: Prisma.ComponentCreateManyInput[] = [];
  const updated: Array<LatestDesign & { id: string }> = [];
  const audits: AuditInput[] = [];
  const versions: Prisma.ComponentVersionCreateManyInput[] = [];
  const versionAudits: Array<{ row: { id: string; componentId: string; version: string; branch: string; bump: string; trigger: string }; refs: Array<{ path: string; sha256: string }>; before: string | null }> = [];
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const files: Array<{ versionId: string; file: { path: string; content: string }; sha256: string }> = [];
  const stored: Stored[] = [];

  for (const p of planned) {
    const { spec, detection, generated } = p.prepared;
    const { inputs, assessment } = detection;
    const latest = latestDesign(spec, inputs, request.fileKey, scope.snapshotId, now);
    if (p.found) {
      updated.push({ id: p.componentId, ...latest });
    } else {
      created.push({ id: p.componentId, projectId: ctx.projectId, figmaId: spec.id, ...latest, policy: 'notify', createdAt: now, updatedAt: now });
      audits.push({ action: 'component.create', targetType: 'component', targetId: p.componentId, data: { name: spec.name, figmaId: spec.id, syncId: scope.syncId } });
    }
    const before = p.base ? baseFiles.get(p.base.id) ?? [] : [];
    const stats = timer.measure('diff', () => fileStats(before, generated!.files));
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
    const refs = generated!.files.map((f) => ({ path: f.path, sha256: sha256OfContent(f.content) }));
    generated!.files.forEach((f, i) => files.push({ versionId: id, file: f, sha256: refs[i]!.sha256 }));
    versionAudits.push({ row: { id, componentId: p.componentId, version: p.version, branch: MAIN, bump: p.bump, trigger: scope.trigger }, refs, before: p.base ? filesHashOf(before.map((f) => ({ path: f.path, sha256: sha256OfContent(f.content) }))) : null });
    const policy = p.found?.policy ?? 'notify';
    if (policy !== 'manual') {
      notifications.push({
        projectId: ctx.projectId,
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

  // Between statements other requests get a turn: PGlite runs them on this thread (event-loop.ts).
  const statements: Array<() => Promise<unknown>> = [
    () => bulkInsert(tx, 'components', COMPONENT_COLUMNS, created),
    () => (updated.length ? updateLatest(tx, updated) : Promise.resolve()),
    // One pending proposal per component: the new drafts supersede the older ones.
    () => (existing.length ? tx.componentVersion.updateMany({ where: { componentId: { in: existing }, branch: MAIN, status: 'draft' }, data: { status: 'superseded', decidedAt: now, decidedBy: ctx.actor } }) : Promise.resolve()),
    () => bulkInsert(tx, 'component_versions', VERSION_COLUMNS, versions),
    () => storeBlobs(tx, files.map((f) => f.file)),
    () => bulkInsert(tx, 'version_files', FILE_COLUMNS, files.map((f) => ({ versionId: f.versionId, path: f.file.path, blobSha256: f.sha256 }))),
    () => bulkInsert(tx, 'audit_events', AUDIT_COLUMNS, [...audits, ...versionAudits.map((v) => draftAudit(v.row, v.refs, v.before))].map((a) => ({ id: randomUUID(), createdAt: now, ...auditRow(ctx, a) }))),
    () => bulkInsert(tx, 'notifications', NOTIFICATION_COLUMNS, notifications.map((n) => ({ id: randomUUID(), createdAt: now, ...n }))),
  ];
  const existing = planned.filter((p) => p.found).map((p) => p.componentId);
  for (const statement of statements) {
    await yieldToEventLoop();
    await statement();
  }
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
     FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, name text, code_name text, description text, figma_key text, file_key text, latest_spec jsonb,
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
  ['created_by', 'text', 'createdBy'], ['tokens_hash', 'text', 'tokensHash'], ['spec_hash', 'text', 'specHash'], ['tokens', 'jsonb', 'tokens'], ['spec', 'jsonb', 'spec'],
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
const NOTIFICATION_COLUMNS: BulkColumn[] = [
  ['id', 'uuid', 'id'], ['project_id', 'uuid', 'projectId'], ['kind', 'text', 'kind'], ['title', 'text', 'title'], ['body', 'text', 'body'],
  ['data', 'jsonb', 'data'], ['component_id', 'uuid', 'componentId'], ['created_at', 'timestamptz', 'createdAt'],
];
