// Version files: path validation and the files hash.
import type { Tx } from '../../db/database.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import { canonicalHash } from '../../../core/tokens/hash.js';
import { badRequest } from '../../errors.js';
import type { RequestContext } from '../context.js';

export function validateFiles(files: GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (f.path.startsWith('/') || f.path.split('/').some((s) => s === '..' || s === '')) {
      throw badRequest(`file path ${JSON.stringify(f.path)} must be relative, without empty or ".." segments`);
    }
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
  return canonicalHash([...refs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((r) => [r.path, r.sha256]));
}

export async function filesHash(tx: Tx | RequestContext['db'], versionId: string): Promise<string> {
  const rows = await tx.versionFile.findMany({ where: { versionId }, select: { path: true, blobSha256: true } });
  return filesHashOf(rows.map((r) => ({ path: r.path, sha256: r.blobSha256 })));
}
