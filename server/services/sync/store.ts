// Step 5, store: each chunk of changed components in one transaction, which records the design
// each was seen with on its component row and proposes their drafts (services/propose, the one
// writer of drafts: a chunk of one is the same code as a chunk of many). A chunk that fails as a
// whole writes nothing and is stored again one component per transaction, so one failing
// component never blocks the others.
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import { bulkInsert, bulkUpdate } from '../../db/bulk-insert.js';
import type { AuditInput } from '../../lib/audit.js';
import { yieldToEventLoop } from '../../lib/event-loop.js';
import { inputsFor } from '../generation/index.js';
import {
  prepareDrafts,
  proposeDrafts,
  type Groundwork,
  type PackedFiles,
  type ProposedComponent,
} from '../propose/index.js';
import type { Prepared } from './generate.js';
import { latestDesign, type LatestDesign } from './latest-design.js';
import { describeError } from './result.js';
import type { Stored, SyncScope } from './types.js';

export interface StoreOptions {
  /** Chunk transactions side by side (PostgreSQL); 1 on PGlite's single connection. */
  concurrency: number;
  /** Lets short requests go first before each transaction (services/activity.ts). */
  deferTo?: (() => Promise<void>) | undefined;
}

/** A chunk does the work of many small transactions, on a machine that may be busy. */
const CHUNK_TIMEOUT_MS = 60_000;

/**
 * Stores prepared components as chunks arrive, a few chunks side by side when `concurrency`
 * allows. `add` queues a chunk; `done` waits for every queued one.
 */
export function componentStore(
  scope: SyncScope,
  options: StoreOptions,
): { add(chunk: Prepared[]): void; done(): Promise<Stored[]> } {
  const limit = pLimit(Math.max(1, options.concurrency));
  const queued: Array<Promise<Stored[]>> = [];
  return {
    add: (chunk) => void queued.push(limit(() => storeChunk(scope, chunk, options))),
    done: async () => (await Promise.all(queued)).flat(),
  };
}

async function storeChunk(scope: SyncScope, chunk: Prepared[], options: StoreOptions): Promise<Stored[]> {
  await yieldToEventLoop();
  await options.deferTo?.();
  // Everything that needs no lock happens before the transaction (base files, diffs, blob
  // compression): it holds PGlite's only connection, and other requests wait for its end.
  const generated = chunk.filter((p) => p.generated);
  const { groundwork, packed } = await prepareDrafts(
    scope.ctx.db,
    scope.timer,
    generated.map((p) => ({ baseVersionId: p.baseVersionId, files: p.generated!.files })),
  );
  const prepared = new Map(generated.map((p, i) => [p, groundwork[i]!]));
  try {
    return await storeTogether(scope, chunk, prepared, packed);
  } catch (err) {
    if (chunk.length === 1) return [{ prepared: chunk[0]!, error: describeError(err, chunk[0]!.spec.name) }];
  }
  // Which component broke the chunk is not known: each gets its own transaction (and error).
  const stored: Stored[] = [];
  for (const p of chunk) stored.push(...(await storeChunk(scope, [p], options)));
  return stored;
}

async function storeTogether(
  scope: SyncScope,
  chunk: Prepared[],
  groundwork: ReadonlyMap<Prepared, Groundwork>,
  packed: PackedFiles,
): Promise<Stored[]> {
  const { ctx, request } = scope;
  const outcomes = await ctx.db.$transaction(
    async (tx) => {
      const { components, audits } = await recordDesigns(tx, scope, chunk);
      const items = chunk.map((p, i) => ({
        component: components[i]!,
        spec: p.spec,
        tokens: scope.tokens,
        seen: p,
        groundwork: groundwork.get(p),
      }));
      return proposeDrafts(tx, ctx, items, {
        trigger: scope.trigger,
        syncId: scope.syncId,
        applyPolicy: true,
        timer: scope.timer,
        generationParams: {
          fileKey: request.fileKey,
          fileVersion: request.fileVersion ?? null,
          snapshotId: scope.snapshotId,
        },
        tokensSnapshotId: scope.snapshotId,
        packed,
        audits,
      });
    },
    { timeout: CHUNK_TIMEOUT_MS },
  );
  return chunk.map((prepared, i) => ({ prepared, outcome: outcomes[i]! }));
}

/**
 * Records the design each component was seen with (for drift, coverage and detection): new
 * components created, the others updated, a statement each for the whole chunk. Answers the
 * components as proposing needs them, and the audit entries of those created.
 */
async function recordDesigns(
  tx: Tx,
  scope: SyncScope,
  chunk: Prepared[],
): Promise<{ components: ProposedComponent[]; audits: AuditInput[] }> {
  const { ctx, request } = scope;
  const now = new Date();
  // Plain SQL: the transaction holds PGlite's only connection, and a statement through the
  // query builder cost a few milliseconds more of it.
  const rows = await tx.$queryRawUnsafe<
    Array<{
      id: string;
      figma_id: string;
      pattern: string | null;
      policy: string;
      current_version_id: string | null;
      current_version: string | null;
      customized: boolean;
    }>
  >(
    `SELECT c.id, c.figma_id, c.pattern, c.policy, c.current_version_id, v.version AS current_version,
       EXISTS (SELECT 1 FROM customizations k WHERE k.component_id = c.id AND k.replaced_at IS NULL) AS customized
     FROM components c LEFT JOIN component_versions v ON v.id = c.current_version_id
     WHERE c.project_id = $1::uuid AND c.figma_id = ANY($2::text[])`,
    ctx.projectId,
    chunk.map((p) => p.spec.id),
  );
  const found = new Map(rows.map((r) => [r.figma_id, r]));
  const created: Prisma.ComponentCreateManyInput[] = [];
  const updated: Array<LatestDesign & { id: string; updatedAt: Date }> = [];
  const audits: AuditInput[] = [];
  const components = chunk.map((p): ProposedComponent => {
    const c = found.get(p.spec.id);
    const pattern = c?.pattern ?? null;
    // Inputs derived with another pattern override than the stored one would be wrong.
    const seen = pattern === p.pattern ? p.detection.inputs : inputsFor(p.spec, scope.tokens, pattern);
    const latest = latestDesign(p.spec, seen, request.fileKey, scope.snapshotId, now);
    const id = c?.id ?? randomUUID();
    const policy = c?.policy ?? 'notify';
    if (c) updated.push({ id, ...latest, updatedAt: now });
    else {
      created.push({
        id,
        projectId: ctx.projectId,
        figmaId: p.spec.id,
        ...latest,
        policy,
        createdAt: now,
        updatedAt: now,
      });
      audits.push({
        action: 'component.create',
        targetType: 'component',
        targetId: id,
        data: { name: p.spec.name, figmaId: p.spec.id, syncId: scope.syncId },
      });
    }
    const currentVersion =
      c?.current_version_id && c.current_version ? { id: c.current_version_id, version: c.current_version } : null;
    return { id, name: p.spec.name, pattern, policy, currentVersion, customized: c?.customized ?? false, fresh: !c };
  });
  await bulkInsert(tx, 'components', created);
  await bulkUpdate(tx, 'components', updated);
  return { components, audits };
}

/** Up-to-date components were seen by this sync: one write for all of them. */
export async function touchUpToDate(scope: SyncScope, componentIds: string[]): Promise<void> {
  if (!componentIds.length) return;
  await scope.ctx.db.component.updateMany({
    where: { id: { in: componentIds } },
    data: { lastSeenAt: new Date(), latestSnapshotId: scope.snapshotId },
  });
}

/** Components of this file that the design no longer has (for coverage and drift). */
export async function markRemoved(scope: SyncScope, seenFigmaIds: string[]): Promise<void> {
  await scope.ctx.db.component.updateMany({
    where: {
      projectId: scope.ctx.projectId,
      fileKey: scope.request.fileKey,
      figmaId: { notIn: seenFigmaIds },
      removedAt: null,
    },
    data: { removedAt: new Date() },
  });
}
