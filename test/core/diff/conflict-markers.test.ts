import { describe, expect, it } from 'vitest';
import { mergeText } from '../../../core/diff/merge.js';
import {
  conflictCount,
  hasConflictMarkers,
  parseConflicts,
  pathsWithConflictMarkers,
  resolveConflicts,
} from '../../../core/diff/conflict-markers.js';

// What the server's merge writes, read back by the review screen's conflict resolver.
const base = 'a\nb\nc\nd\n';
const ours = 'a\nB-custom\nc\nd\n';
const theirs = 'a\nB-generated\nc\nD-generated\n';

describe('conflict regions in a merged draft', () => {
  const merged = mergeText(base, ours, theirs);

  it('finds each region the merge wrote, with both sides', () => {
    expect(merged.clean).toBe(false);
    const segments = parseConflicts(merged.content);
    expect(conflictCount(segments)).toBe(1);
    const region = segments.find((s) => s.kind === 'conflict')!;
    expect(region.kind === 'conflict' && region.region.ours).toEqual(['B-custom']);
    expect(region.kind === 'conflict' && region.region.theirs).toEqual(['B-generated']);
  });

  it('writes the chosen side, both, or the edit, and nothing of the markers', () => {
    const segments = parseConflicts(merged.content);
    for (const [choice, line] of [
      [{ kind: 'ours' }, 'B-custom'],
      [{ kind: 'theirs' }, 'B-generated'],
      [{ kind: 'edit', text: 'B-both' }, 'B-both'],
    ] as const) {
      const text = resolveConflicts(segments, [choice]);
      expect(hasConflictMarkers(text)).toBe(false);
      expect(text).toBe(`a\n${line}\nc\nD-generated\n`);
    }
    expect(resolveConflicts(segments, [{ kind: 'both' }])).toBe('a\nB-custom\nB-generated\nc\nD-generated\n');
  });

  it('leaves an unresolved region as it was, and an unclosed one as text', () => {
    const segments = parseConflicts(merged.content);
    expect(resolveConflicts(segments, [])).toBe(merged.content);
    const open = 'x\n<<<<<<< customized\ny\n';
    expect(conflictCount(parseConflicts(open))).toBe(0);
    expect(resolveConflicts(parseConflicts(open), [])).toBe(open);
  });

  it('reads the diff3 style too (a base section between the sides)', () => {
    const segments = parseConflicts('<<<<<<< customized\nours\n||||||| base\nbase\n=======\ntheirs\n>>>>>>> generated');
    const region = segments[0]!;
    expect(region.kind === 'conflict' && region.region).toMatchObject({
      ours: ['ours'],
      base: ['base'],
      theirs: ['theirs'],
      theirsLabel: 'generated',
    });
  });

  it('names the files still holding markers, in the order given', () => {
    const files = [
      { path: 'b.ts', content: merged.content },
      { path: 'a.ts', content: 'clean\n' },
      { path: 'c.md', content: 'Title\n=======\n' },
      { path: 'd.ts', content: 'kept half\n>>>>>>> regenerated\n' },
    ];
    expect(pathsWithConflictMarkers(files)).toEqual(['b.ts', 'd.ts']);
  });
});
