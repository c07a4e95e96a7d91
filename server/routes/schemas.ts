import { z } from 'zod';
import { ErrorBody, Policy, Scope, Trigger, VersionStatus, VersionSummary } from '../../core/contract/api.js';
import { DiffTooLarge } from '../../core/contract/diff.js';
import { Bump } from '../../core/contract/changes.js';
import type { Prisma } from '../db/generated/client.js';

/** Error responses every route may give, for the OpenAPI document. */
export const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
} as const;

export const Id = z.uuid({ message: 'must be a UUID' });
export const ProjectParams = z.object({ projectId: Id });
export const ComponentParams = z.object({ componentId: Id });
export const VersionParams = z.object({ versionId: Id });

/** An ISO 8601 timestamp the database can store (PostgreSQL has no year 0). */
export const Timestamp = z.iso.datetime({ offset: true }).refine((v) => {
  const year = new Date(v).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'must be a timestamp between the years 0001 and 9999');

export const Limit = z.coerce.number().int().min(1).max(200).default(50);

export const Tag = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, 'tag must be 1–50 letters, digits, ".", "_" or "-", starting with a letter or digit');

export const ProjectOut = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export const TokenOut = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  scope: Scope,
  prefix: z.string(),
  createdAt: z.string(),
  token: z.string().describe('the secret; shown once, store it now'),
});

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
  createdAt: z.string(),
  updatedAt: z.string(),
});

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

export const FileOut = z.object({ path: z.string(), size: z.number().int(), sha256: z.string(), content: z.string() });

export const VersionDetailOut = VersionOut.extend({
  tokens: z.unknown(),
  spec: z.unknown(),
  files: z.array(FileOut),
});

// ---- diffs (core/diff) ----

export const DiffLine = z.object({
  kind: z.enum(['context', 'add', 'remove']),
  text: z.string(),
  oldLine: z.number().int().optional(),
  newLine: z.number().int().optional(),
  noNewlineAtEof: z.literal(true).optional(),
});

export const Hunk = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  collapsedBefore: z.number().int(),
  lines: z.array(DiffLine),
});

export const FileDiffOut = z.object({
  path: z.string(),
  status: z.enum(['added', 'removed', 'modified', 'unchanged']),
  added: z.number().int(),
  removed: z.number().int(),
  hunks: z.array(Hunk),
  unified: z.string(),
  collapsedAfter: z.number().int(),
  tooLarge: DiffTooLarge.optional(),
});

export const DiffStatsOut = z.object({
  filesAdded: z.number().int(),
  filesRemoved: z.number().int(),
  filesModified: z.number().int(),
  filesUnchanged: z.number().int(),
  linesAdded: z.number().int(),
  linesRemoved: z.number().int(),
});

/** A diff of two file sets (core/diff diffFileSets): what compare, rollback, merge and regenerate answer with. */
export const DiffOut = z.object({ files: z.array(FileDiffOut), stats: DiffStatsOut });

type VersionRow = Prisma.ComponentVersionGetPayload<object>;
type ComponentRow = Prisma.ComponentGetPayload<{ include: { currentVersion: true } }>;

export function versionSummary(v: VersionRow): z.infer<typeof VersionSummary> {
  return {
    id: v.id,
    componentId: v.componentId,
    version: v.version,
    status: v.status as z.infer<typeof VersionStatus>,
    tags: v.tags,
    trigger: v.trigger as z.infer<typeof Trigger>,
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    publishedAt: v.publishedAt?.toISOString() ?? null,
    branch: v.branch,
    summary: v.changeSummary,
  };
}

export function versionOut(v: VersionRow): z.infer<typeof VersionOut> {
  return {
    ...versionSummary(v),
    bump: (v.bump as z.infer<typeof Bump> | null) ?? null,
    tokensHash: v.tokensHash,
    specHash: v.specHash,
    patternId: v.patternId,
    patternVersion: v.patternVersion,
    generationParams: v.generationParams,
    parentVersionId: v.parentVersionId,
    baseVersionId: v.baseVersionId,
    warnings: v.warnings,
    hasConflicts: v.hasConflicts,
    customized: v.customized,
    syncId: v.syncId,
    decidedBy: v.decidedBy,
    decidedAt: v.decidedAt?.toISOString() ?? null,
    decisionComment: v.decisionComment,
    changes: v.changes,
  };
}

export function componentOut(c: ComponentRow): z.infer<typeof ComponentOut> {
  return {
    id: c.id,
    projectId: c.projectId,
    figmaId: c.figmaId,
    figmaKey: c.figmaKey,
    fileKey: c.fileKey,
    name: c.name,
    description: c.description,
    pattern: c.pattern,
    policy: c.policy as z.infer<typeof Policy>,
    currentVersion: c.currentVersion ? versionSummary(c.currentVersion) : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
