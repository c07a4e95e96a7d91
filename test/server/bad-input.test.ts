import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { files, startTestApp, type TestApp } from '../helpers/app.js';
import { snapshot } from '../helpers/state.js';

describe.each(dbKinds)('bad input and faults on %s', (kind) => {
  let t: TestApp;
  let componentId: string;
  let publishedId: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { BODY_LIMIT_BYTES: '4096' });
    componentId = (await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Card' } })).json()
      .id;
    const d = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, { body: { files: files(2), bump: 'minor' } })
    ).json();
    publishedId = (await t.api('POST', `/api/v1/versions/${d.id}/publish`)).json().id;
  });
  afterAll(async () => t?.close());

  it('answers malformed JSON with 400 invalid_json and stores nothing', async () => {
    const before = await snapshot(t);
    const res = await t.api('POST', `/api/v1/components/${componentId}/versions`, { raw: '{"files": [ {"path": "a"' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers wrong types with 400 naming the field, and stores nothing', async () => {
    const before = await snapshot(t);
    const res = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      body: { files: [{ path: 'a.tsx', content: 42 }], bump: 'huge' },
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('validation_failed');
    const paths = err.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('body.files.0.content');
    expect(paths).toContain('body.bump');
    expect(JSON.stringify(res.json())).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await snapshot(t)).toEqual(before);
  });

  it('rejects unsafe or duplicate file paths with 400', async () => {
    const before = await snapshot(t);
    const dup = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      body: {
        files: [
          { path: 'a.tsx', content: '' },
          { path: 'a.tsx', content: 'x' },
        ],
        bump: 'patch',
      },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('"a.tsx" appears twice');
    const up = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      body: { files: [{ path: '../etc/passwd', content: '' }], bump: 'patch' },
    });
    expect(up.statusCode).toBe(400);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers unknown ids with 404 and malformed ids with 400', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/api/v1/components/${unknown}`,
      `/api/v1/versions/${unknown}`,
      `/api/v1/components/${unknown}/versions`,
      `/api/v1/versions/${unknown}/download`,
    ]) {
      const res = await t.api('GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.json().error.message).toContain(unknown);
    }
    const publish = await t.api('POST', `/api/v1/versions/${unknown}/publish`);
    expect(publish.statusCode).toBe(404);
    const malformed = await t.api('GET', '/api/v1/components/not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('params.componentId');
    const route = await t.api('GET', '/api/v1/nothing-here');
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe('route_not_found');
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    const before = await snapshot(t);
    const res = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      body: { files: [{ path: 'big.tsx', content: 'x'.repeat(10_000) }], bump: 'patch' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses to publish a published version or reject a rejected one (409), changing nothing', async () => {
    const before = await snapshot(t);
    const res = await t.api('POST', `/api/v1/versions/${publishedId}/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_draft');
    const rej = await t.api('POST', `/api/v1/versions/${publishedId}/reject`);
    expect(rej.statusCode).toBe(409);
    expect(await snapshot(t)).toEqual(before);
  });

  it('publishes a draft exactly once when the same publish arrives concurrently', async () => {
    const d = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(2, 'race1'), bump: 'minor' },
      })
    ).json();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.api('POST', `/api/v1/versions/${d.id}/publish`)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409]);
    const c = (await t.api('GET', `/api/v1/components/${componentId}`)).json();
    expect(c.currentVersion.id).toBe(d.id);
  });

  it('lets exactly one of two concurrent publishes of different drafts win; the other gets 409 and changes nothing', async () => {
    const a = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(2, 'raceA'), bump: 'minor' },
      })
    ).json();
    // A second pending draft on the same base, as another server instance could have created
    // while this one was generating (the API itself supersedes older drafts).
    const aRow = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: a.id } });
    const { id: _id, createdAt: _c, ...copy } = aRow;
    const b = await t.db.prisma.componentVersion.create({
      data: {
        ...copy,
        generationParams: copy.generationParams ?? {},
        changes: copy.changes ?? {},
        tokens: copy.tokens ?? {},
        fidelity: copy.fidelity ?? undefined,
        spec: copy.spec ?? {},
        bump: 'major',
        trigger: 'sync',
      },
    });
    const fileRows = await t.db.prisma.versionFile.findMany({ where: { versionId: a.id } });
    await t.db.prisma.versionFile.createMany({ data: fileRows.map((f) => ({ ...f, versionId: b.id })) });

    const [ra, rb] = await Promise.all([
      t.api('POST', `/api/v1/versions/${a.id}/publish`),
      t.api('POST', `/api/v1/versions/${b.id}/publish`),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const loser = ra.statusCode === 409 ? ra : rb;
    expect(loser.json().error.code).toBe('stale_draft');
    expect(loser.json().error.message).toMatch(/regenerate/);
    const winnerId = ra.statusCode === 200 ? a.id : b.id;
    const loserId = ra.statusCode === 200 ? b.id : a.id;
    const c = (await t.api('GET', `/api/v1/components/${componentId}`)).json();
    expect(c.currentVersion.id).toBe(winnerId);
    const loserRow = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: loserId } });
    expect(loserRow.status).toBe('draft');
    expect(loserRow.publishedAt).toBeNull();
  });

  it('refuses a stale draft whose base is no longer current with 409', async () => {
    const d = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(2, 'stale'), bump: 'patch' },
      })
    ).json();
    // Roll the pointer forward underneath the draft, as a rollback or another publish would.
    const newer = await t.db.prisma.componentVersion.findFirstOrThrow({
      where: { componentId, status: 'published' },
      orderBy: { createdAt: 'asc' },
    });
    await t.db.prisma.component.update({ where: { id: componentId }, data: { currentVersionId: newer.id } });
    const res = await t.api('POST', `/api/v1/versions/${d.id}/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('stale_draft');
  });
});
