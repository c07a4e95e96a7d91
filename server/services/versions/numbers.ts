// Version numbers: the next free number for a bump on a branch.
import type { Tx } from '../../db/database.js';
import type { Bump } from '../../../core/contract/changes.js';
import { nextVersion, nextPrereleaseVersion, parseVersion } from '../../../core/changes/index.js';
import type { Prisma } from '../../db/generated/client.js';
import { MAIN } from './branch-head.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export async function proposeNumber(tx: Tx, componentId: string, branch: string, head: VersionRow | null, bump: Bump): Promise<string> {
  if (branch === MAIN) {
    // Numbers of archived versions (an undone sync) stay taken: a number means one content for
    // good, and the unique index would refuse the publish. Apply the bump again past them.
    // One indexed lookup per candidate (nearly always one), not the whole history: drafting
    // and publishing must not slow down as a component's history grows.
    const taken = async (number: string) => {
      const p = parseVersion(number);
      const hit = await tx.componentVersion.findFirst({
        where: { componentId, branch, major: p.major, minor: p.minor, patch: p.patch, prerelease: p.prerelease, status: { in: ['published', 'archived'] } },
        select: { id: true },
      });
      return hit !== null;
    };
    let number = nextVersion(head?.version ?? null, bump);
    while (await taken(number)) number = nextVersion(number, bump);
    return number;
  }
  const b = await tx.branch.findUniqueOrThrow({ where: { componentId_name: { componentId, name: branch } } });
  const base = await tx.componentVersion.findUniqueOrThrow({ where: { id: b.baseVersionId } });
  const existing = await tx.componentVersion.findMany({
    where: { componentId, branch, status: { in: ['published', 'archived'] } },
    select: { version: true },
  });
  return nextPrereleaseVersion(base.version, bump, branch, existing.map((v) => v.version));
}
