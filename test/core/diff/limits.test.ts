import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  countLineChanges,
  DIFF_LIMITS,
  diffFileSets,
  diffText,
  mergeFileSets,
  mergeText,
} from '../../../core/diff/index.js';

// Diffs and merges are bounded (edit length, time): past a limit a file is reported as too large
// to diff (or merge) line by line, with each side's size and hash, instead of running unbounded.

const text = (n: number, line: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `${line(i + 1)}\n`).join('');
const size = (t: string) => ({
  bytes: Buffer.byteLength(t, 'utf8'),
  lines: t === '' ? 0 : t.split('\n').length - (t.endsWith('\n') ? 1 : 0),
  sha256: createHash('sha256').update(t, 'utf8').digest('hex'),
});

const OLD_10K = text(10_000, (i) => `export const value${i} = 'old ${i}';`);
const NEW_10K = text(10_000, (i) => `export const value${i} = 'new ${i}';`);
/** Every 500th line changed: 20 lines replaced, 40 changed lines in all. */
const SPARSE_10K = text(10_000, (i) =>
  i % 500 === 0 ? `export const value${i} = 'edited';` : `export const value${i} = 'old ${i}';`,
);

describe('diff limits', () => {
  it('has one set of limits, finite, for the server and the UI alike', () => {
    expect(DIFF_LIMITS.maxEditLength).toBeGreaterThan(0);
    expect(DIFF_LIMITS.timeoutMs).toBeGreaterThan(0);
    expect(Number.isFinite(DIFF_LIMITS.maxEditLength) && Number.isFinite(DIFF_LIMITS.timeoutMs)).toBe(true);
  });

  it('reports two 10,000-line files that share no line as too large to diff line by line, with both sizes and sha256 hashes', () => {
    const d = diffText(OLD_10K, NEW_10K);
    expect(d.tooLarge).toEqual({
      reason: 'edit-length',
      message: expect.stringContaining('too large to diff line by line'),
      limits: { ...DIFF_LIMITS },
      old: size(OLD_10K),
      new: size(NEW_10K),
    });
    expect(d.tooLarge!.message).toContain(
      `more than ${DIFF_LIMITS.maxEditLength.toLocaleString('en-US')} changed lines`,
    );
    // No hunks, and counted as wholly replaced: a correct (if not minimal) account of the change.
    expect(d).toMatchObject({ hunks: [], unified: '', added: 10_000, removed: 10_000, collapsedAfter: 0 });
  });

  it('still diffs a 10,000-line file with a few changed lines line by line', () => {
    const d = diffText(OLD_10K, SPARSE_10K);
    expect(d.tooLarge).toBeUndefined();
    expect([d.added, d.removed, d.hunks.length]).toEqual([20, 20, 20]);
    expect(d.hunks[0]!.lines.find((l) => l.kind === 'add')).toEqual({
      kind: 'add',
      text: "export const value500 = 'edited';",
      newLine: 500,
    });
  });

  it('diffs exactly maxEditLength changed lines, and reports one more as too large', () => {
    const before = text(10, (i) => `line ${i}`);
    const twoReplaced = before.replace('line 3\n', 'three\n').replace('line 7\n', 'seven\n'); // 4 changed lines
    const andOneAdded = `${twoReplaced}line 11\n`; // 5 changed lines
    const limits = { maxEditLength: 4 };
    expect(diffText(before, twoReplaced, { limits })).toMatchObject({ added: 2, removed: 2 });
    expect(diffText(before, twoReplaced, { limits }).tooLarge).toBeUndefined();
    expect(diffText(before, andOneAdded, { limits }).tooLarge).toMatchObject({
      reason: 'edit-length',
      limits: { maxEditLength: 4, timeoutMs: DIFF_LIMITS.timeoutMs },
    });
    // The same lines in another order: the line counts agree, the edit length does not.
    const reversed = before
      .split('\n')
      .slice(0, -1)
      .reverse()
      .map((l) => `${l}\n`)
      .join('');
    expect(diffText(before, reversed, { limits }).tooLarge).toMatchObject({ reason: 'edit-length' });
  });

  it('gives up a diff that runs past the time limit, and says so', () => {
    // 5,000 lines against the same lines reversed: ~10,000 changed lines of Myers' O(N·D) work.
    const lines = text(5000, (i) => `row ${i}`);
    const reversed = lines
      .split('\n')
      .slice(0, -1)
      .reverse()
      .map((l) => `${l}\n`)
      .join('');
    const d = diffText(lines, reversed, { limits: { maxEditLength: 1_000_000, timeoutMs: 1 } });
    expect(d.tooLarge).toMatchObject({
      reason: 'timeout',
      message: expect.stringContaining('too large to diff line by line'),
      old: size(lines),
      new: size(reversed),
    });
    expect(d.tooLarge!.message).toContain('1 ms');
  });

  it('never reports an added or removed file as too large: it is all insertions or all removals', () => {
    const added = diffText('', NEW_10K);
    expect([added.added, added.removed, added.tooLarge]).toEqual([10_000, 0, undefined]);
    expect(added.hunks[0]!.lines).toHaveLength(10_000);
    expect(countLineChanges(OLD_10K, '')).toEqual({ added: 0, removed: 10_000 });
    expect(mergeText('', '', NEW_10K)).toEqual({ clean: true, content: NEW_10K, conflicts: [] });
  });

  it('counts line changes within the same limits, and marks the file too large past them', () => {
    expect(countLineChanges(OLD_10K, SPARSE_10K)).toEqual({ added: 20, removed: 20 });
    expect(countLineChanges(OLD_10K, NEW_10K)).toEqual({
      added: 10_000,
      removed: 10_000,
      tooLarge: expect.objectContaining({ reason: 'edit-length', old: size(OLD_10K), new: size(NEW_10K) }),
    });
  });

  it('reports too large per file in a file set, diffs the others, and counts the large one as wholly replaced', () => {
    for (const includeHunks of [true, false]) {
      const d = diffFileSets(
        [
          { path: 'Big.tsx', content: OLD_10K },
          { path: 'Small.css', content: '.a { color: red; }\n' },
        ],
        [
          { path: 'Big.tsx', content: NEW_10K },
          { path: 'Small.css', content: '.a { color: blue; }\n' },
        ],
        { includeHunks },
      );
      const [big, small] = d.files;
      expect(big).toMatchObject({
        path: 'Big.tsx',
        status: 'modified',
        added: 10_000,
        removed: 10_000,
        hunks: [],
        unified: '',
      });
      expect(big!.tooLarge).toMatchObject({ reason: 'edit-length', old: size(OLD_10K), new: size(NEW_10K) });
      expect(small).toMatchObject({ path: 'Small.css', status: 'modified', added: 1, removed: 1 });
      expect(small!.tooLarge).toBeUndefined();
      expect(d.stats).toMatchObject({ filesModified: 2, linesAdded: 10_001, linesRemoved: 10_001 });
    }
  });
});

describe('merge limits', () => {
  const BASE_5K = text(5000, (i) => `const a${i} = ${i};`);
  const OURS_5K = text(5000, (i) => `const a${i} = ${i} + 1; // ours`);
  const THEIRS_5K = text(5000, (i) => `const a${i} = ${i} * 2; // theirs`);

  it('reports a three-way merge past its limit as one whole-file conflict that keeps both sides, never one side silently', () => {
    const m = mergeText(BASE_5K, OURS_5K, THEIRS_5K, { ours: 'main', theirs: 'branch' });
    expect(m.clean).toBe(false);
    expect(m.tooLarge).toEqual({
      reason: 'edit-length',
      message: expect.stringContaining('too large to merge line by line'),
      limits: { ...DIFF_LIMITS },
      base: size(BASE_5K),
      ours: size(OURS_5K),
      theirs: size(THEIRS_5K),
    });
    expect(m.content).toBe(`<<<<<<< main\n${OURS_5K}=======\n${THEIRS_5K}>>>>>>> branch\n`);
    expect(m.conflicts).toHaveLength(1);
    expect(m.conflicts[0]).toMatchObject({ startLine: 1, endLine: 10_003, oursStart: 1, baseStart: 1, theirsStart: 1 });
    expect(m.conflicts[0]!.base).toHaveLength(5000);
  });

  it('gives up a merge past the time limit with reason timeout', () => {
    const reversed = BASE_5K.split('\n')
      .slice(0, -1)
      .reverse()
      .map((l) => `${l}\n`)
      .join('');
    const m = mergeText(BASE_5K, reversed, THEIRS_5K, {}, { limits: { maxEditLength: 1_000_000, timeoutMs: 1 } });
    expect(m.tooLarge).toMatchObject({
      reason: 'timeout',
      message: expect.stringContaining('too large to merge line by line'),
    });
    expect(m.clean).toBe(false);
  });

  it('still merges 5,000-line files whose sides changed a few lines each', () => {
    const ours = BASE_5K.replace('const a10 = 10;\n', 'const a10 = 11;\n');
    const theirs = BASE_5K.replace('const a4000 = 4000;\n', 'const a4000 = 4001;\n');
    const m = mergeText(BASE_5K, ours, theirs);
    expect(m.tooLarge).toBeUndefined();
    expect(m.clean).toBe(true);
    expect(m.content).toBe(
      BASE_5K.replace('const a10 = 10;\n', 'const a10 = 11;\n').replace(
        'const a4000 = 4000;\n',
        'const a4000 = 4001;\n',
      ),
    );
  });

  it('marks the file of a file-set merge past its limit as a conflict whose reason says so, and merges the others', () => {
    const m = mergeFileSets({
      base: [
        { path: 'Big.tsx', content: BASE_5K },
        { path: 'a.css', content: '.a {}\n.b {}\n.c {}\n' },
      ],
      ours: [
        { path: 'Big.tsx', content: OURS_5K },
        { path: 'a.css', content: '.a { x: 1 }\n.b {}\n.c {}\n' },
      ],
      theirs: [
        { path: 'Big.tsx', content: THEIRS_5K },
        { path: 'a.css', content: '.a {}\n.b {}\n.c { y: 2 }\n' },
      ],
    });
    expect(m.clean).toBe(false);
    expect(m.conflictedPaths).toEqual(['Big.tsx']);
    const [big, css] = m.files;
    expect(big).toMatchObject({
      path: 'Big.tsx',
      status: 'conflict',
      reason: expect.stringContaining('too large to merge line by line'),
    });
    expect(big!.tooLarge).toMatchObject({ reason: 'edit-length', ours: size(OURS_5K), theirs: size(THEIRS_5K) });
    expect(big!.content).toContain(OURS_5K);
    expect(big!.content).toContain(THEIRS_5K);
    expect(css).toMatchObject({ status: 'clean', content: '.a { x: 1 }\n.b {}\n.c { y: 2 }\n' });
  });
});
