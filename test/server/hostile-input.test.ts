import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { dbKinds } from '../helpers/databases.js';
import { files, otherProject, startTestApp, type TestApp } from '../helpers/app.js';
import { snapshot } from '../helpers/state.js';
import { syncRequest } from '../helpers/sync-fixtures.js';
import { encodeCursor } from '../../server/services/versions/history.js';
import { LIMITS } from '../../core/contract/limits.js';

const NUL = '\u0000';

/** Every way a file path can escape its folder or confuse a file system or a reader. */
const UNSAFE_PATHS = [
  '..\\..\\evil.bat',
  'src\\Button.tsx',
  '../escape.ts',
  'src/../../escape.ts',
  './Button.tsx',
  'src/./Button.tsx',
  'src//Button.tsx',
  'src/',
  '/etc/passwd',
  'C:/Windows/evil.bat',
  'c:evil.bat',
  'src/a\u0001b.tsx',
  'src/a\u007fb.tsx',
  'src/\u202eexe.tsx',
  'src/\u2066x.tsx',
  `src/${'x'.repeat(256)}.tsx`,
  `src/${'é'.repeat(128)}`, // 256 bytes in UTF-8
];

describe.each(dbKinds)('input that cannot hurt the server on %s', (kind) => {
  let t: TestApp;
  let componentId: string;
  let publishedId: string;
  let draftId: string;
  let syncId: string;
  let other: { projectId: string; token: string };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest() });
    expect(first.statusCode, first.body).toBe(201);
    syncId = first.json().syncId;
    const decided = await t.api('POST', `/api/v1/syncs/${syncId}/decisions`, {
      body: {
        decisions: first
          .json()
          .proposals.map((p: { componentId: string }) => ({ componentId: p.componentId, decision: 'accept' })),
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    componentId = (await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Card' } })).json()
      .id;
    const d = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, { body: { files: files(2), bump: 'minor' } })
    ).json();
    publishedId = (await t.api('POST', `/api/v1/versions/${d.id}/publish`)).json().id;
    draftId = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(2, 'draft'), bump: 'patch' },
      })
    ).json().id;
    other = await otherProject(t);
  });
  afterAll(async () => t?.close());

  it('refuses unsafe version file paths on every route that takes files (400 naming the path), storing nothing', async () => {
    const button = (await t.api('GET', `/api/v1/projects/${t.projectId}/components?q=Button`)).json().items[0].id;
    const before = await snapshot(t);
    for (const path of UNSAFE_PATHS) {
      const attempts = [
        t.api('POST', `/api/v1/components/${componentId}/versions`, {
          body: { files: [{ path, content: 'x' }], bump: 'patch' },
        }),
        t.api('PUT', `/api/v1/versions/${draftId}/files`, { body: { files: [{ path, content: 'x' }] } }),
        t.api('PUT', `/api/v1/components/${button}/customizations`, { body: { files: [{ path, content: 'x' }] } }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
        expect(res.json().error.message).toContain('body.files.0.path');
        expect(res.json().error.message).toContain(JSON.stringify(path));
      }
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('keeps accepting ordinary paths: nested folders, dot files, non-ASCII names', async () => {
    const ok = [
      'src/Button.tsx',
      '.storybook/main.ts',
      'src/Ünïcode-名前.tsx',
      'a.b/c-d_e.tsx',
      `src/${'x'.repeat(251)}.tsx`,
    ];
    const res = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      body: { files: ok.map((path) => ({ path, content: 'x' })), bump: 'patch' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const stored = (await t.api('GET', `/api/v1/versions/${res.json().id}`))
      .json()
      .files.map((f: { path: string }) => f.path);
    expect(stored.sort()).toEqual([...ok].sort());
  });

  it('never writes a stored unsafe path into a zip (no Zip Slip from rows written before the validator)', async () => {
    const legacy = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(1, 'legacy'), bump: 'patch' },
      })
    ).json();
    const row = await t.db.prisma.versionFile.findFirstOrThrow({ where: { versionId: legacy.id } });
    await t.db.prisma.versionFile.create({ data: { ...row, path: '..\\..\\evil.bat' } });
    const res = await t.api('GET', `/api/v1/versions/${legacy.id}/download`);
    if (res.statusCode === 200) {
      const names = Object.keys(unzipSync(res.rawPayload));
      for (const name of names) expect(name, name).not.toMatch(/\\|(^|\/)\.\.(\/|$)/);
    } else {
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain(JSON.stringify('..\\..\\evil.bat'));
    }
  });

  it('sends X-Content-Type-Options: nosniff with downloads', async () => {
    const zip = await t.api('GET', `/api/v1/versions/${publishedId}/download`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['x-content-type-options']).toBe('nosniff');
    const one = await t.api('GET', `/api/v1/versions/${publishedId}/download?file=src/File0.tsx`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a NUL byte in any string or JSON key with 400 naming the field, on every route, storing nothing', async () => {
    const p = `/api/v1/projects/${t.projectId}`;
    const sync = syncRequest();
    sync.components[0]!.name = `Bu${NUL}tton`;
    const syncKey = syncRequest() as unknown as { tokens: { tokens: Array<Record<string, unknown>> } };
    syncKey.tokens.tokens[0]!.extensions = { [`com.x${NUL}`]: 1 };
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/v1/projects', { name: `a${NUL}` }, 'body.name'],
      ['POST', `${p}/tokens`, { name: `ci${NUL}`, scope: 'read' }, 'body.name'],
      ['POST', `${p}/files`, { fileKey: 'AbC', name: `x${NUL}` }, 'body.name'],
      ['POST', `${p}/components`, { name: `Card${NUL}` }, 'body.name'],
      ['POST', `${p}/components`, { name: 'Card2', description: `d${NUL}` }, 'body.description'],
      ['PATCH', `/api/v1/components/${componentId}`, { description: `d${NUL}` }, 'body.description'],
      [
        'POST',
        `/api/v1/components/${componentId}/versions`,
        { files: [{ path: 'a.tsx', content: `x${NUL}` }], bump: 'patch' },
        'body.files.0.content',
      ],
      [
        'POST',
        `/api/v1/components/${componentId}/versions`,
        { files: files(1), bump: 'patch', summary: [`s${NUL}`] },
        'body.summary.0',
      ],
      [
        'POST',
        `/api/v1/components/${componentId}/versions`,
        { files: files(1), bump: 'patch', spec: { [`k${NUL}`]: 1 } },
        'body.spec',
      ],
      [
        'PUT',
        `/api/v1/versions/${draftId}/files`,
        { files: [{ path: 'a.tsx', content: `x${NUL}` }] },
        'body.files.0.content',
      ],
      ['POST', `/api/v1/versions/${draftId}/publish`, { comment: `c${NUL}` }, 'body.comment'],
      ['POST', `/api/v1/versions/${draftId}/reject`, { comment: `c${NUL}` }, 'body.comment'],
      ['POST', `${p}/syncs`, sync, 'body.components.0.name'],
      ['POST', `${p}/syncs`, syncKey, 'body.tokens.tokens.0.extensions'],
      [
        'POST',
        `/api/v1/syncs/${syncId}/decisions`,
        { decisions: [{ componentId, decision: 'reject', comment: `c${NUL}` }] },
        'body.decisions.0.comment',
      ],
      [
        'POST',
        `/api/v1/components/${componentId}/regenerate`,
        { spec: { ...sync.components[0]!, name: `X${NUL}` } },
        'body.spec.name',
      ],
      [
        'PUT',
        `/api/v1/components/${componentId}/customizations`,
        { files: [{ path: 'a.tsx', content: `x${NUL}` }] },
        'body.files.0.content',
      ],
      ['GET', `/api/v1/components/${componentId}/versions?author=a%00b`, undefined, 'querystring.author'],
      ['GET', `/api/v1/components/${componentId}/versions?branch=a%00b`, undefined, 'querystring.branch'],
      ['GET', `${p}/components?q=a%00b`, undefined, 'querystring.q'],
      ['GET', `${p}/audit?action=a%00b`, undefined, 'querystring.action'],
      ['GET', `${p}/audit?targetId=a%00b`, undefined, 'querystring.targetId'],
      ['GET', `/api/v1/components/${componentId}/compare?from=1.0.0&to=1%00`, undefined, 'querystring.to'],
      ['GET', `/api/v1/versions/${publishedId}/download?file=a%00b`, undefined, 'querystring.file'],
    ];
    const before = await snapshot(t);
    for (const [method, url, body, field] of cases) {
      const res = await t.api(method as 'GET', url, body === undefined ? {} : { body });
      expect(res.statusCode, `${method} ${url} ${field}: ${res.body}`).toBe(400);
      expect(res.json().error.message, `${method} ${url}`).toContain(field);
      expect(res.json().error.message).toMatch(/NUL/);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers garbage history cursors with 400 bad_cursor', async () => {
    const url = `/api/v1/components/${componentId}/versions`;
    const garbage = [
      'not-base64-@@@',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', 5])).toString('base64url'),
      Buffer.from(JSON.stringify(['2024-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url'),
      Buffer.from(JSON.stringify(['-100000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify(['+200000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString(
        'base64url',
      ),
    ];
    for (const cursor of garbage) {
      const res = await t.api('GET', `${url}?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode, `${cursor}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('bad_cursor');
    }
  });

  it('answers history dates the database cannot store with a 4xx, never a 500', async () => {
    const answers = {
      'from=-100000-01-01T00:00:00Z': 400,
      'to=%2B275760-01-01T00:00:00Z': 400,
      'from=0000-01-01T00:00:00Z': 400,
    };
    for (const [q, status] of Object.entries(answers)) {
      const res = await t.api('GET', `/api/v1/components/${componentId}/versions?${q}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(status);
      expect(res.json().error.message).toMatch(/querystring\.(from|to)/);
    }
  });

  it('answers compare with version numbers beyond 32 bits with 400 naming the number', async () => {
    for (const v of ['99999999999.0.0', '1.4294967296.0', '1.0.2147483648']) {
      const res = await t.api('GET', `/api/v1/components/${componentId}/compare?from=1.0.0&to=${v}`);
      expect(res.statusCode, `${v}: ${res.body}`).toBe(400);
      expect(res.json().error.message).toContain(v);
    }
  });

  it("returns nothing for a cursor that names another project's row", async () => {
    // The other project gets rows of its own: a component, a version, audit events.
    const otherComponent = (
      await t.api('POST', `/api/v1/projects/${other.projectId}/components`, {
        token: other.token,
        body: { name: 'AAA' },
      })
    ).json();
    const otherDraft = (
      await t.api('POST', `/api/v1/components/${otherComponent.id}/versions`, {
        token: other.token,
        body: { files: files(1), bump: 'patch' },
      })
    ).json();
    const otherAudit = (
      await t.api('GET', `/api/v1/projects/${other.projectId}/audit?limit=1`, { token: other.token })
    ).json().items[0].id;

    const comps = await t.api('GET', `/api/v1/projects/${t.projectId}/components?cursor=${otherComponent.id}`);
    expect(comps.statusCode).toBe(200);
    expect(comps.json().items).toEqual([]);
    const audit = await t.api('GET', `/api/v1/projects/${t.projectId}/audit?cursor=${otherAudit}`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items).toEqual([]);
    const row = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: otherDraft.id } });
    const history = await t.api('GET', `/api/v1/components/${componentId}/versions?cursor=${encodeCursor(row)}`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual([]);
    // A cursor of another component of the same project names no row of this history either.
    const mine = await t.db.prisma.componentVersion.findFirstOrThrow({
      where: { componentId: { not: componentId }, component: { projectId: t.projectId } },
    });
    const sibling = await t.api('GET', `/api/v1/components/${componentId}/versions?cursor=${encodeCursor(mine)}`);
    expect(sibling.json().items).toEqual([]);
  });
});

describe.each(dbKinds)('depth and size limits on %s', (kind) => {
  let t: TestApp;
  let componentId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    componentId = (await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Card' } })).json()
      .id;
  });
  afterAll(async () => t?.close());

  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('answers 20,000-deep JSON with 400 before validation recurses, on every JSON route, storing nothing', async () => {
    const before = await snapshot(t);
    const deep = nested(20_000);
    const bodies: Array<[string, string]> = [
      [
        `/api/v1/components/${componentId}/versions`,
        `{"files":[{"path":"a.tsx","content":""}],"bump":"patch","spec":{"x":${deep}}}`,
      ],
      [
        `/api/v1/projects/${t.projectId}/syncs`,
        `{"fileKey":"F","tokens":{"format":"dtcg","modes":[{"name":"m","documents":[{"a":${deep}}]}]},"components":[]}`,
      ],
      [
        `/api/v1/projects/${t.projectId}/syncs`,
        `{"fileKey":"F","tokens":{"collections":[],"tokens":[]},"components":[],"x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
      ],
    ];
    for (const [url, raw] of bodies) {
      const res = await t.api('POST', url, { raw });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.json().error.code).toBe('too_deep');
      expect(res.json().error.message).toContain(String(LIMITS.jsonDepth));
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('accepts JSON nested up to the limit, refuses one level more', async () => {
    // body (1) → spec (2) → x (3…): LIMITS.jsonDepth levels in all are fine, one more is not.
    const ok = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      raw: `{"files":[{"path":"a.tsx","content":""}],"bump":"patch","spec":{"x":${nested(LIMITS.jsonDepth - 2)}}}`,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const tooDeep = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      raw: `{"files":[{"path":"a.tsx","content":""}],"bump":"patch","spec":{"x":${nested(LIMITS.jsonDepth - 1)}}}`,
    });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().error.code).toBe('too_deep');
  });

  it('keeps refusing prototype poisoning and malformed JSON with the depth-checking parser', async () => {
    const before = await snapshot(t);
    // The sync route reads its body on a worker thread, with a parser of its own: the same refusals.
    for (const url of [`/api/v1/projects/${t.projectId}/components`, `/api/v1/projects/${t.projectId}/syncs`]) {
      for (const raw of [
        '{"name":"x","__proto__":{"admin":true}}',
        '{"name":"x","constructor":{"prototype":{"admin":true}}}',
        '{"name": "x"',
        '',
      ]) {
        const res = await t.api('POST', url, { raw });
        expect(res.statusCode, `${url} ${raw}: ${res.body}`).toBe(400);
        expect(res.json().error.code, `${url} ${raw}`).toMatch(/^(invalid_json|validation_failed)$/);
      }
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('still parses JSON strings that contain brackets and escaped quotes', async () => {
    const tricky = '[[[[ {{{{ \\" ]]]]'.repeat(40);
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/components`, {
      raw: JSON.stringify({ name: 'Tricky', description: tricky }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().description).toBe(tricky);
  });

  it('refuses a huge list or object before validating its items (a million-element array once exhausted the memory)', async () => {
    const before = await snapshot(t);
    const million = Array(1_000_000).fill('{}').join(',');
    const entries = Array.from({ length: LIMITS.listItems + 1 }, (_, i) => `"k${i}":0`).join(',');
    const cases: Array<[string, string, string]> = [
      [`/api/v1/components/${componentId}/versions`, `{"bump":"patch","files":[${million}]}`, 'body.files'],
      [
        `/api/v1/projects/${t.projectId}/syncs`,
        `{"fileKey":"F","tokens":{"collections":[],"tokens":[]},"components":[${million}]}`,
        'body.components',
      ],
      [
        `/api/v1/components/${componentId}/versions`,
        `{"bump":"patch","files":[{"path":"a.tsx","content":""}],"spec":{${entries}}}`,
        'body.spec',
      ],
    ];
    for (const [url, raw, field] of cases) {
      const res = await t.api('POST', url, { raw });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.json().error.message).toContain(`${field}: at most ${LIMITS.listItems}`);
      expect(res.body.length).toBeLessThan(2000);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('caps components and tokens per sync and the length of names, naming the field and the limit', async () => {
    const before = await snapshot(t);
    const base = syncRequest();
    const component = base.components[1]!;
    const tooMany = {
      ...base,
      components: Array.from({ length: 2001 }, (_, i) => ({ ...component, id: `c:${i}`, name: `C${i}` })),
    };
    const manyTokens = syncRequest();
    const token = manyTokens.tokens as { tokens: Array<Record<string, unknown>> };
    const template = token.tokens[0]!;
    token.tokens = Array.from({ length: LIMITS.tokensPerSync + 1 }, (_, i) => ({
      ...template,
      id: `t${i}`,
      name: `t/${i}`,
    }));
    const longName = syncRequest((ds) => void (ds.components[0]!.name = 'N'.repeat(201)));
    const longKey = syncRequest(undefined, 'K'.repeat(129));
    const longToken = syncRequest((ds) => void (ds.tokens.tokens[0]!.name = 'a/'.repeat(300)));
    const longProp = syncRequest((ds) => void (ds.components[0]!.props[0]!.name = 'p'.repeat(201)));
    const half = LIMITS.tokensPerSync / 2 + 1;
    const doc = (from: number) =>
      Object.fromEntries(Array.from({ length: half }, (_, i) => [`t${from + i}`, { $type: 'number', $value: 1 }]));
    const dtcg = {
      ...syncRequest(),
      tokens: { format: 'dtcg', modes: [{ name: 'Default', documents: [doc(0), doc(half)] }] },
    };
    const cases: Array<[unknown, string, string]> = [
      [tooMany, 'body.components', '2000'],
      [dtcg, 'body.tokens', String(LIMITS.tokensPerSync)],
      [manyTokens, 'body.tokens', String(LIMITS.tokensPerSync)],
      [longName, 'body.components.0.name', '200'],
      [longKey, 'body.fileKey', '128'],
      [longToken, 'body.tokens.tokens.0.name', '500'],
      [longProp, 'body.components.0.props.0.name', '200'],
    ];
    for (const [body, field, limit] of cases) {
      const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
      expect(res.statusCode, `${field}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json().error.message).toContain(field);
      expect(res.json().error.message).toContain(limit);
    }
    expect(await snapshot(t)).toEqual(before);
  });
});

/** The directives of a Content-Security-Policy header, by name. */
function cspDirectives(header: unknown): Record<string, string[]> {
  expect(typeof header, 'a Content-Security-Policy header').toBe('string');
  return Object.fromEntries(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

// Headers no route may forget: a browser must never sniff an answer into HTML, and the pages
// the server serves (/docs, /app) run no script they did not name and cannot be framed.
describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('every API answer says X-Content-Type-Options: nosniff (success, error, unknown route, public routes)', async () => {
    const answers = {
      ok: await t.api('GET', '/api/v1/me'),
      unauthorized: await t.api('GET', '/api/v1/me', { token: null }),
      badRequest: await t.api('GET', `/api/v1/projects/${t.projectId}/components?limit=-1`),
      noRoute: await t.api('GET', '/api/v1/no-such-route'),
      healthz: await t.api('GET', '/healthz', { token: null }),
      openapi: await t.api('GET', '/openapi.json', { token: null }),
    };
    for (const [what, res] of Object.entries(answers))
      expect.soft(res.headers['x-content-type-options'], what).toBe('nosniff');
    expect(answers.badRequest.statusCode).toBe(400);
    expect(answers.noRoute.statusCode).toBe(404);
  });

  it('/docs has a CSP that runs only its own scripts and forbids framing, and nosniff', async () => {
    for (const url of ['/docs', '/docs/', '/docs/static/index.html', '/docs/static/swagger-initializer.js']) {
      const res = await t.api('GET', url, { token: null });
      expect(res.statusCode, url).toBeLessThan(400);
      const csp = cspDirectives(res.headers['content-security-policy']);
      expect.soft(csp['frame-ancestors'], url).toEqual(["'none'"]);
      expect.soft(csp['script-src'], url).toEqual(["'self'"]);
      expect.soft(csp['object-src'], url).toEqual(["'none'"]);
      expect.soft(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('/app names its inline script by hash: script-src allows exactly the scripts in the page, never any inline script', async () => {
    const res = await t.api('GET', '/app', { token: null });
    expect(res.statusCode, 'dist/plugin/ui.html is built (npm run build)').toBe(200);
    const scripts = [...res.body.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
    const csp = cspDirectives(res.headers['content-security-policy']);
    expect(csp['script-src']).toEqual(hashes);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
