// Conflict markers, as core/diff's merge writes them (and git does): the one place that knows
// their syntax, for the merge that writes them, the server that refuses files still holding
// them, and the review screen's resolver that reads them back.
//   <<<<<<< label   the customized lines (ours)
//   ||||||| label   optional (diff3 style): what both started from (base)
//   =======
//   the newly generated lines (theirs)
//   >>>>>>> label

export const MARKERS = { ours: '<<<<<<<', base: '|||||||', split: '=======', theirs: '>>>>>>>' } as const;

/** A marker line: the sign, then a space and the label when there is one. */
export function markerLine(sign: string, label: string): string {
  return label ? `${sign} ${label}` : sign;
}

/**
 * Whether a text still holds conflict markers: a line that is `<<<<<<<` or `>>>>>>>`, alone or
 * followed by a space and a label. A file with either line left is unresolved, even when the
 * other half was already deleted by hand. `=======` alone is not a marker here: Markdown uses
 * it to underline headings.
 */
const MARKER_LINE = /^(?:<{7}|>{7})(?: |\r?$)/m;

export function hasConflictMarkers(content: string): boolean {
  return MARKER_LINE.test(content);
}

/** The paths of the files that still hold conflict markers, in the order given. */
export function pathsWithConflictMarkers(files: ReadonlyArray<{ path: string; content: string }>): string[] {
  return files.filter((f) => hasConflictMarkers(f.content)).map((f) => f.path);
}

// ---- reading the regions back (the review screen's conflict resolver) ----

/** A conflict region as read from a merged file's markers. */
/** The warning a merge gives for one conflicting region (customization merges and branch merges alike). */
export function conflictWarning(path: string, region: { startLine: number; endLine: number }, why: string): string {
  return `conflict in ${path} lines ${region.startLine}–${region.endLine}: ${why}`;
}

export interface MarkedRegion {
  ours: string[];
  base: string[] | null;
  theirs: string[];
  oursLabel: string;
  theirsLabel: string;
}

export type MarkedSegment = { kind: 'text'; lines: string[] } | { kind: 'conflict'; region: MarkedRegion };

export type ConflictChoice = { kind: 'ours' } | { kind: 'theirs' } | { kind: 'both' } | { kind: 'edit'; text: string };

const START = /^<{7}(?: (.*))?$/;
const BASE = /^\|{7}(?: (.*))?$/;
const SPLIT = /^={7}$/;
const END = /^>{7}(?: (.*))?$/;

/** The file's lines split into plain text and conflict regions; a region left open is kept as text. */
export function parseConflicts(content: string): MarkedSegment[] {
  const lines = content.split('\n');
  const segments: MarkedSegment[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length) segments.push({ kind: 'text', lines: text });
    text = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const start = START.exec(lines[i]!);
    if (!start) {
      text.push(lines[i]!);
      continue;
    }
    const region: MarkedRegion = {
      ours: [],
      base: null,
      theirs: [],
      oursLabel: start[1] ?? 'customized',
      theirsLabel: 'generated',
    };
    let part: 'ours' | 'base' | 'theirs' = 'ours';
    let j = i + 1;
    let closed = false;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (part === 'ours' && BASE.test(line)) {
        part = 'base';
        region.base = [];
      } else if (part !== 'theirs' && SPLIT.test(line)) {
        part = 'theirs';
      } else if (part === 'theirs' && END.test(line)) {
        region.theirsLabel = END.exec(line)![1] ?? 'generated';
        closed = true;
        break;
      } else if (part === 'base') region.base!.push(line);
      else region[part].push(line);
    }
    if (!closed) {
      text.push(...lines.slice(i, j));
      i = j - 1;
      continue;
    }
    flush();
    segments.push({ kind: 'conflict', region });
    i = j;
  }
  flush();
  return segments;
}

export const conflictCount = (segments: MarkedSegment[]): number =>
  segments.filter((s) => s.kind === 'conflict').length;

/** The file with each region replaced by what was chosen for it (in order); unchosen regions stay as they are. */
export function resolveConflicts(
  segments: MarkedSegment[],
  choices: ReadonlyArray<ConflictChoice | undefined>,
): string {
  const out: string[] = [];
  let k = 0;
  for (const s of segments) {
    if (s.kind === 'text') {
      out.push(...s.lines);
      continue;
    }
    const choice = choices[k++];
    const r = s.region;
    if (!choice) {
      out.push(
        `${MARKERS.ours} ${r.oursLabel}`,
        ...r.ours,
        ...(r.base ? [`${MARKERS.base} base`, ...r.base] : []),
        MARKERS.split,
        ...r.theirs,
        `${MARKERS.theirs} ${r.theirsLabel}`,
      );
    } else if (choice.kind === 'ours') out.push(...r.ours);
    else if (choice.kind === 'theirs') out.push(...r.theirs);
    else if (choice.kind === 'both') out.push(...r.ours, ...r.theirs);
    else out.push(...choice.text.split('\n'));
  }
  return out.join('\n');
}
