// Per-file line counts.
import type { GeneratedFile } from '../../../core/contract/api.js';
import { diffFileSets, type FileSetDiff } from '../../../core/diff/index.js';

/** Per-file line counts against the base version, for proposals and list views. */
export function fileStats(oldFiles: GeneratedFile[], newFiles: GeneratedFile[]) {
  return statsOfDiff(diffFileSets(oldFiles, newFiles, { includeHunks: false, includeUnchanged: false }));
}

/** The same counts from a diff already made (without unchanged files), e.g. on the diff thread. */
export function statsOfDiff(diff: FileSetDiff) {
  return diff.files.map((f) => ({
    path: f.path,
    added: f.added,
    removed: f.removed,
    status: f.status,
  }));
}
