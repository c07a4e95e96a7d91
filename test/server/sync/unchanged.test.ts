import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { specDigest } from '../../../core/specs/index.js';
import { forgetRecordedSpecs } from '../../../server/services/sync/recorded-specs.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { syncRequest } from '../../helpers/sync-fixtures.js';
import { withDependencies } from '../../helpers/dependency-fixtures.js';

type Listed = { id: string; figmaId: string; name: string; specDigest?: string | null };
type Answer = {
  syncId: string;
  proposals: Array<{ componentId: string; componentName: string; bump: string; reasons: string[] }>;
  unchanged: number;
};

// A sync may name the components the server already holds exactly (by digest) instead of sending them.
describe.each(dbKinds)('components named unchanged, on %s', (kind) => {
  let t: TestApp;
  let n = 0;
  const design = (buttonPadding?: number) =>
    syncRequest((ds) => withDependencies(ds, buttonPadding === undefined ? undefined : { buttonPadding }));
  const post = (body: unknown) => t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
  const listed = async () =>
    (await t.api('GET', `/api/v1/projects/${t.projectId}/components?limit=200`)).json().items as Listed[];
  const counts = async () => ({
    syncs: await t.db.prisma.syncOperation.count(),
    versions: await t.db.prisma.componentVersion.count(),
  });
  /** What the plugin sends (plugin/ui/api/sync-request.ts): the others named by the digests the listing gives. */
  const naming = async (request: SyncRequest, sendInFull: (name: string) => boolean) => {
    const digests = new Map((await listed()).map((c) => [c.figmaId, c.specDigest]));
    return {
      ...request,
      fileVersion: `v${++n}`,
      components: request.components.filter((c) => sendInFull(c.name)),
      unchanged: request.components
        .filter((c) => !sendInFull(c.name))
        .map((c) => ({ id: c.id, digest: digests.get(c.id)! })),
    };
  };

  const accept = async (answer: Answer) => {
    const accepted = await t.api('POST', `/api/v1/syncs/${answer.syncId}/decisions`, {
      body: { decisions: answer.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = await post(design());
    expect(first.statusCode, first.body).toBe(201);
    const answer = first.json() as Answer;
    await accept(answer);
  });
  afterAll(async () => t?.close());

  it('lists each component with the digest of the design it recorded, the one a client computes from the spec it sent', async () => {
    const sent = design().components;
    const byId = new Map((await listed()).map((c) => [c.figmaId, c]));
    expect(byId.size).toBe(sent.length);
    for (const spec of sent) expect(byId.get(spec.id)?.specDigest, spec.name).toBe(specDigest(spec));
  });

  it('proposes the edit of the one component sent in full and finds the others, named unchanged, up to date', async () => {
    const before = await counts();
    const res = await post(await naming(design(16), (name) => name === 'Button'));
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json() as Answer;
    expect(answer.proposals.map((p) => [p.componentName, p.bump])).toEqual([['Button', 'minor']]);
    expect(answer.proposals[0]!.reasons.join('\n')).toMatch(/paddingLeft of `Container` 8 → 16/);
    // Every other component was detected against its stored design: up to date, none removed.
    expect(answer.unchanged).toBe(design().components.length - 1);
    expect(await t.db.prisma.component.count({ where: { removedAt: { not: null } } })).toBe(0);
    expect((await counts()).versions).toBe(before.versions + 1);
    await accept(answer);
  });

  it('reads the recorded specs from the database on a server that just started, with the same answer', async () => {
    forgetRecordedSpecs();
    const res = await post(await naming(design(16), () => false));
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as Answer).proposals).toEqual([]);
    expect((res.json() as Answer).unchanged).toBe(design().components.length);
    // And a recorded spec read back is not parsed again: a row whose spec no longer has its digest is stale.
    const icon = await t.db.prisma.component.findFirstOrThrow({ where: { figmaId: '40:1' } });
    await t.db.prisma.component.update({
      where: { id: icon.id },
      data: { latestSpec: { ...(icon.latestSpec as object), description: 'changed behind the digest' } },
    });
    forgetRecordedSpecs();
    const stale = await post(await naming(design(16), () => false));
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.details).toEqual({ componentIds: ['40:1'] });
    await t.db.prisma.component.update({ where: { id: icon.id }, data: { latestSpec: icon.latestSpec as object } });
  });

  it('refuses, storing nothing, a component named unchanged whose digest is not the server’s, or that it does not hold', async () => {
    const body = await naming(design(16), (name) => name === 'Button');
    const icon = body.unchanged.find((u) => u.id === '40:1')!;
    icon.digest = specDigest({ ...design().components.find((c) => c.id === '40:1')!, description: 'edited' });
    body.unchanged.push({ id: '999:1', digest: 'a'.repeat(64) });
    const before = await counts();
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('stale_unchanged');
    expect(res.json().error.message).toContain('40:1, 999:1');
    expect(res.json().error.details).toEqual({ componentIds: ['40:1', '999:1'] });
    expect(await counts()).toEqual(before);
  });

  it('counts a component named unchanged as seen; one in neither list is removed', async () => {
    const body = await naming(design(16), () => false);
    const badge = body.unchanged.find((u) => design().components.find((c) => c.id === u.id)!.name === 'Badge')!;
    body.unchanged = body.unchanged.filter((u) => u !== badge);
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as Answer).proposals).toEqual([]);
    const removed = await t.db.prisma.component.findMany({
      where: { removedAt: { not: null } },
      select: { figmaId: true },
    });
    expect(removed).toEqual([{ figmaId: badge.id }]);
    // Removed: named unchanged again, it is stale (the client sends it in full, which brings it back).
    const again = await naming(design(16), () => false);
    expect((await post(again)).statusCode).toBe(409);
    const full = await post({ ...design(16), fileVersion: `v${++n}` });
    expect(full.statusCode, full.body).toBe(201);
    expect(await t.db.prisma.component.count({ where: { removedAt: { not: null } } })).toBe(0);
  });

  it('refuses with a 400 naming it an id in both lists, a malformed digest, and more components than a sync takes', async () => {
    const body = await naming(design(16), (name) => name === 'Button');
    const button = body.components[0]!;
    const twice = await post({ ...body, unchanged: [...body.unchanged, { id: button.id, digest: 'b'.repeat(64) }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.message).toContain(`component id ${button.id} appears twice in components and unchanged`);
    const malformed = await post({ ...body, unchanged: [{ id: '40:1', digest: 'not-hex' }] });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json().error)).toContain('unchanged');
    const many = await post({
      ...body,
      unchanged: Array.from({ length: 2000 }, (_, i) => ({ id: `9${i}:1`, digest: 'c'.repeat(64) })),
    });
    expect(many.statusCode).toBe(400);
    expect(many.json().error.message).toMatch(/at most 2000/);
  });

  it('asks for every component in full when unreadable tokens make which components reach them decide', async () => {
    const body = await naming(design(16), (name) => name === 'Button');
    const tokens = structuredClone(design().tokens) as TokenSet;
    body.tokens = tokens;
    // A token no component sent in full reaches: whether a component named unchanged does decides.
    const model = tokens.tokens[0]!;
    tokens.tokens.push({
      ...model,
      id: 'VariableID:99:1',
      name: 'broken/extra',
      valuesByMode: Object.fromEntries(Object.keys(model.valuesByMode).map((m) => [m, { nonsense: true } as never])),
    });
    const before = await counts();
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('unchanged_needs_components');
    expect(await counts()).toEqual(before);
  });
});
