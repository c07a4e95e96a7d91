import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIFF_LIMITS } from '../../../core/diff/index.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { reversed, seenDiffRunning, textOf, tracked } from '../../helpers/diff-thread.js';
import { version } from '../../helpers/versioning.js';

type Files = { path: string; content: string }[];

const BASE_5K = textOf(5000, (i) => `const a${i} = ${i};`);
/** Every line of BASE_5K changed, differently on each side. */
const MAIN_5K = textOf(5000, (i) => `const a${i} = ${i} + 1; // main`);
const BRANCH_5K = textOf(5000, (i) => `const a${i} = ${i} * 2; // branch`);
const ROWS_5K = textOf(5000, (i) => `  <Row id={${i}} />`);
const CSS = '.a {}\n.b {}\n.c {}\n';

// A branch merge of two 5,000-line files was a 500: the three-way merge ran inside the
// interactive transaction, which expired after 5 s. Now the merge is computed first, on the diff
// thread within core/diff's limits, and written in a short transaction that checks nothing moved.
describe.each(dbKinds)('branch merges of 5,000-line files on %s', (kind) => {
  let t: TestApp;

  const component = async (name: string, files: Files) => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/components`, {
      body: { name, figmaId: `9:${name.length}${name}` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await publishFiles(id, files, 'minor');
    return id;
  };
  const publishFiles = async (componentId: string, files: Files, bump: string, branch?: string) => {
    const d = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      body: { files, bump, ...(branch ? { branch } : {}) },
    });
    expect(d.statusCode, d.body).toBe(201);
    const p = await t.api('POST', `/api/v1/versions/${d.json().id}/publish`, { body: {} });
    expect(p.statusCode, p.body).toBe(200);
    return p.json() as { id: string; version: string };
  };
  const branch = async (componentId: string, name: string) => {
    const res = await t.api('POST', `/api/v1/components/${componentId}/branches`, { body: { name } });
    expect(res.statusCode, res.body).toBe(201);
  };
  const merge = (componentId: string, name: string) =>
    t.api('POST', `/api/v1/components/${componentId}/branches/${name}/merge`, {});
  const branchOf = async (componentId: string, name: string) =>
    (
      (await t.api('GET', `/api/v1/components/${componentId}/branches`)).json().items as {
        name: string;
        mergedAt: string | null;
      }[]
    ).find((b) => b.name === name)!;

  beforeAll(async () => {
    t = await startTestApp(kind, { BODY_LIMIT_BYTES: String(16 * 1024 * 1024) });
  });
  afterAll(async () => t?.close());

  it('merges two 5,000-line files that both sides rewrote: not a 500, one whole-file conflict saying it is too large to merge line by line', async () => {
    const id = await component('Rewritten', [
      { path: 'Big.tsx', content: BASE_5K },
      { path: 'a.css', content: CSS },
    ]);
    await branch(id, 'rewrite');
    await publishFiles(
      id,
      [
        { path: 'Big.tsx', content: BRANCH_5K },
        { path: 'a.css', content: CSS.replace('.c {}', '.c { y: 2 }') },
      ],
      'patch',
      'rewrite',
    );
    await publishFiles(
      id,
      [
        { path: 'Big.tsx', content: MAIN_5K },
        { path: 'a.css', content: CSS.replace('.a {}', '.a { x: 1 }') },
      ],
      'minor',
    );

    const res = await merge(id, 'rewrite');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.status).toBe('conflicts');
    expect(body.conflicts).toEqual([
      {
        path: 'Big.tsx',
        startLine: 1,
        endLine: 10_003,
        tooLarge: expect.objectContaining({
          reason: 'edit-length',
          limits: { ...DIFF_LIMITS },
          base: expect.objectContaining({ lines: 5000 }),
          ours: expect.objectContaining({ lines: 5000 }),
          theirs: expect.objectContaining({ lines: 5000 }),
        }),
      },
    ]);
    expect(body.draft).toMatchObject({ status: 'draft', hasConflicts: true, trigger: 'merge' });
    expect(body.draft.warnings).toEqual([
      expect.stringMatching(
        /^conflict in Big\.tsx lines 1–10003: too large to merge line by line: more than 2,000 changed lines/,
      ),
    ]);
    // Never one side silently: the draft holds both, in one conflict; the small file merged cleanly.
    const files = (await version(t, body.draft.id)).files!;
    const big = files.find((f) => f.path === 'Big.tsx')!.content;
    expect(big).toBe(`<<<<<<< main 1.1.0\n${MAIN_5K}=======\n${BRANCH_5K}>>>>>>> rewrite 1.0.1-rewrite.1\n`);
    expect(files.find((f) => f.path === 'a.css')!.content).toBe('.a { x: 1 }\n.b {}\n.c { y: 2 }\n');
    expect((await branchOf(id, 'rewrite')).mergedAt).toBeNull();
  });

  it('merges two 5,000-line files with a few edits on each side cleanly, published on main', async () => {
    const id = await component('Edited', [{ path: 'Big.tsx', content: BASE_5K }]);
    await branch(id, 'edits');
    const onBranch = BASE_5K.replace('const a4000 = 4000;\n', 'const a4000 = 4001;\n');
    const onMain = BASE_5K.replace('const a10 = 10;\n', 'const a10 = 11;\n');
    await publishFiles(id, [{ path: 'Big.tsx', content: onBranch }], 'patch', 'edits');
    await publishFiles(id, [{ path: 'Big.tsx', content: onMain }], 'minor');

    const res = await merge(id, 'edits');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'merged', strategy: 'three-way' });
    const merged = (await version(t, res.json().version.id)).files!.map(({ path, content }) => ({ path, content }));
    expect(merged).toEqual([
      { path: 'Big.tsx', content: onMain.replace('const a4000 = 4000;\n', 'const a4000 = 4001;\n') },
    ]);
    expect(res.json().diff.files).toMatchObject([{ path: 'Big.tsx', added: 1, removed: 1 }]);
    expect((await branchOf(id, 'edits')).mergedAt).not.toBeNull();
  });

  it('refuses with 409 stale_merge when main moves while the merge is computed, and writes nothing', async () => {
    // Each side has the base's rows in another order: nothing to count, so Myers' diff runs to its limit on the diff thread.
    const rows = ['Rows1.tsx', 'Rows2.tsx', 'Rows3.tsx', 'Rows4.tsx'];
    const id = await component(
      'Moving',
      rows.map((path) => ({ path, content: ROWS_5K })),
    );
    await branch(id, 'moving');
    await publishFiles(
      id,
      rows.map((path) => ({ path, content: reversed(ROWS_5K) })),
      'patch',
      'moving',
    );
    const main = await publishFiles(
      id,
      rows.map((path) => ({
        path,
        content: ROWS_5K.replace('<Row id={1} />', '<Row id={1} first />').split('\n').reverse().join('\n'),
      })),
      'minor',
    );
    const drafts = () => t.db.prisma.componentVersion.count({ where: { componentId: id, status: 'draft' } });
    const draftsBefore = await drafts();

    const merging = tracked(merge(id, 'moving'));
    expect(await seenDiffRunning(t, merging), 'the merge was never seen running on the diff thread').toBe(true);
    const moved = await publishFiles(
      id,
      rows.map((path) => ({ path, content: `// moved\n${ROWS_5K}` })),
      'patch',
    );
    expect(merging.settled, 'the merge finished before main moved').toBe(false);

    const res = await merging.promise;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'stale_merge',
      message: expect.stringContaining(`main moved from ${main.version} to ${moved.version}`),
    });
    expect(await drafts()).toBe(draftsBefore);
    expect((await branchOf(id, 'moving')).mergedAt).toBeNull();
    const current = (await t.api('GET', `/api/v1/components/${id}`)).json().currentVersion;
    expect(current.id).toBe(moved.id);
  });
});
