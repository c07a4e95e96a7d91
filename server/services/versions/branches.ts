import type { Prisma } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import { loadVersionFiles } from '../../lib/blobs.js';
import { findComponent } from './components.js';
import type { RequestContext } from '../../lib/context.js';
import { filesHash } from './files.js';
import { MAIN } from './branch-head.js';

type BranchRow = Prisma.BranchGetPayload<object>;
type VersionRow = Prisma.ComponentVersionGetPayload<object>;

/** Branch names double as semver prerelease identifiers (1.4.0-experimental.2), hence this alphabet. */
export const BRANCH_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const BRANCH_NAME_RULE =
  'branch names are 1–40 lowercase letters, digits or "-", starting with a letter or digit, and not "main"';

export function checkBranchName(name: string): void {
  if (!BRANCH_NAME.test(name) || name === MAIN) throw badRequest(`"${name}": ${BRANCH_NAME_RULE}`);
}

export interface BranchView {
  branch: BranchRow;
  base: VersionRow;
  head: VersionRow;
  merged: VersionRow | null;
  /** published (or archived) versions on the branch */
  versions: number;
  pendingDraft: VersionRow | null;
}

export async function branchView(db: Tx | RequestContext['db'], b: BranchRow): Promise<BranchView> {
  const [base, head, merged, versions, pendingDraft] = await Promise.all([
    db.componentVersion.findUniqueOrThrow({ where: { id: b.baseVersionId } }),
    db.componentVersion.findUniqueOrThrow({ where: { id: b.headVersionId ?? b.baseVersionId } }),
    b.mergedVersionId ? db.componentVersion.findUnique({ where: { id: b.mergedVersionId } }) : null,
    db.componentVersion.count({
      where: { componentId: b.componentId, branch: b.name, status: { in: ['published', 'archived'] } },
    }),
    db.componentVersion.findFirst({
      where: { componentId: b.componentId, branch: b.name, status: 'draft' },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  return { branch: b, base, head, merged, versions, pendingDraft };
}

export async function findBranch(db: Tx | RequestContext['db'], componentId: string, name: string): Promise<BranchRow> {
  const b = await db.branch.findUnique({ where: { componentId_name: { componentId, name } } });
  if (!b) throw notFound('branch', name);
  return b;
}

/**
 * A named branch from a published (or archived) version, by default the current one. Its head
 * starts at the base (publishInTx compare-and-sets it from there). Names are unique per
 * component for good, merged branches included: a version number like 1.4.0-experimental.2
 * must keep meaning one thing.
 */
export async function createBranch(
  ctx: RequestContext,
  componentId: string,
  input: { name: string; fromVersionId?: string | undefined },
) {
  checkBranchName(input.name);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const component = await findComponent(tx, ctx.projectId, componentId);
      const from = input.fromVersionId
        ? await tx.componentVersion.findFirst({ where: { id: input.fromVersionId, componentId } })
        : component.currentVersion;
      if (!from) {
        if (input.fromVersionId) throw notFound('version', `${input.fromVersionId} of ${component.name}`);
        throw unprocessable(
          'no_current_version',
          `${component.name} has no current version to branch from; pass fromVersionId`,
        );
      }
      if (from.status !== 'published' && from.status !== 'archived') {
        throw unprocessable(
          'invalid_branch_base',
          `Version ${from.version} is ${from.status}; branches start from published (or archived) versions`,
          { status: from.status },
        );
      }
      const clash = await tx.branch.findUnique({ where: { componentId_name: { componentId, name: input.name } } });
      if (clash) throw branchExists(input.name, component.name);
      const b = await tx.branch.create({
        data: { componentId, name: input.name, baseVersionId: from.id, headVersionId: from.id, createdBy: ctx.actor },
      });
      await recordAudit(tx, ctx, {
        action: 'branch.create',
        targetType: 'branch',
        targetId: b.id,
        afterHash: await filesHash(tx, from.id),
        data: { componentId, name: b.name, baseVersionId: from.id, baseVersion: from.version },
      });
      return branchView(tx, b);
    });
  } catch (err) {
    // Two creations of the same name at once: the unique index decides, the loser gets the same 409.
    if (!(err instanceof AppError) && (err as { code?: string }).code === 'P2002')
      throw branchExists(input.name, componentId);
    throw err;
  }
}

const branchExists = (name: string, component: string) =>
  conflict('branch_exists', `Branch ${name} already exists on ${component}`, { name });

export async function listBranches(ctx: RequestContext, componentId: string): Promise<BranchView[]> {
  await findComponent(ctx.db, ctx.projectId, componentId);
  const rows = await ctx.db.branch.findMany({
    where: { componentId },
    orderBy: [{ createdAt: 'asc' }, { name: 'asc' }],
  });
  return Promise.all(rows.map((b) => branchView(ctx.db, b)));
}

/** The files of a branch's base and head and of main's current version, for a merge. */
export async function mergeSides(tx: Tx | RequestContext['db'], b: BranchRow) {
  const base = await tx.componentVersion.findUniqueOrThrow({ where: { id: b.baseVersionId } });
  const head = await tx.componentVersion.findUniqueOrThrow({ where: { id: b.headVersionId ?? b.baseVersionId } });
  const [baseFiles, headFiles] = await Promise.all([loadVersionFiles(tx, base.id), loadVersionFiles(tx, head.id)]);
  return { base, head, baseFiles, headFiles };
}
