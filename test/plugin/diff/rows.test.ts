import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIFF_LIMITS, diffText } from '../../../core/diff/index.js';
import {
  buildFileModel,
  buildFileModels,
  changedRange,
  modelCache,
  splitRows,
  unifiedRows,
  type FileModel,
  type UnifiedRow,
} from '../../../plugin/ui/diff/rows.js';

const lines = (...ls: string[]): string => ls.map((l) => `${l}\n`).join('');
const numbered = (n: number, prefix = 'l'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const model = (before: string | null, after: string | null, path = 'f.ts'): FileModel =>
  buildFileModel({ path, before, after });

/** Compact picture of unified rows: "  3 3", "- 2 .", "+ . 2", "⋯ 4 @5/5". */
function picture(rows: UnifiedRow[]): string[] {
  return rows.map((r) =>
    r.type === 'collapsed'
      ? `⋯ ${r.count} @${r.oldStart}/${r.newStart}`
      : `${r.kind === 'add' ? '+' : r.kind === 'remove' ? '-' : ' '} ${r.oldNo ?? '.'} ${r.newNo ?? '.'}`,
  );
}

describe('buildFileModel', () => {
  it('aligns a known before/after into exact blocks and counts', () => {
    const m = model(lines('a', 'b', 'c', 'd'), lines('a', 'B', 'c', 'd', 'e'));
    expect(m.status).toBe('modified');
    expect(m.added).toBe(2);
    expect(m.removed).toBe(1);
    expect(m.blocks).toEqual([
      { type: 'equal', oldStart: 1, newStart: 1, count: 1 },
      { type: 'change', oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 },
      { type: 'equal', oldStart: 3, newStart: 3, count: 2 },
      { type: 'change', oldStart: 5, oldCount: 0, newStart: 5, newCount: 1 },
    ]);
  });

  it('gives statuses from null sides and equality', () => {
    expect(model(null, lines('x', 'y'))).toMatchObject({ status: 'added', added: 2, removed: 0, oldLines: [] });
    expect(model(lines('x'), null)).toMatchObject({ status: 'removed', added: 0, removed: 1, newLines: [] });
    expect(model(lines('x'), lines('x'))).toMatchObject({ status: 'unchanged', added: 0, removed: 0 });
    expect(model('', '')).toMatchObject({ status: 'unchanged', blocks: [] });
    expect(model(null, '')).toMatchObject({ status: 'added', added: 0, blocks: [] });
  });

  it('sorts files by path in code-unit order', () => {
    const paths = buildFileModels([
      { path: 'b.ts', before: null, after: 'x' },
      { path: 'B.tsx', before: null, after: 'x' },
      { path: 'a.css', before: 'x', after: null },
    ]).map((f) => f.path);
    expect(paths).toEqual(['B.tsx', 'a.css', 'b.ts']);
  });

  it('counts a CRLF↔LF change as a change but displays the line without the \\r', () => {
    const m = model('a\r\nb\n', 'a\nb\n');
    expect(m.oldLines).toEqual(['a', 'b']);
    expect(m.blocks[0]).toEqual({ type: 'change', oldStart: 1, oldCount: 1, newStart: 1, newCount: 1 });
    expect(m.added).toBe(1);
  });

  it('treats a dropped final newline as a change of the last line and flags that side', () => {
    const m = model('a\nb\n', 'a\nb');
    expect(m.newLines).toEqual(['a', 'b']);
    expect(m.newNoNewlineAtEnd).toBe(true);
    expect(m.oldNoNewlineAtEnd).toBe(false);
    expect(m.blocks).toEqual([
      { type: 'equal', oldStart: 1, newStart: 1, count: 1 },
      { type: 'change', oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 },
    ]);
  });

  it('reports a file past the edit budget as too large to diff line by line, counted as wholly replaced', () => {
    const before = lines('a', 'b', 'c');
    const after = lines('x', 'b', 'y');
    const m = buildFileModel({ path: 'f', before, after }, { limits: { maxEditLength: 3 } });
    expect(m.blocks).toEqual([]);
    expect([m.added, m.removed]).toEqual([3, 3]);
    expect(m.tooLarge).toMatchObject({
      reason: 'edit-length',
      limits: { maxEditLength: 3 },
      old: { lines: 3, bytes: 6, sha256: sha256(before) },
      new: { lines: 3, bytes: 6, sha256: sha256(after) },
    });
    expect(unifiedRows(m, { context: 3 })).toEqual([]);
    expect(splitRows(m, { context: 3 })).toEqual([]);
    // Within the budget, the same file aligns line by line.
    expect(buildFileModel({ path: 'f', before, after }, { limits: { maxEditLength: 4 } }).tooLarge).toBeUndefined();
  });

  it('reports an 8,000-line file changed throughout as too large, with the same limits as the server', () => {
    const before = numbered(8000, 'const old')
      .map((l) => `${l};\n`)
      .join('');
    const after = numbered(8000, 'const new')
      .map((l) => `${l};\n`)
      .join('');
    const m = model(before, after, 'Huge.tsx');
    expect(m.status).toBe('modified');
    expect(m.tooLarge).toEqual(diffText(before, after).tooLarge);
    expect(m.tooLarge).toMatchObject({
      reason: 'edit-length',
      limits: DIFF_LIMITS,
      old: { lines: 8000, sha256: sha256(before) },
      new: { lines: 8000, sha256: sha256(after) },
    });
    expect(m.blocks).toEqual([]);
    // An added file of the same size is not a diff at all: it shows whole.
    const added = model(null, after, 'Huge.tsx');
    expect(added.tooLarge).toBeUndefined();
    expect(added.blocks).toEqual([{ type: 'change', oldStart: 1, oldCount: 0, newStart: 1, newCount: 8000 }]);
  });
});

describe('unifiedRows', () => {
  it('lists exact rows: removals before additions, both line numbers on context', () => {
    const m = model(lines('a', 'b', 'c', 'd'), lines('a', 'B', 'c', 'd', 'e'));
    expect(unifiedRows(m, { context: 3 })).toEqual([
      { type: 'line', kind: 'context', oldNo: 1, newNo: 1 },
      { type: 'line', kind: 'remove', oldNo: 2, newNo: null },
      { type: 'line', kind: 'add', oldNo: null, newNo: 2 },
      { type: 'line', kind: 'context', oldNo: 3, newNo: 3 },
      { type: 'line', kind: 'context', oldNo: 4, newNo: 4 },
      { type: 'line', kind: 'add', oldNo: null, newNo: 5 },
    ]);
  });

  it('keeps an interior unchanged run of exactly 2×context and collapses one line longer', () => {
    const c = 2;
    const keep = model(lines('x', ...numbered(4), 'y'), lines('X', ...numbered(4), 'Y'));
    expect(picture(unifiedRows(keep, { context: c })).filter((r) => r.startsWith('⋯'))).toEqual([]);

    const collapse = model(lines('x', ...numbered(5), 'y'), lines('X', ...numbered(5), 'Y'));
    expect(picture(unifiedRows(collapse, { context: c }))).toEqual([
      '- 1 .',
      '+ . 1',
      '  2 2',
      '  3 3',
      '⋯ 1 @4/4',
      '  5 5',
      '  6 6',
      '- 7 .',
      '+ . 7',
    ]);
  });

  it('collapses leading and trailing runs longer than 2×context, keeping context next to the change', () => {
    const before = lines(...numbered(7), 'mid', ...numbered(7, 't'));
    const after = lines(...numbered(7), 'MID', ...numbered(7, 't'));
    const rows = unifiedRows(model(before, after), { context: 3 });
    expect(rows[0]).toEqual({ type: 'collapsed', key: '1:1', count: 4, oldStart: 1, newStart: 1 });
    expect(picture(rows)).toEqual([
      '⋯ 4 @1/1',
      '  5 5',
      '  6 6',
      '  7 7',
      '- 8 .',
      '+ . 8',
      '  9 9',
      '  10 10',
      '  11 11',
      '⋯ 4 @12/12',
    ]);
    // 2×context exactly at the edges: nothing hidden.
    const short = unifiedRows(model(lines(...numbered(6), 'mid'), lines(...numbered(6), 'MID')), { context: 3 });
    expect(short.some((r) => r.type === 'collapsed')).toBe(false);
  });

  it('shows a collapsed region once its key is expanded, and shifts line numbers across an insertion', () => {
    const before = lines('new', ...numbered(10));
    const after = lines('new', 'inserted', 'also', ...numbered(10), 'end');
    const m = model(before, after);
    const rows = unifiedRows(m, { context: 1 });
    expect(picture(rows)).toEqual(['  1 1', '+ . 2', '+ . 3', '  2 4', '⋯ 8 @3/5', '  11 13', '+ . 14']);
    const key = (rows.find((r) => r.type === 'collapsed') as { key: string }).key;
    const open = unifiedRows(m, { context: 1, expanded: new Set([key]) });
    expect(open.some((r) => r.type === 'collapsed')).toBe(false);
    expect(open).toHaveLength(11 + 3);
  });

  it('hides everything between changes with context 0 and never collapses a file without changes', () => {
    const m = model(lines('a', 'b', 'c', 'd'), lines('A', 'b', 'c', 'D'));
    expect(picture(unifiedRows(m, { context: 0 }))).toEqual(['- 1 .', '+ . 1', '⋯ 2 @2/2', '- 4 .', '+ . 4']);
    const same = model(lines(...numbered(50)), lines(...numbered(50)));
    expect(unifiedRows(same, { context: 3 })).toHaveLength(50);
  });

  it('falls back to 3 lines of context for a nonsensical value', () => {
    const m = model(lines(...numbered(10), 'x'), lines(...numbered(10), 'y'));
    expect(picture(unifiedRows(m, { context: Number.NaN }))[0]).toBe('⋯ 7 @1/1');
    expect(picture(unifiedRows(m, { context: -1 }))[0]).toBe('⋯ 7 @1/1');
  });
});

describe('splitRows', () => {
  it('pairs a replaced block row by row and puts the surplus opposite an empty cell', () => {
    const m = model(lines('x', 'old1', 'old2', 'old3', 'y'), lines('x', 'new1', 'new2', 'y', 'z'));
    expect(splitRows(m, { context: 3 })).toEqual([
      { type: 'split', left: { kind: 'context', no: 1 }, right: { kind: 'context', no: 1 } },
      { type: 'split', left: { kind: 'remove', no: 2 }, right: { kind: 'add', no: 2 } },
      { type: 'split', left: { kind: 'remove', no: 3 }, right: { kind: 'add', no: 3 } },
      { type: 'split', left: { kind: 'remove', no: 4 }, right: null },
      { type: 'split', left: { kind: 'context', no: 5 }, right: { kind: 'context', no: 4 } },
      { type: 'split', left: null, right: { kind: 'add', no: 5 } },
    ]);
  });

  it('collapses like the unified view, with the same keys', () => {
    const m = model(lines(...numbered(12), 'a'), lines(...numbered(12), 'b'));
    const split = splitRows(m, { context: 2 });
    const unified = unifiedRows(m, { context: 2 });
    expect(split[0]).toEqual(unified[0]);
    expect(split[0]).toMatchObject({ type: 'collapsed', count: 10 });
    expect(split).toHaveLength(1 + 2 + 1);
  });

  it('marks the changed words of paired lines on both sides', () => {
    const before = lines('.state-default {', '  background-color: var(--ds-bg-primary);', '}');
    const after = lines('.state-default {', '  background-color: var(--color-bg-primary);', '}');
    const m = model(before, after);
    const pair = splitRows(m, { context: 3 })[1];
    expect(pair).toEqual({
      type: 'split',
      left: { kind: 'remove', no: 2, mark: [26, 28] },
      right: { kind: 'add', no: 2, mark: [26, 31] },
    });
    expect(m.oldLines[1]!.slice(26, 28)).toBe('ds');
    expect(m.newLines[1]!.slice(26, 31)).toBe('color');
    const rows = unifiedRows(m, { context: 3 });
    expect(rows[1]).toMatchObject({ kind: 'remove', mark: [26, 28] });
    expect(rows[2]).toMatchObject({ kind: 'add', mark: [26, 31] });
  });
});

describe('changedRange', () => {
  const slices = (a: string, b: string): [string, string] | null => {
    const r = changedRange(a, b);
    return r && [a.slice(...r.old), b.slice(...r.new)];
  };

  it('widens to whole words, never cutting an identifier', () => {
    expect(slices('const primary = 1;', 'const private = 1;')).toEqual(['primary', 'private']);
    expect(slices('version 1.0.0', 'version 1.1.0')).toEqual(['0', '1']);
  });

  it('gives an empty range on the side of a pure insertion', () => {
    expect(slices("'size' | 'state' | 'label'", "'size' | 'state' | 'tone' | 'label'")).toEqual(['', "tone' | '"]);
  });

  it('gives no mark when the lines share little beyond indentation, or are equal', () => {
    expect(changedRange('    return a;', '    throw new Error(x);')).toBeNull();
    expect(changedRange('same', 'same')).toBeNull();
  });
});

describe('modelCache', () => {
  it('reuses the model of a file whose contents did not change, sorted like buildFileModels', () => {
    const build = modelCache();
    const first = build([
      { path: 'b.css', before: 'x\n', after: 'y\n' },
      { path: 'a.ts', before: 'a\n', after: 'b\n' },
    ]);
    expect(first.map((m) => m.path)).toEqual(['a.ts', 'b.css']);
    // New array and objects, equal strings: same models. A changed file: a new model.
    const second = build([
      { path: 'a.ts', before: 'a\n', after: 'b\n' },
      { path: 'b.css', before: 'x\n', after: 'z\n' },
    ]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.newLines).toEqual(['z']);
  });
});
