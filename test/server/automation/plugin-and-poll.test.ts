// A file read by the plugin (fake `figma` global, a sync) and by the server's poll (fake REST
// API, nodes?geometry=paths) is one design: a poll right after a plugin sync proposes nothing,
// and a change found by a poll is proposed exactly as the plugin's sync proposes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../../core/contract/sync.js';
import { extractFile } from '../../../plugin/main/extract/index.js';
import { createFakeFigma, layerTreeDesign, type FakeFile, type FakeSceneSeed } from '../../fakes/figma/index.js';
import { restNodesFromSeed, restVariablesFromSeed } from '../../fakes/figma-rest/index.js';
import { dbKinds } from '../../helpers/databases.js';
import { otherProject } from '../../helpers/app.js';
import { settled, startAutomation, waitUntil, type Automation } from './support.js';

type SyncOut = { syncId: string; proposals: Proposal[]; unchanged: number; errors: unknown[] };

/** The seed's node with this id, wherever it sits. */
function nodeOf(seed: FakeFile, id: string): Record<string, unknown> {
  const walk = (nodes: readonly FakeSceneSeed[]): Record<string, unknown> | undefined => {
    for (const n of nodes) {
      if (n.id === id) return n as unknown as Record<string, unknown>;
      const found = 'children' in n && n.children ? walk(n.children as FakeSceneSeed[]) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const found = walk(seed.pages.flatMap((p) => p.children));
  if (!found) throw new Error(`no node ${id} in the seed`);
  return found;
}

/**
 * The fixture with the large button's left padding typed by hand (not bound to a variable), at
 * `paddingLeft` px: what a designer changes when they widen the button's padding.
 */
function buttonDesign(paddingLeft: number): FakeFile {
  const seed = layerTreeDesign();
  const large = nodeOf(seed, '70:2');
  expect(large.name).toBe('Size=Large');
  const { paddingLeft: _bound, ...bound } = large.boundVariables as Record<string, unknown>;
  large.boundVariables = bound;
  large.paddingLeft = paddingLeft;
  return seed;
}

describe.each(dbKinds)('a plugin sync and a poll of the same file, on %s', (kind) => {
  let a: Automation;

  beforeAll(async () => {
    a = await startAutomation(kind);
  });
  afterAll(async () => a?.close());

  const extract = async (seed: FakeFile, key: string) => {
    const restore = createFakeFigma(seed, { fileKey: key }).install();
    try {
      return await extractFile(key, () => undefined);
    } finally {
      restore();
    }
  };

  const pluginSync = async (seed: FakeFile, key: string, project: { projectId: string; token: string }) => {
    const { request } = await extract(seed, key);
    const res = await a.t.api('POST', `/api/v1/projects/${project.projectId}/syncs`, {
      body: { ...request, fileKey: key },
      token: project.token,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SyncOut;
  };

  /** The file as Figma's REST API serves it: the same seed, in REST's shapes. */
  const serve = (key: string, seed: FakeFile) => {
    const content = { variables: restVariablesFromSeed(seed), ...restNodesFromSeed(seed) };
    if (a.figma.file(key)) a.figma.updateFile(key, content);
    else a.figma.setFile(key, { name: seed.name, version: '1', ...content });
  };

  /** Tracks the file (read at once) and waits for that read and what it enqueued. */
  const poll = async (key: string, project: { projectId: string; token: string }) => {
    const res = await a.t.api('POST', `/api/v1/projects/${project.projectId}/files`, {
      body: { fileKey: key, figmaToken: a.figma.credentials.pat.token, pollIntervalSeconds: 3600 },
      token: project.token,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const { id } = res.json() as { id: string };
    await waitUntil('the first read of the file', async () => {
      const f = await a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id } });
      return f.lastFileVersion !== null || f.lastError !== null;
    });
    await settled(a, 30_000, project);
    const file = await a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id } });
    expect(file.lastError).toBeNull();
    expect(file.status).toBe('active');
    return file;
  };

  const versionsOf = (projectId: string) =>
    a.t.db.prisma.componentVersion.findMany({
      where: { component: { projectId } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, version: true, status: true, component: { select: { name: true } } },
    });

  const draftsOf = async (project: { projectId: string; token: string }) => {
    const res = await a.t.api('GET', `/api/v1/projects/${project.projectId}/drafts`, { token: project.token });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { drafts: Array<{ proposal: Proposal }> }).drafts.map((d) => d.proposal);
  };

  const publishDrafts = async (project: { projectId: string; token: string }) => {
    for (const p of await draftsOf(project)) {
      const res = await a.t.api('POST', `/api/v1/versions/${p.draftVersionId}/publish`, {
        body: {},
        token: project.token,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  };

  const filesOf = async (versionId: string) => {
    const rows = await a.t.db.prisma.versionFile.findMany({ where: { versionId }, orderBy: { path: 'asc' } });
    return rows.map((r) => [r.path, r.blobSha256]);
  };

  it('a poll right after a plugin sync of the same file proposes nothing and makes no version', async () => {
    const KEY = 'PluginThenPoll01';
    const project = { projectId: a.t.projectId, token: a.t.adminToken };
    const seed = layerTreeDesign();
    const synced = await pluginSync(seed, KEY, project);
    expect(synced.errors).toEqual([]);
    expect(synced.proposals.map((p) => p.componentName).sort()).toEqual([
      'Button',
      'Card',
      'Icon/Star',
      'Input',
      'Poster',
    ]);
    await publishDrafts(project);
    const versions = await versionsOf(project.projectId);
    const components = await a.t.db.prisma.component.findMany({
      where: { projectId: project.projectId },
      orderBy: { figmaId: 'asc' },
      select: { figmaId: true, latestSpecHash: true, latestTokensHash: true },
    });
    const notifications = await a.t.db.prisma.notification.count({ where: { projectId: project.projectId } });

    serve(KEY, seed);
    const file = await poll(KEY, project);
    expect(file.lastFileVersion).toBe('1');

    expect(await draftsOf(project)).toEqual([]);
    expect(await versionsOf(project.projectId)).toEqual(versions);
    // The poll saw each component with the very spec and tokens the plugin sent.
    expect(
      await a.t.db.prisma.component.findMany({
        where: { projectId: project.projectId },
        orderBy: { figmaId: 'asc' },
        select: { figmaId: true, latestSpecHash: true, latestTokensHash: true },
      }),
    ).toEqual(components);
    expect(await a.t.db.prisma.notification.count({ where: { projectId: project.projectId } })).toBe(notifications);
  });

  it('the same change found by a poll gives the same proposal as the plugin sync', async () => {
    const reason = 'paddingLeft of `Button` 12 → 16 (in variant `Size=Large`)';

    // A: the plugin syncs the design, it is published, the designer widens the padding and syncs again.
    const one = await otherProject(a.t);
    const A = { projectId: one.projectId, token: one.token };
    const KEY_A = 'SameChangePlugin';
    await pluginSync(buttonDesign(12), KEY_A, A);
    await publishDrafts(A);
    const fromPlugin = (await pluginSync(buttonDesign(16), KEY_A, A)).proposals;

    // B: another project polls the same design, it is published, then a poll finds the change.
    const other = await otherProject(a.t);
    // A token of its own: a token is refused on another project's files.
    const B = { projectId: other.projectId, token: other.token };
    const KEY_B = 'SameChangePolled';
    serve(KEY_B, buttonDesign(12));
    const first = await poll(KEY_B, B);
    expect(first.lastFileVersion).toBe('1');
    await publishDrafts(B);
    serve(KEY_B, buttonDesign(16));
    const check = await a.t.api('POST', `/api/v1/projects/${B.projectId}/files/${first.id}/check`, { token: B.token });
    expect(check.statusCode, check.body).toBe(202);
    await waitUntil(
      'the poll to see the new version',
      async () =>
        (await a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id: first.id } })).lastFileVersion === '2',
    );
    await settled(a, 30_000, B);
    const fromPoll = await draftsOf(B);

    expect(fromPlugin.map((p) => p.componentName)).toEqual(['Button']);
    expect(fromPoll.map((p) => p.componentName)).toEqual(['Button']);
    const [pa, pb] = [fromPlugin[0]!, fromPoll[0]!];
    expect(pa.bump).toBe('minor');
    expect(pa.reasons).toEqual([reason]);
    expect(pa.toVersion).toBe('1.1.0');
    const same = (p: Proposal) => ({
      fromVersion: p.fromVersion,
      toVersion: p.toVersion,
      bump: p.bump,
      reasons: p.reasons,
      specChanges: p.specChanges,
      tokenChanges: p.tokenChanges,
      files: p.files,
    });
    expect(same(pb)).toEqual(same(pa));
    expect(await filesOf(pb.draftVersionId)).toEqual(await filesOf(pa.draftVersionId));
  });
});
