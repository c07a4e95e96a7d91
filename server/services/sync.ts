import type { Prisma } from '../db/generated/client.js';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import type { Trigger } from '../../core/contract/api.js';
import type { Proposal, SyncRequest, SyncResult } from '../../core/contract/sync.js';
import { canonicalHash } from '../../core/tokens/hash.js';
import { hashTokenSet } from '../../core/tokens/index.js';
import { canonicalTokens } from './token-input.js';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../errors.js';
import { recordAudit } from './audit.js';
import type { RequestContext } from './context.js';
import { detectChange, proposeVersion } from './proposals.js';
import { inputsFor } from './generation/index.js';
import { publishInTx, rejectInTx } from './versions/index.js';
import { PhaseTimer } from './phases.js';

export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;
export const UNDO_MAX_OPERATIONS = 50;

/** Per component: the current version before the sync, and the version the sync made. */
export interface UndoEntry {
  componentId: string;
  before: string | null;
  versionId: string;
}

export interface StoredSyncResult extends SyncResult {
  warnings: string[];
  /** Wall time per phase of this sync, in milliseconds. */
  timingsMs?: ReturnType<PhaseTimer['report']>;
}

function checkSpecs(components: ComponentSpec[]): void {
  const seen = new Set<string>();
  for (const c of components) {
    if (seen.has(c.id)) throw badRequest(`component id ${c.id} (${c.name}) appears twice in components`);
    seen.add(c.id);
  }
}

/**
 * A sync: validate, snapshot the tokens, and propose a new version of every component whose
 * inputs changed, each component in its own transaction so one failure loses nothing else.
 * Idempotent: the same Idempotency-Key (or, without one, the same input) returns the first
 * result and writes nothing.
 */
export async function runSync(
  ctx: RequestContext,
  request: SyncRequest,
  options: { idempotencyKey?: string | undefined; trigger?: Trigger | undefined; concurrency?: number | undefined },
): Promise<{ result: StoredSyncResult; replayed: boolean }> {
  const inputHash = canonicalHash(request);
  const key = options.idempotencyKey ?? `input:${inputHash}`;
  const previous = await ctx.db.syncOperation.findUnique({ where: { projectId_idempotencyKey: { projectId: ctx.projectId, idempotencyKey: key } } });
  if (previous) return replay(previous, inputHash, options.idempotencyKey);

  const timer = new PhaseTimer();
  const { tokens, warnings } = timer.measure('validate', () => {
    checkSpecs(request.components);
    return canonicalTokens(request.tokens, request.components);
  });
  const tokensHash = hashTokenSet(tokens);
  const trigger = options.trigger ?? 'sync';

  let op;
  try {
    op = await ctx.db.$transaction(async (tx) => {
      const snapshot = await tx.tokenSnapshot.upsert({
        where: { projectId_hash: { projectId: ctx.projectId, hash: tokensHash } },
        create: { projectId: ctx.projectId, fileKey: request.fileKey, hash: tokensHash, tokens: tokens as unknown as Prisma.InputJsonValue },
        update: {},
      });
      return tx.syncOperation.create({
        data: {
          projectId: ctx.projectId,
          idempotencyKey: key,
          inputHash,
          fileKey: request.fileKey,
          fileVersion: request.fileVersion ?? null,
          trigger,
          actor: ctx.actor,
          status: 'running',
          tokenSnapshotId: snapshot.id,
          correlationId: ctx.correlationId,
        },
      });
    });
  } catch (err) {
    // The same sync arrived twice at once: the other request owns it.
    if ((err as { code?: string }).code === 'P2002') {
      const other = await ctx.db.syncOperation.findUnique({ where: { projectId_idempotencyKey: { projectId: ctx.projectId, idempotencyKey: key } } });
      if (other) return replay(other, inputHash, options.idempotencyKey);
    }
    throw err;
  }

  const proposals: Proposal[] = [];
  const errors: SyncResult['errors'] = [];
  const undo: UndoEntry[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  const quiet: string[] = [];
  // One read for the whole project: most components of a sync are usually unchanged, and
  // those are settled here without a transaction of their own.
  const known = new Map(
    (await ctx.db.component.findMany({ where: { projectId: ctx.projectId, figmaId: { in: request.components.map((c) => c.id) } }, include: { currentVersion: true } })).map((c) => [c.figmaId, c]),
  );
  const withPending = new Set(
    (await ctx.db.componentVersion.findMany({ where: { componentId: { in: [...known.values()].map((c) => c.id) }, branch: 'main', status: 'draft' }, select: { componentId: true } })).map((v) => v.componentId),
  );
  type Outcome = { spec: ComponentSpec; kind: 'quiet' | 'error' | 'done'; outcome?: Awaited<ReturnType<typeof proposeVersion>>; error?: string };
  const handle = async (spec: ComponentSpec): Promise<Outcome> => {
    try {
      const existing = known.get(spec.id);
      if (existing && !existing.removedAt && existing.name === spec.name && existing.fileKey === request.fileKey) {
        const detection = timer.measure('detect', () => detectChange(existing, spec, tokens, existing.currentVersion));
        if (detection.assessment.bump === 'none' && !withPending.has(existing.id) && existing.latestSpecHash === detection.inputs.specHash && existing.latestTokensHash === detection.inputs.tokensHash) {
          return { spec, kind: 'quiet' };
        }
      }
      const outcome = await ctx.db.$transaction(async (tx) => {
        const found = await tx.component.findUnique({ where: { projectId_figmaId: { projectId: ctx.projectId, figmaId: spec.id } } });
        const seenInputs = inputsFor(spec, tokens, found?.pattern ?? null);
        const latest = {
          name: spec.name,
          description: spec.description ?? null,
          figmaKey: spec.key ?? null,
          fileKey: request.fileKey,
          latestSpec: spec as unknown as Prisma.InputJsonValue,
          latestSpecHash: seenInputs.specHash,
          latestTokensHash: seenInputs.tokensHash,
          latestSnapshotId: op.tokenSnapshotId,
          lastSeenAt: new Date(),
          removedAt: null,
        };
        const component = found
          ? await tx.component.update({ where: { id: found.id }, data: latest, include: { currentVersion: true } })
          : await tx.component.create({ data: { projectId: ctx.projectId, figmaId: spec.id, ...latest }, include: { currentVersion: true } });
        if (!found) await recordAudit(tx, ctx, { action: 'component.create', targetType: 'component', targetId: component.id, data: { name: spec.name, figmaId: spec.id, syncId: op.id } });
        const result = await proposeVersion(tx, ctx, component, spec, tokens, { trigger, syncId: op.id, applyPolicy: true, timer, generationParams: { fileKey: request.fileKey, fileVersion: request.fileVersion ?? null, snapshotId: op.tokenSnapshotId } });
        return result;
      });
      return { spec, kind: 'done', outcome };
    } catch (err) {
      return { spec, kind: 'error', error: describeError(err, spec.name) };
    }
  };
  // Components are independent: on PostgreSQL a few run side by side (each in its own
  // transaction); results keep the request's order.
  const outcomes = await mapLimit(request.components, options.concurrency ?? 1, handle);
  for (const o of outcomes) {
    seen.add(o.spec.id);
    if (o.kind === 'quiet') {
      quiet.push(known.get(o.spec.id)!.id);
      unchanged += 1;
    } else if (o.kind === 'error') {
      errors.push({ componentId: o.spec.id, message: o.error! });
    } else {
      const outcome = o.outcome!;
      if (outcome.kind === 'unchanged') unchanged += 1;
      else proposals.push(outcome.proposal);
      if (outcome.kind === 'proposed') undo.push({ componentId: outcome.proposal.componentId, before: outcome.beforeVersionId, versionId: outcome.proposal.draftVersionId });
    }
  }
  if (quiet.length) {
    await ctx.db.component.updateMany({ where: { id: { in: quiet } }, data: { lastSeenAt: new Date(), latestSnapshotId: op.tokenSnapshotId } });
  }

  // Components of this file that the design no longer has (for coverage and drift).
  await ctx.db.component.updateMany({
    where: { projectId: ctx.projectId, fileKey: request.fileKey, figmaId: { notIn: [...seen] }, removedAt: null },
    data: { removedAt: new Date() },
  });

  const status = errors.length === 0 ? 'completed' : proposals.length + unchanged > 0 ? 'partial' : 'failed';
  const result: StoredSyncResult = { syncId: op.id, status, proposals, unchanged, errors, warnings, timingsMs: timer.report() };
  await ctx.db.$transaction(async (tx) => {
    await tx.syncOperation.update({
      where: { id: op.id },
      data: {
        status,
        result: result as unknown as Prisma.InputJsonValue,
        undoState: undo as unknown as Prisma.InputJsonValue,
        durationMs: Math.round(performance.now() - ctx.startedAt),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'sync.run',
      targetType: 'sync',
      targetId: op.id,
      afterHash: inputHash,
      data: { fileKey: request.fileKey, proposals: proposals.length, unchanged, errors: errors.length, trigger },
    });
  });
  return { result, replayed: false };
}

function replay(op: { id: string; status: string; inputHash: string; result: unknown }, inputHash: string, explicitKey: string | undefined) {
  if (explicitKey && op.inputHash !== inputHash) {
    throw unprocessable('idempotency_key_reused', `Idempotency-Key ${explicitKey} was already used for a different sync request (${op.id})`);
  }
  if (op.status === 'running') throw conflict('sync_in_progress', `The same sync (${op.id}) is still running; retry shortly`);
  return { result: op.result as StoredSyncResult, replayed: true };
}

function describeError(err: unknown, name: string): string {
  if (err instanceof AppError) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return `${name} could not be regenerated: ${message.split('\n')[0]}`;
}

export async function findSync(ctx: RequestContext, syncId: string) {
  const op = await ctx.db.syncOperation.findFirst({ where: { id: syncId, projectId: ctx.projectId } });
  if (!op) throw notFound('sync', syncId);
  return op;
}

/** The stored result, with each proposal's draft status as it is now. */
export async function getSync(ctx: RequestContext, syncId: string) {
  const op = await findSync(ctx, syncId);
  const result = op.result as unknown as StoredSyncResult;
  const ids = (result.proposals ?? []).map((p) => p.draftVersionId);
  const rows = await ctx.db.componentVersion.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, version: true } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    ...result,
    status: op.undoneAt ? 'undone' : result.status ?? op.status,
    createdAt: op.createdAt.toISOString(),
    undoneAt: op.undoneAt?.toISOString() ?? null,
    proposals: (result.proposals ?? []).map((p) => ({ ...p, draftStatus: byId.get(p.draftVersionId)?.status ?? 'unknown', version: byId.get(p.draftVersionId)?.version ?? p.toVersion })),
  };
}

export interface DecisionInput {
  componentId: string;
  decision: 'accept' | 'reject';
  comment?: string | undefined;
  /** Accept even with unresolved merge conflicts. */
  force?: boolean | undefined;
}

/** Accept (publish) or reject each proposal of a sync; each decision is its own transaction. */
export async function decide(ctx: RequestContext, syncId: string, decisions: DecisionInput[]) {
  const op = await findSync(ctx, syncId);
  if (op.undoneAt) throw conflict('sync_undone', `Sync ${syncId} was undone; run a new sync`);
  const result = op.result as unknown as StoredSyncResult;
  const byComponent = new Map((result.proposals ?? []).map((p) => [p.componentId, p]));
  for (const d of decisions) {
    if (!byComponent.has(d.componentId)) throw unprocessable('not_in_sync', `Sync ${syncId} has no proposal for component ${d.componentId}`);
  }
  const outcomes = [];
  for (const d of decisions) {
    const proposal = byComponent.get(d.componentId)!;
    try {
      const version = await ctx.db.$transaction(async (tx) => {
        const v = d.decision === 'accept'
          ? await publishInTx(tx, ctx, proposal.draftVersionId, { comment: d.comment, force: d.force })
          : await rejectInTx(tx, ctx, proposal.draftVersionId, { comment: d.comment });
        if (d.decision === 'accept') {
          const entries = (await tx.syncOperation.findUniqueOrThrow({ where: { id: op.id } })).undoState as unknown as UndoEntry[];
          if (!entries.some((e) => e.versionId === v.id)) {
            entries.push({ componentId: d.componentId, before: v.baseVersionId, versionId: v.id });
            await tx.syncOperation.update({ where: { id: op.id }, data: { undoState: entries as unknown as Prisma.InputJsonValue } });
          }
        }
        return v;
      });
      outcomes.push({ componentId: d.componentId, decision: d.decision, ok: true, status: version.status, version: version.version, versionId: version.id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ componentId: d.componentId, decision: d.decision, ok: false, status: 'error', version: proposal.toVersion, versionId: proposal.draftVersionId, error: { code: err.code, message: err.message } });
    }
  }
  return { syncId, results: outcomes };
}

/**
 * Undoes a whole sync in one transaction: every component it moved goes back to the version
 * that was current before (a pointer move; the sync's published versions are archived, its
 * pending drafts rejected). Only within 24 h and among the project's last 50 syncs, and only
 * while nothing newer was published on top.
 */
export async function undoSync(ctx: RequestContext, syncId: string) {
  return ctx.db.$transaction(async (tx) => {
    const op = await tx.syncOperation.findFirst({ where: { id: syncId, projectId: ctx.projectId } });
    if (!op) throw notFound('sync', syncId);
    if (op.undoneAt) throw conflict('already_undone', `Sync ${syncId} was already undone at ${op.undoneAt.toISOString()}`);
    const age = Date.now() - op.createdAt.getTime();
    if (age > UNDO_WINDOW_MS) {
      throw unprocessable('undo_window_passed', `Sync ${syncId} ran ${Math.floor(age / 3_600_000)} h ago; syncs can be undone for 24 h. Roll back the components instead.`);
    }
    const recent = await tx.syncOperation.findMany({ where: { projectId: ctx.projectId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: UNDO_MAX_OPERATIONS, select: { id: true } });
    if (!recent.some((r) => r.id === op.id)) {
      throw unprocessable('undo_window_passed', `Sync ${syncId} is older than the project's last ${UNDO_MAX_OPERATIONS} syncs; roll back the components instead.`);
    }
    const entries = op.undoState as unknown as UndoEntry[];
    const restored = [];
    for (const entry of entries) {
      const component = await tx.component.findUniqueOrThrow({ where: { id: entry.componentId } });
      const version = await tx.componentVersion.findUnique({ where: { id: entry.versionId } });
      if (!version) continue;
      if (version.status === 'draft') {
        await tx.componentVersion.update({ where: { id: version.id }, data: { status: 'rejected', decidedAt: new Date(), decidedBy: ctx.actor, decisionComment: `sync ${syncId} undone` } });
        restored.push({ componentId: component.id, name: component.name, action: 'draft_withdrawn', version: version.version });
        continue;
      }
      if (version.status !== 'published') continue;
      if (component.currentVersionId !== version.id) {
        throw conflict('undo_blocked', `${component.name} changed after this sync (current is no longer ${version.version}); undo or roll back the later change first`, { componentId: component.id });
      }
      const moved = await tx.component.updateMany({ where: { id: component.id, currentVersionId: version.id }, data: { currentVersionId: entry.before } });
      if (moved.count !== 1) throw conflict('undo_blocked', `${component.name} changed while undoing; retry`);
      await tx.componentVersion.update({ where: { id: version.id }, data: { status: 'archived' } });
      const before = entry.before ? await tx.componentVersion.findUnique({ where: { id: entry.before }, select: { version: true } }) : null;
      restored.push({ componentId: component.id, name: component.name, action: 'restored', version: before?.version ?? null, from: version.version });
    }
    // Drafts of the sync that were not in the undo list (defensive) are withdrawn too.
    await tx.componentVersion.updateMany({ where: { syncId, status: 'draft' }, data: { status: 'rejected', decidedAt: new Date(), decidedBy: ctx.actor, decisionComment: `sync ${syncId} undone` } });
    const undone = await tx.syncOperation.update({ where: { id: op.id }, data: { undoneAt: new Date(), status: 'undone' } });
    await recordAudit(tx, ctx, {
      action: 'sync.undo',
      targetType: 'sync',
      targetId: syncId,
      beforeHash: canonicalHash(entries.map((e) => e.versionId)),
      afterHash: canonicalHash(entries.map((e) => e.before)),
      data: { restored },
    });
    return { syncId, undoneAt: undone.undoneAt!.toISOString(), components: restored };
  });
}

/** Maps with at most `limit` calls in flight; results in input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
