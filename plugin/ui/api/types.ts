// The server's answers as the UI reads them (the wire shapes of the REST API; see /openapi.json).
import type { Policy, VersionStatus, VersionSummary, Scope, Trigger } from '../../../core/contract/api.js';
import type { Bump } from '../../../core/contract/changes.js';
import type { Proposal } from '../../../core/contract/sync.js';
import type { TRACKED_FILE_STATUSES } from '../../../core/contract/enums.js';

export interface Me {
  project: { id: string; name: string };
  token: { id: string; name: string; scope: Scope; prefix: string };
}

export interface ComponentRow {
  id: string;
  projectId: string;
  figmaId: string;
  fileKey: string | null;
  name: string;
  description: string | null;
  pattern: string | null;
  policy: Policy;
  currentVersion: VersionSummary | null;
  createdAt: string;
  updatedAt: string;
}

export interface VersionOut extends VersionSummary {
  bump: Bump | null;
  baseVersionId: string | null;
  parentVersionId: string | null;
  warnings: string[];
  hasConflicts: boolean;
  customized: boolean;
  syncId: string | null;
  patternId: string;
  patternVersion: string;
  decidedBy: string | null;
  decidedAt: string | null;
  changes: unknown;
}

export interface VersionDetail extends VersionOut {
  files: Array<{ path: string; size: number; sha256: string; content: string }>;
}

export type ProposalWithStatus = Proposal & { draftStatus: string; version: string };

export interface SyncDetail {
  syncId: string;
  status: string;
  proposals: ProposalWithStatus[];
  unchanged: number;
  errors: Array<{ componentId: string; message: string }>;
  warnings: string[];
  createdAt: string;
  undoneAt: string | null;
}

export interface Decision {
  componentId: string;
  decision: 'accept' | 'reject';
  comment?: string;
  force?: boolean;
}

export interface DecisionOutcome {
  componentId: string;
  decision: 'accept' | 'reject';
  ok: boolean;
  status: string;
  version: string | null;
  versionId: string | null;
  error?: { code: string; message: string };
}

/** A draft waiting for review (GET /projects/:id/drafts), with the proposal it was stored with. */
export interface PendingDraft {
  proposal: Proposal;
  syncId: string | null;
  createdAt: string;
  hasConflicts: boolean;
  customized: boolean;
}

export interface VersionPage {
  items: VersionSummary[];
  nextCursor: string | null;
}

export interface HistoryFilters {
  status?: VersionStatus | '';
  tag?: string;
  trigger?: Trigger | '';
  author?: string;
  branch?: string;
  from?: string;
  to?: string;
}

export interface CompareResult {
  from: VersionSummary;
  to: VersionSummary;
  summary: string[];
}

export interface RollbackResult {
  version: VersionOut;
  previousVersion: VersionSummary;
  rolledBackTo: VersionSummary;
  warnings: string[];
}

export interface PatternInfo {
  id: string;
  version: string;
  description: string;
}

/** A Figma file the server polls (GET /projects/:id/files); secrets are never part of it. */
export interface TrackedFileRow {
  id: string;
  fileKey: string;
  name: string | null;
  pollIntervalSeconds: number;
  policy: Policy;
  hasFigmaToken: boolean;
  lastFileVersion: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  status: (typeof TRACKED_FILE_STATUSES)[number];
  statusReason: string | null;
  lastWarnings: string[];
  figmaPlan: string;
  figmaSeat: string;
  rateLimitedUntil: string | null;
  nextCheckAt: string | null;
}
