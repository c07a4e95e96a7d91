import { diffLines, formatPatch, FILE_HEADERS_ONLY, structuredPatch } from 'diff';
import type { StructuredPatchHunk } from 'diff';
import { countLines, normalizeEol } from './lines.js';
import {
  deadlineOf,
  diffTooLarge,
  editLengthLowerBound,
  jsdiffLimits,
  limitsOf,
  lineTokens,
  reasonAfter,
} from './limits.js';
import type { DiffLimits, DiffLine, DiffTextOptions, DiffTooLarge, Hunk, TextDiff } from './types.js';

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

  const limits = limitsOf(options.limits);
  const deadline = deadlineOf(limits);
  const tooLarge = (reason: DiffTooLarge['reason']): TextDiff => ({
    unified: '',
    hunks: [],
    ...wholeReplacement(oldText, newText),
    collapsedAfter: 0,
    tooLarge: diffTooLarge(reason, limits, oldText, newText),
  });
  if (exceedsAtOnce(oldText, newText, limits)) return tooLarge('edit-length');
  const patch = structuredPatch(
    options.oldPath ?? 'a',
    options.newPath ?? 'b',
    oldText,
    newText,
    undefined,
    undefined,
    {
      context,
      ...jsdiffLimits(oldText, newText, limits),
    },
  );
  if (!patch) return tooLarge(reasonAfter(deadline));

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

/** Whether the lines alone show more changes than the limit allows: no diff needs to run. */
function exceedsAtOnce(oldText: string, newText: string, limits: DiffLimits): boolean {
  // An added or removed file is all insertions or all removals: linear, never too large.
  if (oldText === '' || newText === '') return false;
  return editLengthLowerBound(lineTokens(oldText), lineTokens(newText)) > limits.maxEditLength;
}

/** What a file too large to diff counts as: every old line removed, every new one added. */
function wholeReplacement(oldText: string, newText: string): { added: number; removed: number } {
  return { added: countLines(newText), removed: countLines(oldText) };
}

/**
 * Added / removed line counts only: same numbers as `diffText`, without building hunks or text
 * (list views over many files); past the limits, a whole replacement and why.
 */
export function countLineChanges(
  oldText: string,
  newText: string,
  options: Pick<DiffTextOptions, 'normalizeEol' | 'limits'> = {},
): { added: number; removed: number; tooLarge?: DiffTooLarge } {
  if (options.normalizeEol) {
    oldText = normalizeEol(oldText);
    newText = normalizeEol(newText);
  }
  if (oldText === newText) return { added: 0, removed: 0 };
  const limits = limitsOf(options.limits);
  const deadline = deadlineOf(limits);
  const tooLarge = (reason: DiffTooLarge['reason']) => ({
    ...wholeReplacement(oldText, newText),
    tooLarge: diffTooLarge(reason, limits, oldText, newText),
  });
  if (exceedsAtOnce(oldText, newText, limits)) return tooLarge('edit-length');
  const changes = diffLines(oldText, newText, jsdiffLimits(oldText, newText, limits));
  if (!changes) return tooLarge(reasonAfter(deadline));
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    if (change.added) added += change.count;
    else if (change.removed) removed += change.count;
  }
  return { added, removed };
}
