import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { files, otherProject, startTestApp, type TestApp } from '../helpers/app.js';

describe.each(dbKinds)('authentication, scopes and project isolation on %s', (kind) => {
  let t: TestApp;
  const logs: string[] = [];
  let componentId: string;
  let versionId: string;
  let draftId: string;
  let other: { projectId: string; token: string };

  beforeAll(async () => {
    t = await startTestApp(kind, { LOG_LEVEL: 'debug' }, { write: (line) => void logs.push(line) });
    componentId = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Badge' } })
    ).json().id;
    const d = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, { body: { files: files(2), bump: 'minor' } })
    ).json();
    versionId = (await t.api('POST', `/api/v1/versions/${d.id}/publish`)).json().id;
    draftId = (
      await t.api('POST', `/api/v1/components/${componentId}/versions`, {
        body: { files: files(2, 'd'), bump: 'patch' },
      })
    ).json().id;
    other = await otherProject(t);
  });
  afterAll(async () => t?.close());

  it('requires a valid bearer token on API routes (401) and leaves public routes open', async () => {
    const none = await t.api('GET', `/api/v1/components/${componentId}`, { token: null });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const bad = await t.api('GET', `/api/v1/components/${componentId}`, { token: 'ds_not_a_real_token' });
    expect(bad.statusCode).toBe(401);
    const malformed = await t.api('GET', `/api/v1/components/${componentId}`, {
      token: null,
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.statusCode).toBe(401);
    // A bad token learns nothing about payload rules: auth runs before validation.
    const invalidBody = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      token: null,
      body: { nope: 1 },
    });
    expect(invalidBody.statusCode).toBe(401);
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']) {
      const res = await t.api('GET', url, { token: null });
      expect(res.statusCode, url).toBeLessThan(400);
    }
  });

  it('stores tokens only as sha256 hashes and returns the secret once', async () => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/tokens`, { body: { name: 'ci', scope: 'read' } });
    expect(res.statusCode).toBe(201);
    const issued = res.json();
    expect(issued.token).toMatch(/^ds_[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.raw.query<Record<string, unknown>>('SELECT * FROM api_tokens');
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    expect(JSON.stringify(rows)).not.toContain(t.adminToken);
    expect(logs.join('\n')).not.toContain(issued.token);
    expect(logs.join('\n')).not.toContain(t.adminToken);
  });

  it('enforces scopes: read cannot write, write cannot administer', async () => {
    const read = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/tokens`, { body: { name: 'r', scope: 'read' } })
    ).json().token;
    const write = (
      await t.api('POST', `/api/v1/projects/${t.projectId}/tokens`, { body: { name: 'w', scope: 'write' } })
    ).json().token;
    expect((await t.api('GET', `/api/v1/components/${componentId}`, { token: read })).statusCode).toBe(200);
    const denied = await t.api('POST', `/api/v1/versions/${versionId}/tags`, { token: read, body: { tag: 'x' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toContain('scope "write"');
    expect(
      (await t.api('POST', `/api/v1/versions/${versionId}/tags`, { token: write, body: { tag: 'x' } })).statusCode,
    ).toBe(200);
    expect(
      (
        await t.api('POST', `/api/v1/projects/${t.projectId}/tokens`, {
          token: write,
          body: { name: 'x', scope: 'admin' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.api('POST', '/api/v1/projects', { token: write, body: { name: 'x' } })).statusCode).toBe(403);
  });

  it('never lets a token of one project read or change another project (every route group)', async () => {
    const before = JSON.stringify(await t.db.prisma.componentVersion.findMany({ orderBy: { id: 'asc' } }));
    const tok = other.token;
    const forbiddenPaths: Array<[string, string, unknown?]> = [
      ['POST', `/api/v1/projects/${t.projectId}/tokens`, { name: 'steal', scope: 'admin' }],
      ['GET', `/api/v1/projects/${t.projectId}/files`],
      ['POST', `/api/v1/projects/${t.projectId}/files`, { fileKey: 'abc' }],
      ['GET', `/api/v1/projects/${t.projectId}/components`],
      ['POST', `/api/v1/projects/${t.projectId}/components`, { name: 'x' }],
      ['GET', `/api/v1/projects/${t.projectId}/audit`],
    ];
    for (const [method, url, body] of forbiddenPaths) {
      const res = await t.api(method as 'GET', url, { token: tok, ...(body ? { body } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    const hidden: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/components/${componentId}`],
      ['PATCH', `/api/v1/components/${componentId}`, { policy: 'auto' }],
      ['GET', `/api/v1/components/${componentId}/versions`],
      ['POST', `/api/v1/components/${componentId}/versions`, { files: files(1), bump: 'patch' }],
      ['GET', `/api/v1/components/${componentId}/compare?from=${versionId}&to=${draftId}`],
      ['GET', `/api/v1/versions/${versionId}`],
      ['GET', `/api/v1/versions/${versionId}/download`],
      ['POST', `/api/v1/versions/${draftId}/publish`, {}],
      ['POST', `/api/v1/versions/${draftId}/reject`, {}],
      ['POST', `/api/v1/versions/${versionId}/tags`, { tag: 'mine' }],
      ['DELETE', `/api/v1/versions/${versionId}/tags?tag=x`],
    ];
    for (const [method, url, body] of hidden) {
      const res = await t.api(method as 'GET', url, { token: tok, ...(body ? { body } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(JSON.stringify(await t.db.prisma.componentVersion.findMany({ orderBy: { id: 'asc' } }))).toBe(before);
    // …and the other project's own view is empty.
    const own = await t.api('GET', `/api/v1/projects/${other.projectId}/components`, { token: tok });
    expect(own.json().items).toEqual([]);
  });

  it('stores Figma tokens encrypted and webhook passcodes hashed, never returning or logging them', async () => {
    const figmaToken = 'figd_SUPERSECRET_abcdefghijklmnopqrstuvwxyz';
    const passcode = 'passcode-1234567890';
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/files`, {
      body: {
        fileKey: 'AbC123',
        name: 'DS',
        pollIntervalSeconds: 60,
        policy: 'auto',
        figmaToken,
        webhookPasscode: passcode,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fileKey: 'AbC123',
      pollIntervalSeconds: 60,
      policy: 'auto',
      hasFigmaToken: true,
      hasWebhookPasscode: true,
    });
    expect(res.body).not.toContain(figmaToken);
    const rows = await t.db.raw.query<Record<string, unknown>>('SELECT * FROM tracked_files');
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(figmaToken);
    expect(dump).not.toContain(passcode);
    const row = await t.db.prisma.trackedFile.findFirstOrThrow({ where: { fileKey: 'AbC123' } });
    expect(t.app.secrets.decrypt(row.figmaTokenEnc!)).toBe(figmaToken);
    expect(logs.join('\n')).not.toContain(figmaToken);
    expect(logs.join('\n')).not.toContain(passcode);
    const list = await t.api('GET', `/api/v1/projects/${t.projectId}/files`);
    expect(list.json().items).toHaveLength(1);
    const tooFast = await t.api('POST', `/api/v1/projects/${t.projectId}/files`, {
      body: { fileKey: 'AbC123', pollIntervalSeconds: 5 },
    });
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json().error.message).toContain('body.pollIntervalSeconds');
  });
});

describe('rate limiting and CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute' });
  });
  afterAll(async () => t?.close());

  it('limits each token separately and answers 429 with Retry-After', async () => {
    const url = `/api/v1/projects/${t.projectId}/components`;
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await t.api('GET', url)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const limited = await t.api('GET', url);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('rate_limited');
    // The message states the budget and its window, not the time left (Retry-After says that).
    expect(limited.json().error.message).toBe('Rate limit exceeded: 3 requests per 1 minute');
    // Another token still has its own budget (it needed the admin token once to be created, which was refused too, so create it directly).
    const { issueToken } = await import('../../server/services/projects/api-tokens.js');
    const fresh = await issueToken(t.db.prisma, { projectId: t.projectId, name: 'fresh', scope: 'read' });
    expect((await t.api('GET', url, { token: fresh.token })).statusCode).toBe(200);
    // Health checks are never limited.
    for (let i = 0; i < 5; i++) expect((await t.api('GET', '/healthz', { token: null })).statusCode).toBe(200);
  });

  it("allows the Figma plugin iframe's null origin and refuses unknown origins", async () => {
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/projects',
      headers: {
        origin: 'null',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('null');
    expect(String(ok.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    const evil = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/projects',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting of token guesses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute' });
  });
  afterAll(async () => t?.close());

  it('counts requests that fail authentication per client address: after the budget, wrong tokens get 429 naming the window, and a valid token still works', async () => {
    const url = `/api/v1/projects/${t.projectId}/components`;
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await t.api('GET', url, { token: `ds_guess_${i}_${'x'.repeat(30)}` })).statusCode);
    expect(codes).toEqual([401, 401, 401]);
    const limited = await t.api('GET', url, { token: `ds_guess_3_${'x'.repeat(30)}` });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(limited.json().error.message).toBe(
      'Rate limit exceeded: 3 failed authentications per 1 minute from one address',
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // No header at all fails authentication too.
    expect((await t.api('GET', url, { token: null })).statusCode).toBe(429);
    // A valid token is never refused for what others sent from its address (a shared proxy, an office NAT).
    expect((await t.api('GET', url)).statusCode).toBe(200);
    expect((await t.api('GET', url, { token: `ds_guess_4_${'x'.repeat(30)}` })).statusCode).toBe(429);
    // Public routes stay open.
    expect((await t.api('GET', '/healthz', { token: null })).statusCode).toBe(200);
  });
});

describe('which address failed authentications count against (TRUST_PROXY)', () => {
  const guesses = async (t: TestApp, forwardedFor: string, n: number) => {
    const codes = [];
    for (let i = 0; i < n; i++) {
      const res = await t.api('GET', `/api/v1/projects/${t.projectId}/components`, {
        token: `ds_guess_${i}_${'y'.repeat(30)}`,
        headers: { 'x-forwarded-for': forwardedFor },
      });
      codes.push(res.statusCode);
    }
    return codes;
  };

  it('by default X-Forwarded-For is not believed: every client shares the connecting address', async () => {
    const t = await startTestApp('pglite', { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' });
    try {
      expect(await guesses(t, '203.0.113.7', 2)).toEqual([401, 401]);
      expect(await guesses(t, '198.51.100.9', 1)).toEqual([429]);
    } finally {
      await t.close();
    }
  });

  it('with TRUST_PROXY the forwarded address counts: another client behind the proxy keeps its budget', async () => {
    const t = await startTestApp('pglite', {
      RATE_LIMIT_MAX: '2',
      RATE_LIMIT_WINDOW: '1 minute',
      TRUST_PROXY: '127.0.0.1',
    });
    try {
      expect(await guesses(t, '203.0.113.7', 3)).toEqual([401, 401, 429]);
      expect(await guesses(t, '198.51.100.9', 2)).toEqual([401, 401]);
    } finally {
      await t.close();
    }
  });
});

describe('rate limit buckets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute' });
  });
  afterAll(async () => t?.close());

  it("keys a token's bucket by the token itself, not by how the header spells it", async () => {
    const url = `/api/v1/projects/${t.projectId}/components`;
    const spellings = [
      `Bearer ${t.adminToken}`,
      `bearer ${t.adminToken}`,
      `Bearer  ${t.adminToken}`,
      `BEARER ${t.adminToken} `,
    ];
    const codes = [];
    for (const authorization of spellings)
      codes.push((await t.api('GET', url, { token: null, headers: { authorization } })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
  });
});
