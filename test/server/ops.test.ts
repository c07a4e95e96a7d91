import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('operations endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('serves /healthz and /readyz (database reachable)', async () => {
    expect((await t.api('GET', '/healthz', { token: null })).json()).toEqual({ status: 'ok' });
    expect((await t.api('GET', '/readyz', { token: null })).json()).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('serves Prometheus metrics with request counts and a latency histogram per route', async () => {
    await t.api('GET', `/api/v1/projects/${t.projectId}/components`);
    await t.api('GET', `/api/v1/projects/${t.projectId}/components`, { token: null });
    const res = await t.api('GET', '/metrics', { token: null });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/projects\/:projectId\/components",status="200"\} 1/,
    );
    expect(res.body).toMatch(
      /http_requests_total\{method="GET",route="\/api\/v1\/projects\/:projectId\/components",status="401"\} 1/,
    );
    expect(res.body).toMatch(
      /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/projects\/:projectId\/components"\}/,
    );
  });

  it('publishes an OpenAPI document generated from the zod schemas, and the docs UI', async () => {
    const doc = (await t.api('GET', '/openapi.json', { token: null })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/projects',
      '/api/v1/projects/{projectId}/tokens',
      '/api/v1/components/{componentId}/versions',
      '/api/v1/components/{componentId}/compare',
      '/api/v1/versions/{versionId}/download',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    const history = doc.paths['/api/v1/components/{componentId}/versions'].get;
    expect(history.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'tag', 'trigger', 'author', 'branch', 'from', 'to', 'cursor', 'limit']),
    );
    expect(Object.keys(history.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    const docs = await t.api('GET', '/docs/', { token: null });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('echoes a correlation id on every response', async () => {
    const res = await t.api('GET', '/healthz', { token: null, headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
  });
});

describe('plugin UI served as a web page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(async () => t?.close());

  it('serves the built single-file UI at /app (and /plugin), with a strict content policy, and redirects / to /app', async () => {
    for (const path of ['/app', '/plugin']) {
      const res = await t.api('GET', path, { token: null });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root"></div>');
      expect(res.body).toMatch(/<script>[\s\S]+<\/script>/);
      expect(res.body).toMatch(/<style>[\s\S]+<\/style>/);
      // Everything is inline; the page may talk to this server only.
      expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    }
    const root = await t.api('GET', '/', { token: null });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/app');
  });
});
