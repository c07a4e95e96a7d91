// What the server answers: the response bodies of the REST API, once. The routes declare them
// (so /openapi.json documents them and every answer is checked against them); the plugin UI
// reads their inferred types with `import type` only, so zod stays out of its bundle.
// Sections follow server/routes/. Wire shapes: add fields, never rename these.
import { z } from 'zod';
import { Policy, Scope, VersionSummary } from './api.js';
import { Bump, PatternChange, SpecChange, TokenChange } from './changes.js';
import { DiffOut, DiffStatsOut, FileDiffOut, MergeTooLarge } from './diff.js';
import { FIGMA_PLANS, FIGMA_SEATS, TRACKED_FILE_STATUSES } from './enums.js';
import { Proposal, SyncResult } from './sync.js';

const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
/** A page of a list read with `cursor`: pass nextCursor back for the next one (null: the last page). */
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// ---- health ----

export const HealthOut = z.object({ status: z.literal('ok') });
export const ReadyOut = z.object({ status: z.literal('ready'), database: z.string() });
export const UnavailableOut = z.object({ status: z.literal('unavailable'), database: z.string(), message: z.string() });

// ---- me, projects, api-tokens, audit ----

export const MeOut = z.object({
  project: z.object({ id: z.string(), name: z.string() }),
  token: z.object({ id: z.string(), name: z.string(), scope: Scope, prefix: z.string() }),
});
export type MeOut = z.infer<typeof MeOut>;

export const ProjectOut = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export type ProjectOut = z.infer<typeof ProjectOut>;

export const TokenOut = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  scope: Scope,
  prefix: z.string(),
  createdAt: z.string(),
  token: z.string().describe('the secret; shown once, store it now'),
});
export type TokenOut = z.infer<typeof TokenOut>;

export const ProjectCreatedOut = z.object({ project: ProjectOut, token: TokenOut });

export const TokenInfoOut = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  scope: Scope,
  prefix: z.string().describe('the first characters of the secret, to recognise it'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenInfoOut = z.infer<typeof TokenInfoOut>;
export const TokenInfoListOut = list(TokenInfoOut);

export const AuditOut = z.object({
  id: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  correlationId: z.string().nullable(),
  durationMs: z.number().nullable(),
  data: z.unknown(),
  createdAt: z.string(),
});
export const AuditPageOut = page(AuditOut);

// ---- tracked-files ----

export const TrackedFileOut = z.object({
  id: z.string(),
  fileKey: z.string(),
  name: z.string().nullable(),
  pollIntervalSeconds: z.number().int(),
  policy: Policy,
  hasFigmaToken: z.boolean(),
  hasWebhookPasscode: z.boolean(),
  lastFileVersion: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /**
   * active; design_refused (the design of lastFileVersion cannot be used: only the version is
   * asked for until it changes); or why polling stopped (credentials_broken, not_found, deleted)
   * until the token or key changes
   */
  status: z.enum(TRACKED_FILE_STATUSES),
  statusReason: z.string().nullable(),
  /** what the last read of the file warned about (deleted variables, skipped styles, name collisions, …) */
  lastWarnings: z.array(z.string()),
  /** the plan the file lives in and the seat of the token's user: they set Figma's limits per tier */
  figmaPlan: z.enum(FIGMA_PLANS),
  figmaSeat: z.enum(FIGMA_SEATS),
  /** a version seen whose read waits for the token's budget */
  pendingVersion: z.string().nullable(),
  figmaTokenKind: z.enum(['pat', 'oauth']),
  /** when Figma asked to wait (429), the time it named */
  rateLimitedUntil: z.string().nullable(),
  nextCheckAt: z.string().nullable(),
  failures: z.number().int(),
  webhookIds: z.array(z.string()),
  lastEventAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TrackedFileOut = z.infer<typeof TrackedFileOut>;
export const TrackedFileListOut = list(TrackedFileOut);
export type TrackedFileListOut = z.infer<typeof TrackedFileListOut>;

/** The answer to tracking (or re-tracking) a file. */
export const TrackedFileAnswer = TrackedFileOut.extend({
  /** components of the file that exist already and keep a policy other than the file's (it applies to those it brings later) */
  componentsWithOtherPolicy: z.number().int(),
});

// ---- components, patterns ----

export const ComponentOut = z.object({
  id: z.string(),
  projectId: z.string(),
  figmaId: z.string(),
  figmaKey: z.string().nullable(),
  fileKey: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  pattern: z.string().nullable(),
  policy: Policy,
  currentVersion: VersionSummary.nullable(),
  /**
   * The digest of the design last recorded for it (core/specs specDigest), null before any: a
   * sync may name the component by it in `unchanged` instead of sending its spec. Added in API 1.x.
   */
  specDigest: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ComponentOut = z.infer<typeof ComponentOut>;

/** A component another one uses or is used by (DESIGN.md "Dependencies"). */
export const ComponentRefOut = z.object({ componentId: z.string(), name: z.string() });
export type ComponentRefOut = z.infer<typeof ComponentRefOut>;
/** One component: its current version, what that version uses, and the components whose current version uses it. */
export const ComponentDetailOut = ComponentOut.extend({
  uses: z.array(ComponentRefOut),
  usedBy: z.array(ComponentRefOut),
});
export type ComponentDetailOut = z.infer<typeof ComponentDetailOut>;
export const ComponentPageOut = page(ComponentOut);
export type ComponentPageOut = z.infer<typeof ComponentPageOut>;

export const PatternOut = z.object({ id: z.string(), version: z.string(), description: z.string() });
export type PatternOut = z.infer<typeof PatternOut>;
export const PatternListOut = list(PatternOut);
export type PatternListOut = z.infer<typeof PatternListOut>;

// ---- versions, compare, rollback ----

export const VersionOut = VersionSummary.extend({
  bump: Bump.nullable(),
  tokensHash: z.string(),
  specHash: z.string(),
  patternId: z.string(),
  patternVersion: z.string(),
  generationParams: z.unknown(),
  parentVersionId: z.string().nullable(),
  baseVersionId: z.string().nullable(),
  warnings: z.array(z.string()),
  hasConflicts: z.boolean(),
  customized: z.boolean(),
  syncId: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  changes: z.unknown(),
});
export type VersionOut = z.infer<typeof VersionOut>;

export const FileOut = z.object({ path: z.string(), size: z.number().int(), sha256: z.string(), content: z.string() });

export const VersionDetailOut = VersionOut.extend({
  tokens: z.unknown(),
  spec: z.unknown(),
  files: z.array(FileOut),
});
export type VersionDetailOut = z.infer<typeof VersionDetailOut>;

/** The version history of a component (GET /components/:id/versions). */
export const VersionPageOut = page(VersionSummary);
export type VersionPageOut = z.infer<typeof VersionPageOut>;

export const CompareOut = z.object({
  from: VersionSummary,
  to: VersionSummary,
  files: z.array(FileDiffOut),
  stats: DiffStatsOut,
  summary: z.array(z.string()),
});
export type CompareOut = z.infer<typeof CompareOut>;

export const RollbackOut = z.object({
  version: VersionOut.describe('the new published version (patch over the replaced one, tagged rollback)'),
  previousVersion: VersionSummary.describe('the version it replaced as current'),
  rolledBackTo: VersionSummary,
  warnings: z.array(z.string()),
  diff: DiffOut.describe('files of the replaced version → files of the new version'),
});
export type RollbackOut = z.infer<typeof RollbackOut>;

// ---- previews and fidelity ----

const BoxOut = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

/** The design's expected boxes (GET /versions/:id/preview/layout), for fidelity against what the preview posts. */
export const PreviewLayoutOut = z.object({
  versionId: z.string(),
  variants: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      layers: z
        .array(z.object({ id: z.string(), name: z.string(), type: z.string(), visible: z.boolean(), box: BoxOut }))
        .describe("the variant's layer tree flattened depth first; empty when the spec has no tree"),
    }),
  ),
  modes: z.array(z.string()).describe('the mode names the preview renders, each as data-mode'),
});
export type PreviewLayoutOut = z.infer<typeof PreviewLayoutOut>;

const FidelityCount = z.object({ matched: z.number().int(), total: z.number().int() });

export const FidelityOut = FidelityCount.extend({
  versionId: z.string(),
  variants: z.array(FidelityCount.extend({ id: z.string(), mode: z.string() })),
});
export type FidelityOut = z.infer<typeof FidelityOut>;

// ---- syncs, drafts (review) ----

const Timings = z.object({
  validate: z.number(),
  detect: z.number(),
  generate: z.number(),
  diff: z.number(),
  store: z.number(),
  total: z.number(),
});
export const SyncOut = SyncResult.extend({
  warnings: z.array(z.string()),
  replayed: z.boolean().optional(),
  timingsMs: Timings.optional(),
});
export type SyncOut = z.infer<typeof SyncOut>;

/** A sync with the current review status of each of its proposals (GET /syncs/:id). */
export const SyncDetailOut = SyncOut.extend({
  createdAt: z.string(),
  undoneAt: z.string().nullable(),
  proposals: z.array(Proposal.extend({ draftStatus: z.string(), version: z.string() })),
});
export type SyncDetailOut = z.infer<typeof SyncDetailOut>;

export const DecisionOutcome = z.object({
  componentId: z.string(),
  decision: z.enum(['accept', 'reject']),
  ok: z.boolean(),
  status: z.string(),
  /** null when the sync has no proposal for that component */
  version: z.string().nullable(),
  versionId: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;
/** One outcome per decision, in order. */
export const DecisionsOut = z.object({ syncId: z.string(), results: z.array(DecisionOutcome) });
export type DecisionsOut = z.infer<typeof DecisionsOut>;

export const SyncUndoneOut = z.object({
  syncId: z.string(),
  undoneAt: z.string(),
  components: z.array(
    z.object({
      componentId: z.string(),
      name: z.string(),
      action: z.string(),
      version: z.string().nullable(),
      from: z.string().optional(),
    }),
  ),
});

/** A draft waiting for review, with the proposal it was stored with. */
export const DraftOut = z.object({
  proposal: Proposal,
  syncId: z.string().nullable(),
  createdAt: z.string(),
  hasConflicts: z.boolean(),
  customized: z.boolean(),
});
export type DraftOut = z.infer<typeof DraftOut>;
export const DraftsOut = z.object({ drafts: z.array(DraftOut) });
export type DraftsOut = z.infer<typeof DraftsOut>;

// ---- branches ----

export const BranchOut = z.object({
  id: z.string(),
  componentId: z.string(),
  name: z.string(),
  baseVersion: VersionSummary.describe('the version the branch started from'),
  headVersion: VersionSummary.describe('the latest version published on the branch (the base until one is)'),
  versions: z.number().int().describe('published versions on the branch'),
  pendingDraft: VersionSummary.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  mergedAt: z.string().nullable(),
  mergedVersion: VersionSummary.nullable(),
});
export type BranchOut = z.infer<typeof BranchOut>;
export const BranchListOut = list(BranchOut);

const mergeCommon = {
  strategy: z.enum(['fast-forward', 'three-way', 'resolved']),
  branch: BranchOut,
  warnings: z.array(z.string()),
  diff: DiffOut.describe("main's current files → the merge result"),
};
export const BranchMergedOut = z.object({ status: z.literal('merged'), version: VersionOut, ...mergeCommon });
const BranchUpToDateOut = z.object({
  status: z.literal('up_to_date'),
  version: VersionOut.describe('main already had the branch changes; the branch is closed on it'),
  ...mergeCommon,
});
const BranchConflictsOut = z.object({
  status: z.literal('conflicts'),
  draft: VersionOut.describe('a draft on main with conflict markers (hasConflicts); nothing is published'),
  conflicts: z.array(
    z.object({
      path: z.string(),
      startLine: z.number().int(),
      endLine: z.number().int(),
      tooLarge: MergeTooLarge.optional(),
    }),
  ),
  ...mergeCommon,
});
/** A merge that published nothing: conflicts (a draft with markers) or main already up to date. */
export const BranchNotMergedOut = z.discriminatedUnion('status', [BranchConflictsOut, BranchUpToDateOut]);

// ---- regenerate ----

const RegenerateUnchangedOut = z.object({
  changed: z.literal(false),
  reasons: z.array(z.string()),
  baseVersion: VersionSummary.nullable(),
});
export const RegeneratedOut = z.object({
  changed: z.literal(true),
  pending: z
    .boolean()
    .describe('true when an identical draft was already waiting for review (returned, nothing stored)'),
  proposal: Proposal,
  draft: VersionOut,
  baseVersion: VersionSummary.nullable(),
  warnings: z.array(z.string()),
  diff: DiffOut.describe('files of the base version → files of the draft'),
});
export const RegenerateOut = z.discriminatedUnion('changed', [RegenerateUnchangedOut, RegeneratedOut]);

// ---- customizations ----

const CustomizedFileStatus = z.enum(['modified', 'added', 'unchanged']);

const CustomizationHeader = z.object({
  id: z.string(),
  componentId: z.string(),
  versionId: z.string().describe('the version whose generated files are the merge base'),
  version: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

/** The answer to an upload: each file's changes against the generated files. */
export const CustomizationStoredOut = CustomizationHeader.extend({
  files: z.array(
    z.object({
      path: z.string(),
      status: CustomizedFileStatus,
      added: z.number().int(),
      removed: z.number().int(),
      source: z
        .enum(['uploaded', 'carried'])
        .describe('carried: an edit already merged into the current version, kept'),
    }),
  ),
  warnings: z.array(z.string()),
});

/** The active customization with its files' contents. */
export const CustomizationOut = CustomizationHeader.extend({
  files: z.array(
    z.object({
      path: z.string(),
      status: CustomizedFileStatus,
      added: z.number().int(),
      removed: z.number().int(),
      sha256: z.string(),
      content: z.string(),
    }),
  ),
});

export const CustomizationDroppedOut = z.object({ id: z.string(), componentId: z.string(), replacedAt: z.string() });

// ---- drift, coverage ----

export const DriftItem = z.object({
  componentId: z.string(),
  name: z.string(),
  status: z
    .enum(['changed', 'unpublished', 'removed'])
    .describe(
      'changed: design differs from the published code; unpublished: never published; removed: no longer in the design',
    ),
  currentVersion: z.object({ id: z.string(), version: z.string() }).nullable(),
  bump: Bump.nullable().describe('the bump a sync would propose'),
  reasons: z.array(z.string()),
  tokenChanges: z.array(TokenChange),
  specChanges: z.array(SpecChange),
  patternChange: PatternChange.nullable(),
  pendingDraft: z.object({ id: z.string(), version: z.string(), upToDate: z.boolean() }).nullable(),
  problems: z.array(z.string()),
  lastSeenAt: z.string().nullable(),
});

export const DriftOut = z.object({
  items: z.array(DriftItem),
  totals: z.object({
    changed: z.number().int(),
    unpublished: z.number().int(),
    removed: z.number().int(),
    inSync: z.number().int(),
  }),
});

const CoverageCounts = { variants: z.number().int(), withStory: z.number().int(), tested: z.number().int() };

export const ComponentCoverage = z.object({
  componentId: z.string(),
  name: z.string(),
  versionId: z.string(),
  version: z.string(),
  variantSource: z.enum(['version', 'design']).nullable(),
  storiesFiles: z.array(z.string()),
  testFiles: z.array(z.string()),
  variants: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      values: z.record(z.string(), z.string()),
      story: z.string().nullable().describe('export name of the story showing this variant'),
      tested: z.boolean().describe('a test renders this variant'),
    }),
  ),
  totals: z.object(CoverageCounts),
});

export const CoverageOut = z.object({
  components: z.array(ComponentCoverage),
  totals: z.object({
    components: z.number().int(),
    ...CoverageCounts,
    storyCoverage: z.number(),
    testCoverage: z.number(),
  }),
  designOnly: z.array(z.object({ componentId: z.string(), name: z.string(), lastSeenAt: z.string().nullable() })),
  codeOnly: z.array(
    z.object({
      componentId: z.string(),
      name: z.string(),
      version: z.string(),
      reason: z.enum(['removed_from_design', 'never_in_design']),
      removedAt: z.string().nullable(),
    }),
  ),
});

// ---- notifications, outbound webhooks, daily summary ----

export const NotificationOut = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.unknown(),
  componentId: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const NotificationPageOut = page(NotificationOut).extend({ unread: z.number().int() });
export const NotificationsReadOut = z.object({ marked: z.number().int(), readAt: z.string() });

export const WebhookOut = z.object({
  id: z.string(),
  url: z
    .string()
    .describe(
      'masked: admin tokens see the host, path words and two characters of other segments, other tokens the host only; the whole URL only in the answer to the admin who creates it',
    ),
  format: z.enum(['json', 'slack']),
  events: z.array(z.string()),
  active: z.boolean(),
  signed: z.boolean(),
  createdAt: z.string(),
  deliveries: z.record(z.string(), z.number()).optional(),
});
export const WebhookCreatedOut = WebhookOut.extend({
  secret: z.string().optional().describe('signing secret, shown once (json format)'),
});
export const WebhookListOut = list(WebhookOut);

export const DeliveryOut = z.object({
  id: z.string(),
  event: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export const DeliveryListOut = list(DeliveryOut);

export const SummaryOut = z.object({
  projectId: z.string(),
  from: z.string(),
  to: z.string(),
  changesDetected: z.number().int(),
  versionsCreated: z.number().int(),
  published: z.number().int(),
  rejected: z.number().int(),
  failures: z.number().int(),
});

// ---- automation: Figma webhooks, jobs, token sources ----

export const FigmaEventReceivedOut = z.object({
  received: z.literal(true),
  files: z.number().int(),
  queued: z.number().int(),
});
export const FigmaWebhooksOut = z.object({
  webhooks: z.array(z.object({ id: z.string(), eventType: z.string(), status: z.string(), endpoint: z.string() })),
});
export const FileCheckQueuedOut = z.object({ queued: z.boolean() });

export const JobOut = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  attempts: z.number().int(),
  retryLimit: z.number().int(),
  lastError: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  data: z.unknown(),
});
export const JobListOut = list(JobOut);

export const TokenSourceOut = z.object({
  id: z.string(),
  path: z.string(),
  resolver: z.string(),
  lastHash: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  /** what the last read of the token files warned about (values read leniently, tokens left out, …) */
  lastWarnings: z.array(z.string()),
});
export const TokenSourceListOut = list(TokenSourceOut);
