// Drafts made from files given as they are (POST /components/:id/versions, rollbacks, merges):
// no design to detect, the same writer as every other draft.
import type { Tx } from '../../db/database.js';
import { findComponent, branchHead, filesHash, MAIN, publishInTx, validateFiles } from '../versions/index.js';
import type { RequestContext } from '../../lib/context.js';
import { writeDrafts, type DraftInput } from './write.js';

/**
 * Stores a new draft (files content-addressed) on top of the current head of its branch.
 * Older pending drafts of the same branch are superseded: one pending proposal per branch.
 */
export async function createDraftInTx(tx: Tx, ctx: Omit<RequestContext, 'db'>, componentId: string, input: DraftInput) {
  const component = await findComponent(tx, ctx.projectId, componentId);
  const head = await branchHead(tx, componentId, component.currentVersionId, input.branch ?? MAIN);
  const baseFilesHash = head ? (input.baseFilesHash ?? (await filesHash(tx, head.id))) : null;
  const [draft] = await writeDrafts(tx, ctx, [{ componentId, head, input, baseFilesHash }]);
  if (input.publish) return publishInTx(tx, ctx, draft!.id, {});
  return tx.componentVersion.findUniqueOrThrow({ where: { id: draft!.id } });
}

export async function createDraft(ctx: RequestContext, componentId: string, input: DraftInput) {
  validateFiles(input.files);
  return ctx.db.$transaction((tx) => createDraftInTx(tx, ctx, componentId, input));
}
