// Per-file line counts.
import type { GeneratedFile } from '../../../core/contract/api.js';
import { diffFileSets } from '../../../core/diff/index.js';

/** Per-file line counts against the base version, for proposals and list views. */
export function fileStats(oldFiles: GeneratedFile[], newFiles: GeneratedFile[]) {
  return diffFileSets(oldFiles, newFiles, { includeHunks: false, includeUnchanged: false }).files.map((f) => ({
    path: f.path,
    added: f.added,
    removed: f.removed,
    status: f.status,
  }));
}
