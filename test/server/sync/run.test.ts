import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { designSystem, setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type Proposal = {
  componentId: string;
  componentName: string;
  draftVersionId: string;
  fromVersion: string | null;
  toVersion: string;
  bump: string;
  reasons: string[];
  tokenChanges: Array<{ kind: string; name: string; mode?: string }>;
  specChanges: Array<{ kind: string; prop?: string; option?: string }>;
  files: Array<{ path: string; status: string; added: number; removed: number }>;
  warnings: string[];
};
type SyncBody = {
  syncId: string;
  status: string;
  proposals: Proposal[];
  unchanged: number;
  errors: Array<{ componentId: string; message: string }>;
  replayed?: boolean;
};

async function counts(t: TestApp) {
  const p = t.db.prisma;
  const [versions, syncs, snapshots, components, blobs, audit] = await Promise.all([
    p.componentVersion.count(),
    p.syncOperation.count(),
    p.tokenSnapshot.count(),
    p.component.count(),
    p.fileBlob.count(),
    p.auditEvent.count(),
  ]);
  return { versions, syncs, snapshots, components, blobs, audit };
}

describe.each(dbKinds)('sync, review and undo on %s', (kind) => {
  let t: TestApp;
  const sync = async (body: unknown, headers: Record<string, string> = {}) =>
    t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body, headers });
  const accept = async (s: SyncBody, only?: string[]) =>
    t.api('POST', `/api/v1/syncs/${s.syncId}/decisions`, {
      body: {
        decisions: s.proposals
          .filter((p) => !only || only.includes(p.componentName))
          .map((p) => ({ componentId: p.componentId, decision: 'accept' })),
      },
    });
  const current = async (name: string) => {
    const list = (await t.api('GET', `/api/v1/projects/${t.projectId}/components?limit=200`)).json().items as Array<{
      name: string;
      id: string;
      currentVersion: { version: string; id: string } | null;
    }>;
    return list.find((c) => c.name === name)!;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  let first: SyncBody;

  it('first sync creates a 1.0.0 draft per component, with generated files', async () => {
    const res = await sync(syncRequest(), { 'idempotency-key': 'first-sync' });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json();
    expect(first.status).toBe('completed');
    expect(first.errors).toEqual([]);
    expect(first.proposals.map((p) => [p.componentName, p.fromVersion, p.toVersion]).sort()).toEqual([
      ['Badge', null, '1.0.0'],
      ['Button', null, '1.0.0'],
      ['Card', null, '1.0.0'],
    ]);
    const button = first.proposals.find((p) => p.componentName === 'Button')!;
    expect(button.files.map((f) => f.path)).toEqual([
      'Button.module.css',
      'Button.stories.tsx',
      'Button.test.tsx',
      'Button.tsx',
      'tokens.css',
    ]);
    expect(button.files.every((f) => f.status === 'added' && f.added > 0)).toBe(true);
    const draft = (await t.api('GET', `/api/v1/versions/${button.draftVersionId}`)).json();
    expect(draft).toMatchObject({ status: 'draft', trigger: 'sync', syncId: first.syncId, patternId: 'button' });
    expect(draft.files.find((f: { path: string }) => f.path === 'tokens.css').content).toContain('#0055ff');
    const again = (await t.api('GET', `/api/v1/syncs/${first.syncId}`)).json();
    expect(again.proposals.map((p: Proposal & { draftStatus: string }) => p.draftStatus)).toEqual([
      'draft',
      'draft',
      'draft',
    ]);
    expect((await current('Button')).currentVersion).toBeNull();
  });

  it('re-sending the same sync with its Idempotency-Key is a no-op that returns the first result', async () => {
    const before = await counts(t);
    const res = await sync(syncRequest(), { 'idempotency-key': 'first-sync' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as SyncBody;
    expect(body.replayed).toBe(true);
    expect(body.syncId).toBe(first.syncId);
    expect(body.proposals).toEqual(first.proposals);
    expect(await counts(t)).toEqual(before);
  });

  it('accept publishes the drafts and makes them current', async () => {
    const res = await accept(first);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().results.map((r: { ok: boolean; status: string; version: string }) => [r.ok, r.status, r.version]),
    ).toEqual([
      [true, 'published', '1.0.0'],
      [true, 'published', '1.0.0'],
      [true, 'published', '1.0.0'],
    ]);
    expect((await current('Button')).currentVersion!.version).toBe('1.0.0');
    // Same design again under a new key: nothing changed, nothing proposed.
    const res2 = await sync(syncRequest(), { 'idempotency-key': 'resend-1' });
    expect(res2.json()).toMatchObject({ proposals: [], unchanged: 3, errors: [] });
  });

  let tokenSync: SyncBody;

  it('a token value change proposes a minor bump only for components that use it through aliases', async () => {
    const res = await sync(syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', '#0044dd')));
    expect(res.statusCode, res.body).toBe(201);
    tokenSync = res.json();
    expect(tokenSync.unchanged).toBe(2);
    expect(tokenSync.proposals).toHaveLength(1);
    const p = tokenSync.proposals[0]!;
    expect(p).toMatchObject({ componentName: 'Button', fromVersion: '1.0.0', toVersion: '1.1.0', bump: 'minor' });
    expect(p.reasons).toEqual(['token color/blue/500 changed #0055ff → #0044dd in mode Value']);
    expect(p.tokenChanges).toEqual([
      expect.objectContaining({ kind: 'modified', name: 'color/blue/500', mode: 'Value' }),
    ]);
    // The value is written twice: at :root and in its (default) mode's [data-theme] block.
    expect(p.files.find((f) => f.path === 'tokens.css')).toMatchObject({ status: 'modified', added: 2, removed: 2 });
    const cmp = (
      await t.api('GET', `/api/v1/components/${p.componentId}/compare?from=1.0.0&to=${p.draftVersionId}`)
    ).json();
    expect(cmp.files[0].unified).toContain('+');
    expect(cmp.files[0].unified).toContain('#0044dd');
  });

  it('reject keeps the current version', async () => {
    const p = tokenSync.proposals[0]!;
    const res = await t.api('POST', `/api/v1/syncs/${tokenSync.syncId}/decisions`, {
      body: { decisions: [{ componentId: p.componentId, decision: 'reject', comment: 'not yet' }] },
    });
    expect(res.json().results[0]).toMatchObject({ ok: true, status: 'rejected' });
    expect((await current('Button')).currentVersion!.version).toBe('1.0.0');
    expect((await t.api('GET', `/api/v1/versions/${p.draftVersionId}`)).json()).toMatchObject({
      status: 'rejected',
      decisionComment: 'not yet',
    });
  });

  it('removing a variant option proposes a major bump with the reason', async () => {
    const res = await sync(
      syncRequest((ds) => {
        const button = ds.components.find((c) => c.name === 'Button')!;
        button.props[0]!.options = ['sm', 'md'];
        button.variants = button.variants.filter((v) => v.values.size !== 'lg');
      }),
    );
    const body = res.json() as SyncBody;
    const p = body.proposals.find((x) => x.componentName === 'Button')!;
    expect(p).toMatchObject({ bump: 'major', fromVersion: '1.0.0', toVersion: '2.0.0' });
    expect(p.reasons).toContain('option `lg` of `size` removed');
    expect(p.specChanges).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'optionRemoved', prop: 'size', option: 'lg' })]),
    );
  });

  it('two concurrent accepts of one draft publish it once', async () => {
    const res = await sync(syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:3', '#009944')));
    const body = res.json() as SyncBody;
    const p = body.proposals.find((x) => x.componentName === 'Badge')!;
    const decision = { body: { decisions: [{ componentId: p.componentId, decision: 'accept' }] } };
    const [a, b] = await Promise.all([
      t.api('POST', `/api/v1/syncs/${body.syncId}/decisions`, decision),
      t.api('POST', `/api/v1/syncs/${body.syncId}/decisions`, decision),
    ]);
    const results = [a.json().results[0], b.json().results[0]];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok).error.code).toBe('not_draft');
    expect((await current('Badge')).currentVersion!.version).toBe('1.1.0');
    expect(
      await t.db.prisma.componentVersion.count({ where: { componentId: p.componentId, status: 'published' } }),
    ).toBe(2);
  });

  it('undo restores every component of a sync in one step, once, and audits it', async () => {
    for (const name of ['Button', 'Badge', 'Card']) {
      await t.api('PATCH', `/api/v1/components/${(await current(name)).id}`, { body: { policy: 'auto' } });
    }
    const before = Object.fromEntries(
      await Promise.all(['Button', 'Badge', 'Card'].map(async (n) => [n, (await current(n)).currentVersion!.version])),
    );
    // radius/md is used by Button and Card, space/200 by Button and Badge.
    const res = await sync(
      syncRequest((ds) => {
        ds.tokens.tokens.find((x) => x.name === 'radius/md')!.valuesByMode['1:0'] = { value: 8, unit: 'px' };
        ds.tokens.tokens.find((x) => x.name === 'space/200')!.valuesByMode['1:0'] = { value: 10, unit: 'px' };
      }),
    );
    const body = res.json() as SyncBody;
    expect(body.proposals.map((p) => p.componentName).sort()).toEqual(['Badge', 'Button', 'Card']);
    const after = Object.fromEntries(
      await Promise.all(['Button', 'Badge', 'Card'].map(async (n) => [n, (await current(n)).currentVersion!.version])),
    );
    // Policy auto published the non-breaking changes at once (Button's pending major draft was superseded).
    expect(after).not.toEqual(before);
    expect(after.Card).toBe('1.1.0');
    const undo = await t.api('POST', `/api/v1/syncs/${body.syncId}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().components).toHaveLength(3);
    const restored = Object.fromEntries(
      await Promise.all(['Button', 'Badge', 'Card'].map(async (n) => [n, (await current(n)).currentVersion!.version])),
    );
    expect(restored).toEqual(before);
    expect((await t.api('GET', `/api/v1/syncs/${body.syncId}`)).json()).toMatchObject({ status: 'undone' });
    const again = await t.api('POST', `/api/v1/syncs/${body.syncId}/undo`);
    expect(again.statusCode).toBe(409);
    const audit = (await t.api('GET', `/api/v1/projects/${t.projectId}/audit?action=sync.undo`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: body.syncId, actor: 'token:admin' });
    for (const name of ['Button', 'Badge', 'Card']) {
      await t.api('PATCH', `/api/v1/components/${(await current(name)).id}`, { body: { policy: 'notify' } });
    }
  });

  it('refuses undo outside the 24 h window or beyond the last 50 syncs, with the reason', async () => {
    const res = await sync(syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:4', '#eeeeee')));
    const body = res.json() as SyncBody;
    await t.db.prisma.syncOperation.update({
      where: { id: body.syncId },
      data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) },
    });
    const old = await t.api('POST', `/api/v1/syncs/${body.syncId}/undo`);
    expect(old.statusCode).toBe(422);
    expect(old.json().error).toMatchObject({ code: 'undo_window_passed' });
    expect(old.json().error.message).toContain('24 h');
    await t.db.prisma.syncOperation.update({ where: { id: body.syncId }, data: { createdAt: new Date() } });
    await t.db.prisma.syncOperation.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        projectId: t.projectId,
        idempotencyKey: `filler-${i}`,
        inputHash: 'x',
        trigger: 'sync',
        actor: 'test',
        status: 'completed',
        createdAt: new Date(Date.now() + 1000 + i),
      })),
    });
    const buried = await t.api('POST', `/api/v1/syncs/${body.syncId}/undo`);
    expect(buried.statusCode).toBe(422);
    expect(buried.json().error.message).toContain('last 50');
    await t.db.prisma.syncOperation.deleteMany({ where: { idempotencyKey: { startsWith: 'filler-' } } });
  });

  it('answers invalid tokens with 422 naming each token, and stores nothing', async () => {
    const before = await counts(t);
    const res = await sync(
      syncRequest((ds) => {
        ds.tokens.tokens[0]!.valuesByMode['1:0'] = 'blue';
        ds.tokens.tokens[1]!.name = 'color/blue.700';
        ds.tokens.tokens.push({
          id: 'VariableID:9:9',
          name: 'color/dangling',
          collectionId: 'VariableCollectionId:1:0',
          type: 'color',
          valuesByMode: { '1:0': { alias: 'VariableID:404' } },
        });
      }),
    );
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('invalid_tokens');
    const names = err.details.issues.map((i: { name: string }) => i.name).sort();
    // color/action/primary aliases the broken blue/500, so it is reported too.
    expect(names).toEqual(['color/action/primary', 'color/blue.700', 'color/blue/500', 'color/dangling']);
    expect(JSON.stringify(err.details.issues)).toContain('VariableID:404');
    expect(await counts(t)).toEqual(before);
  });

  it('answers malformed component specs with 400 naming the field, and stores nothing', async () => {
    const before = await counts(t);
    const req = syncRequest() as unknown as { components: Array<Record<string, unknown>> };
    delete req.components[1]!.name;
    (req.components[0]!.props as Array<Record<string, unknown>>)[0]!.kind = 'dropdown';
    const res = await sync(req);
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.components.1.name', 'body.components.0.props.0.kind']));
    expect(await counts(t)).toEqual(before);
  });

  it('handles components atomically: one failing component is reported and the others go through', async () => {
    const res = await sync(
      syncRequest((ds) => {
        setColor(ds.tokens, 'VariableID:1:3', '#008833');
        setColor(ds.tokens, 'VariableID:1:4', '#dddddd');
        ds.components.find((c) => c.name === 'Card')!.variants[0]!.bindings.fill = 'VariableID:does-not-exist';
      }),
    );
    expect(res.statusCode).toBe(201);
    const body = res.json() as SyncBody;
    expect(body.status).toBe('partial');
    expect(body.errors).toEqual([
      { componentId: '30:1', message: expect.stringContaining('VariableID:does-not-exist') },
    ]);
    expect(body.proposals.map((p) => p.componentName)).toEqual(['Badge']);
  });

  it('refuses an Idempotency-Key reused for a different request (422)', async () => {
    await sync(
      syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:3', '#007722')),
      { 'idempotency-key': 'k-1' },
    );
    const res = await sync(
      syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:3', '#006611')),
      { 'idempotency-key': 'k-1' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('idempotency_key_reused');
  });

  it('accepts DTCG documents per mode instead of a Figma token set', async () => {
    const dtcg = {
      format: 'dtcg',
      modes: [
        {
          name: 'light',
          documents: [
            {
              color: {
                $type: 'color',
                brand: { $value: { colorSpace: 'srgb', components: [0, 0.4, 1], hex: '#0066ff' } },
                text: { $value: '{color.brand}' },
              },
            },
            { space: { $type: 'dimension', md: { $value: { value: 12, unit: 'px' } } } },
          ],
        },
        {
          name: 'dark',
          documents: [
            {
              color: {
                $type: 'color',
                brand: { $value: { colorSpace: 'srgb', components: [0.4, 0.6, 1], hex: '#6699ff' } },
                text: { $value: '{color.brand}' },
              },
            },
            { space: { $type: 'dimension', md: { $value: { value: 12, unit: 'px' } } } },
          ],
        },
      ],
    };
    const tag = {
      id: 'dtcg:Tag',
      name: 'Tag',
      props: [{ name: 'size', kind: 'variant', default: 'md', options: ['md'] }],
      variants: [
        { id: 'dtcg:Tag:md', values: { size: 'md' }, bindings: { fill: 'color.text', paddingLeft: 'space.md' } },
      ],
    };
    const res = await sync({ fileKey: 'tokens-repo', tokens: dtcg, components: [tag] });
    expect(res.statusCode, res.body).toBe(201);
    const p = (res.json() as SyncBody).proposals[0]!;
    expect(p).toMatchObject({ componentName: 'Tag', toVersion: '1.0.0' });
    const css = (await t.api('GET', `/api/v1/versions/${p.draftVersionId}/download?file=tokens.css`)).body;
    expect(css).toContain('#0066ff');
    expect(css).toContain('[data-theme="dark"]');
    expect(css).toContain('#6699ff');
  });

  it('records every sync in the audit log with correlation id and duration', async () => {
    const items = (await t.api('GET', `/api/v1/projects/${t.projectId}/audit?action=sync.run&limit=200`)).json().items;
    const syncs = await t.db.prisma.syncOperation.count();
    expect(items).toHaveLength(syncs);
    expect(items[0].correlationId).toBeTruthy();
    expect(items[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('never shows a sync to another project', async () => {
    const other = (await t.api('POST', '/api/v1/projects', { body: { name: 'x' } })).json().token.token;
    expect((await t.api('GET', `/api/v1/syncs/${first.syncId}`, { token: other })).statusCode).toBe(404);
    expect((await t.api('POST', `/api/v1/syncs/${first.syncId}/undo`, { token: other })).statusCode).toBe(404);
    expect(
      (
        await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
          token: other,
          body: { decisions: [{ componentId: first.proposals[0]!.componentId, decision: 'reject' }] },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { token: other, body: syncRequest() })).statusCode,
    ).toBe(403);
  });
});

// Keep the fixture honest: the alias chain the token test relies on exists.
describe('sync fixture', () => {
  it('Button binds color/action/primary, which aliases color/blue/500', () => {
    const ds = designSystem();
    const button = ds.components.find((c) => c.name === 'Button')!;
    expect(button.variants[0]!.bindings.fill).toBe('VariableID:2:1');
    expect(ds.tokens.tokens.find((x) => x.id === 'VariableID:2:1')!.valuesByMode['2:0']).toEqual({
      alias: 'VariableID:1:1',
    });
  });
});
