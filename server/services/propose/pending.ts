// Drafts waiting for review: one pending proposal per component and branch.
import type { Db, Tx } from '../../db/database.js';
import { MAIN } from '../versions/index.js';
import type { ProposedRow } from './proposal.js';

/** A pending draft: its proposal, and the inputs and base it was made from. */
export type PendingDraft = ProposedRow & {
  componentId: string;
  baseVersionId: string | null;
  tokensHash: string;
  specHash: string;
  contextHash: string;
  patternId: string;
  patternVersion: string;
};

/** Each component's newest pending draft on `branch`. */
export async function pendingDraftsOf(
  db: Db | Tx,
  componentIds: readonly string[],
  branch = MAIN,
): Promise<Map<string, PendingDraft>> {
  if (!componentIds.length) return new Map();
  const rows = await db.componentVersion.findMany({
    where: { componentId: { in: [...componentIds] }, branch, status: 'draft' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      componentId: true,
      id: true,
      version: true,
      bump: true,
      changes: true,
      changeSummary: true,
      warnings: true,
      hasConflicts: true,
      baseVersionId: true,
      tokensHash: true,
      specHash: true,
      contextHash: true,
      patternId: true,
      patternVersion: true,
    },
  });
  const newest = new Map<string, PendingDraft>();
  for (const r of rows) if (!newest.has(r.componentId)) newest.set(r.componentId, r);
  return newest;
}
