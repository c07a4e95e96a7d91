// Looking up a version of the caller's project.
import type { Tx } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/context.js';

/** A version of the caller's project, or 404. */
export async function findVersion(db: Tx | RequestContext['db'], projectId: string, versionId: string) {
  const version = await db.componentVersion.findFirst({
    where: { id: versionId, component: { projectId } },
    include: { component: true },
  });
  if (!version) throw notFound('version', versionId);
  return version;
}
