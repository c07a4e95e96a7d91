// History: filtered, keyset-paged listing and version references.
import type { Prisma } from '../../db/generated/client.js';
import type { Trigger, VersionStatus } from '../../../core/contract/api.js';
import { parseVersion } from '../../../core/changes/index.js';
import { AppError, notFound } from '../../lib/errors.js';
import { loadVersionFiles } from '../../lib/blobs.js';
import { findComponent } from './components.js';
import type { RequestContext } from '../../lib/context.js';
import { findVersion } from './find.js';
import { withVersionTokens } from '../generation/index.js';

// ---- history -------------------------------------------------------------------------

export interface HistoryFilters {
  status?: VersionStatus | undefined;
  tag?: string | undefined;
  trigger?: Trigger | undefined;
  author?: string | undefined;
  branch?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

export function encodeCursor(v: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([v.createdAt.toISOString(), v.id])).toString('base64url');
}

const MAX_INT32 = 2_147_483_647;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const bad = new AppError(
    400,
    'bad_cursor',
    'cursor is not one this API returned; pass nextCursor of the previous page unchanged',
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad;
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw bad;
  const createdAt = new Date(at);
  // Only timestamps the database can hold (PostgreSQL refuses year 0 and before).
  const year = createdAt.getUTCFullYear();
  if (Number.isNaN(createdAt.getTime()) || year < 1 || year > 9999) throw bad;
  return { createdAt, id };
}

/** Newest first, keyset-paged on (created_at, id) so deep pages cost the same as the first. */
export async function listVersions(ctx: RequestContext, componentId: string, f: HistoryFilters) {
  // The project check rides along with the read (one round trip less while a sync keeps the
  // database busy); only an empty page asks whether the component is there at all.
  const where: Prisma.ComponentVersionWhereInput = { componentId, component: { projectId: ctx.projectId } };
  // Archived versions leave the default history; asking for them by status shows them.
  where.status = f.status ?? { not: 'archived' };
  if (f.tag) where.tags = { has: f.tag };
  if (f.trigger) where.trigger = f.trigger;
  if (f.author) where.createdBy = f.author;
  if (f.branch) where.branch = f.branch;
  if (f.from || f.to) where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
  const and: Prisma.ComponentVersionWhereInput[] = [where];
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    // A cursor names a row of this history; any other row (another component's, another
    // project's) positions nothing, so the page is empty rather than someone else's "after".
    const anchor = await ctx.db.componentVersion.findFirst({
      where: { id: c.id, componentId, createdAt: c.createdAt },
      select: { id: true },
    });
    if (!anchor) {
      await findComponent(ctx.db, ctx.projectId, componentId);
      return { items: [], nextCursor: null };
    }
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await ctx.db.componentVersion.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: f.limit + 1,
  });
  if (rows.length === 0) await findComponent(ctx.db, ctx.projectId, componentId);
  const page = rows.slice(0, f.limit);
  return { items: page, nextCursor: rows.length > f.limit ? encodeCursor(page[page.length - 1]!) : null };
}

export async function getVersionWithFiles(ctx: RequestContext, versionId: string) {
  const version = await findVersion(ctx.db, ctx.projectId, versionId);
  const files = await loadVersionFiles(ctx.db, versionId);
  return { version, files };
}

/** A version with its files and its token inputs read (those kept by reference from their snapshot). */
export async function getVersionDetail(ctx: RequestContext, versionId: string) {
  const { version, files } = await getVersionWithFiles(ctx, versionId);
  return { version: await withVersionTokens(ctx.db, ctx.projectId, version), files };
}

/**
 * A version named by id or by version string ("1.2.0", "1.3.0-experimental.1"). A string
 * that is not a UUID must parse as semver: otherwise it is a 400 naming the string.
 */
export async function resolveVersionRef(ctx: RequestContext, componentId: string, ref: string) {
  if (UUID.test(ref)) {
    const v = await findVersion(ctx.db, ctx.projectId, ref);
    if (v.componentId !== componentId) throw notFound('version', ref);
    return v;
  }
  let parsed: ReturnType<typeof parseVersion>;
  try {
    parsed = parseVersion(ref);
  } catch {
    throw new AppError(400, 'bad_version', `"${ref}" is neither a version id nor a semantic version such as 1.2.0`);
  }
  // Version numbers are stored as 32-bit integers; a larger one names no version.
  if ([parsed.major, parsed.minor, parsed.patch].some((n) => !Number.isSafeInteger(n) || n > MAX_INT32)) {
    throw new AppError(400, 'bad_version', `"${ref}" has a number larger than ${MAX_INT32}, which no version has`);
  }
  const candidates = await ctx.db.componentVersion.findMany({
    where: {
      componentId,
      major: parsed.major,
      minor: parsed.minor,
      patch: parsed.patch,
      prerelease: parsed.prerelease,
    },
    orderBy: { createdAt: 'desc' },
  });
  // Several drafts may have proposed the same number; the published one is what the number means.
  const v = candidates.find((c) => c.status === 'published' || c.status === 'archived') ?? candidates[0];
  if (!v) throw notFound('version', ref);
  return v;
}
