// The sync's own row (sync_operations): opened with its token snapshot before any component,
// closed with its result, or failed. This module is the only one that reads or writes the
// row; its JSON columns (result, undo_state) pass only through the codecs below.
import { z } from 'zod';
import type { PrismaClient, SyncOperation } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { Trigger } from '../../../core/contract/api.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { fromJsonColumn, toJsonColumn } from '../../lib/json-column.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { storeSnapshot } from '../generation/index.js';
import { proposalFromDraft } from '../propose/index.js';
import { StoredSyncResult, UndoEntry } from './types.js';

type Db = Tx | PrismaClient;

export interface OpenSync {
  key: string | null;
  inputHash: string;
  request: Omit<SyncRequest, 'tokens'>;
  tokens: TokenSet;
  /** `tokens` as JSON text, written as the snapshot */
  tokensJson: string;
  tokensHash: string;
  trigger: Trigger;
  leaseMinutes: number;
}

/** The row with its result decoded (its undo list is read on its own: only undo and decisions need it). */
export type SyncRow = Omit<SyncOperation, 'result' | 'undoState'> & { result: StoredSyncResult };

// ---- codecs of the JSON columns

/** The column's default, `{}`, until the sync ends. */
const NoResultYet = z.strictObject({});
const UndoList = z.array(UndoEntry);

/**
 * A row's result; until the sync ends (the column holds `{}`) it answers as running, with
 * nothing settled.
 */
function decodeRow({ result, ...row }: Omit<SyncOperation, 'undoState'>): SyncRow {
  const column = `sync_operations.result of sync ${row.id}`;
  const stored = NoResultYet.safeParse(result).success ? null : fromJsonColumn(StoredSyncResult, result, column);
  return {
    ...row,
    result: stored ?? { syncId: row.id, status: row.status, proposals: [], unchanged: 0, errors: [], warnings: [] },
  };
}

/**
 * The result as PostgreSQL can store it: JSON text may not hold NUL, which a designer's
 * name can (it would fail the whole write and leave the sync running).
 */
function encodeResult(result: StoredSyncResult) {
  const withoutNul: StoredSyncResult = JSON.parse(
    JSON.stringify(result, (_key, v: unknown) => (typeof v === 'string' ? v.replace(/\0/g, '\uFFFD') : v)),
  );
  return toJsonColumn(withoutNul);
}

const decodeUndoList = (value: SyncOperation['undoState'], syncId: string): UndoEntry[] =>
  fromJsonColumn(UndoList, value, `sync_operations.undo_state of sync ${syncId}`);

const leaseUntil = (minutes: number): Date => new Date(Date.now() + minutes * 60_000);

// ---- opening, closing and failing a sync

/** Snapshots the tokens, then creates the `running` row referring to them. */
export async function openOperation(ctx: RequestContext, open: OpenSync): Promise<SyncRow> {
  const snapshotId = await storeSnapshot(ctx.db, ctx.projectId, open.request.fileKey, open.tokensHash, open.tokensJson);
  const row = await ctx.db.syncOperation.create({
    data: {
      projectId: ctx.projectId,
      idempotencyKey: open.key,
      inputHash: open.inputHash,
      fileKey: open.request.fileKey,
      fileVersion: open.request.fileVersion ?? null,
      trigger: open.trigger,
      actor: ctx.actor,
      status: 'running',
      leaseExpiresAt: leaseUntil(open.leaseMinutes),
      tokenSnapshotId: snapshotId,
      correlationId: ctx.correlationId,
    },
    omit: { undoState: true },
  });
  return decodeRow(row);
}

/** Stores the result and its undo list, ends the lease, and audits the sync, in one transaction. */
export async function closeOperation(
  ctx: RequestContext,
  syncId: string,
  open: OpenSync,
  result: StoredSyncResult,
  undo: UndoEntry[],
): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    await tx.syncOperation.update({
      where: { id: syncId },
      data: {
        status: result.status,
        leaseExpiresAt: null,
        result: encodeResult(result),
        undoState: toJsonColumn(undo),
        durationMs: Math.round(performance.now() - ctx.startedAt),
      },
    });
    await recordAudit(tx, ctx, {
      action: 'sync.run',
      targetType: 'sync',
      targetId: syncId,
      afterHash: open.inputHash,
      data: {
        fileKey: open.request.fileKey,
        proposals: result.proposals.length,
        unchanged: result.unchanged,
        errors: result.errors.length,
        trigger: open.trigger,
      },
    });
  });
}

/**
 * Ends a sync `failed`, keeping what it did store: its drafts stay reviewable (as proposals)
 * and undoable. Releases its Idempotency-Key, since its first answer was never given.
 */
export async function failOperation(
  ctx: RequestContext,
  syncId: string,
  message: string,
  options: { onlyIfRunning?: boolean; warnings?: string[] } = {},
): Promise<void> {
  const versions = await ctx.db.componentVersion.findMany({
    where: { syncId },
    include: { component: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const result: StoredSyncResult = {
    syncId,
    status: 'failed',
    proposals: versions.map((v) => proposalFromDraft(v.component, v)),
    unchanged: 0,
    errors: [{ componentId: '*', message }],
    warnings: options.warnings ?? [],
  };
  const undo: UndoEntry[] = versions.map((v) => ({
    componentId: v.componentId,
    before: v.baseVersionId,
    versionId: v.id,
  }));
  await ctx.db.syncOperation.updateMany({
    where: { id: syncId, ...(options.onlyIfRunning ? { status: 'running' } : {}) },
    data: {
      status: 'failed',
      idempotencyKey: null,
      leaseExpiresAt: null,
      result: encodeResult(result),
      undoState: toJsonColumn(undo),
    },
  });
}

// ---- the lease

/** Moves a running sync's lease `minutes` ahead; a finished sync keeps none. */
export async function renewLease(ctx: RequestContext, syncId: string, minutes: number): Promise<void> {
  await ctx.db.syncOperation.updateMany({
    where: { id: syncId, status: 'running' },
    data: { leaseExpiresAt: leaseUntil(minutes) },
  });
}

/** The project's running syncs (or sync `syncId`) whose lease ran out by `now`, or that never had one. */
export async function findExpired(
  ctx: RequestContext,
  now: Date,
  syncId?: string,
): Promise<Array<{ id: string; leaseExpiresAt: Date | null }>> {
  return ctx.db.syncOperation.findMany({
    where: {
      ...(syncId !== undefined ? { id: syncId } : {}),
      projectId: ctx.projectId,
      status: 'running',
      OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lte: now } }],
    },
    select: { id: true, leaseExpiresAt: true },
  });
}

// ---- Idempotency-Key

export async function findByKey(ctx: RequestContext, key: string): Promise<SyncRow | null> {
  const row = await ctx.db.syncOperation.findUnique({
    where: { projectId_idempotencyKey: { projectId: ctx.projectId, idempotencyKey: key } },
    omit: { undoState: true },
  });
  return row && decodeRow(row);
}

/** Frees `key` when the sync holding it finished before `createdBefore`. */
export async function releaseKey(ctx: RequestContext, key: string, createdBefore: Date): Promise<void> {
  await ctx.db.syncOperation.updateMany({
    where: {
      projectId: ctx.projectId,
      idempotencyKey: key,
      createdAt: { lt: createdBefore },
      status: { not: 'running' },
    },
    data: { idempotencyKey: null },
  });
}

// ---- reading a sync, undoing it, deciding on its proposals

export async function findOperation(db: Db, projectId: string, syncId: string): Promise<SyncRow | null> {
  const row = await db.syncOperation.findFirst({ where: { id: syncId, projectId }, omit: { undoState: true } });
  return row && decodeRow(row);
}

/** Whether sync `syncId` is among the project's `count` latest. */
export async function isAmongLatest(tx: Tx, projectId: string, syncId: string, count: number): Promise<boolean> {
  const recent = await tx.syncOperation.findMany({
    where: { projectId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: count,
    select: { id: true },
  });
  return recent.some((r) => r.id === syncId);
}

/**
 * Marks the sync undone unless it already is; false when another undo got there first. On
 * PostgreSQL, an undo of the same sync that read it before this one committed waits here on
 * the row.
 */
export async function claimUndo(tx: Tx, syncId: string, undoneAt: Date): Promise<boolean> {
  const claimed = await tx.syncOperation.updateMany({
    where: { id: syncId, undoneAt: null },
    data: { undoneAt, status: 'undone' },
  });
  return claimed.count === 1;
}

export async function undoneAtOf(tx: Tx, syncId: string): Promise<Date | null> {
  return (await tx.syncOperation.findUniqueOrThrow({ where: { id: syncId }, select: { undoneAt: true } })).undoneAt;
}

export async function undoListOf(tx: Tx, syncId: string): Promise<UndoEntry[]> {
  const { undoState } = await tx.syncOperation.findUniqueOrThrow({
    where: { id: syncId },
    select: { undoState: true },
  });
  return decodeUndoList(undoState, syncId);
}

/**
 * Locks the row for the rest of the transaction: decisions of one sync take turns with each
 * other (each adds to the undo list: side by side, the last write would drop the others'
 * entries) and with its undo. Whether (and when) it was undone.
 */
export async function lockOperation(tx: Tx, syncId: string): Promise<{ undoneAt: Date | null } | undefined> {
  const [row] = await tx.$queryRaw<
    Array<{ undone_at: Date | null }>
  >`SELECT undone_at FROM sync_operations WHERE id = ${syncId}::uuid FOR UPDATE`;
  return row && { undoneAt: row.undone_at };
}

/** Adds a version to the sync's undo list (once); call with the row locked (lockOperation). */
export async function addToUndoList(tx: Tx, syncId: string, entry: UndoEntry): Promise<void> {
  const entries = await undoListOf(tx, syncId);
  if (entries.some((e) => e.versionId === entry.versionId)) return;
  const longer: UndoEntry[] = [...entries, entry];
  await tx.syncOperation.update({ where: { id: syncId }, data: { undoState: toJsonColumn(longer) } });
}
