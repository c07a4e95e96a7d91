/**
 * The diff viewer's rows: each file aligned line by line (core/diff's alignLines, within the
 * server's limits) with its display text, then the rows of the unified and split views with long
 * unchanged regions collapsed. No DOM, no Preact: everything here is unit-tested on exact rows.
 */
import { alignLines, type LineBlock } from '../../../core/diff/alignment.js';
import { comparePaths, fileStatus, splitText } from '../../../core/diff/lines.js';
import type { DiffLimits, DiffTooLarge, FileDiffStatus } from '../../../core/diff/types.js';
import type { DiffFileInput } from './types.js';

export type LineKind = 'context' | 'add' | 'remove';
/** `[start, end)` in UTF-16 code units of a line's display text. */
export type Range = readonly [number, number];

export interface FileModel {
  path: string;
  status: FileDiffStatus;
  added: number;
  removed: number;
  /** Display text of each line: no `\n`, and a CRLF's `\r` dropped (it still counts as a change). */
  oldLines: string[];
  newLines: string[];
  /** That side's last line is not followed by a newline (shown on changed lines, where it matters). */
  oldNoNewlineAtEnd: boolean;
  newNoNewlineAtEnd: boolean;
  /** Empty when the file is too large to diff line by line. */
  blocks: LineBlock[];
  /** Past the limits: no rows, counted as wholly replaced; the viewer shows sizes and hashes instead. */
  tooLarge?: DiffTooLarge;
}

export interface LineRow {
  type: 'line';
  kind: LineKind;
  oldNo: number | null;
  newNo: number | null;
  /** The changed words of a removed / added line paired with its counterpart. */
  mark?: Range;
}

export interface CollapsedRow {
  type: 'collapsed';
  /** Stable per file: pass it back in `expanded` to show the hidden lines. */
  key: string;
  count: number;
  /** First hidden line on each side. */
  oldStart: number;
  newStart: number;
}

export interface SplitCell {
  kind: LineKind;
  no: number;
  mark?: Range;
}

/** One row of the split view; `null` is the empty cell opposite a pure addition or removal. */
export interface SplitRow {
  type: 'split';
  left: SplitCell | null;
  right: SplitCell | null;
}

export type UnifiedRow = LineRow | CollapsedRow;
export type SplitViewRow = SplitRow | CollapsedRow;

export interface RowOptions {
  /** Unchanged lines kept next to each change; longer unchanged regions than 2×context collapse. */
  context: number;
  /** Keys of collapsed regions the user expanded. */
  expanded?: ReadonlySet<string>;
}

export interface BuildOptions {
  /**
   * Defaults: DIFF_LIMITS, the server's. Myers' diff is O(N·D) and this runs on the UI thread:
   * past the limits a file is reported too large instead of freezing the UI (an 8,000-line file
   * changed throughout took 7 s).
   */
  limits?: Partial<DiffLimits>;
}

interface DisplaySide {
  lines: string[];
  noNewlineAtEnd: boolean;
}

function displaySide(text: string | null): DisplaySide {
  const { lines, finalNewline } = splitText(text ?? '');
  return { lines: lines.map((l) => l.replace(/\r$/, '')), noNewlineAtEnd: lines.length > 0 && !finalNewline };
}

export function buildFileModel(input: DiffFileInput, options: BuildOptions = {}): FileModel {
  const oldSide = displaySide(input.before);
  const newSide = displaySide(input.after);
  return {
    path: input.path,
    status: fileStatus(input.before, input.after),
    oldLines: oldSide.lines,
    newLines: newSide.lines,
    oldNoNewlineAtEnd: oldSide.noNewlineAtEnd,
    newNoNewlineAtEnd: newSide.noNewlineAtEnd,
    ...alignLines(input.before ?? '', input.after ?? '', options),
  };
}

/** Sorted by path in code-unit order, the same on every machine (unlike localeCompare). */
export function buildFileModels(files: readonly DiffFileInput[], options: BuildOptions = {}): FileModel[] {
  return [...files].sort((a, b) => comparePaths(a.path, b.path)).map((f) => buildFileModel(f, options));
}

/**
 * `buildFileModels` that reuses the model of every file whose path and contents are unchanged
 * since the previous call. Callers often rebuild the `files` array on each render; reusing
 * models keeps the diff and the highlighting (memoized per model) from running again.
 */
export function modelCache(options: BuildOptions = {}): (files: readonly DiffFileInput[]) => FileModel[] {
  let cache = new Map<string, { before: string | null; after: string | null; model: FileModel }>();
  return (files) => {
    const next = new Map<string, { before: string | null; after: string | null; model: FileModel }>();
    const models = [...files]
      .sort((a, b) => comparePaths(a.path, b.path))
      .map((f) => {
        const hit = cache.get(f.path);
        const model = hit && hit.before === f.before && hit.after === f.after ? hit.model : buildFileModel(f, options);
        next.set(f.path, { before: f.before, after: f.after, model });
        return model;
      });
    cache = next;
    return models;
  };
}

// ---------------------------------------------------------------------------------------------
// Collapsing
// ---------------------------------------------------------------------------------------------

type Piece =
  | { type: 'context'; oldStart: number; newStart: number; count: number }
  | CollapsedRow
  | Extract<LineBlock, { type: 'change' }>;

function normalizeContext(context: number): number {
  return Number.isFinite(context) && context >= 0 ? Math.floor(context) : 3;
}

/**
 * The file as shown: unchanged runs longer than 2×context keep `context` lines next to each
 * neighbouring change and hide the rest behind one collapsed row. A file without any change
 * shows whole (the user opened it to read it).
 */
function pieces(model: FileModel, options: RowOptions): Piece[] {
  const context = normalizeContext(options.context);
  const expanded = options.expanded;
  const hasChange = model.blocks.some((b) => b.type === 'change');
  const out: Piece[] = [];
  model.blocks.forEach((b, i) => {
    if (b.type === 'change') {
      out.push(b);
      return;
    }
    const key = `${b.oldStart}:${b.newStart}`;
    if (!hasChange || b.count <= 2 * context || expanded?.has(key)) {
      out.push({ type: 'context', oldStart: b.oldStart, newStart: b.newStart, count: b.count });
      return;
    }
    const keepBefore = i > 0 ? context : 0;
    const keepAfter = i < model.blocks.length - 1 ? context : 0;
    if (keepBefore > 0) out.push({ type: 'context', oldStart: b.oldStart, newStart: b.newStart, count: keepBefore });
    out.push({
      type: 'collapsed',
      key,
      count: b.count - keepBefore - keepAfter,
      oldStart: b.oldStart + keepBefore,
      newStart: b.newStart + keepBefore,
    });
    if (keepAfter > 0) {
      const skip = b.count - keepAfter;
      out.push({ type: 'context', oldStart: b.oldStart + skip, newStart: b.newStart + skip, count: keepAfter });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

export function unifiedRows(model: FileModel, options: RowOptions): UnifiedRow[] {
  const rows: UnifiedRow[] = [];
  for (const p of pieces(model, options)) {
    if (p.type === 'collapsed') {
      rows.push(p);
    } else if (p.type === 'context') {
      for (let k = 0; k < p.count; k++) {
        rows.push({ type: 'line', kind: 'context', oldNo: p.oldStart + k, newNo: p.newStart + k });
      }
    } else {
      const marks = pairMarks(model, p);
      for (let k = 0; k < p.oldCount; k++) {
        rows.push(
          withMark<LineRow>({ type: 'line', kind: 'remove', oldNo: p.oldStart + k, newNo: null }, marks[k]?.old),
        );
      }
      for (let k = 0; k < p.newCount; k++) {
        rows.push(withMark<LineRow>({ type: 'line', kind: 'add', oldNo: null, newNo: p.newStart + k }, marks[k]?.new));
      }
    }
  }
  return rows;
}

/**
 * Old on the left, new on the right. In a change block the k-th removed line faces the k-th
 * added line (a replaced block reads as pairs); the surplus of either side faces empty cells.
 */
export function splitRows(model: FileModel, options: RowOptions): SplitViewRow[] {
  const rows: SplitViewRow[] = [];
  for (const p of pieces(model, options)) {
    if (p.type === 'collapsed') {
      rows.push(p);
    } else if (p.type === 'context') {
      for (let k = 0; k < p.count; k++) {
        rows.push({
          type: 'split',
          left: { kind: 'context', no: p.oldStart + k },
          right: { kind: 'context', no: p.newStart + k },
        });
      }
    } else {
      const marks = pairMarks(model, p);
      for (let k = 0; k < Math.max(p.oldCount, p.newCount); k++) {
        rows.push({
          type: 'split',
          left: k < p.oldCount ? withMark<SplitCell>({ kind: 'remove', no: p.oldStart + k }, marks[k]?.old) : null,
          right: k < p.newCount ? withMark<SplitCell>({ kind: 'add', no: p.newStart + k }, marks[k]?.new) : null,
        });
      }
    }
  }
  return rows;
}

function withMark<T extends { mark?: Range }>(row: T, mark: Range | undefined): T {
  // Only non-empty marks: an empty one (pure insertion on the other side) highlights nothing.
  if (mark && mark[1] > mark[0]) row.mark = mark;
  return row;
}

function pairMarks(
  model: FileModel,
  b: Extract<LineBlock, { type: 'change' }>,
): Array<{ old: Range; new: Range } | null> {
  const marks: Array<{ old: Range; new: Range } | null> = [];
  for (let k = 0; k < Math.min(b.oldCount, b.newCount); k++) {
    marks.push(changedRange(model.oldLines[b.oldStart - 1 + k] ?? '', model.newLines[b.newStart - 1 + k] ?? ''));
  }
  return marks;
}

// ---------------------------------------------------------------------------------------------
// Changed words within a pair of lines
// ---------------------------------------------------------------------------------------------

const WORD = /[\w$]/;
const isWord = (c: string | undefined): boolean => c !== undefined && WORD.test(c);

/**
 * The differing middle of two lines, between their common prefix and suffix, widened to whole
 * words so a mark never cuts an identifier. `null` when the lines share too little for a mark
 * to help (it would just cover the line), or are equal (a CRLF-only change).
 */
export function changedRange(a: string, b: string): { old: Range; new: Range } | null {
  if (a === b) return null;
  const min = Math.min(a.length, b.length);
  let p = 0;
  while (p < min && a[p] === b[p]) p++;
  let s = 0;
  while (s < min - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  while (p > 0 && isWord(a[p - 1]) && (isWord(a[p]) || isWord(b[p]))) p--;
  while (s > 0 && isWord(a[a.length - s]) && (isWord(a[a.length - s - 1]) || isWord(b[b.length - s - 1]))) s--;
  // Shared indentation says nothing about similarity.
  let indent = 0;
  while (indent < p && (a[indent] === ' ' || a[indent] === '\t')) indent++;
  const shared = p + s - indent;
  const longest = Math.max(a.length, b.length) - indent;
  if (shared * 3 < longest) return null;
  return { old: [p, a.length - s], new: [p, b.length - s] };
}
