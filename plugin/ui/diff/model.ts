/**
 * The diff viewer's pure model: per-file line alignment (jsdiff's Myers diff over whole lines,
 * within core/diff's limits, the server's), then the rows of the unified and split views with
 * long unchanged regions collapsed. No DOM, no Preact: everything here is unit-tested on exact rows.
 */
import { alignSequences, diffTooLarge, limitsOf } from '../../../core/diff/limits.js';
import type { DiffLimits, DiffTooLarge } from '../../../core/diff/types.js';
import type { DiffFileInput } from './types.js';

export type FileStatus = 'added' | 'removed' | 'modified' | 'unchanged';
export type LineKind = 'context' | 'add' | 'remove';
/** `[start, end)` in UTF-16 code units of a line's display text. */
export type Range = readonly [number, number];

/**
 * A run of the alignment. Line numbers are 1-based. An `equal` run has the same lines on both
 * sides; a `change` run replaces `oldCount` old lines by `newCount` new ones (either may be 0).
 */
export type Block =
  | { type: 'equal'; oldStart: number; newStart: number; count: number }
  | { type: 'change'; oldStart: number; oldCount: number; newStart: number; newCount: number };

export interface FileModel {
  path: string;
  status: FileStatus;
  added: number;
  removed: number;
  /** Display text of each line: no `\n`, and a CRLF's `\r` dropped (it still counts as a change). */
  oldLines: string[];
  newLines: string[];
  /** That side's last line is not followed by a newline (shown on changed lines, where it matters). */
  oldNoNewlineAtEnd: boolean;
  newNoNewlineAtEnd: boolean;
  /** Empty when the file is too large to diff line by line. */
  blocks: Block[];
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

interface SplitSide {
  display: string[];
  /** What is compared: the raw line, so CRLF↔LF and a dropped final newline are changes, as in git. */
  keys: string[];
  noNewlineAtEnd: boolean;
}

function splitSide(text: string | null): SplitSide {
  if (!text) return { display: [], keys: [], noNewlineAtEnd: false };
  const keys = text.split('\n');
  const noNewlineAtEnd = keys[keys.length - 1] !== '';
  if (noNewlineAtEnd) {
    // A line can never contain '\n', so this key cannot equal a terminated line's key.
    keys[keys.length - 1] += '\n';
  } else {
    keys.pop();
  }
  const display = keys.map((k) => k.replace(/\n$/, '').replace(/\r$/, ''));
  return { display, keys, noNewlineAtEnd };
}

function statusOf(input: DiffFileInput): FileStatus {
  if (input.before === null && input.after !== null) return 'added';
  if (input.after === null && input.before !== null) return 'removed';
  return (input.before ?? '') === (input.after ?? '') ? 'unchanged' : 'modified';
}

export function buildFileModel(input: DiffFileInput, options: BuildOptions = {}): FileModel {
  const oldSide = splitSide(input.before);
  const newSide = splitSide(input.after);
  const sides = {
    path: input.path,
    status: statusOf(input),
    oldLines: oldSide.display,
    newLines: newSide.display,
    oldNoNewlineAtEnd: oldSide.noNewlineAtEnd,
    newNoNewlineAtEnd: newSide.noNewlineAtEnd,
  };
  const limits = limitsOf(options.limits);
  const alignment = alignSequences(oldSide.keys, newSide.keys, limits);
  if ('tooLarge' in alignment) {
    const tooLarge = diffTooLarge(alignment.tooLarge, limits, input.before ?? '', input.after ?? '');
    return { ...sides, added: newSide.keys.length, removed: oldSide.keys.length, blocks: [], tooLarge };
  }
  const blocks = align(alignment.changes);
  let added = 0;
  let removed = 0;
  for (const b of blocks) {
    if (b.type === 'change') {
      added += b.newCount;
      removed += b.oldCount;
    }
  }
  return { ...sides, added, removed, blocks };
}

/** Sorted by path in code-unit order, the same on every machine (unlike localeCompare). */
export function buildFileModels(files: readonly DiffFileInput[], options: BuildOptions = {}): FileModel[] {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => buildFileModel(f, options));
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
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
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

function align(changes: ReadonlyArray<{ value: readonly string[]; added: boolean; removed: boolean }>): Block[] {
  const blocks: Block[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const c of changes) {
    const n = c.value.length;
    if (n === 0) continue;
    if (!c.added && !c.removed) {
      blocks.push({ type: 'equal', oldStart: oldNo, newStart: newNo, count: n });
      oldNo += n;
      newNo += n;
      continue;
    }
    // jsdiff emits a replacement as adjacent removed/added objects (in either order): one block.
    let last = blocks[blocks.length - 1];
    if (last?.type !== 'change') {
      last = { type: 'change', oldStart: oldNo, oldCount: 0, newStart: newNo, newCount: 0 };
      blocks.push(last);
    }
    if (c.removed) {
      last.oldCount += n;
      oldNo += n;
    } else {
      last.newCount += n;
      newNo += n;
    }
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Collapsing
// ---------------------------------------------------------------------------------------------

type Piece =
  | { type: 'context'; oldStart: number; newStart: number; count: number }
  | CollapsedRow
  | Extract<Block, { type: 'change' }>;

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
        rows.push(withMark<LineRow>({ type: 'line', kind: 'remove', oldNo: p.oldStart + k, newNo: null }, marks[k]?.old));
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

function pairMarks(model: FileModel, b: Extract<Block, { type: 'change' }>): Array<{ old: Range; new: Range } | null> {
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
