// Drafts waiting for review across a project: what a browser reviewer sees without a sync in hand.
import type { RequestContext } from '../../lib/context.js';
import { proposalFromDraft } from './proposal.js';
import { MAIN } from '../versions/index.js';

const MAX_DRAFTS = 500;

/** Each component's newest pending draft on main, newest first, as the proposal it was stored with, from the version it records as its base. */
export async function reviewQueue(ctx: RequestContext) {
  const rows = await ctx.db.componentVersion.findMany({
    where: { status: 'draft', branch: MAIN, component: { projectId: ctx.projectId } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { component: { select: { id: true, name: true } } },
    take: MAX_DRAFTS * 2,
  });
  const seen = new Set<string>();
  const newest = rows.filter((row) => !seen.has(row.componentId) && seen.add(row.componentId)).slice(0, MAX_DRAFTS);
  // The version each draft was made on (a draft made from files stores no proposal of its own).
  const baseIds = [...new Set(newest.flatMap((row) => (row.baseVersionId ? [row.baseVersionId] : [])))];
  const bases = new Map(
    (
      await ctx.db.componentVersion.findMany({ where: { id: { in: baseIds } }, select: { id: true, version: true } })
    ).map((b) => [b.id, b.version]),
  );
  return newest.map((row) => ({
    proposal: proposalFromDraft(row.component, row, row.baseVersionId ? (bases.get(row.baseVersionId) ?? null) : null),
    syncId: row.syncId,
    createdAt: row.createdAt.toISOString(),
    hasConflicts: row.hasConflicts,
    customized: row.customized,
  }));
}
