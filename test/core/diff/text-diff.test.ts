import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { countLineChanges, diffText } from '../../../core/diff/index.js';

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`): string[] =>
  Array.from({ length: n }, (_, i) => f(i + 1));

describe('diffText', () => {
  it('gives exact line numbers, headers and collapsed counts on a known example', () => {
    const oldText = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm';
    const newText = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nM\nn\n';
    const d = diffText(oldText, newText, { context: 2, oldPath: 'a/Button.tsx', newPath: 'b/Button.tsx' });
    expect(d.unified).toBe(
      [
        '--- a/Button.tsx',
        '+++ b/Button.tsx',
        '@@ -1,4 +1,4 @@',
        ' a',
        '-b',
        '+B',
        ' c',
        ' d',
        '@@ -11,3 +11,4 @@',
        ' k',
        ' l',
        '-m',
        '\\ No newline at end of file',
        '+M',
        '+n',
        '',
      ].join('\n'),
    );
    expect(d.added).toBe(3);
    expect(d.removed).toBe(2);
    expect(d.collapsedAfter).toBe(0);
    expect(d.hunks).toEqual([
      {
        oldStart: 1,
        oldLines: 4,
        newStart: 1,
        newLines: 4,
        collapsedBefore: 0,
        lines: [
          { kind: 'context', text: 'a', oldLine: 1, newLine: 1 },
          { kind: 'remove', text: 'b', oldLine: 2 },
          { kind: 'add', text: 'B', newLine: 2 },
          { kind: 'context', text: 'c', oldLine: 3, newLine: 3 },
          { kind: 'context', text: 'd', oldLine: 4, newLine: 4 },
        ],
      },
      {
        oldStart: 11,
        oldLines: 3,
        newStart: 11,
        newLines: 4,
        collapsedBefore: 6,
        lines: [
          { kind: 'context', text: 'k', oldLine: 11, newLine: 11 },
          { kind: 'context', text: 'l', oldLine: 12, newLine: 12 },
          { kind: 'remove', text: 'm', oldLine: 13, noNewlineAtEof: true },
          { kind: 'add', text: 'M', newLine: 13 },
          { kind: 'add', text: 'n', newLine: 14 },
        ],
      },
    ]);
  });

  it('collapses unchanged lines with the default context of 3 and reports the collapsed counts', () => {
    const old = lines(20);
    const next = old.map((l, i) => (i + 1 === 5 || i + 1 === 15 ? `${l} changed` : l));
    const d = diffText(old.join('\n') + '\n', next.join('\n') + '\n');
    expect(d.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines, h.collapsedBefore])).toEqual([
      [2, 7, 2, 7, 1], // lines 2..8 around line 5; line 1 hidden
      [12, 7, 12, 7, 3], // lines 12..18 around line 15; lines 9..11 hidden
    ]);
    expect(d.collapsedAfter).toBe(2); // lines 19, 20
    expect(d.hunks[1]!.lines[3]).toEqual({ kind: 'remove', text: 'line 15', oldLine: 15 });
    expect(d.hunks[1]!.lines[4]).toEqual({ kind: 'add', text: 'line 15 changed', newLine: 15 });
  });

  it('joins changes closer than twice the context into one hunk', () => {
    const old = lines(20);
    const next = old.map((l, i) => (i + 1 === 5 || i + 1 === 11 ? `${l}!` : l)); // 5 lines between
    const d = diffText(old.join('\n'), next.join('\n'));
    expect(d.hunks).toHaveLength(1);
    expect(d.hunks[0]).toMatchObject({ oldStart: 2, oldLines: 13, newStart: 2, newLines: 13, collapsedBefore: 1 });
    expect(d.collapsedAfter).toBe(6);
  });

  it('numbers lines correctly when lines are inserted and deleted (shifted new numbers)', () => {
    const d = diffText('1\n2\n3\n4\n5\n6\n', '1\n2\nnew\n3\n4\n6\n', { context: 1 });
    expect(d.unified).toBe('--- a\n+++ b\n@@ -2,5 +2,5 @@\n 2\n+new\n 3\n 4\n-5\n 6\n');
    expect(d.hunks[0]!.lines).toEqual([
      { kind: 'context', text: '2', oldLine: 2, newLine: 2 },
      { kind: 'add', text: 'new', newLine: 3 },
      { kind: 'context', text: '3', oldLine: 3, newLine: 4 },
      { kind: 'context', text: '4', oldLine: 4, newLine: 5 },
      { kind: 'remove', text: '5', oldLine: 5 },
      { kind: 'context', text: '6', oldLine: 6, newLine: 6 },
    ]);
    expect(d.hunks[0]!.collapsedBefore).toBe(1);
    expect(d.collapsedAfter).toBe(0);
  });

  it('uses the unified convention for zero-length sides with context 0', () => {
    const d = diffText('1\n2\n3\n4\n', '1\n2\nx\n3\n4\n', { context: 0 });
    expect(d.unified).toBe('--- a\n+++ b\n@@ -2,0 +3,1 @@\n+x\n');
    expect(d.hunks[0]).toEqual({
      oldStart: 2,
      oldLines: 0,
      newStart: 3,
      newLines: 1,
      collapsedBefore: 2,
      lines: [{ kind: 'add', text: 'x', newLine: 3 }],
    });
    expect(d.collapsedAfter).toBe(2);
    const del = diffText('1\n2\n3\n', '2\n3\n', { context: 0 });
    expect(del.unified).toBe('--- a\n+++ b\n@@ -1,1 +0,0 @@\n-1\n');
    expect(del.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 1, newStart: 0, newLines: 0, collapsedBefore: 0 });
    expect(del.collapsedAfter).toBe(2);
  });

  describe('no newline at end of file', () => {
    it('adding a final newline changes the last line', () => {
      const d = diffText('a\nb', 'a\nb\n');
      expect(d.unified).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
      expect(d.hunks[0]!.lines).toEqual([
        { kind: 'context', text: 'a', oldLine: 1, newLine: 1 },
        { kind: 'remove', text: 'b', oldLine: 2, noNewlineAtEof: true },
        { kind: 'add', text: 'b', newLine: 2 },
      ]);
      expect([d.added, d.removed]).toEqual([1, 1]);
    });

    it('removing the final newline', () => {
      const d = diffText('a\nb\n', 'a\nb');
      expect(d.unified).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n');
      expect(d.hunks[0]!.lines[2]).toEqual({ kind: 'add', text: 'b', newLine: 2, noNewlineAtEof: true });
    });

    it('marks an unchanged last line without newline shown as context', () => {
      const d = diffText('a\nb\nc', 'A\nb\nc');
      expect(d.unified).toBe('--- a\n+++ b\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n');
      expect(d.hunks[0]!.lines[3]).toEqual({
        kind: 'context',
        text: 'c',
        oldLine: 3,
        newLine: 3,
        noNewlineAtEof: true,
      });
    });
  });

  describe('added and removed files', () => {
    it('an empty old text is an added file', () => {
      const d = diffText('', 'x\ny\n', { oldPath: '/dev/null', newPath: 'b/New.tsx' });
      expect(d.unified).toBe('--- /dev/null\n+++ b/New.tsx\n@@ -0,0 +1,2 @@\n+x\n+y\n');
      expect(d.hunks).toEqual([
        {
          oldStart: 0,
          oldLines: 0,
          newStart: 1,
          newLines: 2,
          collapsedBefore: 0,
          lines: [
            { kind: 'add', text: 'x', newLine: 1 },
            { kind: 'add', text: 'y', newLine: 2 },
          ],
        },
      ]);
      expect([d.added, d.removed, d.collapsedAfter]).toEqual([2, 0, 0]);
    });

    it('an empty new text is a removed file', () => {
      const d = diffText('x\ny', '');
      expect(d.unified).toBe('--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n\\ No newline at end of file\n');
      expect(d.hunks[0]).toMatchObject({ oldStart: 1, oldLines: 2, newStart: 0, newLines: 0 });
      expect([d.added, d.removed]).toEqual([0, 2]);
    });

    it('a file holding one empty line is not an empty file', () => {
      const d = diffText('', '\n');
      expect(d.unified).toBe('--- a\n+++ b\n@@ -0,0 +1,1 @@\n+\n');
      expect(d.added).toBe(1);
    });
  });

  it('equal texts give no hunks and an empty unified text', () => {
    expect(diffText('a\nb\n', 'a\nb\n')).toEqual({ unified: '', hunks: [], added: 0, removed: 0, collapsedAfter: 0 });
    expect(diffText('', '')).toEqual({ unified: '', hunks: [], added: 0, removed: 0, collapsedAfter: 0 });
  });

  describe('CRLF', () => {
    it('is exact by default: the CR stays in the line and an EOL change is a change', () => {
      const d = diffText('a\r\nb\r\n', 'a\nb\r\n');
      expect(d.hunks[0]!.lines).toEqual([
        { kind: 'remove', text: 'a\r', oldLine: 1 },
        { kind: 'add', text: 'a', newLine: 1 },
        { kind: 'context', text: 'b\r', oldLine: 2, newLine: 2 },
      ]);
      expect(applyPatch('a\r\nb\r\n', d.unified, { autoConvertLineEndings: false })).toBe('a\nb\r\n');
    });

    it('CRLF files with a content change diff line by line like LF files', () => {
      const d = diffText('a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n');
      expect([d.added, d.removed]).toEqual([1, 1]);
      expect(d.hunks[0]!.lines.map((l) => l.text)).toEqual(['a\r', 'b\r', 'B\r', 'c\r']);
    });

    it('normalizeEol makes line-ending-only differences vanish', () => {
      expect(diffText('a\r\nb\r\n', 'a\nb\n', { normalizeEol: true }).hunks).toEqual([]);
      const d = diffText('a\r\nb\r\n', 'a\nB\n', { normalizeEol: true });
      expect(d.unified).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n');
    });

    it('a lone CR does not end a line', () => {
      expect(diffText('a\rb\n', 'a\rc\n').hunks[0]!.lines).toEqual([
        { kind: 'remove', text: 'a\rb', oldLine: 1 },
        { kind: 'add', text: 'a\rc', newLine: 1 },
      ]);
    });
  });

  it('rejects a negative or fractional context', () => {
    expect(() => diffText('a', 'b', { context: -1 })).toThrow(RangeError);
    expect(() => diffText('a', 'b', { context: 1.5 })).toThrow(RangeError);
  });

  it('countLineChanges agrees with diffText', () => {
    expect(countLineChanges('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual({ added: 2, removed: 1 });
    expect(countLineChanges('a\r\n', 'a\n', { normalizeEol: true })).toEqual({ added: 0, removed: 0 });
  });
});
