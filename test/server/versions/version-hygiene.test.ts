import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../core/tokens/hash.js';
import { hasConflictMarkers } from '../../../core/diff/conflict-markers.js';
import { filesHashOf } from '../../../server/services/versions/files.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { componentIdByName, current, syncAndAccept } from '../../helpers/versioning.js';

describe('one files hash, one conflict-marker rule', () => {
  it('orders paths by code units, not by locale (uppercase before lowercase, "_" after "Z")', () => {
    const refs = [
      { path: 'a.css', sha256: '1' },
      { path: '_x.ts', sha256: '2' },
      { path: 'B.tsx', sha256: '3' },
    ];
    expect(filesHashOf(refs)).toBe(
      canonicalHash([
        ['B.tsx', '3'],
        ['_x.ts', '2'],
        ['a.css', '1'],
      ]),
    );
    expect(filesHashOf([...refs].reverse())).toBe(filesHashOf(refs));
  });

  it('finds opening or closing markers, labelled or bare, also with CRLF, and nothing else', () => {
    expect(hasConflictMarkers('a\n<<<<<<< customized\nx\n=======\ny\n>>>>>>> regenerated\n')).toBe(true);
    expect(hasConflictMarkers('a\n<<<<<<<\nx\n=======\ny\n>>>>>>>\n')).toBe(true);
    expect(hasConflictMarkers('kept half\r\n>>>>>>> regenerated\r\n')).toBe(true);
    expect(hasConflictMarkers('<<<<<<<\r\nx\r\n')).toBe(true);
    expect(hasConflictMarkers('Title\n=======\n\ntext with <<<<<<< inside\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<<< eight\n')).toBe(false);
  });
});

describe.each(dbKinds)('tags and customizations on %s', (kind) => {
  let t: TestApp;
  let button: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await syncAndAccept(t);
    button = await componentIdByName(t, 'Button');
  });
  afterAll(async () => t?.close());

  it('concurrent tag additions all survive, and concurrent removals all apply', async () => {
    const v = await current(t, button);
    const tags = Array.from({ length: 8 }, (_, i) => `tag-${i}`);
    const added = await Promise.all(
      tags.map((tag) => t.api('POST', `/api/v1/versions/${v.id}/tags`, { body: { tag } })),
    );
    for (const res of added) expect(res.statusCode, res.body).toBeLessThan(300);
    expect([...(await current(t, button)).tags].sort()).toEqual(tags);
    const audits = await t.db.prisma.auditEvent.count({ where: { action: 'version.tag.add', targetId: v.id } });
    expect(audits).toBe(tags.length);

    // Adding a tag it already has changes nothing and audits nothing.
    const again = await t.api('POST', `/api/v1/versions/${v.id}/tags`, { body: { tag: 'tag-0' } });
    expect(again.statusCode).toBeLessThan(300);
    expect(again.json().tags.filter((x: string) => x === 'tag-0')).toHaveLength(1);
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'version.tag.add', targetId: v.id } })).toBe(
      tags.length,
    );

    const removed = await Promise.all(
      tags.slice(0, 6).map((tag) => t.api('DELETE', `/api/v1/versions/${v.id}/tags?tag=${tag}`)),
    );
    for (const res of removed) expect(res.statusCode, res.body).toBe(200);
    expect([...(await current(t, button)).tags].sort()).toEqual(['tag-6', 'tag-7']);
  });

  it('refuses a customization that still holds half of a conflict region', async () => {
    const v = await current(t, button);
    const tsx = v.files ? v.files.find((f) => f.path === 'Button.tsx')!.content : '';
    const res = await t.api('PUT', `/api/v1/components/${button}/customizations`, {
      body: { files: [{ path: 'Button.tsx', content: `${tsx}\n// mine\n>>>>>>> regenerated\n` }] },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toContain('Button.tsx');
  });
});
