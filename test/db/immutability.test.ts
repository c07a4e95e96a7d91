import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { files, startTestApp, type TestApp } from '../helpers/app.js';
import { replaceDraftFiles } from '../../server/services/versions/index.js';

describe.each(dbKinds)('published versions are immutable on %s', (kind) => {
  let t: TestApp;
  let publishedId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const componentId = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Input' } })
    ).json().id;
    const d = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(2), bump: 'minor', spec: { a: 1 } },
      })
    ).json();
    publishedId = (await t.api('POST', `/api/v1/versions/${d.id}/publish`)).json().id;
    draftId = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(2, 'd'), bump: 'patch' },
      })
    ).json().id;
  });
  afterAll(async () => t?.close());

  const ctx = () => ({
    db: t.db.prisma,
    projectId: t.projectId,
    actor: 'test',
    scope: 'admin' as const,
    correlationId: 'test',
    startedAt: performance.now(),
  });

  it("the service refuses to change a published version's files (409) but changes a draft's", async () => {
    await expect(replaceDraftFiles(ctx(), publishedId, files(1, 'evil'))).rejects.toMatchObject({
      statusCode: 409,
      code: 'immutable',
    });
    await replaceDraftFiles(ctx(), draftId, files(1, 'ok'));
    expect(await t.db.prisma.versionFile.count({ where: { versionId: draftId } })).toBe(1);
  });

  it("the database refuses to change a published version's inputs, number or status, or to delete it", async () => {
    const attempts = [
      `UPDATE component_versions SET spec = '{"a":2}' WHERE id = '${publishedId}'`,
      `UPDATE component_versions SET tokens_hash = 'x' WHERE id = '${publishedId}'`,
      `UPDATE component_versions SET major = 9 WHERE id = '${publishedId}'`,
      `UPDATE component_versions SET status = 'draft' WHERE id = '${publishedId}'`,
      `DELETE FROM component_versions WHERE id = '${publishedId}'`,
    ];
    for (const sql of attempts) await expect(t.db.raw.query(sql), sql).rejects.toThrow(/is immutable/);
    const row = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: publishedId } });
    expect(row).toMatchObject({ major: 1, status: 'published', spec: { a: 1 } });
  });

  it("the database refuses to add, change or remove a published version's files", async () => {
    const blob = await t.db.prisma.versionFile.findFirstOrThrow({ where: { versionId: publishedId } });
    const attempts = [
      `INSERT INTO version_files (version_id, path, blob_sha256) VALUES ('${publishedId}', 'extra.tsx', '${blob.blobSha256}')`,
      `UPDATE version_files SET path = 'renamed.tsx' WHERE version_id = '${publishedId}'`,
      `DELETE FROM version_files WHERE version_id = '${publishedId}'`,
    ];
    for (const sql of attempts) await expect(t.db.raw.query(sql), sql).rejects.toThrow(/are immutable/);
    expect(await t.db.prisma.versionFile.count({ where: { versionId: publishedId } })).toBe(2);
  });

  it('still allows tags and archiving on a published version', async () => {
    await t.db.raw.query(`UPDATE component_versions SET tags = ARRAY['stable'] WHERE id = '${publishedId}'`);
    await t.db.raw.query(`UPDATE component_versions SET status = 'archived' WHERE id = '${publishedId}'`);
    const row = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: publishedId } });
    expect(row).toMatchObject({ tags: ['stable'], status: 'archived' });
    await t.db.raw.query(`UPDATE component_versions SET status = 'published' WHERE id = '${publishedId}'`);
  });
});
