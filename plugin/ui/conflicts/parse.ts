// Conflict regions in a merged file, as core/diff's merge (and git) writes them:
//   <<<<<<< label   the customized lines (ours)
//   ||||||| label   optional: what both started from (base)
//   =======
//   the newly generated lines (theirs)
//   >>>>>>> label

export interface ConflictRegion {
  ours: string[];
  base: string[] | null;
  theirs: string[];
  oursLabel: string;
  theirsLabel: string;
}

export type Segment = { kind: 'text'; lines: string[] } | { kind: 'conflict'; region: ConflictRegion };

export type Choice = { kind: 'ours' } | { kind: 'theirs' } | { kind: 'both' } | { kind: 'edit'; text: string };

const START = /^<{7}(?: (.*))?$/;
const BASE = /^\|{7}(?: (.*))?$/;
const SPLIT = /^={7}$/;
const END = /^>{7}(?: (.*))?$/;

/** The file's lines split into plain text and conflict regions; a region left open is kept as text. */
export function parseConflicts(content: string): Segment[] {
  const lines = content.split('\n');
  const segments: Segment[] = [];
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
    const region: ConflictRegion = { ours: [], base: null, theirs: [], oursLabel: start[1] ?? 'customized', theirsLabel: 'generated' };
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

export const conflictCount = (segments: Segment[]): number => segments.filter((s) => s.kind === 'conflict').length;

/** The file with each region replaced by what was chosen for it (in order); unchosen regions stay as they are. */
export function resolve(segments: Segment[], choices: ReadonlyArray<Choice | undefined>): string {
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
      out.push(`<<<<<<< ${r.oursLabel}`, ...r.ours, ...(r.base ? [`||||||| base`, ...r.base] : []), '=======', ...r.theirs, `>>>>>>> ${r.theirsLabel}`);
    } else if (choice.kind === 'ours') out.push(...r.ours);
    else if (choice.kind === 'theirs') out.push(...r.theirs);
    else if (choice.kind === 'both') out.push(...r.ours, ...r.theirs);
    else out.push(...choice.text.split('\n'));
  }
  return out.join('\n');
}
