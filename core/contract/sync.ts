import { z } from 'zod';
import { LIMITS } from './limits.js';
import { LimitedTokensInput } from './token-limits.js';
import { ComponentSpec } from './specs.js';
import { Bump, CollectionChange, SpecChange, TokenChange } from './changes.js';

/**
 * A component the client names instead of sending: the server already holds this very spec
 * (`specDigest` of GET /projects/:id/components, core/specs specDigest). Added in API 1.x.
 */
export const UnchangedComponent = z.object({
  /** Figma node id of the component set (or lone component), as in ComponentSpec.id */
  id: z.string().min(1).max(200),
  digest: z.string().regex(/^[0-9a-f]{64}$/, 'a digest is 64 lowercase hex characters (sha256)'),
});
export type UnchangedComponent = z.infer<typeof UnchangedComponent>;

export const SyncRequest = z.object({
  fileKey: z.string().min(1).max(LIMITS.fileKey),
  fileName: z.string().max(200).optional(),
  fileVersion: z.string().max(100).optional(),
  tokens: LimitedTokensInput,
  components: z.array(ComponentSpec).max(LIMITS.componentsPerSync),
  /**
   * The file's other components, unchanged since the server recorded them: the sync treats each
   * as if its stored spec had been sent. One that differs from the server's copy makes the
   * whole sync a 409 naming it (send it in `components`). Added in API 1.x.
   */
  unchanged: z.array(UnchangedComponent).max(LIMITS.componentsPerSync).optional(),
});
export type SyncRequest = z.infer<typeof SyncRequest>;

export const FileStat = z.object({
  path: z.string(),
  added: z.number().int(),
  removed: z.number().int(),
  status: z.enum(['added', 'removed', 'modified', 'unchanged']),
});
export type FileStat = z.infer<typeof FileStat>;

export const Proposal = z.object({
  componentId: z.string(),
  componentName: z.string(),
  draftVersionId: z.string(),
  fromVersion: z.string().nullable(),
  toVersion: z.string(),
  bump: Bump,
  reasons: z.array(z.string()),
  tokenChanges: z.array(TokenChange),
  specChanges: z.array(SpecChange),
  /** modes and collections of the tokens it uses (added in API 1.x; absent on older results) */
  collectionChanges: z.array(CollectionChange).optional(),
  files: z.array(FileStat),
  warnings: z.array(z.string()),
  /** the draft holds merge conflicts with a customization: resolve them before accepting (added in API 1.x) */
  hasConflicts: z.boolean().optional(),
});
export type Proposal = z.infer<typeof Proposal>;

/** A component whose change was rejected before, with the same inputs: not proposed again (DESIGN.md "Versions"). */
export const RejectedEarlier = z.object({
  componentId: z.string(),
  componentName: z.string(),
  /** the rejected draft */
  versionId: z.string(),
  version: z.string(),
});
export type RejectedEarlier = z.infer<typeof RejectedEarlier>;

export const SyncResult = z.object({
  syncId: z.string(),
  status: z.string(),
  proposals: z.array(Proposal),
  unchanged: z.number().int(),
  errors: z.array(z.object({ componentId: z.string(), message: z.string() })),
  /** changes rejected earlier with these same inputs, not proposed again until the inputs change or someone regenerates by hand (added in API 1.x; absent on older results) */
  rejectedEarlier: z.array(RejectedEarlier).optional(),
});
export type SyncResult = z.infer<typeof SyncResult>;
