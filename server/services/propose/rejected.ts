// A rejected proposal is remembered (DESIGN.md "Versions"): a design with the same inputs for
// that component does not propose it again until its inputs change or someone regenerates it
// by hand. The memory is the component's history itself, nothing stored beside it.
import type { Db, Tx } from '../../db/database.js';
import type { RejectedEarlier } from '../../../core/contract/sync.js';
import { inputsKey } from '../generation/index.js';
import { MAIN } from '../versions/index.js';

/** A component's newest version on a branch, when a reviewer rejected it. */
export interface RejectedDraft {
  versionId: string;
  version: string;
  baseVersionId: string | null;
  /** its inputs (inputsKey) */
  inputs: string;
}

/**
 * Per component, its newest version on `branch` if that is a rejected draft. Anything made
 * after it (a new proposal, a regeneration by hand, a publish, a rollback) ends the memory; so
 * does an undo of the sync that made it (an undo withdraws its drafts: no one rejected them).
 */
export async function lastRejected(
  db: Db | Tx,
  componentIds: string[],
  branch = MAIN,
): Promise<Map<string, RejectedDraft>> {
  if (!componentIds.length) return new Map();
  const rows = await db.$queryRawUnsafe<
    Array<{
      component_id: string;
      id: string;
      version: string;
      status: string;
      base_version_id: string | null;
      undone_at: Date | null;
      tokens_hash: string;
      spec_hash: string;
      context_hash: string;
      pattern_id: string;
      pattern_version: string;
    }>
  >(
    `SELECT DISTINCT ON (v.component_id) v.component_id, v.id, v.version, v.status, v.base_version_id, o.undone_at,
       v.tokens_hash, v.spec_hash, v.context_hash, v.pattern_id, v.pattern_version
     FROM component_versions v LEFT JOIN sync_operations o ON o.id = v.sync_id
     WHERE v.component_id = ANY($1::uuid[]) AND v.branch = $2
     ORDER BY v.component_id, v.created_at DESC, v.id DESC`,
    componentIds,
    branch,
  );
  return new Map(
    rows
      .filter((r) => r.status === 'rejected' && !r.undone_at)
      .map((r) => [
        r.component_id,
        {
          versionId: r.id,
          version: r.version,
          baseVersionId: r.base_version_id,
          inputs: inputsKey({
            tokensHash: r.tokens_hash,
            specHash: r.spec_hash,
            contextHash: r.context_hash,
            patternId: r.pattern_id,
            patternVersion: r.pattern_version,
          }),
        },
      ]),
  );
}

/** The rejected draft, if it was made on `baseVersionId` from these very inputs. */
export function rejectedWith(
  rejected: RejectedDraft | undefined,
  baseVersionId: string | null,
  inputs: string,
): RejectedDraft | undefined {
  return rejected && rejected.baseVersionId === baseVersionId && rejected.inputs === inputs ? rejected : undefined;
}

/** How a sync lists it. */
export function rejectedEarlier(component: { id: string; name: string }, rejected: RejectedDraft): RejectedEarlier {
  return {
    componentId: component.id,
    componentName: component.name,
    versionId: rejected.versionId,
    version: rejected.version,
  };
}
