import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { dbKinds } from '../../helpers/databases.js';
import { files, startTestApp, type TestApp } from '../../helpers/app.js';

describe.each(dbKinds)('version store and history API on %s', (kind) => {
  let t: TestApp;
  let componentId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/components`, {
      body: { name: 'Button', figmaId: '1:2' },
    });
    expect(res.statusCode).toBe(201);
    componentId = res.json().id;
  });
  afterAll(async () => t?.close());

  const draft = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', `/api/v1/components/${componentId}/versions`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; version: string; status: string };
  };
  const publish = async (id: string) => {
    const res = await t.api('POST', `/api/v1/versions/${id}/publish`, { body: {} });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; version: string; status: string };
  };

  it('publishes a first draft as 1.0.0 and moves the current pointer', async () => {
    const d = await draft({ files: files(4), bump: 'minor', summary: ['initial'], trigger: 'sync' });
    expect(d).toMatchObject({ status: 'draft', version: '1.0.0' });
    let component = (await t.api('GET', `/api/v1/components/${componentId}`)).json();
    expect(component.currentVersion).toBeNull();
    const p = await publish(d.id);
    expect(p).toMatchObject({ status: 'published', version: '1.0.0' });
    component = (await t.api('GET', `/api/v1/components/${componentId}`)).json();
    expect(component.currentVersion).toMatchObject({ id: d.id, version: '1.0.0', status: 'published' });
  });

  it('numbers the next versions from the bump with semver', async () => {
    const minor = await publish((await draft({ files: files(4, 'v2'), bump: 'minor' })).id);
    expect(minor.version).toBe('1.1.0');
    const patch = await publish((await draft({ files: files(4, 'v3'), bump: 'patch' })).id);
    expect(patch.version).toBe('1.1.1');
    const major = await publish((await draft({ files: files(4, 'v4'), bump: 'major', tags: ['stable'] })).id);
    expect(major.version).toBe('2.0.0');
    const list = (await t.api('GET', `/api/v1/projects/${t.projectId}/components`)).json();
    expect(list.items.find((c: { id: string }) => c.id === componentId).currentVersion.version).toBe('2.0.0');
  });

  it('refuses to publish an already published version with 409 and changes nothing', async () => {
    const history = (await t.api('GET', `/api/v1/components/${componentId}/versions?status=published`)).json();
    const oldest = history.items[history.items.length - 1];
    const before = await t.db.prisma.componentVersion.findMany({ orderBy: { id: 'asc' } });
    const res = await t.api('POST', `/api/v1/versions/${oldest.id}/publish`, { body: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_draft');
    expect(res.json().error.message).toContain('1.0.0 is published');
    expect(await t.db.prisma.componentVersion.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('rejects a draft and keeps the current version', async () => {
    const d = await draft({ files: files(4, 'rejected'), bump: 'minor' });
    const res = await t.api('POST', `/api/v1/versions/${d.id}/reject`, { body: { comment: 'colors look off' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', decisionComment: 'colors look off' });
    const component = (await t.api('GET', `/api/v1/components/${componentId}`)).json();
    expect(component.currentVersion.version).toBe('2.0.0');
  });

  it('returns a version with metadata, file list and contents', async () => {
    const current = (await t.api('GET', `/api/v1/components/${componentId}`)).json().currentVersion;
    const res = await t.api('GET', `/api/v1/versions/${current.id}`);
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ version: '2.0.0', status: 'published', tags: ['stable'], branch: 'main', bump: 'major' });
    expect(v.files.map((f: { path: string }) => f.path)).toEqual([
      'src/File0.tsx',
      'src/File1.tsx',
      'src/File2.tsx',
      'src/File3.tsx',
    ]);
    expect(v.files[2].content).toBe("// v4 file 2\nexport const value2 = 'v4';\n");
    expect(v.files[2].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v.parentVersionId).toBeTruthy();
  });

  it('downloads a zip of all files, or one file with its content type', async () => {
    const current = (await t.api('GET', `/api/v1/components/${componentId}`)).json().currentVersion;
    const zip = await t.api('GET', `/api/v1/versions/${current.id}/download`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toBe('attachment; filename="Button-2.0.0.zip"');
    const entries = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(entries).sort()).toEqual([
      'Button-2.0.0/src/File0.tsx',
      'Button-2.0.0/src/File1.tsx',
      'Button-2.0.0/src/File2.tsx',
      'Button-2.0.0/src/File3.tsx',
    ]);
    expect(strFromU8(entries['Button-2.0.0/src/File1.tsx']!)).toBe("// v4 file 1\nexport const value1 = 'v4';\n");

    const one = await t.api('GET', `/api/v1/versions/${current.id}/download?file=src/File1.tsx`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toBe('text/tsx; charset=utf-8');
    expect(one.body).toBe("// v4 file 1\nexport const value1 = 'v4';\n");

    const missing = await t.api('GET', `/api/v1/versions/${current.id}/download?file=nope.css`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('nope.css');
  });

  it('compares any two versions by id or version string, with hunks, line numbers and file adds/removes', async () => {
    const base = [
      { path: 'A.tsx', content: 'line1\nline2\nline3\nline4\nline5\nline6\nline7\nline8\nline9\nline10\n' },
      { path: 'Gone.css', content: '.a{}\n' },
    ];
    const next = [
      { path: 'A.tsx', content: 'line1\nline2\nline3\nline4\nCHANGED\nline6\nline7\nline8\nline9\nline10\nline11\n' },
      { path: 'New.css', content: '.b{}\n.c{}\n' },
    ];
    const a = await publish((await draft({ files: base, bump: 'patch' })).id);
    const b = await publish((await draft({ files: next, bump: 'patch' })).id);
    const res = await t.api('GET', `/api/v1/components/${componentId}/compare?from=${a.id}&to=${b.version}`);
    expect(res.statusCode, res.body).toBe(200);
    const cmp = res.json();
    expect(cmp.from.version).toBe('2.0.1');
    expect(cmp.to.version).toBe('2.0.2');
    expect(cmp.stats).toEqual({
      filesAdded: 1,
      filesRemoved: 1,
      filesModified: 1,
      filesUnchanged: 0,
      linesAdded: 4,
      linesRemoved: 2,
    });
    const byPath = Object.fromEntries(cmp.files.map((f: { path: string }) => [f.path, f]));
    expect(byPath['New.css']).toMatchObject({ status: 'added', added: 2, removed: 0 });
    expect(byPath['Gone.css']).toMatchObject({ status: 'removed', added: 0, removed: 1 });
    const fileA = byPath['A.tsx'];
    expect(fileA).toMatchObject({ status: 'modified', added: 2, removed: 1 });
    expect(fileA.hunks).toHaveLength(1);
    const hunk = fileA.hunks[0];
    expect(hunk).toMatchObject({ oldStart: 2, newStart: 2, collapsedBefore: 1 });
    expect(hunk.lines.find((l: { kind: string }) => l.kind === 'remove')).toEqual({
      kind: 'remove',
      text: 'line5',
      oldLine: 5,
    });
    expect(hunk.lines.find((l: { kind: string }) => l.kind === 'add')).toEqual({
      kind: 'add',
      text: 'CHANGED',
      newLine: 5,
    });
    expect(fileA.unified).toContain('@@ -2,9 +2,10 @@');
  });

  it('answers a version string that does not parse with 400 naming it, and an unknown one with 404', async () => {
    const bad = await t.api('GET', `/api/v1/components/${componentId}/compare?from=1.x&to=2.0.0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'bad_version' });
    expect(bad.json().error.message).toContain('"1.x"');
    const unknown = await t.api('GET', `/api/v1/components/${componentId}/compare?from=9.9.9&to=2.0.0`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('9.9.9');
  });

  it('adds and removes tags on any version, and filters history by tag', async () => {
    const history = (await t.api('GET', `/api/v1/components/${componentId}/versions`)).json();
    const rejected = history.items.find((v: { status: string }) => v.status === 'rejected');
    const added = await t.api('POST', `/api/v1/versions/${rejected.id}/tags`, { body: { tag: 'experimental' } });
    expect(added.statusCode).toBe(200);
    expect(added.json().tags).toEqual(['experimental']);
    const tagged = (await t.api('GET', `/api/v1/components/${componentId}/versions?tag=experimental`)).json();
    expect(tagged.items.map((v: { id: string }) => v.id)).toEqual([rejected.id]);
    const removed = await t.api('DELETE', `/api/v1/versions/${rejected.id}/tags?tag=experimental`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().tags).toEqual([]);
    const again = await t.api('DELETE', `/api/v1/versions/${rejected.id}/tags?tag=experimental`);
    expect(again.statusCode).toBe(404);
    const badTag = await t.api('POST', `/api/v1/versions/${rejected.id}/tags`, { body: { tag: 'no spaces please' } });
    expect(badTag.statusCode).toBe(400);
    expect(badTag.json().error.message).toContain('body.tag');
  });

  it('lists history newest first with filters and cursor paging', async () => {
    const all = (await t.api('GET', `/api/v1/components/${componentId}/versions?limit=200`)).json().items as Array<{
      id: string;
      createdAt: string;
      status: string;
      trigger: string;
      createdBy: string;
      version: string;
    }>;
    expect(all.length).toBe(7);
    const times = all.map((v) => Date.parse(v.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(all[0]!.version).toBe('2.0.2');

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.api(
        'GET',
        `/api/v1/components/${componentId}/versions?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = res.json() as { items: Array<{ id: string }>; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(3);
      paged.push(...body.items.map((v) => v.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((v) => v.id));

    const bySync = (await t.api('GET', `/api/v1/components/${componentId}/versions?trigger=sync`)).json().items;
    expect(bySync.map((v: { version: string }) => v.version)).toEqual(['1.0.0']);
    const byStatus = (await t.api('GET', `/api/v1/components/${componentId}/versions?status=rejected`)).json().items;
    expect(byStatus).toHaveLength(1);
    const byAuthor = (await t.api('GET', `/api/v1/components/${componentId}/versions?author=token:admin`)).json().items;
    expect(byAuthor).toHaveLength(7);
    const byOther = (await t.api('GET', `/api/v1/components/${componentId}/versions?author=someone`)).json().items;
    expect(byOther).toHaveLength(0);
    const byBranch = (await t.api('GET', `/api/v1/components/${componentId}/versions?branch=main`)).json().items;
    expect(byBranch).toHaveLength(7);

    const middle = all[4]!;
    const upTo = (
      await t.api('GET', `/api/v1/components/${componentId}/versions?to=${encodeURIComponent(middle.createdAt)}`)
    ).json().items;
    expect(upTo.map((v: { id: string }) => v.id)).toEqual(all.slice(4).map((v) => v.id));
    const since = (
      await t.api('GET', `/api/v1/components/${componentId}/versions?from=${encodeURIComponent(middle.createdAt)}`)
    ).json().items;
    expect(since.map((v: { id: string }) => v.id)).toEqual(all.slice(0, 5).map((v) => v.id));

    const badCursor = await t.api('GET', `/api/v1/components/${componentId}/versions?cursor=garbage`);
    expect(badCursor.statusCode).toBe(400);
  });

  it('stores unchanged file contents once (content addressing)', async () => {
    const blobsBefore = await t.db.prisma.fileBlob.count();
    const same = [
      { path: 'A.tsx', content: 'shared content\n' },
      { path: 'B.tsx', content: 'shared content\n' },
    ];
    await draft({ files: same, bump: 'patch' });
    expect(await t.db.prisma.fileBlob.count()).toBe(blobsBefore + 1);
    await draft({ files: same, bump: 'patch' });
    expect(await t.db.prisma.fileBlob.count()).toBe(blobsBefore + 1);
  });

  it('supersedes an older pending draft when a newer one arrives', async () => {
    const first = await draft({ files: files(1, 'x'), bump: 'patch' });
    const second = await draft({ files: files(1, 'y'), bump: 'patch' });
    const a = (await t.api('GET', `/api/v1/versions/${first.id}`)).json();
    const b = (await t.api('GET', `/api/v1/versions/${second.id}`)).json();
    expect(a.status).toBe('superseded');
    expect(b.status).toBe('draft');
  });

  it('writes an audit event for every mutation', async () => {
    const res = await t.api('GET', `/api/v1/projects/${t.projectId}/audit?limit=200`);
    expect(res.statusCode).toBe(200);
    const actions = (res.json().items as Array<{ action: string }>).map((e) => e.action);
    for (const action of [
      'component.create',
      'version.create',
      'version.publish',
      'version.reject',
      'version.tag.add',
      'version.tag.remove',
    ]) {
      expect(actions, action).toContain(action);
    }
    const publishEvent = (
      res.json().items as Array<{
        action: string;
        actor: string;
        correlationId: string;
        afterHash: string;
        durationMs: number;
      }>
    ).find((e) => e.action === 'version.publish')!;
    expect(publishEvent.actor).toBe('token:admin');
    expect(publishEvent.correlationId).toBeTruthy();
    expect(publishEvent.afterHash).toMatch(/^[0-9a-f]{64}$/);
    expect(publishEvent.durationMs).toBeGreaterThanOrEqual(0);
    const publishes = await t.db.prisma.componentVersion.count({ where: { status: 'published' } });
    expect(actions.filter((a) => a === 'version.publish')).toHaveLength(publishes);
  });
});
