import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { otherProject, startTestApp, type TestApp } from '../../helpers/app.js';
import { designSystem, setColor } from '../../helpers/sync-fixtures.js';
import {
  componentIdByName,
  current,
  rowCounts,
  syncAndAccept,
  version,
  type VersionJson,
} from '../../helpers/versioning.js';

const BLUE = 'VariableID:1:1';

const dtcg = {
  format: 'dtcg',
  modes: [
    {
      name: 'light',
      documents: [
        {
          color: { $type: 'color', brand: { $value: { colorSpace: 'srgb', components: [0, 0.4, 1], hex: '#0066ff' } } },
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
          },
        },
        { space: { $type: 'dimension', md: { $value: { value: 12, unit: 'px' } } } },
      ],
    },
  ],
};
const tag = {
  id: 'manual:Tag',
  name: 'Tag',
  props: [{ name: 'size', kind: 'variant', default: 'md', options: ['md'] }],
  variants: [
    { id: 'manual:Tag:md', values: { size: 'md' }, bindings: { fill: 'color.brand', paddingLeft: 'space.md' } },
  ],
};

describe.each(dbKinds)('manual regeneration on %s', (kind) => {
  let t: TestApp;
  let button: string;
  let v100: VersionJson;

  const regenerate = (componentId: string, body?: unknown, token?: string) =>
    t.api('POST', `/api/v1/components/${componentId}/regenerate`, {
      ...(body === undefined ? {} : { body }),
      ...(token ? { token } : {}),
    });
  const blueTokens = (hex: string) => {
    const ds = designSystem();
    setColor(ds.tokens, BLUE, hex);
    return ds.tokens;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await syncAndAccept(t);
    button = await componentIdByName(t, 'Button');
    v100 = await current(t, button);
  });
  afterAll(async () => t?.close());

  it('answers changed: false for unchanged stored inputs and stores nothing', async () => {
    const before = await rowCounts(t);
    for (const body of [undefined, {}, { branch: 'main' }]) {
      const res = await regenerate(button, body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        changed: false,
        reasons: ['inputs unchanged'],
        baseVersion: expect.objectContaining({ id: v100.id, version: '1.0.0' }),
      });
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('with force, makes a patch draft from unchanged inputs', async () => {
    const res = await regenerate(button, { force: true });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      changed: true,
      pending: false,
      draft: {
        version: '1.0.1',
        status: 'draft',
        trigger: 'manual',
        bump: 'patch',
        branch: 'main',
        tokensHash: v100.tokensHash,
        specHash: v100.specHash,
      },
      proposal: {
        componentId: button,
        fromVersion: '1.0.0',
        toVersion: '1.0.1',
        bump: 'patch',
        reasons: ['manual regeneration with unchanged inputs'],
      },
      baseVersion: { version: '1.0.0' },
    });
    expect(body.proposal.draftVersionId).toBe(body.draft.id);
    expect(body.diff.files).toEqual([]);
    expect(body.diff.stats.filesUnchanged).toBe(v100.files!.length);
    const audit = await t.db.prisma.auditEvent.findFirst({
      where: { action: 'component.regenerate', targetId: button },
    });
    expect(audit?.data).toMatchObject({ draftVersionId: body.draft.id, force: true });
    expect(audit?.afterHash).toBe(audit?.beforeHash);
    // Regenerated from the stored inputs of a synced version: it keeps that sync's full token set for later diffs.
    const rows = await t.db.prisma.componentVersion.findMany({
      where: { id: { in: [body.draft.id, v100.id] } },
      select: { id: true, generationParams: true },
    });
    const snapshotOf = (id: string) =>
      (rows.find((r) => r.id === id)!.generationParams as { snapshotId?: string }).snapshotId;
    expect(snapshotOf(body.draft.id)).toBe(snapshotOf(v100.id));
    expect(snapshotOf(v100.id)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('regenerates from supplied tokens: a minor draft with the token change, diff with hunks, not published', async () => {
    const res = await regenerate(button, { tokens: blueTokens('#1144ee') });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.draft).toMatchObject({ version: '1.1.0', status: 'draft', bump: 'minor', trigger: 'manual' });
    expect(body.proposal.tokenChanges.map((c: { name: string }) => c.name)).toContain('color/blue/500');
    expect(body.proposal.reasons.join('\n')).toContain('color/blue/500');
    const changed = body.diff.files.find((f: { unified: string }) => f.unified.includes('#1144ee'));
    expect(changed.hunks.length).toBeGreaterThan(0);
    expect(changed.status).toBe('modified');
    expect((await current(t, button)).id).toBe(v100.id);
    // One pending proposal per branch: the forced draft is superseded.
    const drafts = await t.db.prisma.componentVersion.findMany({ where: { componentId: button, status: 'draft' } });
    expect(drafts.map((d) => d.id)).toEqual([body.draft.id]);
  });

  it('returns the pending draft for the same supplied inputs (200, nothing stored)', async () => {
    const before = await rowCounts(t);
    const pendingId = (
      await t.db.prisma.componentVersion.findFirstOrThrow({ where: { componentId: button, status: 'draft' } })
    ).id;
    const res = await regenerate(button, { tokens: blueTokens('#1144ee') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ changed: true, pending: true, draft: { id: pendingId } });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuses invalid supplied tokens with 422 naming them, and stores nothing', async () => {
    const before = await rowCounts(t);
    const tokens = designSystem().tokens;
    tokens.tokens.find((x) => x.id === 'VariableID:2:1')!.valuesByMode['2:0'] = { alias: 'VariableID:404' };
    const res = await regenerate(button, { tokens });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_tokens');
    expect(res.json().error.message).toContain('color/action/primary');
    expect(await rowCounts(t)).toEqual(before);
    const malformed = await regenerate(button, { tokens: { collections: 'no' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('refuses a supplied spec that binds tokens the stored ones lack (422 unknown_tokens)', async () => {
    const before = await rowCounts(t);
    const spec = designSystem().components[0]!;
    spec.variants[0]!.bindings.fill = 'VariableID:2:2';
    const res = await regenerate(button, { spec });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'unknown_tokens', details: { tokenIds: ['VariableID:2:2'] } });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('regenerates from a supplied spec over the stored tokens (prop added → minor)', async () => {
    const spec = designSystem().components[0]!;
    spec.props.push({ name: 'icon', id: 'icon#1:9', kind: 'boolean', default: false });
    const res = await regenerate(button, { spec });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().draft).toMatchObject({ version: '1.1.0', bump: 'minor', tokensHash: v100.tokensHash });
    expect(res.json().proposal.reasons).toContain('prop `icon` added');
    expect(res.json().diff.files.some((f: { path: string }) => f.path === 'Button.tsx')).toBe(true);
  });

  it('needs inputs for a component without versions (422), and makes its first version from supplied ones (also DTCG)', async () => {
    const created = await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Tag' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const before = await rowCounts(t);
    const res = await regenerate(id, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'no_inputs' });
    expect(res.json().error.message).toContain('Tag has no version yet; supply both tokens and spec');
    expect((await regenerate(id, { tokens: dtcg })).statusCode).toBe(422);
    expect(await rowCounts(t)).toEqual(before);

    const first = await regenerate(id, { tokens: dtcg, spec: tag });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      changed: true,
      draft: { version: '1.0.0', status: 'draft' },
      baseVersion: null,
      proposal: { fromVersion: null },
    });
    expect(first.json().diff.stats.filesAdded).toBeGreaterThan(0);
    const css = (await version(t, first.json().draft.id)).files!.find((f) => f.path === 'tokens.css')!.content;
    expect(css).toContain('#0066ff');
    expect(css).toContain('#6699ff');
  });

  it('regenerates on a branch (prerelease draft), 404 for an unknown branch', async () => {
    expect((await t.api('POST', `/api/v1/components/${button}/branches`, { body: { name: 'exp' } })).statusCode).toBe(
      201,
    );
    const mainDraft = (
      await t.db.prisma.componentVersion.findFirstOrThrow({
        where: { componentId: button, branch: 'main', status: 'draft' },
      })
    ).id;
    const res = await regenerate(button, { branch: 'exp', tokens: blueTokens('#3355aa') });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().draft).toMatchObject({ version: '1.1.0-exp.1', branch: 'exp', status: 'draft' });
    expect((await version(t, mainDraft)).status).toBe('draft');
    const missing = await regenerate(button, { branch: 'nope' });
    expect(missing.statusCode).toBe(404);
  });

  it('after publishing a regenerated draft, its inputs are the new current ones', async () => {
    const draft = await regenerate(button, { tokens: blueTokens('#1144ee') });
    expect(draft.statusCode, draft.body).toBe(201);
    const published = await t.api('POST', `/api/v1/versions/${draft.json().draft.id}/publish`, { body: {} });
    expect(published.json()).toMatchObject({ version: '1.1.0', status: 'published' });
    const again = await regenerate(button, {});
    expect(again.json()).toMatchObject({ changed: false, baseVersion: { version: '1.1.0' } });
  });

  it("is not found with another project's token", async () => {
    const other = await otherProject(t);
    expect((await regenerate(button, { force: true }, other.token)).statusCode).toBe(404);
  });
});
