// What the routes share besides the answers themselves (core/contract/responses.ts): the error
// responses, params and query parts, and the mappers from database rows to answers.
import { z } from 'zod';
import {
  ErrorBody,
  type Policy,
  type Trigger,
  type VersionStatus,
  type VersionSummary,
} from '../../core/contract/api.js';
import { type Bump } from '../../core/contract/changes.js';
import type { ComponentOut, VersionOut } from '../../core/contract/responses.js';
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
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/,
    'tag must be 1–50 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

type VersionRow = Prisma.ComponentVersionGetPayload<object>;
/** What a summary reads: a version row without its inputs (spec, tokens, changes). */
type SummaryRow = Omit<VersionRow, 'spec' | 'tokens' | 'changes'>;
type ComponentRow = Omit<Prisma.ComponentGetPayload<object>, 'latestSpec'> & { currentVersion: SummaryRow | null };

export function versionSummary(v: SummaryRow): z.infer<typeof VersionSummary> {
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
    ...fidelityOf(v.fidelity),
  };
}

/** The recorded fidelity's totals (the row keeps the per-variant figures too). */
function fidelityOf(value: Prisma.JsonValue | null): { fidelity?: { matched: number; total: number } } {
  const f = value as { matched?: unknown; total?: unknown } | null;
  if (!f || typeof f !== 'object' || typeof f.matched !== 'number' || typeof f.total !== 'number') return {};
  return { fidelity: { matched: f.matched, total: f.total } };
}

export function versionOut(v: VersionRow): VersionOut {
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

export function componentOut(c: ComponentRow): ComponentOut {
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
    specDigest: c.latestSpecDigest,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
