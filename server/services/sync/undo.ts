// Undoing a whole sync within its window.
import { canonicalHash } from '../../../core/tokens/hash.js';
import { conflict, notFound, unprocessable } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import type { RequestContext } from '../../lib/context.js';
import { expireLeases } from './lease.js';
import { claimUndo, findOperation, isAmongLatest, undoListOf, undoneAtOf } from './operation.js';

const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;
const UNDO_MAX_OPERATIONS = 50;

/**
 * Undoes a whole sync in one transaction: every component it moved goes back to the version
 * that was current before (a pointer move; the sync's published versions are archived, its
 * pending drafts rejected). Only within 24 h and among the project's last 50 syncs, and only
 * while nothing newer was published on top.
 */
export async function undoSync(ctx: RequestContext, syncId: string) {
  // A crashed sync is failed first: what it stored can then be undone like any other.
  await expireLeases(ctx, syncId);
  return ctx.db.$transaction(async (tx) => {
    const op = await findOperation(tx, ctx.projectId, syncId);
    if (!op) throw notFound('sync', syncId);
    if (op.status === 'running')
      throw conflict('sync_in_progress', `Sync ${syncId} is still running; undo it once it has finished`);
    if (op.undoneAt) throw alreadyUndone(syncId, op.undoneAt);
    const age = Date.now() - op.createdAt.getTime();
    if (age > UNDO_WINDOW_MS) {
      throw unprocessable(
        'undo_window_passed',
        `Sync ${syncId} ran ${Math.floor(age / 3_600_000)} h ago; syncs can be undone for 24 h. Roll back the components instead.`,
      );
    }
    if (!(await isAmongLatest(tx, ctx.projectId, op.id, UNDO_MAX_OPERATIONS))) {
      throw unprocessable(
        'undo_window_passed',
        `Sync ${syncId} is older than the project's last ${UNDO_MAX_OPERATIONS} syncs; roll back the components instead.`,
      );
    }
    // The claim comes first: on PostgreSQL, undos of the same sync that read it before this one
    // committed wait here on the row, then find it undone (the check above ran on what they read).
    const undoneAt = new Date();
    if (!(await claimUndo(tx, op.id, undoneAt))) throw alreadyUndone(syncId, await undoneAtOf(tx, op.id));
    // Read after the claim: an accept that committed meanwhile has added its version.
    const entries = await undoListOf(tx, op.id);
    const restored = [];
    for (const entry of entries) {
      const component = await tx.component.findUniqueOrThrow({ where: { id: entry.componentId } });
      const version = await tx.componentVersion.findUnique({ where: { id: entry.versionId } });
      if (!version) continue;
      if (version.status === 'draft') {
        await tx.componentVersion.update({
          where: { id: version.id },
          data: {
            status: 'rejected',
            decidedAt: new Date(),
            decidedBy: ctx.actor,
            decisionComment: `sync ${syncId} undone`,
          },
        });
        restored.push({
          componentId: component.id,
          name: component.name,
          action: 'draft_withdrawn',
          version: version.version,
        });
        continue;
      }
      if (version.status !== 'published') continue;
      if (component.currentVersionId !== version.id) {
        throw conflict(
          'undo_blocked',
          `${component.name} changed after this sync (current is no longer ${version.version}); undo or roll back the later change first`,
          { componentId: component.id },
        );
      }
      const moved = await tx.component.updateMany({
        where: { id: component.id, currentVersionId: version.id },
        data: { currentVersionId: entry.before },
      });
      if (moved.count !== 1) throw conflict('undo_blocked', `${component.name} changed while undoing; retry`);
      await tx.componentVersion.update({ where: { id: version.id }, data: { status: 'archived' } });
      const before = entry.before
        ? await tx.componentVersion.findUnique({ where: { id: entry.before }, select: { version: true } })
        : null;
      restored.push({
        componentId: component.id,
        name: component.name,
        action: 'restored',
        version: before?.version ?? null,
        from: version.version,
      });
    }
    // Drafts of the sync that were not in the undo list (defensive) are withdrawn too.
    await tx.componentVersion.updateMany({
      where: { syncId, status: 'draft' },
      data: {
        status: 'rejected',
        decidedAt: new Date(),
        decidedBy: ctx.actor,
        decisionComment: `sync ${syncId} undone`,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'sync.undo',
      targetType: 'sync',
      targetId: syncId,
      beforeHash: canonicalHash(entries.map((e) => e.versionId)),
      afterHash: canonicalHash(entries.map((e) => e.before)),
      data: { restored },
    });
    return { syncId, undoneAt: undoneAt.toISOString(), components: restored };
  });
}

function alreadyUndone(syncId: string, at: Date | null) {
  return conflict('already_undone', `Sync ${syncId} was already undone${at ? ` at ${at.toISOString()}` : ''}`);
}
