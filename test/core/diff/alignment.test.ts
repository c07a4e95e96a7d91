import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignLines } from '../../../core/diff/alignment.js';
import { countLineChanges } from '../../../core/diff/index.js';
import { lineTokens } from '../../../core/diff/limits.js';
import { fileStatus } from '../../../core/diff/lines.js';

// Few distinct lines, so random texts share lines; CR-carrying lines and a missing final newline included.
const line = fc.constantFrom('a', 'b', 'c', '', '  }', 'x\r');
const text = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
  .map(([lines, finalNewline]) => (lines.length ? lines.join('\n') + (finalNewline ? '\n' : '') : ''));

describe('alignLines', () => {
  it('walks both texts whole, line by line, equal runs holding the same lines', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const oldLines = lineTokens(a);
        const newLines = lineTokens(b);
        const { blocks } = alignLines(a, b);
        let oldNo = 1;
        let newNo = 1;
        for (const block of blocks) {
          expect([block.oldStart, block.newStart]).toEqual([oldNo, newNo]);
          if (block.type === 'equal') {
            expect(oldLines.slice(oldNo - 1, oldNo - 1 + block.count)).toEqual(
              newLines.slice(newNo - 1, newNo - 1 + block.count),
            );
            oldNo += block.count;
            newNo += block.count;
          } else {
            oldNo += block.oldCount;
            newNo += block.newCount;
          }
        }
        expect([oldNo - 1, newNo - 1]).toEqual([oldLines.length, newLines.length]);
      }),
    );
  });

  it('counts what the server counts (countLineChanges, diffText)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { added, removed } = alignLines(a, b);
        expect({ added, removed }).toEqual(countLineChanges(a, b));
      }),
    );
  });

  it('joins adjacent removals and additions into one change run', () => {
    expect(alignLines('a\nb\nc\n', 'a\nB\nc\nd\n').blocks).toEqual([
      { type: 'equal', oldStart: 1, newStart: 1, count: 1 },
      { type: 'change', oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 },
      { type: 'equal', oldStart: 3, newStart: 3, count: 1 },
      { type: 'change', oldStart: 4, oldCount: 0, newStart: 4, newCount: 1 },
    ]);
  });

  it('past the limits: no blocks, a whole replacement, and why', () => {
    const r = alignLines('a\nb\nc\n', 'x\nb\ny\n', { limits: { maxEditLength: 3 } });
    expect(r).toMatchObject({ blocks: [], added: 3, removed: 3, tooLarge: { reason: 'edit-length' } });
  });
});

describe('fileStatus', () => {
  it('names a side that does not exist (null or undefined) and compares contents otherwise', () => {
    expect(fileStatus(undefined, 'x')).toBe('added');
    expect(fileStatus(null, '')).toBe('added');
    expect(fileStatus('x', null)).toBe('removed');
    expect(fileStatus('x', 'x')).toBe('unchanged');
    expect(fileStatus('x\r\n', 'x\n')).toBe('modified');
    expect(fileStatus(null, null)).toBe('unchanged');
  });
});
