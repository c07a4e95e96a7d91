import { diff3Merge } from 'node-diff3';
import { markerLine, MARKERS } from './conflict-markers.js';
import { alignSequences, deadlineOf, limitsOf, mergeTooLarge } from './limits.js';
import { joinText, normalizeEol, splitText, type SplitText } from './lines.js';
import type {
  ConflictRegion,
  ConflictStyle,
  DiffLimits,
  MergeLabels,
  MergeTextOptions,
  TextMerge,
  TooLargeReason,
} from './types.js';

export const DEFAULT_MERGE_LABELS: Readonly<MergeLabels> = {
  ours: 'customized',
  base: 'generated',
  theirs: 'regenerated',
};

/** A run of merged lines, or a conflict with each side's lines and 1-based start lines. */
export type MergeSegment = { ok: string[] } | { conflict: Omit<ConflictRegion, 'startLine' | 'endLine'> };

/**
 * Three-way line merge. Changes made on only one side are taken; identical changes on both
 * sides are taken once; overlapping or adjacent different changes become conflict regions
 * with git-style markers. Whether the file ends with a newline is merged separately (see
 * `mergeFinalNewline`), so adding or dropping it never conflicts with an edit of the last line.
 * Past the limits (options.limits, DIFF_LIMITS), the whole file is one conflict region, ours
 * against theirs, and `tooLarge` says why: one side is never taken silently.
 */
export function mergeText(
  base: string,
  ours: string,
  theirs: string,
  labels: Partial<MergeLabels> = {},
  options: MergeTextOptions = {},
): TextMerge {
  if (options.normalizeEol) {
    base = normalizeEol(base);
    ours = normalizeEol(ours);
    theirs = normalizeEol(theirs);
  }
  const limits = limitsOf(options.limits);
  const b = splitText(base);
  const o = splitText(ours);
  const t = splitText(theirs);
  const finalNewline = mergeFinalNewline(b, o, t);
  const segments = mergeLines(b.lines, o.lines, t.lines, limits);
  if (!Array.isArray(segments)) {
    const whole = { ours: o.lines, base: b.lines, theirs: t.lines, oursStart: 1, baseStart: 1, theirsStart: 1 };
    return {
      ...renderMerge([{ conflict: whole }], finalNewline, labels, options.style),
      tooLarge: mergeTooLarge(segments.tooLarge, limits, { base, ours, theirs }),
    };
  }
  return renderMerge(segments, finalNewline, labels, options.style);
}

/** The merged lines, or why they could not be merged within the limits. */
export function mergeLines(
  base: string[],
  ours: string[],
  theirs: string[],
  limits: DiffLimits = limitsOf(undefined),
): MergeSegment[] | { tooLarge: TooLargeReason } {
  const deadline = deadlineOf(limits);
  // node-diff3 3.1.2 keys a plain object by line text, so a line such as `constructor` or
  // `__proto__` crashes it (bhousel/node-diff3#86, fixed after that release). Interning lines
  // to numbers avoids that and makes every comparison cheaper.
  const ids = new Map<string, number>();
  const table: string[] = [];
  const intern = (lines: string[]): number[] =>
    lines.map((line) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = table.length;
        ids.set(line, id);
        table.push(line);
      }
      return id;
    });
  const text = (idList: number[]): string[] => idList.map((id) => table[id]!);
  const o = intern(base);
  const a = intern(ours);
  const b = intern(theirs);

  // node-diff3's LCS scans candidates linearly; on code with many repeated lines (blank lines,
  // closing tags) it grows roughly cubically: 2,000 lines took ~230 ms. So jsdiff's Myers diff
  // (fast when changes are few) finds the base lines that both sides kept, and node-diff3 only
  // merges the gaps between them. A line kept by both sides separates changes exactly as it
  // would inside diff3 (changes that touch or overlap still land in one gap and conflict).
  const keptInOurs = keptLines(o, a, limits, deadline);
  if (!(keptInOurs instanceof Int32Array)) return keptInOurs;
  const keptInTheirs = keptLines(o, b, limits, deadline);
  if (!(keptInTheirs instanceof Int32Array)) return keptInTheirs;
  const segments: MergeSegment[] = [];
  const pushOk = (lines: string[]): void => {
    if (lines.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && 'ok' in last) appendAll(last.ok, lines);
    else segments.push({ ok: lines });
  };
  /** Merges one gap; false when that made the merge run past its deadline. */
  const mergeGap = (o0: number, o1: number, a0: number, a1: number, b0: number, b1: number): boolean => {
    if (o0 === o1 && a0 === a1 && b0 === b1) return true;
    const regions = diff3Merge<number>(a.slice(a0, a1), o.slice(o0, o1), b.slice(b0, b1), {
      excludeFalseConflicts: true,
    });
    for (const region of regions) {
      if (region.ok) pushOk(text(region.ok));
      else if (region.conflict) {
        const c = region.conflict;
        segments.push({
          conflict: {
            ours: text(c.a),
            base: text(c.o),
            theirs: text(c.b),
            oursStart: a0 + c.aIndex + 1,
            baseStart: o0 + c.oIndex + 1,
            theirsStart: b0 + c.bIndex + 1,
          },
        });
      }
    }
    // A gap holds at most the lines either side changed, so each is bounded; their sum is timed.
    return Date.now() <= deadline;
  };

  let o0 = 0;
  let a0 = 0;
  let b0 = 0;
  for (let i = 0; i < o.length; i++) {
    const ai = keptInOurs[i]!;
    const bi = keptInTheirs[i]!;
    if (ai < 0 || bi < 0) continue;
    if (!mergeGap(o0, i, a0, ai, b0, bi)) return { tooLarge: 'timeout' };
    pushOk([table[o[i]!]!]);
    o0 = i + 1;
    a0 = ai + 1;
    b0 = bi + 1;
  }
  if (!mergeGap(o0, o.length, a0, a.length, b0, b.length)) return { tooLarge: 'timeout' };
  return segments;
}

/** For each base line, its index in `side` if the diff keeps it, else -1; or why no diff was made. */
function keptLines(
  base: number[],
  side: number[],
  limits: DiffLimits,
  deadline: number,
): Int32Array | { tooLarge: TooLargeReason } {
  const alignment = alignSequences(base, side, limits, deadline);
  if ('tooLarge' in alignment) return alignment;
  const kept = new Int32Array(base.length).fill(-1);
  let oi = 0;
  let si = 0;
  for (const change of alignment.changes) {
    if (change.added) si += change.count;
    else if (change.removed) oi += change.count;
    else for (let k = 0; k < change.count; k++) kept[oi++] = si++;
  }
  return kept;
}

/**
 * The final newline is a three-way merge of one boolean: a side that changed it wins (both
 * changing it means they agree). An empty text has no last line, so it has no say. When the base
 * has no say and the sides disagree, the newline wins either way round, so a merge does not
 * depend on which side is "ours".
 */
export function mergeFinalNewline(base: SplitText, ours: SplitText, theirs: SplitText): boolean {
  const known = (s: SplitText): boolean | undefined => (s.lines.length ? s.finalNewline : undefined);
  const b = known(base);
  const o = known(ours);
  const t = known(theirs);
  if (b === undefined && o !== undefined && t !== undefined && o !== t) return true;
  if (o !== undefined && o !== b) return o;
  if (t !== undefined && t !== b) return t;
  return o ?? t ?? b ?? true;
}

/** push(...lines) passes every line as an argument and overflows the stack on huge files. */
function appendAll(target: string[], lines: readonly string[]): void {
  for (const line of lines) target.push(line);
}

export function renderMerge(
  segments: MergeSegment[],
  finalNewline: boolean,
  labels: Partial<MergeLabels> = {},
  style: ConflictStyle = 'merge',
): TextMerge {
  const l = { ...DEFAULT_MERGE_LABELS, ...labels };
  const out: string[] = [];
  const conflicts: ConflictRegion[] = [];
  let endsInConflict = false;
  for (const segment of segments) {
    if ('ok' in segment) {
      appendAll(out, segment.ok);
      endsInConflict = endsInConflict && segment.ok.length === 0;
      continue;
    }
    const c = segment.conflict;
    const startLine = out.length + 1;
    out.push(markerLine(MARKERS.ours, l.ours));
    appendAll(out, c.ours);
    if (style === 'diff3') {
      out.push(markerLine(MARKERS.base, l.base));
      appendAll(out, c.base);
    }
    out.push(MARKERS.split);
    appendAll(out, c.theirs);
    out.push(markerLine(MARKERS.theirs, l.theirs));
    conflicts.push({ startLine, endLine: out.length, ...c });
    endsInConflict = true;
  }
  // Marker lines are whole lines, as git writes them, even at the end of the file.
  const content = joinText({ lines: out, finalNewline: finalNewline || endsInConflict });
  return { content, clean: conflicts.length === 0, conflicts };
}
