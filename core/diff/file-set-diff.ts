import { comparePaths, countLines, fileStatus, indexByPath, normalizeEol } from './lines.js';
import { countLineChanges, diffText } from './text-diff.js';
import type { DiffFileSetsOptions, FileDiff, FileSetDiff, FileSetDiffStats, GeneratedFile } from './types.js';

// git's conventions, so `unified` can be fed to `git apply` / `patch -p1`.
const DEV_NULL = '/dev/null';

/**
 * Per-file diff of two file sets (e.g. two versions of a component). Paths are identity:
 * a renamed file shows as removed + added.
 */
export function diffFileSets(
  oldFiles: readonly GeneratedFile[],
  newFiles: readonly GeneratedFile[],
  options: DiffFileSetsOptions = {},
): FileSetDiff {
  const includeUnchanged = options.includeUnchanged ?? true;
  const includeHunks = options.includeHunks ?? true;
  const oldByPath = indexByPath(oldFiles, 'old');
  const newByPath = indexByPath(newFiles, 'new');
  const paths = [...new Set([...oldByPath.keys(), ...newByPath.keys()])].sort(comparePaths);

  const stats: FileSetDiffStats = {
    filesAdded: 0,
    filesRemoved: 0,
    filesModified: 0,
    filesUnchanged: 0,
    linesAdded: 0,
    linesRemoved: 0,
  };
  const files: FileDiff[] = [];

  for (const path of paths) {
    const oldContent = oldByPath.get(path);
    const newContent = newByPath.get(path);
    const file = diffOne(path, oldContent, newContent, options, includeHunks);
    switch (file.status) {
      case 'added':
        stats.filesAdded++;
        break;
      case 'removed':
        stats.filesRemoved++;
        break;
      case 'modified':
        stats.filesModified++;
        break;
      case 'unchanged':
        stats.filesUnchanged++;
        break;
    }
    stats.linesAdded += file.added;
    stats.linesRemoved += file.removed;
    if (file.status !== 'unchanged' || includeUnchanged) files.push(file);
  }
  return { files, stats };
}

function diffOne(
  path: string,
  oldContent: string | undefined,
  newContent: string | undefined,
  options: DiffFileSetsOptions,
  includeHunks: boolean,
): FileDiff {
  // Normalize before comparing, so an EOL-only difference is 'unchanged' in that mode.
  if (options.normalizeEol) {
    if (oldContent !== undefined) oldContent = normalizeEol(oldContent);
    if (newContent !== undefined) newContent = normalizeEol(newContent);
  }
  const status = fileStatus(oldContent, newContent);
  if (status === 'unchanged') {
    return { path, status, added: 0, removed: 0, hunks: [], unified: '', collapsedAfter: 0 };
  }
  const oldText = oldContent ?? '';
  const newText = newContent ?? '';
  if (!includeHunks) {
    // Whole-file adds and removes need no diff at all.
    const counts =
      status === 'added'
        ? { added: countLines(newText), removed: 0 }
        : status === 'removed'
          ? { added: 0, removed: countLines(oldText) }
          : countLineChanges(oldText, newText, options);
    return { path, status, ...counts, hunks: [], unified: '', collapsedAfter: 0 };
  }
  const d = diffText(oldText, newText, {
    context: options.context,
    normalizeEol: options.normalizeEol,
    limits: options.limits,
    oldPath: status === 'added' ? DEV_NULL : `a/${path}`,
    newPath: status === 'removed' ? DEV_NULL : `b/${path}`,
  });
  return {
    path,
    status,
    added: d.added,
    removed: d.removed,
    hunks: d.hunks,
    unified: d.unified,
    collapsedAfter: d.collapsedAfter,
    ...(d.tooLarge ? { tooLarge: d.tooLarge } : {}),
  };
}
