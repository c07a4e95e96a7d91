import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { dbKinds } from '../../helpers/databases.js';
import { otherProject, startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';

type Proposal = {
  componentId: string;
  componentName: string;
  draftVersionId: string;
  toVersion: string;
  bump: string;
  warnings: string[];
  files: Array<{ path: string; status: string }>;
};
type SyncBody = { syncId: string; status: string; proposals: Proposal[]; unchanged: number; errors: unknown[] };
type FileOut = { path: string; content: string };
type VersionBody = {
  id: string;
  version: string;
  status: string;
  customized: boolean;
  hasConflicts: boolean;
  warnings: string[];
  files: FileOut[];
};

const COMMENT = '// Team note: keep this component in sync with the accessibility checklist.';
const HELPER = 'export const buttonTestId = (name: string) => `button-${name}`;\n';

/** Adds a size option "xl" (a spec change that rewrites parts of Button.tsx). */
function addXl(ds: { components: ComponentSpec[] }): void {
  const button = ds.components.find((c) => c.name === 'Button')!;
  button.props[0]!.options = ['sm', 'md', 'lg', 'xl'];
  button.variants.push({
    id: '10:5',
    values: { size: 'xl' },
    bindings: { fill: 'VariableID:2:1', paddingLeft: 'VariableID:1:6', radius: 'VariableID:1:7' },
  });
}

describe.each(dbKinds)('customizations on %s', (kind) => {
  let t: TestApp;
  let buttonId: string;
  let badgeId: string;
  const sync = async (mutate: (ds: { tokens: TokenSet; components: ComponentSpec[] }) => void) => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body: syncRequest(mutate) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SyncBody;
  };
  const version = async (id: string) => (await t.api('GET', `/api/v1/versions/${id}`)).json() as VersionBody;
  const fileOf = (v: VersionBody, path: string) => v.files.find((f) => f.path === path)?.content;
  const component = async (id: string) =>
    (await t.api('GET', `/api/v1/components/${id}`)).json() as {
      currentVersion: { id: string; version: string } | null;
    };
  const put = (id: string, files: FileOut[], token?: string) =>
    t.api('PUT', `/api/v1/components/${id}/customizations`, { body: { files }, ...(token ? { token } : {}) });

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = await sync(() => undefined);
    const res = await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: { decisions: first.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect(res.statusCode, res.body).toBe(200);
    buttonId = first.proposals.find((p) => p.componentName === 'Button')!.componentId;
    badgeId = first.proposals.find((p) => p.componentName === 'Badge')!.componentId;
  });
  afterAll(async () => t?.close());

  it('refuses bad uploads: no published version (422), unsafe or duplicate paths (400), conflict markers and no edits (422)', async () => {
    const created = await t.api('POST', `/api/v1/projects/${t.projectId}/components`, { body: { name: 'Draft Only' } });
    const unpublished = await put(created.json().id, [{ path: 'DraftOnly.tsx', content: 'x' }]);
    expect(unpublished.statusCode).toBe(422);
    expect(unpublished.json().error.code).toBe('no_published_version');

    for (const path of ['../escape.ts', '/etc/passwd', 'a//b.ts', './Button.tsx', 'src\\x.ts']) {
      const res = await put(buttonId, [{ path, content: 'x' }]);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.message).toContain(JSON.stringify(path));
    }
    const twice = await put(buttonId, [
      { path: 'Button.tsx', content: 'a' },
      { path: 'Button.tsx', content: 'b' },
    ]);
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain('appears twice');

    const marked = await put(buttonId, [
      { path: 'Button.tsx', content: '<<<<<<< customized\na\n=======\nb\n>>>>>>> regenerated\n' },
    ]);
    expect(marked.statusCode).toBe(422);
    expect(marked.json().error.code).toBe('unresolved_conflicts');

    const current = await version((await component(buttonId)).currentVersion!.id);
    const same = await put(buttonId, [{ path: 'Button.tsx', content: fileOf(current, 'Button.tsx')! }]);
    expect(same.statusCode).toBe(422);
    expect(same.json().error.code).toBe('no_changes');

    expect((await t.api('GET', `/api/v1/components/${buttonId}/customizations`)).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/v1/components/${buttonId}/customizations`)).statusCode).toBe(404);
    expect(await t.db.prisma.customization.count()).toBe(0);
  });

  it('stores edited and new files against the current version, with per-file stats, and audits it', async () => {
    const current = await version((await component(buttonId)).currentVersion!.id);
    expect(current.version).toBe('1.0.0');
    const edited = `${COMMENT}\n${fileOf(current, 'Button.tsx')}`;
    const res = await put(buttonId, [
      { path: 'Button.tsx', content: edited },
      { path: 'Button.helpers.ts', content: HELPER },
      { path: 'Button.module.css', content: fileOf(current, 'Button.module.css')! },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ componentId: buttonId, versionId: current.id, version: '1.0.0', warnings: [] });
    expect(body.files).toEqual([
      { path: 'Button.helpers.ts', status: 'added', added: 1, removed: 0, source: 'uploaded' },
      { path: 'Button.module.css', status: 'unchanged', added: 0, removed: 0, source: 'uploaded' },
      { path: 'Button.tsx', status: 'modified', added: 1, removed: 0, source: 'uploaded' },
    ]);

    const got = (await t.api('GET', `/api/v1/components/${buttonId}/customizations`)).json();
    expect(got).toMatchObject({ id: body.id, versionId: current.id, version: '1.0.0' });
    // Only files that differ from the generated ones are kept.
    expect(got.files.map((f: FileOut) => f.path)).toEqual(['Button.helpers.ts', 'Button.tsx']);
    expect(got.files.find((f: FileOut) => f.path === 'Button.tsx').content).toBe(edited);

    const audit = (await t.api('GET', `/api/v1/projects/${t.projectId}/audit?action=customization.put`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ targetType: 'customization', targetId: body.id, beforeHash: null });
    expect(audit.items[0].data).toMatchObject({
      componentId: buttonId,
      version: '1.0.0',
      paths: ['Button.helpers.ts', 'Button.tsx'],
    });
  });

  it('a token change regenerates the draft and keeps the customization', async () => {
    const s = await sync((ds) => setColor(ds.tokens, 'VariableID:1:1', '#1166ff'));
    expect(s.proposals.map((p) => p.componentName)).toEqual(['Button']);
    const p = s.proposals[0]!;
    expect(p.bump).toBe('minor');
    expect(p.warnings).toContain('customizations preserved in Button.tsx');
    expect(p.warnings).toContain('customizations preserved in Button.helpers.ts');
    expect(p.warnings.some((w) => w.startsWith('conflict'))).toBe(false);
    const draft = await version(p.draftVersionId);
    expect(draft).toMatchObject({ status: 'draft', customized: true, hasConflicts: false });
    expect(fileOf(draft, 'Button.tsx')!.split('\n')[0]).toBe(COMMENT);
    expect(fileOf(draft, 'Button.helpers.ts')).toBe(HELPER);
    expect(fileOf(draft, 'tokens.css')).toContain('--color-blue-500: #1166ff;');
    expect(fileOf(draft, 'tokens.css')).not.toContain('#0055ff');
  });

  it('merges an edit and a regeneration of the same file cleanly (spec change), and publishes it on accept', async () => {
    const s = await sync((ds) => {
      setColor(ds.tokens, 'VariableID:1:1', '#1166ff');
      addXl(ds);
    });
    const p = s.proposals.find((x) => x.componentName === 'Button')!;
    expect(p.warnings).toContain('customizations preserved in Button.tsx');
    const draft = await version(p.draftVersionId);
    const tsx = fileOf(draft, 'Button.tsx')!;
    expect(tsx.split('\n')[0]).toBe(COMMENT);
    expect(tsx).toContain("export type ButtonSize = 'sm' | 'md' | 'lg' | 'xl';");
    expect(tsx).toContain("xl: styles['size-xl'],");
    expect(draft).toMatchObject({ customized: true, hasConflicts: false });
    const res = await t.api('POST', `/api/v1/syncs/${s.syncId}/decisions`, {
      body: { decisions: [{ componentId: buttonId, decision: 'accept' }] },
    });
    expect(res.json().results[0]).toMatchObject({ ok: true, status: 'published', version: '1.1.0' });
  });

  let conflicting: Proposal;

  it('a customization of a line the regeneration changes conflicts: markers, one warning per region, never auto-published', async () => {
    const current = await version((await component(buttonId)).currentVersion!.id);
    expect(current).toMatchObject({ version: '1.1.0', customized: true });
    const css = fileOf(current, 'tokens.css')!.replace(
      '--color-blue-500: #1166ff;',
      '--color-blue-500: #1166ff; /* brand blue, approved */',
    );
    const res = await put(buttonId, [{ path: 'tokens.css', content: css }]);
    expect(res.statusCode, res.body).toBe(200);
    // The edits merged into 1.1.0 earlier are carried into the new customization, so they survive.
    expect(res.json()).toMatchObject({ versionId: current.id, version: '1.1.0' });
    expect(res.json().files).toEqual([
      { path: 'Button.helpers.ts', status: 'added', added: 1, removed: 0, source: 'carried' },
      { path: 'Button.tsx', status: 'modified', added: 1, removed: 0, source: 'carried' },
      { path: 'tokens.css', status: 'modified', added: 1, removed: 1, source: 'uploaded' },
    ]);
    const audit = (await t.api('GET', `/api/v1/projects/${t.projectId}/audit?action=customization.put`)).json();
    expect(audit.items[0].beforeHash).toBe(audit.items[1].afterHash);
    expect(await t.db.prisma.customization.count({ where: { componentId: buttonId, replacedAt: null } })).toBe(1);

    expect((await t.api('PATCH', `/api/v1/components/${buttonId}`, { body: { policy: 'auto' } })).statusCode).toBe(200);
    const s = await sync((ds) => {
      setColor(ds.tokens, 'VariableID:1:1', '#2277ff');
      addXl(ds);
    });
    conflicting = s.proposals.find((x) => x.componentName === 'Button')!;
    expect(conflicting.bump).toBe('minor');
    const conflictWarnings = conflicting.warnings.filter((w) => w.startsWith('conflict'));
    expect(conflictWarnings).toHaveLength(1);
    expect(conflictWarnings[0]).toMatch(/^conflict in tokens\.css lines \d+–\d+/);
    expect(conflicting.warnings).toContain('customizations preserved in Button.tsx');

    const draft = await version(conflicting.draftVersionId);
    expect(draft).toMatchObject({ status: 'draft', hasConflicts: true, customized: true });
    const merged = fileOf(draft, 'tokens.css')!;
    expect(merged).toMatch(
      /^<<<<<<< customized\n\s*--color-blue-500: #1166ff; \/\* brand blue, approved \*\/\n=======\n\s*--color-blue-500: #2277ff;\n>>>>>>> regenerated$/m,
    );
    expect(merged.match(/^<<<<<<< /gm)).toHaveLength(1);
    expect(fileOf(draft, 'Button.tsx')!.split('\n')[0]).toBe(COMMENT);
    expect(fileOf(draft, 'Button.helpers.ts')).toBe(HELPER);
    // Policy auto, minor bump — and still waiting for a person, because of the conflict.
    expect((await component(buttonId)).currentVersion!.version).toBe('1.1.0');
    const notes = (await t.api('GET', `/api/v1/projects/${t.projectId}/notifications`)).json();
    expect(
      notes.items.some(
        (n: { componentId: string; body: string }) => n.componentId === buttonId && n.body.includes('merge conflicts'),
      ),
    ).toBe(true);
  });

  it('refuses to publish unresolved conflict markers until the draft is resolved by hand (or forced)', async () => {
    const refused = await t.api('POST', `/api/v1/versions/${conflicting.draftVersionId}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('unresolved_conflicts');
    expect(refused.json().error.message).toContain(`PUT /versions/${conflicting.draftVersionId}/files`);
    const draft = await version(conflicting.draftVersionId);
    const resolve = (content: string) =>
      content.replace(/^<{7} customized\n([\s\S]*?)={7}\n[\s\S]*?>{7} regenerated\n/gm, '$1');
    const stillMarked = await t.api('PUT', `/api/v1/versions/${draft.id}/files`, {
      body: {
        files: draft.files.map((f: { path: string; content: string }) => ({ path: f.path, content: f.content })),
      },
    });
    expect(stillMarked.json()).toMatchObject({ hasConflicts: true });
    const resolved = await t.api('PUT', `/api/v1/versions/${draft.id}/files`, {
      body: {
        files: draft.files.map((f: { path: string; content: string }) => ({
          path: f.path,
          content: resolve(f.content),
        })),
      },
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'draft', hasConflicts: false });
    expect(resolved.json().warnings).toContain('merge conflicts resolved by hand');
    const css = fileOf(await version(draft.id), 'tokens.css')!;
    expect(css).not.toMatch(/^<{7}|^>{7}/m);
    expect(css).toContain('brand blue, approved');
  });

  it('under policy auto a conflict-free minor change is published at once; after DELETE the customization no longer applies', async () => {
    expect((await t.api('PATCH', `/api/v1/components/${badgeId}`, { body: { policy: 'auto' } })).statusCode).toBe(200);
    const s = await sync((ds) => {
      setColor(ds.tokens, 'VariableID:1:1', '#2277ff');
      setColor(ds.tokens, 'VariableID:1:3', '#00bb66');
      addXl(ds);
    });
    const badge = s.proposals.find((x) => x.componentName === 'Badge')!;
    expect(badge.bump).toBe('minor');
    expect((await version(badge.draftVersionId)).status).toBe('published');
    expect((await component(badgeId)).currentVersion!.version).toBe('1.1.0');
    // Button's conflicting draft is still the pending proposal, unpublished.
    expect((await version(conflicting.draftVersionId)).status).toBe('draft');

    const del = await t.api('DELETE', `/api/v1/components/${buttonId}/customizations`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await t.api('GET', `/api/v1/components/${buttonId}/customizations`)).statusCode).toBe(404);
    const audit = (await t.api('GET', `/api/v1/projects/${t.projectId}/audit?action=customization.delete`)).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].targetId).toBe(del.json().id);

    const next = await sync((ds) => {
      setColor(ds.tokens, 'VariableID:1:1', '#3388ff');
      setColor(ds.tokens, 'VariableID:1:3', '#00bb66');
      addXl(ds);
    });
    const button = next.proposals.find((x) => x.componentName === 'Button')!;
    const v = await version(button.draftVersionId);
    expect(v).toMatchObject({ status: 'published', version: '1.2.0', customized: false, hasConflicts: false });
    expect(fileOf(v, 'Button.tsx')).not.toContain(COMMENT);
    expect(fileOf(v, 'Button.helpers.ts')).toBeUndefined();
    expect((await version(conflicting.draftVersionId)).status).toBe('superseded');
  });

  it('concurrent uploads for one component leave exactly one active customization', async () => {
    const current = await version((await component(buttonId)).currentVersion!.id);
    const tsx = fileOf(current, 'Button.tsx')!;
    const results = await Promise.all(
      ['// first\n', '// second\n'].map((line) => put(buttonId, [{ path: 'Button.tsx', content: line + tsx }])),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const active = await t.db.prisma.customization.findMany({ where: { componentId: buttonId, replacedAt: null } });
    expect(active).toHaveLength(1);
    expect((await t.api('GET', `/api/v1/components/${buttonId}/customizations`)).json().id).toBe(active[0]!.id);
  });

  it("another project's token cannot see or change this project's customizations (404)", async () => {
    const other = await otherProject(t);
    expect((await put(buttonId, [{ path: 'Button.tsx', content: 'x' }], other.token)).statusCode).toBe(404);
    expect(
      (await t.api('GET', `/api/v1/components/${buttonId}/customizations`, { token: other.token })).statusCode,
    ).toBe(404);
    expect(
      (await t.api('DELETE', `/api/v1/components/${buttonId}/customizations`, { token: other.token })).statusCode,
    ).toBe(404);
    expect((await t.api('GET', `/api/v1/components/${buttonId}/customizations`, { token: null })).statusCode).toBe(401);
  });
});
