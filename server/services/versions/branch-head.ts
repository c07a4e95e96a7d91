// Branch heads: the version a new draft or a publish builds on.
import type { Tx } from '../../db/database.js';
import { conflict, notFound } from '../../lib/errors.js';

export const MAIN = 'main';

/**
 * The id of the version a new version on `branch` builds on: the component's current version
 * on main (`currentVersionId` when the caller has it, else read), the head of a named branch
 * elsewhere. 404 for an unknown branch, 409 for a merged one. The one branch-head lookup.
 */
export async function branchHeadId(
  tx: Tx,
  componentId: string,
  branch: string,
  currentVersionId?: string | null,
): Promise<string | null> {
  if (branch === MAIN) {
    if (currentVersionId !== undefined) return currentVersionId;
    const component = await tx.component.findUnique({ where: { id: componentId }, select: { currentVersionId: true } });
    return component?.currentVersionId ?? null;
  }
  const b = await tx.branch.findUnique({ where: { componentId_name: { componentId, name: branch } } });
  if (!b) throw notFound('branch', branch);
  // A merged branch is closed: its work lives on main now, and a later version on it could never be merged.
  if (b.mergedAt)
    throw conflict('branch_merged', `Branch ${branch} was already merged into main; create a new branch to continue`, {
      branch,
    });
  return b.headVersionId ?? b.baseVersionId;
}

/** The head version itself (see branchHeadId). */
export async function branchHead(tx: Tx, componentId: string, currentVersionId: string | null, branch: string) {
  const id = await branchHeadId(tx, componentId, branch, currentVersionId);
  return id ? tx.componentVersion.findUnique({ where: { id } }) : null;
}
