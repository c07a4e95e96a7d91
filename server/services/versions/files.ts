// Version files: path validation and the files hash.
import type { Tx } from '../../db/database.js';
import { filePathProblem } from '../../../core/contract/file-path.js';
import { canonicalHash } from '../../../core/tokens/hash.js';
import { badRequest } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/context.js';

/** Every path safe (core/contract filePathProblem) and none twice; the routes' schemas check the same. */
export function validateFiles(files: readonly { path: string }[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const problem = filePathProblem(f.path);
    if (problem) throw badRequest(`file path ${JSON.stringify(f.path)} ${problem}`, { path: f.path });
    if (seen.has(f.path)) throw badRequest(`file path ${JSON.stringify(f.path)} appears twice`);
    seen.add(f.path);
  }
}

// ---- hashes ----------------------------------------------------------------------------

/**
 * The identity of a set of files (audit before/after hashes): paths in code-unit order, which
 * is the same on every machine and Node version (localeCompare depends on the ICU locale).
 */
export function filesHashOf(refs: readonly { path: string; sha256: string }[]): string {
  return canonicalHash(
    [...refs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((r) => [r.path, r.sha256]),
  );
}

export async function filesHash(tx: Tx | RequestContext['db'], versionId: string): Promise<string> {
  const rows = await tx.versionFile.findMany({ where: { versionId }, select: { path: true, blobSha256: true } });
  return filesHashOf(rows.map((r) => ({ path: r.path, sha256: r.blobSha256 })));
}
