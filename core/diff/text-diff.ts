import { diffLines, formatPatch, FILE_HEADERS_ONLY, structuredPatch } from 'diff';
import type { StructuredPatchHunk } from 'diff';
import { countLines, normalizeEol } from './lines.js';
import type { DiffLine, DiffTextOptions, Hunk, TextDiff } from './types.js';

const NO_NEWLINE_MARKER = '\\ No newline at end of file';

function contextOf(options: DiffTextOptions): number {
  const context = options.context ?? 3;
  // jsdiff would quietly produce odd hunks for these; a caller bug should be loud.
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(`context must be a non-negative integer, got ${context}`);
  }
  return context;
}

/**
 * Unified line diff of two texts, with structured hunks whose every line carries its line
 * numbers, so a UI can render side-by-side or inline views without re-parsing `unified`.
 */
export function diffText(oldText: string, newText: string, options: DiffTextOptions = {}): TextDiff {
  const context = contextOf(options);
  if (options.normalizeEol) {
    oldText = normalizeEol(oldText);
    newText = normalizeEol(newText);
  }
  if (oldText === newText) return { unified: '', hunks: [], added: 0, removed: 0, collapsedAfter: 0 };

  const patch = structuredPatch(options.oldPath ?? 'a', options.newPath ?? 'b', oldText, newText, undefined, undefined, {
    context,
  });

  const hunks: Hunk[] = [];
  let added = 0;
  let removed = 0;
  // Old line just after the previous hunk: the gap up to the next hunk is what got collapsed.
  let nextOldLine = 1;
  for (const raw of patch.hunks) {
    const hunk = toHunk(raw, raw.oldStart - nextOldLine);
    for (const line of hunk.lines) {
      if (line.kind === 'add') added++;
      else if (line.kind === 'remove') removed++;
    }
    hunks.push(hunk);
    // jsdiff's raw oldStart is the first old line of the hunk even when oldLines is 0.
    nextOldLine = raw.oldStart + raw.oldLines;
  }
  const collapsedAfter = hunks.length ? countLines(oldText) - (nextOldLine - 1) : 0;

  // formatPatch rewrites the starts of zero-length sides in place; give it copies.
  const unified = formatPatch({ ...patch, hunks: patch.hunks.map((h) => ({ ...h })) }, FILE_HEADERS_ONLY);
  return { unified, hunks, added, removed, collapsedAfter };
}

function toHunk(raw: StructuredPatchHunk, collapsedBefore: number): Hunk {
  const lines: DiffLine[] = [];
  let oldLine = raw.oldStart;
  let newLine = raw.newStart;
  for (const l of raw.lines) {
    const text = l.slice(1);
    switch (l[0]) {
      case ' ':
        lines.push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
        break;
      case '-':
        lines.push({ kind: 'remove', text, oldLine: oldLine++ });
        break;
      case '+':
        lines.push({ kind: 'add', text, newLine: newLine++ });
        break;
      case '\\': {
        const prev = lines[lines.length - 1];
        if (prev && l === NO_NEWLINE_MARKER) prev.noNewlineAtEof = true;
        break;
      }
      default:
        throw new Error(`Unexpected line in jsdiff hunk: ${JSON.stringify(l)}`);
    }
  }
  return {
    // Unified diff convention: a side with no lines names the line before the hunk.
    oldStart: raw.oldLines === 0 ? raw.oldStart - 1 : raw.oldStart,
    oldLines: raw.oldLines,
    newStart: raw.newLines === 0 ? raw.newStart - 1 : raw.newStart,
    newLines: raw.newLines,
    collapsedBefore,
    lines,
  };
}

/**
 * Added / removed line counts only: same numbers as `diffText`, without building hunks or text
 * (list views over many files).
 */
export function countLineChanges(
  oldText: string,
  newText: string,
  options: Pick<DiffTextOptions, 'normalizeEol'> = {},
): { added: number; removed: number } {
  if (options.normalizeEol) {
    oldText = normalizeEol(oldText);
    newText = normalizeEol(newText);
  }
  if (oldText === newText) return { added: 0, removed: 0 };
  let added = 0;
  let removed = 0;
  for (const change of diffLines(oldText, newText)) {
    if (change.added) added += change.count;
    else if (change.removed) removed += change.count;
  }
  return { added, removed };
}
