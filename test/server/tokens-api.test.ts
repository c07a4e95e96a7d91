import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/databases.js';
import { otherProject, startTestApp, type TestApp } from '../helpers/app.js';
import { snapshot } from '../helpers/state.js';

describe.each(dbKinds)('who am I, token listing and revocation on %s', (kind) => {
  let t: TestApp;
  let other: { projectId: string; token: string };
  const issue = async (name: string, scope: string) => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/tokens`, { body: { name, scope } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string; prefix: string };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    other = await otherProject(t);
  });
  afterAll(async () => t?.close());

  it("GET /me answers the calling token's project, name and scope, for any scope", async () => {
    const admin = await t.api('GET', '/api/v1/me');
    expect(admin.statusCode, admin.body).toBe(200);
    const project = await t.db.prisma.project.findUniqueOrThrow({ where: { id: t.projectId } });
    const row = await t.db.prisma.apiToken.findFirstOrThrow({ where: { projectId: t.projectId, name: 'admin' } });
    expect(admin.json()).toEqual({
      project: { id: t.projectId, name: project.name },
      token: { id: row.id, name: 'admin', scope: 'admin', prefix: row.prefix },
    });
    const reader = await issue('plugin', 'read');
    const me = (await t.api('GET', '/api/v1/me', { token: reader.token })).json();
    expect(me.token).toMatchObject({ id: reader.id, name: 'plugin', scope: 'read' });
    expect((await t.api('GET', '/api/v1/me', { token: other.token })).json().project).toEqual({
      id: other.projectId,
      name: 'other',
    });
    expect((await t.api('GET', '/api/v1/me', { token: null })).statusCode).toBe(401);
  });

  it('lists the project tokens without their secrets or hashes (admin scope)', async () => {
    const ci = await issue('ci', 'write');
    const res = await t.api('GET', `/api/v1/projects/${t.projectId}/tokens`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.name)).toEqual(expect.arrayContaining(['admin', 'ci']));
    expect(items.find((i) => i.id === ci.id)).toMatchObject({
      name: 'ci',
      scope: 'write',
      prefix: ci.prefix,
      revokedAt: null,
    });
    const hashes = (await t.db.prisma.apiToken.findMany()).map((r) => r.tokenHash);
    for (const secret of [ci.token, t.adminToken, ...hashes]) expect(res.body).not.toContain(secret);
    for (const item of items) expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['token']));
    expect(items.some((i) => i.projectId !== t.projectId)).toBe(false);
    expect((await t.api('GET', `/api/v1/projects/${t.projectId}/tokens`, { token: ci.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/v1/projects/${t.projectId}/tokens`, { token: other.token })).statusCode).toBe(403);
  });

  it('revokes a token: it then gets 401, the revocation is audited, and it shows as revoked', async () => {
    const victim = await issue('laptop', 'write');
    expect((await t.api('GET', '/api/v1/me', { token: victim.token })).statusCode).toBe(200);
    const res = await t.api('DELETE', `/api/v1/projects/${t.projectId}/tokens/${victim.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: victim.id, name: 'laptop', scope: 'write' });
    expect(typeof res.json().revokedAt).toBe('string');
    const after = await t.api('GET', '/api/v1/me', { token: victim.token });
    expect(after.statusCode).toBe(401);
    const audit = (await t.api('GET', `/api/v1/projects/${t.projectId}/audit?action=token.revoke`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: 'api_token', targetId: victim.id, actor: 'token:admin' });
    const listed = (await t.api('GET', `/api/v1/projects/${t.projectId}/tokens`))
      .json()
      .items.find((i: { id: string }) => i.id === victim.id);
    expect(listed.revokedAt).toBe(res.json().revokedAt);
    // Revoking again changes nothing.
    const before = await snapshot(t);
    const again = await t.api('DELETE', `/api/v1/projects/${t.projectId}/tokens/${victim.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(res.json().revokedAt);
    expect(await snapshot(t)).toEqual(before);
  });

  it("refuses to revoke another project's token (404), without admin scope (403), or the last admin token (409), changing nothing", async () => {
    const theirs = await t.db.prisma.apiToken.findFirstOrThrow({ where: { projectId: other.projectId } });
    const writer = await issue('writer', 'write');
    const before = await snapshot(t);
    const foreign = await t.api('DELETE', `/api/v1/projects/${t.projectId}/tokens/${theirs.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toContain(theirs.id);
    expect((await t.api('DELETE', `/api/v1/projects/${other.projectId}/tokens/${theirs.id}`)).statusCode).toBe(403);
    expect(
      (await t.api('DELETE', `/api/v1/projects/${t.projectId}/tokens/${writer.id}`, { token: writer.token }))
        .statusCode,
    ).toBe(403);
    const admin = await t.db.prisma.apiToken.findFirstOrThrow({ where: { projectId: t.projectId, name: 'admin' } });
    const last = await t.api('DELETE', `/api/v1/projects/${t.projectId}/tokens/${admin.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('last_admin_token');
    expect(await snapshot(t)).toEqual(before);
  });

  it('documents the new endpoints in OpenAPI', async () => {
    const doc = (await t.api('GET', '/openapi.json', { token: null })).json();
    expect(Object.keys(doc.paths['/api/v1/me'])).toContain('get');
    expect(Object.keys(doc.paths['/api/v1/projects/{projectId}/tokens'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(doc.paths['/api/v1/projects/{projectId}/tokens/{tokenId}'])).toContain('delete');
    expect(Object.keys(doc.paths['/api/v1/projects/{projectId}/tokens'].get.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403']),
    );
  });
});
