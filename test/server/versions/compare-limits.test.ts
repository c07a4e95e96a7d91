import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIFF_LIMITS } from '../../../core/diff/index.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { reversed, seenDiffRunning, textOf, tracked } from '../../helpers/diff-thread.js';

const OLD_10K = textOf(10_000, (i) => `export const value${i} = 'old ${i}';`);
/** Shares no line with OLD_10K. */
const NEW_10K = textOf(10_000, (i) => `export const value${i} = 'new ${i}';`);
/** Every 500th line of OLD_10K changed. */
const SPARSE_10K = textOf(10_000, (i) =>
  i % 500 === 0 ? `export const value${i} = 'edited';` : `export const value${i} = 'old ${i}';`,
);
const ROWS_10K = textOf(10_000, (i) => `  <Row id={${i}} />`);

type FileOut = { path: string; size: number; sha256: string };
type Compared = {
  path: string;
  status: string;
  added: number;
  removed: number;
  hunks: unknown[];
  unified: string;
  tooLarge?: Record<string, unknown>;
};

// GET /components/:id/compare of two 10,000-line files: a diff computed on the event loop, without
// limits, blocked the whole server 25 s. Now it runs on the diff thread within core/diff's limits.
describe.each(dbKinds)('compare of 10,000-line files on %s', (kind) => {
  let t: TestApp;
  let componentId: string;
  let v1: { id: string; files: FileOut[] };
  let v2: { id: string; files: FileOut[] };

  const publish = async (files: { path: string; content: string }[]) => {
    const d = await t.api('POST', `/api/v1/components/${componentId}/versions`, { body: { files, bump: 'minor' } });
    expect(d.statusCode, d.body).toBe(201);
    const p = await t.api('POST', `/api/v1/versions/${d.json().id}/publish`, { body: {} });
    expect(p.statusCode, p.body).toBe(200);
    return (await t.api('GET', `/api/v1/versions/${d.json().id}`)).json() as { id: string; files: FileOut[] };
  };
  const compare = () => t.api('GET', `/api/v1/components/${componentId}/compare?from=${v1.id}&to=${v2.id}`);

  beforeAll(async () => {
    t = await startTestApp(kind, { BODY_LIMIT_BYTES: String(16 * 1024 * 1024) });
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/components`, {
      body: { name: 'Table', figmaId: '1:1' },
    });
    expect(res.statusCode, res.body).toBe(201);
    componentId = res.json().id;
    // Rows*.tsx: the same lines reversed, so no count tells the diff is large; Myers' diff runs to its limit.
    const rows = ['Rows1.tsx', 'Rows2.tsx', 'Rows3.tsx'];
    v1 = await publish([
      { path: 'Big.tsx', content: OLD_10K },
      { path: 'Sparse.tsx', content: OLD_10K },
      ...rows.map((path) => ({ path, content: ROWS_10K })),
    ]);
    v2 = await publish([
      { path: 'Big.tsx', content: NEW_10K },
      { path: 'Sparse.tsx', content: SPARSE_10K },
      ...rows.map((path) => ({ path, content: reversed(ROWS_10K) })),
    ]);
  });
  afterAll(async () => t?.close());

  it('answers "too large to diff line by line" with both sizes and hashes, or a real diff, per file', async () => {
    const res = await compare();
    expect(res.statusCode, res.body).toBe(200);
    const files = Object.fromEntries((res.json().files as Compared[]).map((f) => [f.path, f]));
    const stored = (v: { files: FileOut[] }, path: string) => v.files.find((f) => f.path === path)!;

    const big = files['Big.tsx']!;
    expect(big).toMatchObject({ status: 'modified', added: 10_000, removed: 10_000, hunks: [], unified: '' });
    expect(big.tooLarge).toEqual({
      reason: 'edit-length',
      message: expect.stringContaining('too large to diff line by line'),
      limits: { ...DIFF_LIMITS },
      // The same sizes and hashes GET /versions/:id gives for the stored files.
      old: { bytes: stored(v1, 'Big.tsx').size, lines: 10_000, sha256: stored(v1, 'Big.tsx').sha256 },
      new: { bytes: stored(v2, 'Big.tsx').size, lines: 10_000, sha256: stored(v2, 'Big.tsx').sha256 },
    });

    const sparse = files['Sparse.tsx']!;
    expect(sparse.tooLarge).toBeUndefined();
    expect([sparse.added, sparse.removed, sparse.hunks.length]).toEqual([20, 20, 20]);
    expect(sparse.unified).toContain("+export const value500 = 'edited';");

    for (const path of ['Rows1.tsx', 'Rows2.tsx', 'Rows3.tsx']) {
      // Given up at the edit length, or at the time limit on a busy machine: either way, said so.
      expect(['edit-length', 'timeout'], path).toContain(files[path]!.tooLarge?.reason);
      expect(files[path]!.tooLarge!.new, path).toEqual({
        bytes: stored(v2, path).size,
        lines: 10_000,
        sha256: stored(v2, path).sha256,
      });
    }
    expect(res.json().stats).toMatchObject({ filesModified: 5, linesAdded: 40_020, linesRemoved: 40_020 });
  });

  it('answers other requests while the compare computes: a /healthz issued during it completes before it does', async () => {
    const comparing = tracked(compare());
    // A /metrics answer that sees the diff running was itself given while the diff ran.
    expect(await seenDiffRunning(t, comparing), 'no request was answered while the diff ran').toBe(true);
    const health = await t.api('GET', '/healthz', { token: null });
    expect(health.statusCode).toBe(200);
    expect(comparing.settled, 'the compare finished before /healthz did').toBe(false);
    expect((await comparing.promise).statusCode).toBe(200);
  });

  it('documents the per-file tooLarge answer in OpenAPI', async () => {
    const doc = (await t.api('GET', '/openapi.json', { token: null })).body;
    const compareDoc = JSON.parse(doc).paths['/api/v1/components/{componentId}/compare'].get;
    expect(JSON.stringify(compareDoc.responses['200'])).toContain('too large to diff line by line');
  });
});
