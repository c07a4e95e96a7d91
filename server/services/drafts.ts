// Drafts waiting for review across a project: what a browser reviewer sees without a sync in hand.
import type { RequestContext } from './context.js';
import { proposalFromDraft } from './proposals.js';
import { MAIN } from './versions/index.js';

const MAX_DRAFTS = 500;

/** Each component's newest pending draft on main, newest first, as the proposal it was stored with. */
export async function pendingDrafts(ctx: RequestContext) {
  const rows = await ctx.db.componentVersion.findMany({
    where: { status: 'draft', branch: MAIN, component: { projectId: ctx.projectId } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { component: { select: { id: true, name: true } } },
    take: MAX_DRAFTS * 2,
  });
  const seen = new Set<string>();
  const drafts = [];
  for (const row of rows) {
    if (seen.has(row.componentId)) continue;
    seen.add(row.componentId);
    drafts.push({
      proposal: proposalFromDraft(row.component, row),
      syncId: row.syncId,
      createdAt: row.createdAt.toISOString(),
      hasConflicts: row.hasConflicts,
      customized: row.customized,
    });
    if (drafts.length === MAX_DRAFTS) break;
  }
  return drafts;
}
