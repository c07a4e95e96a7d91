import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { componentIdByName, sync } from '../../helpers/versioning.js';
import { previewBuildCount } from '../../../server/services/previews/index.js';
import { withButtonTrees } from './support.js';

const CSP =
  "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:";
const VARIANTS = ['10:2', '10:3', '10:4'];
const MODES = ['Light', 'Dark'];
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** What of `wanted` the page does not hold (quoted keys or not: the page's data is minified). */
const absent = (html: string, wanted: readonly RegExp[]) => wanted.filter((re) => !re.test(html)).map(String);

describe.each(dbKinds)('previews on %s', (kind) => {
  let t: TestApp;
  let buttonId: string;
  let draftId: string;
  let secondId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = await sync(t, withButtonTrees);
    buttonId = await componentIdByName(t, 'Button');
    draftId = first.drafts.get(buttonId)!;
    // A second version of Button: another padding token value, so the pages differ.
    const second = await sync(t, (ds) => {
      withButtonTrees(ds);
      ds.components.find((c) => c.name === 'Button')!.props[2]!.default = 'Press';
    });
    secondId = second.drafts.get(buttonId)!;
  });
  afterAll(async () => t?.close());

  it('answers a version preview as sandboxed, self-contained HTML rendering every variant in every mode', async () => {
    const res = await t.api('GET', `/api/v1/versions/${draftId}/preview`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const html = res.body;
    // The page's data: every variant and every mode (the runtime renders each pair with these attributes).
    expect(
      absent(html, [
        ...VARIANTS.map((v) => new RegExp(`"?id"?:"${v}"`)),
        ...MODES.map((m) => new RegExp(`"?name"?:"${m}"`)),
        /"?theme"?:"light"/,
        /"?theme"?:"dark"/,
        /"data-variant"/,
        /"data-mode"/,
        /"data-theme"/,
        /"design-sync\/layout"/,
        /"design-sync\/ready"/,
      ]),
    ).toEqual([]);
    // Nothing the page would load from elsewhere.
    expect(/<(script|link|img)[^>]+(src|href)=/i.test(html)).toBe(false);
  });

  it('serves a second request from the stored page without building again', async () => {
    const first = await t.api('GET', `/api/v1/versions/${draftId}/preview`);
    const builds = previewBuildCount();
    const rows = await t.db.prisma.previewBuild.count();
    const second = await t.api('GET', `/api/v1/versions/${draftId}/preview`);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(previewBuildCount()).toBe(builds);
    expect(await t.db.prisma.previewBuild.count()).toBe(rows);
  });

  it('stores one page per version: another version is built and stored once', async () => {
    const rows = await t.db.prisma.previewBuild.count();
    const builds = previewBuildCount();
    const res = await t.api('GET', `/api/v1/versions/${secondId}/preview`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(secondId);
    expect(previewBuildCount()).toBe(builds + 1);
    expect(await t.db.prisma.previewBuild.count()).toBe(rows + 1);
  });

  it('answers 404 for an unknown version and 400 naming the parameter for a bad id', async () => {
    const missing = await t.api('GET', `/api/v1/versions/${UNKNOWN}/preview`);
    expect(missing.statusCode).toBe(404);
    const bad = await t.api('GET', '/api/v1/versions/not-a-uuid/preview');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('versionId');
    const badLayout = await t.api('GET', '/api/v1/versions/not-a-uuid/preview/layout');
    expect(badLayout.statusCode).toBe(400);
  });

  it('compares two versions side by side, Before and After, with the same headers', async () => {
    const res = await t.api('GET', `/api/v1/components/${buttonId}/compare/preview?from=${draftId}&to=${secondId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('"Before"');
    expect(res.body).toContain('"After"');
    expect(res.body).toContain(draftId);
    expect(res.body).toContain(secondId);
    // Each side's tokens apply within that side only.
    expect(res.body).toContain('[data-ds-side="0"]');
    expect(res.body).toContain('[data-ds-side="1"]');
    const unknown = await t.api('GET', `/api/v1/components/${buttonId}/compare/preview?from=${draftId}&to=9.9.9`);
    expect(unknown.statusCode).toBe(404);
    const noTo = await t.api('GET', `/api/v1/components/${buttonId}/compare/preview?from=${draftId}`);
    expect(noTo.statusCode).toBe(400);
    expect(noTo.json().error.message).toContain('to');
  });

  it("answers the design's boxes per variant, flattened from the layer trees, and the modes", async () => {
    const res = await t.api('GET', `/api/v1/versions/${draftId}/preview/layout`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.versionId).toBe(draftId);
    expect(body.modes).toEqual(MODES);
    expect(body.variants.map((v: { id: string }) => v.id)).toEqual(VARIANTS);
    expect(body.variants[0]).toEqual({
      id: '10:2',
      label: 'size=sm',
      layers: [
        { id: '10:2', name: 'Button', type: 'COMPONENT', visible: true, box: { x: 0, y: 0, width: 64, height: 32 } },
        {
          id: '10:2:label',
          name: 'Label',
          type: 'TEXT',
          visible: true,
          box: { x: 12, y: 8, width: 40, height: 16 },
        },
        { id: '10:2:icon', name: 'Icon', type: 'FRAME', visible: false, box: { x: 0, y: 0, width: 16, height: 16 } },
      ],
    });
  });

  it('records fidelity on the version and shows it in the history', async () => {
    const res = await t.api('POST', `/api/v1/versions/${draftId}/fidelity`, {
      body: {
        variants: [
          { id: '10:2', mode: 'Light', matched: 2, total: 2 },
          { id: '10:2', mode: 'Dark', matched: 1, total: 2 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ versionId: draftId, matched: 3, total: 4 });
    const history = (await t.api('GET', `/api/v1/components/${buttonId}/versions`)).json();
    const item = history.items.find((v: { id: string }) => v.id === draftId);
    expect(item.fidelity).toEqual({ matched: 3, total: 4 });
    const other = history.items.find((v: { id: string }) => v.id === secondId);
    expect(other.fidelity).toBeUndefined();
  });

  it.each([
    [{ variants: [{ id: '10:2', mode: 'Light', matched: 1 }] }, 'body.variants.0.total'],
    [{ variants: [{ id: '10:2', mode: 'Light', matched: -1, total: 2 }] }, 'body.variants.0.matched'],
    [{ variants: [{ id: '10:2', mode: 'Light', matched: 3, total: 2 }] }, 'body.variants.0.matched'],
    [{ variants: [{ id: '99:9', mode: 'Light', matched: 1, total: 2 }] }, 'body.variants.0.id'],
    [{ variants: [{ id: '10:2', mode: 'Sepia', matched: 1, total: 2 }] }, 'body.variants.0.mode'],
    [{ variants: [] }, 'body.variants'],
    [
      {
        variants: [
          { id: '10:2', mode: 'Light', matched: 1, total: 2 },
          { id: '10:2', mode: 'Light', matched: 1, total: 2 },
        ],
      },
      'body.variants.1',
    ],
  ])('refuses a bad fidelity body with a 400 naming the field, storing nothing (%#)', async (body, field) => {
    const before = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: secondId } });
    const res = await t.api('POST', `/api/v1/versions/${secondId}/fidelity`, { body });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain(field);
    const after = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: secondId } });
    expect(after.fidelity).toEqual(before.fidelity);
  });

  it('needs write scope to record fidelity, and read scope for the pages', async () => {
    const token = await t.api('POST', `/api/v1/projects/${t.projectId}/tokens`, {
      body: { name: 'reader', scope: 'read' },
    });
    expect(token.statusCode, token.body).toBe(201);
    const reader = token.json().token as string;
    const page = await t.api('GET', `/api/v1/versions/${draftId}/preview`, { token: reader });
    expect(page.statusCode).toBe(200);
    const post = await t.api('POST', `/api/v1/versions/${draftId}/fidelity`, {
      token: reader,
      body: { variants: [{ id: '10:2', mode: 'Light', matched: 1, total: 2 }] },
    });
    expect(post.statusCode).toBe(403);
    const anonymous = await t.api('GET', `/api/v1/versions/${draftId}/preview`, { token: null });
    expect(anonymous.statusCode).toBe(401);
  });
});
