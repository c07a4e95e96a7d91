// Branch heads: the version a new draft or a publish builds on.
import type { Tx } from '../../db/database.js';
import { conflict, notFound } from '../../errors.js';

export const MAIN = 'main';

/** The version a new draft on `branch` builds on: the component's current version on main, the branch head elsewhere. */
export async function branchHead(tx: Tx, componentId: string, currentVersionId: string | null, branch: string) {
  if (branch === MAIN) {
    return currentVersionId ? tx.componentVersion.findUnique({ where: { id: currentVersionId } }) : null;
  }
  const b = await tx.branch.findUnique({ where: { componentId_name: { componentId, name: branch } } });
  if (!b) throw notFound('branch', branch);
  if (b.mergedAt) throw branchMerged(branch);
  return tx.componentVersion.findUnique({ where: { id: b.headVersionId ?? b.baseVersionId } });
}

// A merged branch is closed: its work lives on main now, and a later version on it could never be merged.
const branchMerged = (branch: string) =>
  conflict('branch_merged', `Branch ${branch} was already merged into main; create a new branch to continue`, { branch });

export async function branchHeadId(tx: Tx, componentId: string, branch: string): Promise<string | null> {
  const b = await tx.branch.findUnique({ where: { componentId_name: { componentId, name: branch } } });
  if (!b) throw notFound('branch', branch);
  if (b.mergedAt) throw branchMerged(branch);
  return b.headVersionId ?? b.baseVersionId;
}
