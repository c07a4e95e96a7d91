import { applyPatch } from 'diff';
import { mergeDiff3 as diff3Reference } from 'node-diff3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLineChanges, diffText, mergeText, type TextDiff } from '../../../core/diff/index.js';

// Few distinct lines, so random texts share lines and diffs have real structure; includes
// CR-carrying lines and names that once crashed node-diff3.
const line = fc.constantFrom('a', 'b', 'c', '', '  }', '<div>', 'x\r', 'constructor', '__proto__');
const lineText = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
  .map(([lines, finalNewline]) => (lines.length ? lines.join('\n') + (finalNewline ? '\n' : '') : ''));
const charText = fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', '\r\n', ' '), maxLength: 40 });
const text = fc.oneof(lineText, charText);
const context = fc.integer({ min: 0, max: 4 });

/** Lines with their terminators, the way jsdiff counts them. */
function linesOf(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Rebuilds the new text from the old text and the structured hunks only, checking every line
 * number, header and collapsed count on the way.
 */
function applyHunks(oldText: string, d: TextDiff): string {
  const old = linesOf(oldText);
  const out: string[] = [];
  let cursor = 0;
  for (const h of d.hunks) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    expect(h.collapsedBefore).toBe(start - cursor);
    out.push(...old.slice(cursor, start));
    cursor = start;
    expect(h.newStart).toBe(h.newLines === 0 ? out.length : out.length + 1);
    let oldCount = 0;
    let newCount = 0;
    for (const l of h.lines) {
      const full = l.text + (l.noNewlineAtEof ? '' : '\n');
      if (l.kind !== 'add') {
        expect(l.oldLine).toBe(cursor + 1);
        expect(old[cursor]).toBe(full);
        cursor++;
        oldCount++;
      } else {
        expect(l.oldLine).toBeUndefined();
      }
      if (l.kind !== 'remove') {
        expect(l.newLine).toBe(out.length + 1);
        out.push(full);
        newCount++;
      } else {
        expect(l.newLine).toBeUndefined();
      }
    }
    expect([oldCount, newCount]).toEqual([h.oldLines, h.newLines]);
  }
  if (d.hunks.length) expect(d.collapsedAfter).toBe(old.length - cursor);
  out.push(...old.slice(cursor));
  return out.join('');
}

describe('diffText properties', () => {
  it('diff(a, a) is empty', () => {
    fc.assert(
      fc.property(text, context, (a, ctx) => {
        expect(diffText(a, a, { context: ctx })).toEqual({
          unified: '',
          hunks: [],
          added: 0,
          removed: 0,
          collapsedAfter: 0,
        });
      }),
    );
  });

  it('applying the structured hunks of diff(a, b) to a gives b, with consistent line numbers', () => {
    fc.assert(
      fc.property(text, text, context, (a, b, ctx) => {
        const d = diffText(a, b, { context: ctx });
        expect(applyHunks(a, d)).toBe(b);
        const adds = d.hunks.flatMap((h) => h.lines).filter((l) => l.kind === 'add').length;
        const removes = d.hunks.flatMap((h) => h.lines).filter((l) => l.kind === 'remove').length;
        expect([d.added, d.removed]).toEqual([adds, removes]);
        expect(d.hunks.length === 0).toBe(a === b);
      }),
      { numRuns: 500 },
    );
  });

  it('jsdiff applyPatch of the unified text on a gives b', () => {
    fc.assert(
      fc.property(text, text, context, (a, b, ctx) => {
        const d = diffText(a, b, { context: ctx });
        expect(applyPatch(a, d.unified, { autoConvertLineEndings: false })).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('with normalizeEol the hunks turn normalized a into normalized b', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const norm = (s: string) => s.replace(/\r\n/g, '\n');
        expect(applyHunks(norm(a), diffText(a, b, { normalizeEol: true }))).toBe(norm(b));
      }),
    );
  });

  it('added/removed of diff(a, b) equal removed/added of diff(b, a), and countLineChanges agrees', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ab = diffText(a, b);
        const ba = diffText(b, a);
        expect([ab.added, ab.removed]).toEqual([ba.removed, ba.added]);
        expect(countLineChanges(a, b)).toEqual({ added: ab.added, removed: ab.removed });
      }),
      { numRuns: 300 },
    );
  });
});

describe('mergeText properties', () => {
  it('mergeText(base, base, x) === x, mergeText(base, x, base) === x, mergeText(base, x, x) === x, all clean', () => {
    fc.assert(
      fc.property(text, text, (base, x) => {
        for (const r of [mergeText(base, base, x), mergeText(base, x, base), mergeText(base, x, x)]) {
          expect(r).toEqual({ content: x, clean: true, conflicts: [] });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('edits separated by an untouched line merge cleanly into both edits', () => {
    // Distinct lines, so the expected merge is unambiguous.
    const scenario = fc
      .record({
        n: fc.integer({ min: 3, max: 30 }),
        cutA: fc.nat(),
        cutB: fc.nat(),
        oursNew: fc.array(fc.constantFrom('o1', 'o2', 'o3'), { maxLength: 3 }),
        theirsNew: fc.array(fc.constantFrom('t1', 't2', 't3'), { maxLength: 3 }),
        oursDel: fc.integer({ min: 0, max: 3 }),
        theirsDel: fc.integer({ min: 0, max: 3 }),
        finalNewline: fc.boolean(),
      })
      .map((s) => {
        const base = Array.from({ length: s.n }, (_, i) => `L${i}`);
        // ours edits [oStart, oEnd), theirs edits [tStart, tEnd) with at least one line between.
        const oStart = s.cutA % (s.n - 1);
        const oEnd = Math.min(oStart + s.oursDel, s.n - 2);
        const tStart = oEnd + 1 + (s.cutB % Math.max(1, s.n - oEnd - 1));
        const tEnd = Math.min(tStart + s.theirsDel, s.n);
        return { ...s, base, oStart, oEnd: Math.max(oStart, oEnd), tStart, tEnd };
      })
      .filter((s) => s.oEnd < s.tStart && s.tStart <= s.n);
    fc.assert(
      fc.property(scenario, (s) => {
        const join = (lines: string[]) => (lines.length ? lines.join('\n') + (s.finalNewline ? '\n' : '') : '');
        const { base, oStart, oEnd, tStart, tEnd } = s;
        const ours = [...base.slice(0, oStart), ...s.oursNew, ...base.slice(oEnd)];
        const theirs = [...base.slice(0, tStart), ...s.theirsNew, ...base.slice(tEnd)];
        const expected = [
          ...base.slice(0, oStart),
          ...s.oursNew,
          ...base.slice(oEnd, tStart),
          ...s.theirsNew,
          ...base.slice(tEnd),
        ];
        expect(mergeText(join(base), join(ours), join(theirs))).toEqual({
          content: join(expected),
          clean: true,
          conflicts: [],
        });
      }),
      { numRuns: 500 },
    );
  });

  it('conflict regions point at their marker lines and hold each side’s lines', () => {
    fc.assert(
      fc.property(
        lineText,
        lineText,
        lineText,
        fc.constantFrom('merge', 'diff3') as fc.Arbitrary<'merge' | 'diff3'>,
        (base, ours, theirs, style) => {
          const r = mergeText(base, ours, theirs, { ours: 'O', base: 'B', theirs: 'T' }, { style });
          expect(r.clean).toBe(r.conflicts.length === 0);
          const out = r.content.split('\n');
          for (const c of r.conflicts) {
            const expected = [
              '<<<<<<< O',
              ...c.ours,
              ...(style === 'diff3' ? ['||||||| B', ...c.base] : []),
              '=======',
              ...c.theirs,
              '>>>>>>> T',
            ];
            expect(out.slice(c.startLine - 1, c.endLine)).toEqual(expected);
          }
          // Swapping sides swaps the conflicts but merges the same lines cleanly.
          const swapped = mergeText(base, theirs, ours);
          expect(swapped.conflicts.length).toBe(r.conflicts.length);
          if (r.clean) expect(swapped.content).toBe(r.content);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('equals a direct node-diff3 merge when the alignment is unambiguous (distinct lines)', () => {
    // The implementation anchors node-diff3 on lines jsdiff finds kept by both sides; with
    // distinct lines there is only one alignment, so the output must match node-diff3 alone.
    const op = fc.constantFrom('keep', 'keep', 'keep', 'delete', 'replace', 'insert');
    const edit = (base: string[], ops: string[], tag: string): string[] =>
      base.flatMap((l, i) => {
        switch (ops[i % ops.length]) {
          case 'delete':
            return [];
          case 'replace':
            return [`${tag}${i}`];
          case 'insert':
            return [`${tag}${i}+`, l];
          default:
            return [l];
        }
      });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.array(op, { minLength: 1 }),
        fc.array(op, { minLength: 1 }),
        (n, oursOps, theirsOps) => {
          const base = Array.from({ length: n }, (_, i) => `L${i}`);
          const ours = edit(base, oursOps, 'O');
          const theirs = edit(base, theirsOps, 'T');
          const join = (lines: string[]) => (lines.length ? lines.join('\n') + '\n' : '');
          const ref = diff3Reference(ours, base, theirs, {
            label: { a: 'customized', o: 'generated', b: 'regenerated' },
          });
          const r = mergeText(join(base), join(ours), join(theirs), {}, { style: 'diff3' });
          expect(r.clean).toBe(!ref.conflict);
          expect(r.content).toBe(join(ref.result));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
