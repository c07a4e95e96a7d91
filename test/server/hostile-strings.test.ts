import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dbKinds } from '../helpers/databases.js';
import { files, startTestApp, type TestApp } from '../helpers/app.js';
import { snapshot } from '../helpers/state.js';
import { setColor, syncRequest } from '../helpers/sync-fixtures.js';
import { LIMITS } from '../../core/contract/limits.js';
import { AppError } from '../../server/lib/errors.js';
import { validateSyncBody, validateSyncText } from '../../server/services/sync/validate.js';

// Lone UTF-16 surrogates: JSON can spell them ("\ud800"), JavaScript strings hold them, but
// UTF-8 (PostgreSQL text and jsonb) cannot. A high one alone, a low one alone, a pair reversed.
const LONE = ['\ud800', '\udfff', '\udc00\ud800'];
/** Words a database error would bring along: none of them may reach a client. */
const DATABASE_WORDS = /22P0|22021|invalid input syntax|unsupported Unicode|byte sequence|escape sequence|jsonb?\b/i;

describe.each(dbKinds)('lone surrogates and long strings on %s', (kind) => {
  let t: TestApp;
  let componentId: string;
  let buttonId: string;
  let draftId: string;
  let syncId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Every request below would reach its service: Button is published and has a change waiting, Card a draft.
    const first = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() });
    expect(first.statusCode, first.body).toBe(201);
    const accepted = await t.api('POST', `/api/v1/syncs/${first.json().syncId}/decisions`, {
      body: {
        decisions: first
          .json()
          .proposals.map((p: { componentId: string }) => ({ componentId: p.componentId, decision: 'accept' })),
      },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const second = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, {
      body: syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', '#0044dd')),
    });
    expect(second.json().proposals).toHaveLength(1);
    syncId = second.json().syncId;
    buttonId = second.json().proposals[0].componentId;
    componentId = (await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Card' } })).json()
      .id;
    draftId = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, { body: { files: files(2), bump: 'minor' } })
    ).json().id;
  });
  afterAll(async () => t?.close());

  it('answers a lone surrogate in any string or JSON key with 400 naming the field, storing nothing', async () => {
    const p = `/api/v1/projects/${t.projectId}`;
    for (const lone of LONE) {
      const sync = syncRequest((ds) => void (ds.components[0]!.name = `Bu${lone}tton`));
      const syncKey = syncRequest() as unknown as { tokens: { tokens: Array<Record<string, unknown>> } };
      syncKey.tokens.tokens[0]!.extensions = { [`com.x${lone}`]: 1 };
      const syncMode = syncRequest((ds) => void (ds.tokens.collections[1]!.modes[1]!.name = `Dark${lone}`));
      const spec = { ...syncRequest().components[0]!, name: `X${lone}Y` };
      const cases: Array<[string, string, unknown, string]> = [
        ['POST', '/api/v1/projects', { name: `a${lone}` }, 'body.name'],
        ['POST', `${p}/tokens`, { name: `ci${lone}`, scope: 'read' }, 'body.name'],
        ['POST', `${p}/files`, { fileKey: 'AbC', name: `x${lone}` }, 'body.name'],
        ['POST', `${p}/components`, { name: `Card${lone}` }, 'body.name'],
        ['POST', `${p}/components`, { name: 'Card2', description: `d${lone}` }, 'body.description'],
        ['PATCH', `/api/v1/components/${componentId}`, { name: `n${lone}` }, 'body.name'],
        [
          'POST',
          `/api/v1/components/${componentId}/versions`,
          { files: [{ path: 'a.tsx', content: `x${lone}` }], bump: 'patch' },
          'body.files.0.content',
        ],
        [
          'POST',
          `/api/v1/components/${componentId}/versions`,
          { files: files(1), bump: 'patch', summary: [`X${lone}Y`] },
          'body.summary.0',
        ],
        [
          'POST',
          `/api/v1/components/${componentId}/versions`,
          { files: files(1), bump: 'patch', spec: { [`k${lone}`]: 1 } },
          'body.spec',
        ],
        [
          'PUT',
          `/api/v1/versions/${draftId}/files`,
          { files: [{ path: 'a.tsx', content: `x${lone}` }] },
          'body.files.0.content',
        ],
        ['POST', `/api/v1/versions/${draftId}/publish`, { comment: `c${lone}` }, 'body.comment'],
        ['POST', `/api/v1/versions/${draftId}/reject`, { comment: `c${lone}` }, 'body.comment'],
        ['POST', `/api/v1/versions/${draftId}/tags`, { tag: `t${lone}` }, 'body.tag'],
        ['POST', `${p}/syncs`, sync, 'body.components.0.name'],
        ['POST', `${p}/syncs`, syncKey, 'body.tokens.tokens.0.extensions'],
        ['POST', `${p}/syncs`, syncMode, 'body.tokens.collections.1.modes.1.name'],
        [
          'POST',
          `/api/v1/syncs/${syncId}/decisions`,
          { decisions: [{ componentId: buttonId, decision: 'reject', comment: `c${lone}` }] },
          'body.decisions.0.comment',
        ],
        ['POST', `/api/v1/components/${buttonId}/regenerate`, { spec }, 'body.spec.name'],
        ['POST', `/api/v1/components/${buttonId}/branches`, { name: `b${lone}`, fromVersionId: draftId }, 'body.name'],
        [
          'PUT',
          `/api/v1/components/${buttonId}/customizations`,
          { files: [{ path: 'a.tsx', content: `x${lone}` }] },
          'body.files.0.content',
        ],
      ];
      const before = await snapshot(t);
      for (const [method, url, body, field] of cases) {
        const res = await t.api(method as 'POST', url, { body });
        const what = `${method} ${url} ${field} ${JSON.stringify(lone)}: ${res.body.slice(0, 400)}`;
        expect(res.statusCode, what).toBe(400);
        expect(res.json().error.code, what).toBe('validation_failed');
        expect(res.json().error.message, what).toContain(field);
        expect(res.json().error.message, what).toMatch(/surrogate/);
        expect(res.body, what).not.toMatch(DATABASE_WORDS);
      }
      expect(await snapshot(t)).toEqual(before);
    }
  });

  it('answers a lone surrogate on every route that takes a JSON body (the whole API, from its OpenAPI document)', async () => {
    const doc = (await t.api('GET', '/openapi.json')).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    const ids: Record<string, string> = {
      projectId: t.projectId,
      componentId,
      versionId: draftId,
      syncId,
      name: 'main',
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody?.content?.['application/json'])
        .map(
          ([method]) =>
            [method.toUpperCase(), path.replace(/\{(\w+)\}/g, (_, id: string) => ids[id] ?? randomUUID())] as const,
        ),
    );
    // The sweep covers what the API takes: if the document lost its bodies, it would prove nothing.
    expect(routes.length).toBeGreaterThan(20);
    const before = await snapshot(t);
    for (const [method, url] of routes) {
      for (const [raw, field] of [
        ['{"name":"X\\ud800Y"}', 'body.name'],
        ['{"a":{"k\\udc00":1}}', 'body.a'],
      ] as const) {
        const res = await t.api(method as 'POST', url, { raw });
        const what = `${method} ${url} ${raw}: ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).toBe(400);
        expect(res.json().error.message, what).toContain(field);
        expect(res.json().error.message, what).toMatch(/surrogate/);
      }
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('keeps accepting well-formed text beyond the BMP (surrogate pairs) and U+FFFD', async () => {
    const name = 'Emoji 🎨 \ufffd 𝒜';
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/components`, {
      body: { name, description: '🧪' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name, description: '🧪' });
    const v = await t.api('POST', `/api/v1/components/${res.json().id}/versions`, {
      body: { files: [{ path: 'a.tsx', content: '// 😀' }], bump: 'patch', summary: ['👍'] },
    });
    expect(v.statusCode, v.body).toBe(201);
  });

  it('caps variant values, collection names and mode names like prop options, naming the field and the limit', async () => {
    const long = 'v'.repeat(LIMITS.propName + 1);
    const longKey = syncRequest((ds) => void (ds.components[0]!.variants[0]!.values = { ['k'.repeat(100_000)]: 'sm' }));
    const longValue = syncRequest((ds) => void (ds.components[0]!.variants[0]!.values.size = 'x'.repeat(100_000)));
    const longCollection = syncRequest((ds) => void (ds.tokens.collections[0]!.name = long));
    const longMode = syncRequest((ds) => void (ds.tokens.collections[1]!.modes[1]!.name = long));
    const dtcgMode = {
      ...syncRequest(),
      tokens: { format: 'dtcg', modes: [{ name: long, documents: [{ a: { $type: 'number', $value: 1 } }] }] },
    };
    const dtcgCollection = {
      ...syncRequest(),
      tokens: {
        format: 'dtcg',
        collectionName: long,
        modes: [{ name: 'Default', documents: [{ a: { $type: 'number', $value: 1 } }] }],
      },
    };
    const cases: Array<[unknown, string]> = [
      [longKey, 'body.components.0.variants.0.values'],
      [longValue, 'body.components.0.variants.0.values.size'],
      [longCollection, 'body.tokens.collections.0.name'],
      [longMode, 'body.tokens.collections.1.modes.1.name'],
      [dtcgMode, 'body.tokens.modes.0.name'],
      [dtcgCollection, 'body.tokens.collectionName'],
    ];
    const before = await snapshot(t);
    for (const [body, field] of cases) {
      for (const url of [`/api/v1/projects/${t.projectId}/syncs`, `/api/v1/components/${buttonId}/regenerate`]) {
        const regenerate = url.endsWith('regenerate');
        const { tokens, components } = body as { tokens: unknown; components: unknown[] };
        const res = await t.api('POST', url, { body: regenerate ? { tokens, spec: components[0] } : body });
        const at = regenerate ? field.replace('body.components.0', 'body.spec') : field;
        expect(res.statusCode, `${url} ${at}: ${res.body.slice(0, 300)}`).toBe(400);
        expect(res.json().error.message).toContain(at);
        expect(res.json().error.message).toContain(String(LIMITS.propName));
        // The answer names the field without repeating a 100,000-character key.
        expect(res.body.length).toBeLessThan(2000);
      }
    }
    expect(await snapshot(t)).toEqual(before);
    // At the limit, all is well.
    const atLimit = syncRequest((ds) => {
      ds.tokens.collections[1]!.modes[1]!.name = 'm'.repeat(LIMITS.propName);
      ds.components[0]!.variants[0]!.values.size = 's'.repeat(LIMITS.propName);
      ds.components[0]!.props[0]!.options = ['s'.repeat(LIMITS.propName), 'md', 'lg'];
    });
    const ok = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: atLimit });
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(201);
    expect(ok.json().errors).toEqual([]);
  });
});

describe('lone surrogates in a design read without a request (the poller, the webhook, token files)', () => {
  it('are refused with the 400 a sync request gets, naming the field', () => {
    const design = syncRequest((ds) => void (ds.components[1]!.props[0]!.options = ['success', 'neutral\udbff']));
    for (const check of [() => validateSyncBody(design), () => validateSyncText(JSON.stringify(design))]) {
      expect(check).toThrow(AppError);
      try {
        check();
      } catch (err) {
        expect(err).toMatchObject({ statusCode: 400, code: 'validation_failed' });
        expect((err as AppError).message).toMatch(
          /^body\.components\.1\.props\.0\.options\.1: has a lone UTF-16 surrogate \(U\+DBFF\) at character 7/,
        );
      }
    }
  });
});
