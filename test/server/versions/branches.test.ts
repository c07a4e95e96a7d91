import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dbKinds } from '../../helpers/databases.js';
import { otherProject, startTestApp, type TestApp } from '../../helpers/app.js';
import { designSystem } from '../../helpers/sync-fixtures.js';
import {
  componentIdByName,
  current,
  rowCounts,
  syncAndAccept,
  version,
  type VersionJson,
} from '../../helpers/versioning.js';

type Files = { path: string; content: string }[];

/** The files with one exact text replaced in one file (the text must be there). */
function edit(files: Files, path: string, from: string, to: string): Files {
  return files.map((f) => {
    if (f.path !== path) return f;
    if (!f.content.includes(from)) throw new Error(`${path} has no ${from}`);
    return { path: f.path, content: f.content.replace(from, to) };
  });
}

const DOC = '/** Props of Card, from the Figma component "Card". */';
const HEADING_ID = '  const headingId = useId();';
const ELEVATED = '  elevated = true,';

describe.each(dbKinds)('branches and merges on %s', (kind) => {
  let t: TestApp;
  let button: string;
  let card: string;
  let badge: string;
  let button100: VersionJson;

  const createBranch = (componentId: string, body: unknown, token?: string) =>
    t.api('POST', `/api/v1/components/${componentId}/branches`, { body, ...(token ? { token } : {}) });
  const merge = (componentId: string, name: string, body?: unknown) =>
    t.api('POST', `/api/v1/components/${componentId}/branches/${name}/merge`, body === undefined ? {} : { body });
  const branchOf = async (componentId: string, name: string) =>
    (
      (await t.api('GET', `/api/v1/components/${componentId}/branches`)).json().items as {
        name: string;
        mergedAt: string | null;
        mergedVersion: { id: string } | null;
        headVersion: { version: string };
        versions: number;
      }[]
    ).find((b) => b.name === name)!;
  /** A hand-made draft (files only) on a branch or main, published; returns the published version. */
  const publishFiles = async (componentId: string, files: Files, bump: string, branch?: string) => {
    const d = await t.api('POST', `/api/v1/components/${componentId}/versions`, {
      body: { files, bump, ...(branch ? { branch } : {}) },
    });
    expect(d.statusCode, d.body).toBe(201);
    const p = await t.api('POST', `/api/v1/versions/${d.json().id}/publish`, { body: {} });
    expect(p.statusCode, p.body).toBe(200);
    return { draft: d.json() as VersionJson, published: p.json() as VersionJson };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await syncAndAccept(t);
    button = await componentIdByName(t, 'Button');
    card = await componentIdByName(t, 'Card');
    badge = await componentIdByName(t, 'Badge');
    button100 = await current(t, button);
  });
  afterAll(async () => t?.close());

  it('documents the branch, merge, rollback and regenerate routes in OpenAPI', async () => {
    const doc = (await t.api('GET', '/openapi.json', { token: null })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const path of [
      '/api/v1/components/{componentId}/branches',
      '/api/v1/components/{componentId}/branches/{name}/merge',
      '/api/v1/components/{componentId}/rollback',
      '/api/v1/components/{componentId}/regenerate',
    ]) {
      expect(doc.paths[path]?.post, path).toBeTruthy();
    }
  });

  describe('creating', () => {
    it('creates a branch from the current version and lists it', async () => {
      const res = await createBranch(button, { name: 'experimental' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        name: 'experimental',
        componentId: button,
        baseVersion: { id: button100.id, version: '1.0.0' },
        headVersion: { id: button100.id, version: '1.0.0' },
        versions: 0,
        pendingDraft: null,
        mergedAt: null,
        mergedVersion: null,
      });
      const list = await t.api('GET', `/api/v1/components/${button}/branches`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((b: { name: string }) => b.name)).toEqual(['experimental']);
      const audit = await t.db.prisma.auditEvent.findFirst({
        where: { action: 'branch.create', targetId: res.json().id },
      });
      expect(audit?.data).toMatchObject({ name: 'experimental', baseVersion: '1.0.0' });
    });

    it('refuses duplicates (409), bad names (400), drafts as base (422), unknown versions (404)', async () => {
      const dup = await createBranch(button, { name: 'experimental' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('branch_exists');
      for (const name of ['main', 'Experimental', '-x', 'a'.repeat(41), 'foo_bar', 'a b', '']) {
        const res = await createBranch(button, { name });
        expect(res.statusCode, name).toBe(400);
      }
      const draft = await t.api('POST', `/api/v1/components/${button}/versions`, {
        body: { files: button100.files, bump: 'patch' },
      });
      const fromDraft = await createBranch(button, { name: 'from-draft', fromVersionId: draft.json().id });
      expect(fromDraft.statusCode).toBe(422);
      expect(fromDraft.json().error.code).toBe('invalid_branch_base');
      await t.api('POST', `/api/v1/versions/${draft.json().id}/reject`, { body: {} });
      expect((await createBranch(button, { name: 'nowhere', fromVersionId: randomUUID() })).statusCode).toBe(404);
      expect((await createBranch(randomUUID(), { name: 'nowhere' })).statusCode).toBe(404);
      const other = await otherProject(t);
      expect((await createBranch(button, { name: 'theirs' }, other.token)).statusCode).toBe(404);
      expect((await t.api('GET', `/api/v1/components/${button}/branches`, { token: other.token })).statusCode).toBe(
        404,
      );
      expect(await branchOf(button, 'experimental')).toBeTruthy();
      expect((await t.api('GET', `/api/v1/components/${button}/branches`)).json().items).toHaveLength(1);
    });
  });

  describe('versions on a branch, merged with main unmoved', () => {
    let e1: VersionJson;
    let e2: VersionJson;

    it('numbers branch versions as prereleases and keeps main where it was', async () => {
      const files1 = edit(button100.files!, 'Button.tsx', '/**', '/** experimental 1 */\n/**');
      const first = await publishFiles(button, files1, 'minor', 'experimental');
      expect(first.draft).toMatchObject({ version: '1.1.0-experimental.1', status: 'draft', branch: 'experimental' });
      e1 = first.published;
      expect(e1).toMatchObject({ version: '1.1.0-experimental.1', status: 'published', branch: 'experimental' });
      e2 = (
        await publishFiles(
          button,
          edit(files1, 'Button.tsx', 'experimental 1', 'experimental 2'),
          'patch',
          'experimental',
        )
      ).published;
      // A smaller bump after a bigger one stays on the bigger core.
      expect(e2.version).toBe('1.1.0-experimental.2');
      expect((await current(t, button)).id).toBe(button100.id);
      expect(await branchOf(button, 'experimental')).toMatchObject({
        headVersion: { version: '1.1.0-experimental.2' },
        versions: 2,
      });
    });

    it('filters history by branch', async () => {
      const res = await t.api('GET', `/api/v1/components/${button}/versions?branch=experimental&status=published`);
      expect(res.json().items.map((v: { version: string }) => v.version)).toEqual([
        '1.1.0-experimental.2',
        '1.1.0-experimental.1',
      ]);
      const main = await t.api('GET', `/api/v1/components/${button}/versions?branch=main&status=published`);
      expect(main.json().items.map((v: { version: string }) => v.version)).toEqual(['1.0.0']);
    });

    it('fast-forwards: main gets the next version with the branch head files, and the branch closes', async () => {
      const res = await merge(button, 'experimental');
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      // Hand-made branch versions have no stored inputs: the bump is the largest published on the branch (minor).
      expect(body).toMatchObject({
        status: 'merged',
        strategy: 'fast-forward',
        version: { version: '1.1.0', status: 'published', trigger: 'merge', tags: ['merge'], branch: 'main' },
      });
      expect(body.version.summary[0]).toBe('merge of branch experimental (1.1.0-experimental.2)');
      expect(body.diff.files.map((f: { path: string }) => f.path)).toEqual(['Button.tsx']);
      const now = await current(t, button);
      expect(now.id).toBe(body.version.id);
      expect(now.files).toEqual((await version(t, e2.id)).files);
      expect(body.branch).toMatchObject({ mergedVersion: { id: now.id, version: '1.1.0' } });
      expect(body.branch.mergedAt).toBeTruthy();
      const audit = await t.db.prisma.auditEvent.findMany({
        where: { action: { in: ['branch.merge', 'branch.close'] }, targetId: body.branch.id },
      });
      expect(audit.map((a) => a.action).sort()).toEqual(['branch.close', 'branch.merge']);
      expect(audit.find((a) => a.action === 'branch.merge')!.afterHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses to merge it again, and closes it to new drafts (409)', async () => {
      const before = await rowCounts(t);
      const again = await merge(button, 'experimental');
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('branch_merged');
      const draft = await t.api('POST', `/api/v1/components/${button}/versions`, {
        body: { files: button100.files, bump: 'patch', branch: 'experimental' },
      });
      expect(draft.statusCode).toBe(409);
      expect(draft.json().error.code).toBe('branch_merged');
      const regenerated = await t.api('POST', `/api/v1/components/${button}/regenerate`, {
        body: { branch: 'experimental', force: true },
      });
      expect(regenerated.statusCode).toBe(409);
      expect(regenerated.json().error.code).toBe('branch_merged');
      expect(await rowCounts(t)).toEqual(before);
      expect((await merge(button, 'nope')).statusCode).toBe(404);
    });

    it('refuses to merge a branch without versions (422)', async () => {
      expect((await createBranch(button, { name: 'empty' })).statusCode).toBe(201);
      const res = await merge(button, 'empty');
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('nothing_to_merge');
    });
  });

  describe('a regenerated branch (stored inputs)', () => {
    it('regenerates on a branch, publishes 1.1.0-tones.1 and fast-forwards with the bump from the inputs', async () => {
      expect((await createBranch(badge, { name: 'tones' })).statusCode).toBe(201);
      const spec = designSystem().components[1]!;
      spec.props.push({ name: 'dot', id: 'dot#2:0', kind: 'boolean', default: false });
      const regen = await t.api('POST', `/api/v1/components/${badge}/regenerate`, { body: { spec, branch: 'tones' } });
      expect(regen.statusCode, regen.body).toBe(201);
      expect(regen.json().draft).toMatchObject({
        version: '1.1.0-tones.1',
        branch: 'tones',
        status: 'draft',
        trigger: 'manual',
      });
      const published = await t.api('POST', `/api/v1/versions/${regen.json().draft.id}/publish`, { body: {} });
      expect(published.json()).toMatchObject({ version: '1.1.0-tones.1', status: 'published' });
      const head = await version(t, regen.json().draft.id);

      const res = await merge(badge, 'tones');
      expect(res.statusCode, res.body).toBe(201);
      const v = res.json().version;
      expect(v).toMatchObject({
        version: '1.1.0',
        bump: 'minor',
        specHash: head.specHash,
        tokensHash: head.tokensHash,
        patternId: head.patternId,
      });
      expect(v.summary).toContain('prop `dot` added');
      expect((await current(t, badge)).files).toEqual(head.files);
      // Nothing new to regenerate on main now: its inputs are the branch's.
      const again = await t.api('POST', `/api/v1/components/${badge}/regenerate`, { body: { spec } });
      expect(again.json()).toMatchObject({ changed: false });
    });
  });

  describe('main moved: three-way merges', () => {
    let card100: VersionJson;

    beforeAll(async () => {
      card100 = await current(t, card);
    });

    it('merges non-overlapping edits cleanly and keeps both', async () => {
      expect((await createBranch(card, { name: 'docs' })).statusCode).toBe(201);
      await publishFiles(
        card,
        edit(card100.files!, 'Card.tsx', DOC, '/** Props of Card (documented on a branch). */'),
        'patch',
        'docs',
      );
      const mainFiles = [
        ...edit(card100.files!, 'Card.tsx', HEADING_ID, `${HEADING_ID} // main`),
        { path: 'README.md', content: '# Card\n' },
      ];
      const moved = (await publishFiles(card, mainFiles, 'minor')).published;
      expect(moved.version).toBe('1.1.0');

      const res = await merge(card, 'docs');
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        status: 'merged',
        strategy: 'three-way',
        version: { version: '1.1.1', hasConflicts: false, status: 'published' },
      });
      const merged = await current(t, card);
      const tsx = merged.files!.find((f) => f.path === 'Card.tsx')!.content;
      expect(tsx).toContain('documented on a branch');
      expect(tsx).toContain(`${HEADING_ID} // main`);
      expect(tsx).not.toContain('<<<<<<<');
      expect(merged.files!.map((f) => f.path)).toContain('README.md');
      expect(body.diff.files.map((f: { path: string }) => f.path)).toEqual(['Card.tsx']);
      expect((await branchOf(card, 'docs')).mergedVersion?.id).toBe(merged.id);
    });

    it('overlapping edits: a draft on main with conflict markers, nothing published, conflicts reported', async () => {
      const base = await current(t, card);
      expect((await createBranch(card, { name: 'clash' })).statusCode).toBe(201);
      await publishFiles(card, edit(base.files!, 'Card.tsx', ELEVATED, '  elevated = false,'), 'patch', 'clash');
      const moved = (
        await publishFiles(card, edit(base.files!, 'Card.tsx', ELEVATED, '  elevated = Boolean(1),'), 'minor')
      ).published;
      expect(moved.version).toBe('1.2.0');
      const before = await t.db.prisma.componentVersion.count({ where: { componentId: card, status: 'published' } });

      const res = await merge(card, 'clash');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.status).toBe('conflicts');
      expect(body.draft).toMatchObject({ status: 'draft', hasConflicts: true, trigger: 'merge', branch: 'main' });
      expect(body.conflicts).toHaveLength(1);
      expect(body.conflicts[0]).toMatchObject({ path: 'Card.tsx' });
      const { startLine, endLine } = body.conflicts[0];
      expect(body.draft.warnings).toEqual([
        `conflict in Card.tsx lines ${startLine}–${endLine}: main (1.2.0) and branch clash (1.1.2-clash.1) both changed it`,
      ]);
      const tsx = (await version(t, body.draft.id)).files!.find((f) => f.path === 'Card.tsx')!.content;
      const lines = tsx.split('\n');
      expect(lines[startLine - 1]).toBe('<<<<<<< main 1.2.0');
      expect(lines[endLine - 1]).toBe('>>>>>>> clash 1.1.2-clash.1');
      expect(tsx).toContain('  elevated = false,');
      expect(tsx).toContain('  elevated = Boolean(1),');
      // Main did not move; the branch stays open.
      expect((await current(t, card)).id).toBe(moved.id);
      expect(await t.db.prisma.componentVersion.count({ where: { componentId: card, status: 'published' } })).toBe(
        before,
      );
      expect((await branchOf(card, 'clash')).mergedAt).toBeNull();
    });

    it('publishes the caller-resolved files as the merge, closing the branch; markers are refused', async () => {
      const conflicted = (
        await t.db.prisma.componentVersion.findFirstOrThrow({
          where: { componentId: card, status: 'draft', trigger: 'merge' },
        })
      ).id;
      const files = (await version(t, conflicted)).files!;
      const marked = await merge(card, 'clash', { files });
      expect(marked.statusCode).toBe(422);
      expect(marked.json().error).toMatchObject({ code: 'unresolved_conflicts', details: { paths: ['Card.tsx'] } });

      const resolved = (await current(t, card)).files!.map((f) => ({
        path: f.path,
        content: f.path === 'Card.tsx' ? f.content.replace('Boolean(1)', 'false') : f.content,
      }));
      const res = await merge(card, 'clash', { files: resolved });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'merged',
        strategy: 'resolved',
        version: { version: '1.2.1', status: 'published', hasConflicts: false },
      });
      expect((await current(t, card)).files!.map((f) => ({ path: f.path, content: f.content }))).toEqual(resolved);
      expect((await version(t, conflicted)).status).toBe('superseded');
      expect((await branchOf(card, 'clash')).mergedVersion?.id).toBe(res.json().version.id);
    });

    it('publishing a merge draft by hand closes its branch too', async () => {
      const base = await current(t, card);
      expect((await createBranch(card, { name: 'clash-two' })).statusCode).toBe(201);
      await publishFiles(
        card,
        edit(base.files!, 'Card.tsx', '  elevated = false,', '  elevated = !0,'),
        'patch',
        'clash-two',
      );
      await publishFiles(card, edit(base.files!, 'Card.tsx', '  elevated = false,', '  elevated = !1,'), 'patch');
      const res = await merge(card, 'clash-two');
      expect(res.json().status).toBe('conflicts');
      const draftId = res.json().draft.id;
      // Conflict markers are never published by accident…
      const refused = await t.api('POST', `/api/v1/versions/${draftId}/publish`, { body: {} });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('unresolved_conflicts');
      // …but once resolved by hand, the draft publishes.
      const draft = (await t.api('GET', `/api/v1/versions/${draftId}`)).json() as {
        files: Array<{ path: string; content: string }>;
      };
      const resolved = draft.files.map((f) => ({
        path: f.path,
        content: f.content.replace(/^<{7}[^\n]*\n([\s\S]*?)={7}\n[\s\S]*?>{7}[^\n]*\n/gm, '$1'),
      }));
      expect(
        (await t.api('PUT', `/api/v1/versions/${draftId}/files`, { body: { files: resolved } })).json(),
      ).toMatchObject({ hasConflicts: false });
      const published = await t.api('POST', `/api/v1/versions/${draftId}/publish`, { body: {} });
      expect(published.statusCode, published.body).toBe(200);
      expect((await branchOf(card, 'clash-two')).mergedVersion?.id).toBe(res.json().draft.id);
    });

    it('answers up_to_date when main already has the branch changes', async () => {
      const base = await current(t, card);
      expect((await createBranch(card, { name: 'same' })).statusCode).toBe(201);
      const files = edit(base.files!, 'Card.tsx', 'export function Card', '// same on both\nexport function Card');
      await publishFiles(card, files, 'patch', 'same');
      const moved = (await publishFiles(card, files, 'patch')).published;
      const res = await merge(card, 'same');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'up_to_date',
        version: { id: moved.id },
        branch: { mergedVersion: { id: moved.id } },
      });
      expect((await current(t, card)).id).toBe(moved.id);
    });
  });
});

describe.each(dbKinds)('merged inputs stay consistent on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it('a merge taking the spec from the branch and the tokens from main stores every token the spec binds, so regenerate works without a body', async () => {
    await syncAndAccept(t);
    const button = await componentIdByName(t, 'Button');
    expect(
      (await t.api('POST', `/api/v1/components/${button}/branches`, { body: { name: 'direct-fill' } })).statusCode,
    ).toBe(201);

    // On the branch: the small size binds blue/500 directly (a token already in the closure, so the branch's tokens are unchanged).
    const spec = designSystem().components.find((c) => c.name === 'Button')!;
    spec.variants[0]!.bindings.fill = 'VariableID:1:1';
    const onBranch = await t.api('POST', `/api/v1/components/${button}/regenerate`, {
      body: { branch: 'direct-fill', spec },
    });
    expect(onBranch.statusCode, onBranch.body).toBe(201);
    expect((await t.api('POST', `/api/v1/versions/${onBranch.json().draft.id}/publish`, { body: {} })).statusCode).toBe(
      200,
    );

    // On main: color/action/primary no longer aliases blue/500, so main's closure drops it.
    await syncAndAccept(t, (ds) => {
      ds.tokens.tokens.find((x) => x.id === 'VariableID:2:1')!.valuesByMode['2:0'] = {
        colorSpace: 'srgb',
        components: [0, 0, 0],
        alpha: 1,
        hex: '#000000',
      };
    });

    const merged = await t.api('POST', `/api/v1/components/${button}/branches/direct-fill/merge`, { body: {} });
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json()).toMatchObject({ status: 'merged', strategy: 'three-way' });
    const row = await t.db.prisma.componentVersion.findUniqueOrThrow({ where: { id: merged.json().version.id } });
    const stored = row.tokens as unknown as { tokens: { id: string }[] };
    const boundByMergedSpec = [
      'VariableID:1:1',
      'VariableID:2:1',
      'VariableID:1:5',
      'VariableID:1:6',
      'VariableID:1:7',
    ];
    expect(stored.tokens.map((x) => x.id)).toEqual(expect.arrayContaining(boundByMergedSpec));

    const again = await t.api('POST', `/api/v1/components/${button}/regenerate`);
    expect(again.statusCode, again.body).toBeLessThan(300);
  });
});
