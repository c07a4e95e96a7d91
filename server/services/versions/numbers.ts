// Version numbers: the next free number for a bump on a branch.
import type { Tx } from '../../db/database.js';
import type { Bump } from '../../../core/contract/changes.js';
import { nextVersion, nextPrereleaseVersion, parseVersion } from '../../../core/changes/index.js';
import type { Prisma } from '../../db/generated/client.js';
import { MAIN } from './branch-head.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export async function proposeNumber(
  tx: Tx,
  componentId: string,
  branch: string,
  head: Pick<VersionRow, 'version'> | null,
  bump: Bump,
): Promise<string> {
  if (branch === MAIN) return (await mainNumbers(tx, [{ componentId, head: head?.version ?? null, bump }]))[0]!;
  const b = await tx.branch.findUniqueOrThrow({ where: { componentId_name: { componentId, name: branch } } });
  const base = await tx.componentVersion.findUniqueOrThrow({ where: { id: b.baseVersionId } });
  const existing = await tx.componentVersion.findMany({
    where: { componentId, branch, status: { in: ['published', 'archived'] } },
    select: { version: true },
  });
  return nextPrereleaseVersion(
    base.version,
    bump,
    branch,
    existing.map((v) => v.version),
  );
}

/** A number wanted on main: `bump` applied to the head's number (null: the component's first). */
export interface WantedNumber {
  componentId: string;
  head: string | null;
  bump: Bump;
  /** The component was created in this transaction: no version of it holds a number, no lookup. */
  fresh?: boolean | undefined;
}

/**
 * The main-line number of each wanted version. Numbers of archived versions (an undone sync)
 * stay taken: a number means one content for good, and the unique index would refuse the
 * publish, so the bump is applied again past them. One indexed lookup per round for all
 * components (nearly always one round): drafting and publishing must not slow down as a
 * component's history grows, nor a sync as it stores more components at once.
 */
export async function mainNumbers(tx: Tx, wanted: readonly WantedNumber[]): Promise<string[]> {
  const numbers = wanted.map((w) => nextVersion(w.head, w.bump));
  let open = wanted.flatMap((w, i) => (w.fresh ? [] : [i]));
  while (open.length) {
    const taken = await takenNumbers(
      tx,
      open.map((i) => ({ componentId: wanted[i]!.componentId, version: numbers[i]! })),
    );
    open = open.filter((i) => taken.has(`${wanted[i]!.componentId} ${numbers[i]}`));
    for (const i of open) numbers[i] = nextVersion(numbers[i]!, wanted[i]!.bump);
  }
  return numbers;
}

/** Which of these component numbers a published or archived main-line version holds ("componentId version"). */
async function takenNumbers(tx: Tx, candidates: Array<{ componentId: string; version: string }>): Promise<Set<string>> {
  const wanted = candidates.map((c) => ({
    component_id: c.componentId,
    version: c.version,
    ...parseVersion(c.version),
  }));
  const rows = await tx.$queryRawUnsafe<Array<{ component_id: string; version: string }>>(
    `SELECT DISTINCT w.component_id::text AS component_id, w.version FROM component_versions v
     JOIN json_to_recordset($1::json) AS w(component_id uuid, version text, major int, minor int, patch int, prerelease text)
       ON v.component_id = w.component_id AND v.major = w.major AND v.minor = w.minor AND v.patch = w.patch AND v.prerelease IS NOT DISTINCT FROM w.prerelease
     WHERE v.status IN ('published', 'archived') AND v.branch = $2`,
    JSON.stringify(wanted),
    MAIN,
  );
  return new Set(rows.map((r) => `${r.component_id} ${r.version}`));
}
