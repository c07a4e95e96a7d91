// Proposing drafts: the one writer of draft versions. A design's components go detect → plan →
// write (propose.ts over write.ts), N at once or one; drafts made from given files take the
// same writer (from-files.ts). Nothing else inserts component versions.
export { designInputs, detectChange, type DesignInputs, type Detection } from './detect.js';
export { pendingDraftsOf, type PendingDraft } from './pending.js';
export { prepareDrafts, type Groundwork } from './prepare.js';
export { proposalFromDraft, type ProposedRow, type StoredChanges } from './proposal.js';
export {
  proposeDrafts,
  proposeVersion,
  type ProposalOutcome,
  type ProposedComponent,
  type ProposeItem,
  type ProposeOptions,
  type Seen,
} from './propose.js';
export { createDraft, createDraftInTx } from './from-files.js';
export { dependencyReason, proposeDependents, type MajorChange } from './dependents.js';
export { supersedeDrafts, type DraftInput, type PackedFiles } from './write.js';
export * from './merge.js';
export * from './regenerate.js';
export * from './rejected.js';
export * from './review-queue.js';
export * from './rollback.js';
