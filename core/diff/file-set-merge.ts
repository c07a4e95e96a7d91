import { comparePaths, indexByPath, normalizeEol, splitText } from './lines.js';
import { mergeText, renderMerge } from './merge.js';
import type { FileSetMerge, MergedFile, MergeFileSetsInput, MergeFileSetsOptions } from './types.js';

/**
 * Three-way merge of file sets for customizations: base = generated files of the version the
 * customization was made against, ours = the developer's files, theirs = the new generation.
 *
 * File-level cases (b/o/t = present in base/ours/theirs):
 * - o and t unchanged from b → unchanged; only one side changed → that side (clean).
 * - both changed → line merge (clean, or conflict with markers); identical changes → clean.
 * - added on one side only → kept (added); added on both, same content → added; different →
 *   line merge against an empty base, which conflicts where they differ (add/add).
 * - deleted on one side, other side unchanged → removed; deleted on both → removed.
 * - deleted by the regeneration but customized (modify/delete), or deleted by the developer but
 *   changed by the regeneration (delete/modify) → conflict. The content is the whole file in one
 *   conflict region with an empty side, so nothing is silently lost and choosing a side is the
 *   usual marker edit; the `reason` says which case it was.
 * - a line merge past the limits (options.limits) → conflict of the whole file, ours against
 *   theirs; `reason` and `tooLarge` say so.
 */
export function mergeFileSets(input: MergeFileSetsInput, options: MergeFileSetsOptions = {}): FileSetMerge {
  const prepare = (files: MergeFileSetsInput['base'], name: string): Map<string, string> => {
    const map = indexByPath(files, name);
    if (options.normalizeEol) for (const [path, content] of map) map.set(path, normalizeEol(content));
    return map;
  };
  const base = prepare(input.base, 'base');
  const ours = prepare(input.ours, 'ours');
  const theirs = prepare(input.theirs, 'theirs');
  const paths = [...new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])].sort(comparePaths);

  const files: MergedFile[] = [];
  for (const path of paths) {
    const b = base.get(path);
    const o = ours.has(path) || !options.oursIsPartial ? ours.get(path) : b;
    const t = theirs.get(path);
    files.push(mergeFile(path, b, o, t, options));
  }

  const conflictedPaths = files.filter((f) => f.status === 'conflict').map((f) => f.path);
  const conflicts = files.reduce((n, f) => n + f.conflicts.length, 0);
  return { files, clean: conflictedPaths.length === 0, conflicts, conflictedPaths };
}

function mergeFile(
  path: string,
  b: string | undefined,
  o: string | undefined,
  t: string | undefined,
  options: MergeFileSetsOptions,
): MergedFile {
  const customized = o !== b;
  const file = (status: MergedFile['status'], content: string | null, reason?: string): MergedFile => ({
    path,
    status,
    content,
    conflicts: [],
    customized,
    ...(reason ? { reason } : {}),
  });
  const merged = (
    base: string,
    ours: string,
    theirs: string,
    addStatus: 'clean' | 'added',
    reason: string,
  ): MergedFile => {
    const r = mergeText(base, ours, theirs, options.labels, options);
    if (r.tooLarge)
      return { ...file('conflict', r.content, r.tooLarge.message), conflicts: r.conflicts, tooLarge: r.tooLarge };
    return {
      ...file(r.clean ? addStatus : 'conflict', r.content, r.clean ? undefined : reason),
      conflicts: r.conflicts,
    };
  };
  // A whole-file conflict where one side no longer has the file.
  const wholeFile = (ours: string | null, theirs: string | null, reason: string): MergedFile => {
    const kept = splitText(ours ?? theirs ?? '');
    const r = renderMerge(
      [
        {
          conflict: {
            ours: ours === null ? [] : kept.lines,
            base: splitText(b ?? '').lines,
            theirs: theirs === null ? [] : kept.lines,
            oursStart: 1,
            baseStart: 1,
            theirsStart: 1,
          },
        },
      ],
      kept.finalNewline,
      options.labels,
      options.style,
    );
    return { ...file('conflict', r.content, reason), conflicts: r.conflicts };
  };

  if (b === undefined) {
    if (o === undefined) return file('added', t ?? '');
    if (t === undefined || t === o) return file('added', o);
    return merged(
      '',
      o,
      t,
      'added',
      'add/add: added by both the customization and the regeneration with different content',
    );
  }
  if (o === undefined) {
    if (t === undefined) return file('removed', null, 'deleted by both the customization and the regeneration');
    if (t === b) return file('removed', null, 'deleted in the customization');
    return wholeFile(null, t, 'delete/modify: deleted in the customization but changed by the regeneration');
  }
  if (t === undefined) {
    if (o === b) return file('removed', null);
    return wholeFile(o, null, 'modify/delete: customized but no longer generated');
  }
  if (o === b && t === b) return file('unchanged', o);
  if (o === b) return file('clean', t);
  if (t === b || t === o) return file('clean', o);
  return merged(b, o, t, 'clean', 'customized lines conflict with regenerated lines');
}
