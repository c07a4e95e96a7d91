import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { interfaceIncompatibilities } from '../../../core/changes/interface-compat.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { dbKinds } from '../../helpers/databases.js';
import { otherProject, startTestApp, type TestApp } from '../../helpers/app.js';
import { designSystem, setColor } from '../../helpers/sync-fixtures.js';
import {
  componentIdByName,
  current,
  rowCounts,
  sync,
  syncAndAccept,
  version,
  type VersionJson,
} from '../../helpers/versioning.js';

const BLUE = 'VariableID:1:1';
const withIcon = (ds: { components: ComponentSpec[] }) => {
  ds.components[0]!.props.push({ name: 'icon', id: 'icon#1:9', kind: 'boolean', default: false });
};

describe.each(dbKinds)('rollback on %s', (kind) => {
  let t: TestApp;
  let button: string;
  let v100: VersionJson;
  let v110: VersionJson;
  let staleDraft: string;

  const rollback = (body: unknown, token?: string) =>
    t.api('POST', `/api/v1/components/${button}/rollback`, { body, ...(token ? { token } : {}) });

  beforeAll(async () => {
    t = await startTestApp(kind);
    await syncAndAccept(t);
    button = await componentIdByName(t, 'Button');
    v100 = await current(t, button);
    await syncAndAccept(t, (ds) => setColor(ds.tokens, BLUE, '#1144ee'));
    v110 = await current(t, button);
    // A proposal under review while the rollback happens.
    staleDraft = (await sync(t, (ds) => setColor(ds.tokens, BLUE, '#2266dd'))).drafts.get(button)!;
  });
  afterAll(async () => t?.close());

  it('starts from 1.0.0 and 1.1.0 (a token change)', () => {
    expect(v100.version).toBe('1.0.0');
    expect(v110.version).toBe('1.1.0');
    expect(staleDraft).toBeTruthy();
  });

  it('rolls back to 1.0.0 as a new published patch version 1.1.1 with the same inputs and files', async () => {
    const res = await rollback({ targetVersionId: v100.id });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.version).toMatchObject({
      version: '1.1.1',
      status: 'published',
      trigger: 'rollback',
      tags: ['rollback'],
      branch: 'main',
      bump: 'patch',
      parentVersionId: v110.id,
    });
    expect(body.version.summary[0]).toBe('rollback to 1.0.0');
    expect(body.version.summary.join('\n')).toContain('color/blue/500');
    expect(body.previousVersion.version).toBe('1.1.0');
    expect(body.rolledBackTo.version).toBe('1.0.0');
    expect(body.warnings).toEqual([]);
    // The diff is against the version it replaces: the blue value goes back.
    expect(body.diff.stats.filesModified).toBeGreaterThan(0);
    const css = body.diff.files.find((f: { path: string }) => f.path === 'tokens.css' || f.path.endsWith('.css'));
    expect(css.hunks.length).toBeGreaterThan(0);
    expect(css.unified).toMatch(/^-.*#1144ee/im);

    const now = await current(t, button);
    expect(now.id).toBe(body.version.id);
    expect(now).toMatchObject({
      tokensHash: v100.tokensHash,
      specHash: v100.specHash,
      patternId: v100.patternId,
      patternVersion: v100.patternVersion,
    });
    expect(now.files).toEqual(v100.files);

    const compare = await t.api('GET', `/api/v1/components/${button}/compare?from=1.0.0&to=1.1.1`);
    expect(compare.statusCode, compare.body).toBe(200);
    expect(compare.json().files).toEqual([]);
    expect(compare.json().stats).toMatchObject({
      filesModified: 0,
      filesAdded: 0,
      filesRemoved: 0,
      linesAdded: 0,
      linesRemoved: 0,
    });
  });

  it('audits the rollback with before and after hashes in the same transaction', async () => {
    const events = await t.db.prisma.auditEvent.findMany({ where: { action: 'version.rollback', targetId: button } });
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.beforeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.afterHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.afterHash).not.toBe(e.beforeHash);
    expect(e.data).toMatchObject({ from: '1.1.0', to: '1.0.0', version: '1.1.1', forced: false });
    // The files of 1.1.1 hash like those of 1.0.0.
    const created = await t.db.prisma.auditEvent.findMany({
      where: { action: 'version.create', targetId: { in: [v100.id] } },
    });
    expect(created[0]!.afterHash).toBe(e.afterHash);
  });

  it('leaves drafts under review pending, but stale: publishing one is a 409', async () => {
    expect((await version(t, staleDraft)).status).toBe('draft');
    const res = await t.api('POST', `/api/v1/versions/${staleDraft}/publish`, { body: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('stale_draft');
    expect((await version(t, staleDraft)).status).toBe('draft');
  });

  it('refuses the current version (409), drafts and rejected versions (422), unknown ids (404)', async () => {
    const now = await current(t, button);
    const cur = await rollback({ targetVersionId: now.id });
    expect(cur.statusCode).toBe(409);
    expect(cur.json().error).toMatchObject({ code: 'already_current' });
    expect(cur.json().error.message).toContain('1.1.1 is already the current version');

    const draft = await rollback({ targetVersionId: staleDraft });
    expect(draft.statusCode).toBe(422);
    expect(draft.json().error.code).toBe('invalid_rollback_target');
    expect(draft.json().error.message).toContain('is draft; only published or archived versions');

    await t.api('POST', `/api/v1/versions/${staleDraft}/reject`, { body: {} });
    const rejected = await rollback({ targetVersionId: staleDraft });
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json().error.message).toContain('is rejected');

    expect((await rollback({ targetVersionId: randomUUID() })).statusCode).toBe(404);
    // A version of another component is not found through this one.
    const badge = await componentIdByName(t, 'Badge');
    const badgeVersion = (await current(t, badge)).id;
    expect((await rollback({ targetVersionId: badgeVersion })).statusCode).toBe(404);
    expect((await rollback({ targetVersionId: 'nope' })).statusCode).toBe(400);
  });

  it('refuses a version whose inputs and files the current one already has', async () => {
    // 1.1.1 is a copy of 1.0.0.
    const res = await rollback({ targetVersionId: v100.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('nothing_to_roll_back');
  });

  it('refuses an incompatible rollback with 422 and its reasons, storing nothing', async () => {
    await syncAndAccept(t, withIcon);
    const v120 = await current(t, button);
    expect(v120.version).toBe('1.2.0');
    const before = await rowCounts(t);
    const res = await rollback({ targetVersionId: v100.id });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('incompatible_rollback');
    expect(error.details.reasons).toEqual(['prop `icon` exists in 1.2.0 but not in 1.0.0']);
    expect(error.message).toContain('force: true');
    expect(await rowCounts(t)).toEqual(before);
  });

  it('rolls back anyway with force: the reasons become warnings on the new version', async () => {
    const res = await rollback({ targetVersionId: v100.id, force: true });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.version).toMatchObject({ version: '1.2.1', status: 'published', tags: ['rollback'] });
    expect(body.warnings).toEqual(['forced rollback: prop `icon` exists in 1.2.0 but not in 1.0.0']);
    expect(body.version.warnings).toEqual(body.warnings);
    expect((await current(t, button)).files).toEqual(v100.files);
    const audit = await t.db.prisma.auditEvent.findFirst({
      where: { action: 'version.rollback', targetId: button },
      orderBy: { createdAt: 'desc' },
    });
    expect(audit!.data).toMatchObject({ forced: true, reasons: ['prop `icon` exists in 1.2.0 but not in 1.0.0'] });
  });

  it('rolls back to an archived version (a sync that was undone)', async () => {
    const syncId = await syncAndAccept(t, (ds) => setColor(ds.tokens, BLUE, '#0000aa'));
    const undone = await current(t, button);
    expect(undone.version).toBe('1.3.0');
    expect((await t.api('POST', `/api/v1/syncs/${syncId}/undo`, { body: {} })).statusCode).toBe(200);
    expect((await version(t, undone.id)).status).toBe('archived');
    const res = await rollback({ targetVersionId: undone.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().version.version).toBe('1.2.2');
    expect((await current(t, button)).files).toEqual((await version(t, undone.id)).files);
  });

  it('numbers the next main version past archived ones (1.3.0 stays the undone one)', async () => {
    await syncAndAccept(t, (ds) => setColor(ds.tokens, BLUE, '#0000bb'));
    expect((await current(t, button)).version).toBe('1.4.0');
  });

  it("is not found with another project's token, and needs write scope", async () => {
    const other = await otherProject(t);
    const before = await rowCounts(t);
    const res = await rollback({ targetVersionId: v100.id }, other.token);
    expect(res.statusCode).toBe(404);
    expect(await rowCounts(t)).toEqual(before);
    const read = await t.api('POST', `/api/v1/projects/${t.projectId}/tokens`, {
      body: { name: 'reader', scope: 'read' },
    });
    expect(read.statusCode, read.body).toBe(201);
    expect((await rollback({ targetVersionId: v100.id }, read.json().token)).statusCode).toBe(403);
  });
});

describe('props interface compatibility (rollback rules)', () => {
  const button = () => structuredClone(designSystem().components[0]!);
  const check = (now: ComponentSpec, then: ComponentSpec) =>
    interfaceIncompatibilities({ version: '1.2.0', spec: now }, { version: '1.0.0', spec: then });

  it('accepts identical specs and specs that only add to the interface or change styles', () => {
    const then = button();
    expect(check(button(), then)).toEqual([]);
    const now = button();
    now.props = now.props.filter((p) => p.name !== 'disabled');
    now.props[0]!.default = 'lg';
    now.variants[0]!.bindings.fill = 'VariableID:2:2';
    expect(check(now, then)).toEqual([]);
  });

  it('names every breaking difference', () => {
    const now = button();
    const then = button();
    now.props.push({ name: 'size2', kind: 'text', default: '' });
    then.props.find((p) => p.name === 'label')!.kind = 'boolean';
    then.props.find((p) => p.name === 'label')!.default = false;
    then.props[0]!.options = ['sm', 'md'];
    then.props.find((p) => p.name === 'disabled')!.name = 'isDisabled';
    then.name = 'Btn';
    expect(check(now, then).sort()).toEqual([
      'option `lg` of prop `size` exists in 1.2.0 but not in 1.0.0',
      'prop `disabled` of 1.2.0 is named `isDisabled` in 1.0.0',
      'prop `label` changed type text → boolean',
      'prop `size2` exists in 1.2.0 but not in 1.0.0',
      'the component is named `Button` in 1.2.0 but `Btn` in 1.0.0 (file and export names differ)',
    ]);
  });
});

describe.each(dbKinds)('rollback across patterns on %s', (kind) => {
  let t: TestApp;
  let button: string;
  let v100: VersionJson;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await syncAndAccept(t);
    button = await componentIdByName(t, 'Button');
    v100 = await current(t, button);
  });
  afterAll(async () => t?.close());

  const publishFrom = async (patternId: string, patternVersion: string, seed: string) => {
    const draft = await t.api('POST', `/api/v1/components/${button}/versions`, {
      body: { files: [{ path: 'Button.tsx', content: `// ${seed}\n` }], bump: 'major', patternId, patternVersion },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const published = await t.api('POST', `/api/v1/versions/${draft.json().id}/publish`, { body: {} });
    expect(published.statusCode, published.body).toBe(200);
    return published.json() as VersionJson;
  };

  it('refuses a target of another pattern major version (422 with the reason) unless forced', async () => {
    const now = await publishFrom('button', '2.0.0', 'button 2');
    const before = await rowCounts(t);
    const res = await t.api('POST', `/api/v1/components/${button}/rollback`, { body: { targetVersionId: v100.id } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('incompatible_rollback');
    expect(res.json().error.details.reasons).toEqual([
      `${now.version} was generated by pattern button 2.0.0 but ${v100.version} by button ${v100.patternVersion} (another major version of the pattern generates another interface)`,
    ]);
    expect(await rowCounts(t)).toEqual(before);
    const forced = await t.api('POST', `/api/v1/components/${button}/rollback`, {
      body: { targetVersionId: v100.id, force: true },
    });
    expect(forced.statusCode, forced.body).toBe(201);
    expect((await current(t, button)).patternVersion).toBe(v100.patternVersion);
  });

  it('refuses a target generated by another pattern id', async () => {
    const now = await publishFrom('generic', v100.patternVersion, 'generic');
    const res = await t.api('POST', `/api/v1/components/${button}/rollback`, { body: { targetVersionId: v100.id } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.details.reasons).toEqual([
      `${now.version} was generated by pattern generic ${v100.patternVersion} but ${v100.version} by button ${v100.patternVersion} (another pattern generates another interface)`,
    ]);
  });
});
