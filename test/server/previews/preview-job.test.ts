import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { componentIdByName, sync } from '../../helpers/versioning.js';
import { previewBuildCount } from '../../../server/services/previews/index.js';
import { withButtonTrees } from './support.js';

/** Polls `check` until it holds (the job queue works on its own schedule); fails after `tries`. */
async function eventually(check: () => Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition never held');
}

describe.each(dbKinds)('preview build job on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { JOBS: 'true', JOB_POLL_SECONDS: '0.5' });
  });
  afterAll(async () => t?.close());

  it('enqueues a build for every stored version in its transaction; the job stores the page the route then serves', async () => {
    const { drafts } = await sync(t, withButtonTrees);
    const ids = [...drafts.values()];
    const queued = await t.db.prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT data->>'versionId' AS id FROM pgboss.job WHERE name = 'preview-build'`,
    );
    expect(queued.map((q) => q.id).sort()).toEqual([...ids].sort());
    await eventually(async () => (await t.db.prisma.previewBuild.count()) === ids.length);
    const builds = previewBuildCount();
    const buttonDraft = drafts.get(await componentIdByName(t, 'Button'))!;
    const res = await t.api('GET', `/api/v1/versions/${buttonDraft}/preview`);
    expect(res.statusCode).toBe(200);
    expect(previewBuildCount()).toBe(builds);
  });
});
