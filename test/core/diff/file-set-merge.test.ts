import { describe, expect, it } from 'vitest';
import { mergeFileSets, type GeneratedFile } from '../../../core/diff/index.js';

const f = (path: string, content: string): GeneratedFile => ({ path, content });

describe('mergeFileSets', () => {
  const base = [
    f('same.css', '.a {}\n'),
    f('ours-only.tsx', 'a\nb\nc\n'),
    f('theirs-only.tsx', 'a\nb\nc\n'),
    f('both-clean.tsx', 'a\nb\nc\nd\ne\n'),
    f('both-conflict.tsx', 'a\nb\nc\n'),
    f('identical.tsx', 'a\nb\n'),
    f('gone-theirs.tsx', 'x\n'),
    f('gone-theirs-customized.tsx', 'x\ny\n'),
    f('gone-ours.tsx', 'x\n'),
    f('gone-ours-regenerated.tsx', 'x\n'),
    f('gone-both.tsx', 'x\n'),
  ];
  const ours = [
    f('same.css', '.a {}\n'),
    f('ours-only.tsx', 'a\nB // dev\nc\n'),
    f('theirs-only.tsx', 'a\nb\nc\n'),
    f('both-clean.tsx', 'A\nb\nc\nd\ne\n'),
    f('both-conflict.tsx', 'a\nmine\nc\n'),
    f('identical.tsx', 'a\nb2\n'),
    f('gone-theirs.tsx', 'x\n'),
    f('gone-theirs-customized.tsx', 'x\ny // dev\n'),
    f('gone-ours-regenerated.tsx', 'x\n'),
    f('added-ours.ts', 'helper\n'),
    f('added-both-same.ts', 's\n'),
    f('added-both-different.ts', 'mine\n'),
  ].filter((file) => file.path !== 'gone-ours-regenerated.tsx');
  const theirs = [
    f('same.css', '.a {}\n'),
    f('ours-only.tsx', 'a\nb\nc\n'),
    f('theirs-only.tsx', 'a\nb\nC\n'),
    f('both-clean.tsx', 'a\nb\nc\nd\nE\n'),
    f('both-conflict.tsx', 'a\ntheirs\nc\n'),
    f('identical.tsx', 'a\nb2\n'),
    f('gone-ours.tsx', 'x\n'),
    f('gone-ours-regenerated.tsx', 'x2\n'),
    f('added-theirs.ts', 'gen\n'),
    f('added-both-same.ts', 's\n'),
    f('added-both-different.ts', 'gen\n'),
  ];

  const result = mergeFileSets({ base, ours, theirs });
  const byPath = new Map(result.files.map((file) => [file.path, file]));
  const get = (path: string) => byPath.get(path)!;

  it('lists every path once, sorted', () => {
    const paths = result.files.map((file) => file.path);
    expect(paths).toEqual([...paths].sort());
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toHaveLength(15);
  });

  it('unchanged on all sides → unchanged', () => {
    expect(get('same.css')).toEqual({
      path: 'same.css',
      status: 'unchanged',
      content: '.a {}\n',
      conflicts: [],
      customized: false,
    });
  });

  it('only customized → keeps ours; only regenerated → takes theirs', () => {
    expect(get('ours-only.tsx')).toMatchObject({ status: 'clean', content: 'a\nB // dev\nc\n', customized: true });
    expect(get('theirs-only.tsx')).toMatchObject({ status: 'clean', content: 'a\nb\nC\n', customized: false });
  });

  it('both changed apart → clean with both changes; identical changes → clean', () => {
    expect(get('both-clean.tsx')).toMatchObject({ status: 'clean', content: 'A\nb\nc\nd\nE\n', conflicts: [] });
    expect(get('identical.tsx')).toMatchObject({ status: 'clean', content: 'a\nb2\n', conflicts: [] });
  });

  it('both changed the same lines → conflict with markers', () => {
    expect(get('both-conflict.tsx')).toEqual({
      path: 'both-conflict.tsx',
      status: 'conflict',
      content: 'a\n<<<<<<< customized\nmine\n=======\ntheirs\n>>>>>>> regenerated\nc\n',
      conflicts: [
        {
          startLine: 2,
          endLine: 6,
          ours: ['mine'],
          base: ['b'],
          theirs: ['theirs'],
          oursStart: 2,
          baseStart: 2,
          theirsStart: 2,
        },
      ],
      customized: true,
      reason: 'customized lines conflict with regenerated lines',
    });
  });

  it('deleted by the regeneration: removed if not customized, conflict (modify/delete) if customized', () => {
    expect(get('gone-theirs.tsx')).toMatchObject({ status: 'removed', content: null, conflicts: [] });
    expect(get('gone-theirs-customized.tsx')).toEqual({
      path: 'gone-theirs-customized.tsx',
      status: 'conflict',
      content: '<<<<<<< customized\nx\ny // dev\n=======\n>>>>>>> regenerated\n',
      conflicts: [
        {
          startLine: 1,
          endLine: 5,
          ours: ['x', 'y // dev'],
          base: ['x', 'y'],
          theirs: [],
          oursStart: 1,
          baseStart: 1,
          theirsStart: 1,
        },
      ],
      customized: true,
      reason: 'modify/delete: customized but no longer generated',
    });
  });

  it('deleted by the developer: removed unless the regeneration changed it (delete/modify conflict)', () => {
    expect(get('gone-ours.tsx')).toMatchObject({ status: 'removed', content: null, customized: true });
    expect(get('gone-ours-regenerated.tsx')).toMatchObject({
      status: 'conflict',
      content: '<<<<<<< customized\n=======\nx2\n>>>>>>> regenerated\n',
      customized: true,
    });
    expect(get('gone-ours-regenerated.tsx').reason).toMatch(/^delete\/modify/);
    expect(get('gone-both.tsx')).toMatchObject({ status: 'removed', content: null });
  });

  it('added files: by ours only kept, by theirs only taken, by both same → added, different → add/add conflict', () => {
    expect(get('added-ours.ts')).toMatchObject({ status: 'added', content: 'helper\n', customized: true });
    expect(get('added-theirs.ts')).toMatchObject({ status: 'added', content: 'gen\n', customized: false });
    expect(get('added-both-same.ts')).toMatchObject({ status: 'added', content: 's\n', conflicts: [] });
    expect(get('added-both-different.ts')).toMatchObject({
      status: 'conflict',
      content: '<<<<<<< customized\nmine\n=======\ngen\n>>>>>>> regenerated\n',
    });
    expect(get('added-both-different.ts').reason).toMatch(/^add\/add/);
  });

  it('summarizes: not clean, conflict regions counted, conflicted paths listed', () => {
    expect(result.clean).toBe(false);
    expect(result.conflicts).toBe(4);
    expect(result.conflictedPaths).toEqual([
      'added-both-different.ts',
      'both-conflict.tsx',
      'gone-ours-regenerated.tsx',
      'gone-theirs-customized.tsx',
    ]);
  });

  it('a set with only compatible changes is clean', () => {
    const r = mergeFileSets({
      base: [f('a', '1\n2\n3\n')],
      ours: [f('a', '0\n1\n2\n3\n'), f('b', 'new\n')],
      theirs: [f('a', '1\n2\n3\n4\n')],
    });
    expect(r).toEqual({
      clean: true,
      conflicts: 0,
      conflictedPaths: [],
      files: [
        { path: 'a', status: 'clean', content: '0\n1\n2\n3\n4\n', conflicts: [], customized: true },
        { path: 'b', status: 'added', content: 'new\n', conflicts: [], customized: true },
      ],
    });
  });

  it('passes labels and style through to conflicts', () => {
    const r = mergeFileSets(
      { base: [f('a', 'x\n')], ours: [f('a', 'y\n')], theirs: [f('a', 'z\n')] },
      { labels: { base: 'generated 1.4.0', theirs: 'regenerated 1.5.0' }, style: 'diff3' },
    );
    expect(r.files[0]!.content).toBe(
      '<<<<<<< customized\ny\n||||||| generated 1.4.0\nx\n=======\nz\n>>>>>>> regenerated 1.5.0\n',
    );
  });

  it('oursIsPartial: a path missing from ours is "not customized", not "deleted"', () => {
    const input = {
      base: [f('a', 'x\n'), f('b', 'y\n')],
      ours: [f('a', 'X\n')],
      theirs: [f('a', 'x\n'), f('b', 'Y\n')],
    };
    expect(mergeFileSets(input).files[1]).toMatchObject({ path: 'b', status: 'conflict' });
    expect(mergeFileSets(input, { oursIsPartial: true }).files).toEqual([
      { path: 'a', status: 'clean', content: 'X\n', conflicts: [], customized: true },
      { path: 'b', status: 'clean', content: 'Y\n', conflicts: [], customized: false },
    ]);
  });

  it('normalizeEol lets a CRLF customization merge with LF generated files', () => {
    const input = {
      base: [f('a', '1\n2\n3\n4\n')],
      ours: [f('a', '1\r\n2 // dev\r\n3\r\n4\r\n')],
      theirs: [f('a', '1\n2\n3\nfour\n')],
    };
    expect(mergeFileSets(input).clean).toBe(false);
    expect(mergeFileSets(input, { normalizeEol: true }).files[0]).toMatchObject({
      status: 'clean',
      content: '1\n2 // dev\n3\nfour\n',
    });
  });

  it('refuses duplicate paths', () => {
    expect(() => mergeFileSets({ base: [], ours: [f('a', ''), f('a', '')], theirs: [] })).toThrow(
      /Duplicate path "a" in ours/,
    );
  });
});
