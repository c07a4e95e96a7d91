// A stored draft as the proposal a sync or a reviewer sees.
import type { Prisma } from '../../db/generated/client.js';
import type { Proposal } from '../../../core/contract/sync.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/** What the stored `changes` column of a proposed draft holds: enough to rebuild its Proposal. */
export interface StoredChanges {
  reasons: string[];
  tokenChanges: Proposal['tokenChanges'];
  collectionChanges?: Proposal['collectionChanges'];
  specChanges: Proposal['specChanges'];
  files: Proposal['files'];
  fromVersion: string | null;
}

/** The fields of a draft its proposal is made of. */
export type ProposedRow = Pick<
  VersionRow,
  'id' | 'version' | 'bump' | 'changes' | 'changeSummary' | 'warnings' | 'hasConflicts'
>;

/**
 * A draft as the proposal it was stored with. `baseVersion` is the number of the version the
 * draft records as its base (baseVersionId), when the caller read it: a draft made from files
 * (POST /components/:id/versions) stores no proposal, so only its base says where it starts.
 */
export function proposalFromDraft(
  component: { id: string; name: string },
  v: ProposedRow,
  baseVersion?: string | null,
): Proposal {
  const stored = (v.changes ?? {}) as Partial<StoredChanges>;
  return {
    componentId: component.id,
    componentName: component.name,
    draftVersionId: v.id,
    fromVersion: baseVersion !== undefined ? baseVersion : (stored.fromVersion ?? null),
    toVersion: v.version,
    bump: (v.bump ?? 'patch') as Proposal['bump'],
    reasons: stored.reasons ?? v.changeSummary,
    tokenChanges: stored.tokenChanges ?? [],
    ...(stored.collectionChanges?.length ? { collectionChanges: stored.collectionChanges } : {}),
    specChanges: stored.specChanges ?? [],
    files: stored.files ?? [],
    warnings: v.warnings,
    ...(v.hasConflicts ? { hasConflicts: true } : {}),
  };
}
