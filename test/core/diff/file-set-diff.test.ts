import { describe, expect, it } from 'vitest';
import { diffFileSets, type GeneratedFile } from '../../../core/diff/index.js';

const oldFiles: GeneratedFile[] = [
  { path: 'Button.tsx', content: 'export function Button() {\n  return null;\n}\n' },
  { path: 'Button.module.css', content: '.root {\n  color: var(--c);\n}\n' },
  { path: 'Button.stories.tsx', content: 'export default {};\n' },
  { path: 'tokens.css', content: ':root {}\n' },
];
const newFiles: GeneratedFile[] = [
  { path: 'tokens.css', content: ':root {}\n' },
  { path: 'Button.tsx', content: 'export function Button() {\n  return <button />;\n}\n' },
  { path: 'Button.module.css', content: '.root {\n  color: var(--c);\n  gap: var(--g);\n}\n' },
  { path: 'Button.test.tsx', content: 'test();\ntest2();' },
];

describe('diffFileSets', () => {
  it('classifies every file, sorts by path and sums the stats', () => {
    const d = diffFileSets(oldFiles, newFiles);
    expect(d.files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual([
      ['Button.module.css', 'modified', 1, 0],
      ['Button.stories.tsx', 'removed', 0, 1],
      ['Button.test.tsx', 'added', 2, 0],
      ['Button.tsx', 'modified', 1, 1],
      ['tokens.css', 'unchanged', 0, 0],
    ]);
    expect(d.stats).toEqual({
      filesAdded: 1,
      filesRemoved: 1,
      filesModified: 2,
      filesUnchanged: 1,
      linesAdded: 4,
      linesRemoved: 2,
    });
  });

  it('writes git-style headers, /dev/null for added and removed files', () => {
    const d = diffFileSets(oldFiles, newFiles);
    const byPath = new Map(d.files.map((f) => [f.path, f]));
    expect(byPath.get('Button.tsx')!.unified).toBe(
      '--- a/Button.tsx\n+++ b/Button.tsx\n@@ -1,3 +1,3 @@\n export function Button() {\n-  return null;\n+  return <button />;\n }\n',
    );
    expect(byPath.get('Button.test.tsx')!.unified).toBe(
      '--- /dev/null\n+++ b/Button.test.tsx\n@@ -0,0 +1,2 @@\n+test();\n+test2();\n\\ No newline at end of file\n',
    );
    expect(byPath.get('Button.stories.tsx')!.unified).toBe(
      '--- a/Button.stories.tsx\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-export default {};\n',
    );
    expect(byPath.get('Button.test.tsx')!.hunks[0]!.lines).toEqual([
      { kind: 'add', text: 'test();', newLine: 1 },
      { kind: 'add', text: 'test2();', newLine: 2, noNewlineAtEof: true },
    ]);
    expect(byPath.get('tokens.css')).toEqual({
      path: 'tokens.css',
      status: 'unchanged',
      added: 0,
      removed: 0,
      hunks: [],
      unified: '',
      collapsedAfter: 0,
    });
  });

  it('can omit unchanged files while still counting them', () => {
    const d = diffFileSets(oldFiles, newFiles, { includeUnchanged: false });
    expect(d.files.map((f) => f.path)).not.toContain('tokens.css');
    expect(d.files).toHaveLength(4);
    expect(d.stats.filesUnchanged).toBe(1);
  });

  it('can omit hunks (stats only) with the same counts', () => {
    const full = diffFileSets(oldFiles, newFiles);
    const lean = diffFileSets(oldFiles, newFiles, { includeHunks: false });
    expect(lean.stats).toEqual(full.stats);
    expect(lean.files.map((f) => [f.path, f.status, f.added, f.removed])).toEqual(
      full.files.map((f) => [f.path, f.status, f.added, f.removed]),
    );
    for (const f of lean.files) {
      expect(f.hunks).toEqual([]);
      expect(f.unified).toBe('');
    }
  });

  it('passes the context through', () => {
    const a = [{ path: 'x', content: '1\n2\n3\n4\n5\n' }];
    const b = [{ path: 'x', content: '1\n2\nthree\n4\n5\n' }];
    expect(diffFileSets(a, b, { context: 0 }).files[0]!.hunks[0]).toMatchObject({
      oldStart: 3,
      oldLines: 1,
      collapsedBefore: 2,
    });
    expect(diffFileSets(a, b, { context: 1 }).files[0]!.hunks[0]).toMatchObject({
      oldStart: 2,
      oldLines: 3,
      collapsedBefore: 1,
    });
  });

  it('treats an EOL-only difference as unchanged with normalizeEol, modified without', () => {
    const a = [{ path: 'x', content: 'a\r\nb\r\n' }];
    const b = [{ path: 'x', content: 'a\nb\n' }];
    expect(diffFileSets(a, b).files[0]).toMatchObject({ status: 'modified', added: 2, removed: 2 });
    expect(diffFileSets(a, b, { normalizeEol: true }).files[0]).toMatchObject({
      status: 'unchanged',
      added: 0,
      removed: 0,
    });
  });

  it('handles empty sets and empty files', () => {
    expect(diffFileSets([], [])).toEqual({
      files: [],
      stats: { filesAdded: 0, filesRemoved: 0, filesModified: 0, filesUnchanged: 0, linesAdded: 0, linesRemoved: 0 },
    });
    const d = diffFileSets([], [{ path: 'empty.css', content: '' }]);
    expect(d.files[0]).toMatchObject({ status: 'added', added: 0, removed: 0, hunks: [], unified: '' });
  });

  it('sorts paths by code unit, not locale', () => {
    const d = diffFileSets(
      [],
      [
        { path: 'b', content: '' },
        { path: 'B', content: '' },
        { path: 'a/Z', content: '' },
        { path: 'a', content: '' },
      ],
    );
    expect(d.files.map((f) => f.path)).toEqual(['B', 'a', 'a/Z', 'b']);
  });

  it('refuses a set with a duplicate path', () => {
    expect(() =>
      diffFileSets(
        [
          { path: 'x', content: '' },
          { path: 'x', content: 'y' },
        ],
        [],
      ),
    ).toThrow(/Duplicate path "x" in old/);
  });
});
