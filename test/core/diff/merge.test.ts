import { describe, expect, it } from 'vitest';
import { mergeText } from '../../../core/diff/index.js';

const base = [
  'import x from "x";',
  '',
  'export function Button() {',
  '  const a = 1;',
  '  const b = 2;',
  '  const c = 3;',
  '  return a + b + c;',
  '}',
  '',
].join('\n');

describe('mergeText', () => {
  it('clean merge keeps both sides’ changes', () => {
    const ours = base.replace('import x from "x";', 'import x from "x";\nimport y from "y"; // dev');
    const theirs = base.replace('  return a + b + c;', '  return a + b + c + 1;');
    const r = mergeText(base, ours, theirs);
    expect(r).toEqual({
      clean: true,
      conflicts: [],
      content: [
        'import x from "x";',
        'import y from "y"; // dev',
        '',
        'export function Button() {',
        '  const a = 1;',
        '  const b = 2;',
        '  const c = 3;',
        '  return a + b + c + 1;',
        '}',
        '',
      ].join('\n'),
    });
  });

  it('identical changes on both sides are clean and taken once', () => {
    const changed = base.replace('  const b = 2;', '  const b = 20;');
    expect(mergeText(base, changed, changed)).toEqual({ clean: true, conflicts: [], content: changed });
  });

  it('overlapping different changes give git-style markers and a structured region', () => {
    const ours = base.replace('  const b = 2;', '  const b = 2; // keep');
    const theirs = base.replace('  const b = 2;', '  const b = 3;');
    const r = mergeText(base, ours, theirs);
    expect(r.clean).toBe(false);
    expect(r.content).toBe(
      [
        'import x from "x";',
        '',
        'export function Button() {',
        '  const a = 1;',
        '<<<<<<< customized',
        '  const b = 2; // keep',
        '=======',
        '  const b = 3;',
        '>>>>>>> regenerated',
        '  const c = 3;',
        '  return a + b + c;',
        '}',
        '',
      ].join('\n'),
    );
    expect(r.conflicts).toEqual([
      {
        startLine: 5,
        endLine: 9,
        ours: ['  const b = 2; // keep'],
        base: ['  const b = 2;'],
        theirs: ['  const b = 3;'],
        oursStart: 5,
        baseStart: 5,
        theirsStart: 5,
      },
    ]);
  });

  it('diff3 style adds the base section with its label; all labels are configurable', () => {
    const r = mergeText('a\nb\nc\n', 'a\nX\nc\n', 'a\nY\nc\n', { base: 'generated 1.2.0' }, { style: 'diff3' });
    expect(r.content).toBe(
      'a\n<<<<<<< customized\nX\n||||||| generated 1.2.0\nb\n=======\nY\n>>>>>>> regenerated\nc\n',
    );
    expect(r.conflicts[0]).toMatchObject({ startLine: 2, endLine: 8 });
    const custom = mergeText('a\n', 'b\n', 'c\n', { ours: 'mine', theirs: 'v2.0.0' });
    expect(custom.content).toBe('<<<<<<< mine\nb\n=======\nc\n>>>>>>> v2.0.0\n');
    const bare = mergeText('a\n', 'b\n', 'c\n', { ours: '', base: '', theirs: '' }, { style: 'diff3' });
    expect(bare.content).toBe('<<<<<<<\nb\n|||||||\na\n=======\nc\n>>>>>>>\n');
  });

  it('numbers several conflict regions in the merged output', () => {
    const b = '1\n2\n3\n4\n5\n6\n7\n';
    const r = mergeText(b, '1\nA\n3\n4\n5\nC\nC2\n7\n', '1\nB\n3\n4\n5\nD\n7\n');
    expect(r.content).toBe(
      '1\n<<<<<<< customized\nA\n=======\nB\n>>>>>>> regenerated\n3\n4\n5\n<<<<<<< customized\nC\nC2\n=======\nD\n>>>>>>> regenerated\n7\n',
    );
    expect(r.conflicts.map((c) => [c.startLine, c.endLine, c.oursStart, c.baseStart, c.theirsStart])).toEqual([
      [2, 6, 2, 2, 2],
      [10, 15, 6, 6, 6],
    ]);
    const out = r.content.split('\n');
    for (const c of r.conflicts) {
      expect(out[c.startLine - 1]).toBe('<<<<<<< customized');
      expect(out[c.endLine - 1]).toBe('>>>>>>> regenerated');
    }
  });

  it('deleting a line on one side while the other edits it conflicts', () => {
    const r = mergeText('a\nb\nc\n', 'a\nc\n', 'a\nB\nc\n');
    expect(r.content).toBe('a\n<<<<<<< customized\n=======\nB\n>>>>>>> regenerated\nc\n');
    expect(r.conflicts[0]).toMatchObject({ ours: [], base: ['b'], theirs: ['B'] });
  });

  it('edits of adjacent lines conflict (as in git), edits one line apart merge', () => {
    expect(mergeText('a\nb\nc\nd\n', 'a\nB\nc\nd\n', 'a\nb\nC\nd\n').clean).toBe(false);
    expect(mergeText('a\nb\nc\nd\n', 'A\nb\nc\nd\n', 'a\nb\nC\nd\n')).toMatchObject({
      clean: true,
      content: 'A\nb\nC\nd\n',
    });
  });

  describe('final newline', () => {
    it('one side adds it while the other edits the last line: both kept', () => {
      expect(mergeText('a\nb', 'a\nb\n', 'a\nB')).toMatchObject({ clean: true, content: 'a\nB\n' });
      expect(mergeText('a\nb', 'a\nB', 'a\nb\n')).toMatchObject({ clean: true, content: 'a\nB\n' });
    });

    it('one side drops it while the other edits the last line: both kept', () => {
      expect(mergeText('a\nb\n', 'a\nb', 'a\nB\n')).toMatchObject({ clean: true, content: 'a\nB' });
    });

    it('is preserved when neither side touches it', () => {
      expect(mergeText('a\nb', 'A\nb', 'a\nb')).toMatchObject({ clean: true, content: 'A\nb' });
      expect(mergeText('a\nb\n', 'A\nb\n', 'a\nb\n').content).toBe('A\nb\n');
    });

    it('a conflict at the end of a file without final newline still ends its marker line', () => {
      const r = mergeText('a\nb', 'a\nX', 'a\nY');
      expect(r.content).toBe('a\n<<<<<<< customized\nX\n=======\nY\n>>>>>>> regenerated\n');
    });

    it('an emptied file stays empty', () => {
      expect(mergeText('a\nb\n', '', 'a\nb\n')).toMatchObject({ clean: true, content: '' });
      expect(mergeText('', '', 'x\n')).toMatchObject({ clean: true, content: 'x\n' });
    });
  });

  it('does not crash on lines named like Object.prototype members (node-diff3 #86)', () => {
    const b = 'class A {\nconstructor\n__proto__\ntoString\n}\n';
    const r = mergeText(b, b.replace('toString', 'valueOf'), b.replace('class A', 'class B'));
    expect(r).toMatchObject({ clean: true, content: 'class B {\nconstructor\n__proto__\nvalueOf\n}\n' });
    expect(mergeText('constructor\n', '__proto__\n', 'hasOwnProperty\n').conflicts[0]).toMatchObject({
      ours: ['__proto__'],
      base: ['constructor'],
      theirs: ['hasOwnProperty'],
    });
  });

  it('two sides adding the same line to an empty base, with and without a final newline, merge alike in either order', () => {
    // Found by the property test "conflict regions point at their marker lines" (fast-check seed 1072853433).
    expect(mergeText('', 'x\n', 'x')).toMatchObject({ clean: true, content: 'x\n' });
    expect(mergeText('', 'x', 'x\n')).toMatchObject({ clean: true, content: 'x\n' });
  });

  describe('line endings', () => {
    const lfBase = 'a\nb\nc\nd\ne\n';
    const crlfOurs = 'A\r\nb\r\nc\r\nd\r\ne\r\n';
    const lfTheirs = 'a\nb\nc\nd\nE\n';

    it('are exact by default: a CRLF upload conflicts with every regenerated change', () => {
      expect(mergeText(lfBase, crlfOurs, lfTheirs).clean).toBe(false);
    });

    it('normalizeEol merges a CRLF customization against LF generated code, giving LF', () => {
      expect(mergeText(lfBase, crlfOurs, lfTheirs, {}, { normalizeEol: true })).toMatchObject({
        clean: true,
        content: 'A\nb\nc\nd\nE\n',
      });
    });

    it('CR stays part of the line when not normalizing', () => {
      expect(mergeText('a\r\nb\r\n', 'A\r\nb\r\n', 'a\r\nb\r\nc\r\n')).toMatchObject({
        clean: true,
        content: 'A\r\nb\r\nc\r\n',
      });
    });
  });
});
