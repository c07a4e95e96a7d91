import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { rowCounts, version } from '../../helpers/versioning.js';

// The documented caps (README "Limits"): the tokens one component reaches through its alias
// chains, and those of all components of one sync or regeneration added up.
const PER_COMPONENT = 5_000;
const PER_SYNC = 500_000;

/** `length` color tokens in one alias chain: t0 is a literal, each next one aliases the one before. */
function chain(length: number, firstHex = '#ff0000'): TokenSet {
  const n = parseInt(firstHex.slice(1), 16);
  const tokens: TokenSet['tokens'] = [
    {
      id: 't0',
      name: 'chain/t0',
      collectionId: 'c',
      type: 'color',
      valuesByMode: {
        m: {
          colorSpace: 'srgb',
          components: [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255],
          alpha: 1,
          hex: firstHex,
        },
      },
    },
  ];
  for (let i = 1; i < length; i++)
    tokens.push({
      id: `t${i}`,
      name: `chain/t${i}`,
      collectionId: 'c',
      type: 'color',
      valuesByMode: { m: { alias: `t${i - 1}` } },
    });
  return { collections: [{ id: 'c', name: 'Theme', modes: [{ id: 'm', name: 'Light' }], defaultModeId: 'm' }], tokens };
}

/** `count` components, each with one variant whose fill is bound to `tokenId`. */
function boundTo(tokenId: string, count: number): ComponentSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${i + 1}:1`,
    name: `Swatch ${i}`,
    props: [],
    variants: [{ id: `${i + 1}:2`, values: {}, bindings: { fill: tokenId } }],
  }));
}

describe.each(dbKinds)('alias closures on %s', (kind) => {
  let t: TestApp;
  const sync = (body: unknown) => t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
  const stored = async () => ({
    ...(await rowCounts(t)),
    syncs: await t.db.prisma.syncOperation.count(),
    snapshots: await t.db.prisma.tokenSnapshot.count(),
    components: await t.db.prisma.component.count(),
  });

  beforeAll(async () => {
    t = await startTestApp(kind, { BODY_LIMIT_BYTES: String(32 * 1024 * 1024) });
  });
  afterAll(async () => t?.close());

  it('a component that reaches more tokens than the cap through its alias chains is a 422 naming it and the cap; nothing is stored', async () => {
    const before = await stored();
    const res = await sync({
      fileKey: 'CHAIN',
      tokens: chain(PER_COMPONENT + 1),
      components: boundTo(`t${PER_COMPONENT}`, 1),
    });
    expect(res.statusCode, res.body).toBe(422);
    const error = res.json().error as {
      code: string;
      message: string;
      details: { components: Array<{ componentId: string; name: string; tokens: number }> };
    };
    expect(error.code).toBe('closure_too_large');
    expect(error.message).toContain('Swatch 0');
    expect(error.message).toContain('5,001');
    expect(error.message).toContain('5,000');
    expect(error.details.components).toEqual([{ componentId: '1:1', name: 'Swatch 0', tokens: PER_COMPONENT + 1 }]);
    expect(await stored()).toEqual(before);
  });

  it('the closures of all components of a sync added up are capped too: a 422 naming the total and the cap', async () => {
    const before = await stored();
    // 4,000 tokens each (under the per-component cap), 126 components: 504,000 in all.
    const res = await sync({ fileKey: 'CHAIN', tokens: chain(4_000), components: boundTo('t3999', 126) });
    expect(res.statusCode, res.body).toBe(422);
    const error = res.json().error as { code: string; message: string; details: { total: number; limit: number } };
    expect(error.code).toBe('closures_too_large');
    expect(error.message).toContain('504,000');
    expect(error.details).toMatchObject({ total: 504_000, limit: PER_SYNC });
    expect(await stored()).toEqual(before);
  });

  it('49,000 tokens in one alias chain with 2,000 components bound to its end are refused, naming a component and the cap', async () => {
    const before = await stored();
    const res = await sync({ fileKey: 'CHAIN', tokens: chain(49_000), components: boundTo('t48999', 2_000) });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'closure_too_large', message: expect.stringContaining('49,000') });
    expect(await stored()).toEqual(before);
  });

  it('a regeneration with supplied tokens is held to the same cap', async () => {
    const ok = await sync({
      fileKey: 'REGEN',
      tokens: chain(10),
      components: [
        { id: '900:1', name: 'Lone', props: [], variants: [{ id: '900:2', values: {}, bindings: { fill: 't9' } }] },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const componentId = (ok.json() as { proposals: Array<{ componentId: string }> }).proposals[0]!.componentId;
    const before = await stored();
    const spec = {
      id: '900:1',
      name: 'Lone',
      props: [],
      variants: [{ id: '900:2', values: {}, bindings: { fill: `t${PER_COMPONENT}` } }],
    };
    const res = await t.api('POST', `/api/v1/components/${componentId}/regenerate`, {
      body: { tokens: chain(PER_COMPONENT + 1), spec },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'closure_too_large', message: expect.stringContaining('Lone') });
    expect(await stored()).toEqual(before);
  });

  describe('versions keep their tokens by reference to the sync that made them', () => {
    const LENGTH = 1_000;
    const COMPONENTS = 40;
    let firstSync: { syncId: string; proposals: Array<{ componentId: string; draftVersionId: string }> };

    it('a sync of components sharing a long closure stores no copy of it per version', async () => {
      const res = await sync({
        fileKey: 'SHARED',
        tokens: chain(LENGTH),
        components: boundTo(`t${LENGTH - 1}`, COMPONENTS),
      });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
      firstSync = res.json();
      expect(firstSync.proposals).toHaveLength(COMPONENTS);
      const snapshot = await t.db.prisma.$queryRawUnsafe<Array<{ bytes: number }>>(
        `SELECT octet_length(s.tokens::text)::int AS bytes FROM sync_operations o JOIN token_snapshots s ON s.id = o.token_snapshot_id WHERE o.id = $1::uuid`,
        firstSync.syncId,
      );
      const [row] = await t.db.prisma.$queryRawUnsafe<Array<{ bytes: number }>>(
        `SELECT coalesce(sum(octet_length(coalesce(tokens::text, ''))), 0)::int AS bytes FROM component_versions WHERE sync_id = $1::uuid`,
        firstSync.syncId,
      );
      // Each closure is the whole chain, as big as the snapshot: stored inline, 40 copies of it.
      expect(row!.bytes).toBeLessThan(snapshot[0]!.bytes);
    });

    it('the version API still answers each version its whole closure', async () => {
      const v = (await version(t, firstSync.proposals[7]!.draftVersionId)) as unknown as {
        tokens: TokenSet;
        tokensHash: string;
      };
      expect(v.tokens.tokens.map((x) => x.id).sort()).toEqual(Array.from({ length: LENGTH }, (_, i) => `t${i}`).sort());
      expect(v.tokens.collections.map((c) => c.id)).toEqual(['c']);
    });

    it('change detection, regeneration and rollback read the referenced closure', async () => {
      const accept = await t.api('POST', `/api/v1/syncs/${firstSync.syncId}/decisions`, {
        body: { decisions: firstSync.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
      });
      expect(accept.statusCode, accept.body).toBe(200);
      const componentId = firstSync.proposals[3]!.componentId;

      // Stored inputs unchanged: nothing to regenerate (the hash of the closure read back matches).
      const regen = await t.api('POST', `/api/v1/components/${componentId}/regenerate`, { body: {} });
      expect(regen.statusCode, regen.body).toBe(200);
      expect(regen.json()).toMatchObject({ changed: false });

      // The chain's root changes colour: every component reaches it through 999 aliases.
      const changed = await sync({
        fileKey: 'SHARED',
        tokens: chain(LENGTH, '#00ff00'),
        components: boundTo(`t${LENGTH - 1}`, COMPONENTS),
      });
      expect(changed.statusCode, changed.body.slice(0, 500)).toBe(201);
      const second = changed.json() as {
        syncId: string;
        proposals: Array<{ componentId: string; bump: string; tokenChanges: Array<{ tokenId: string; kind: string }> }>;
      };
      expect(second.proposals).toHaveLength(COMPONENTS);
      const mine = second.proposals.find((p) => p.componentId === componentId)!;
      expect(mine.bump).toBe('minor');
      expect(mine.tokenChanges).toEqual([expect.objectContaining({ tokenId: 't0', kind: 'modified' })]);
      const decide = await t.api('POST', `/api/v1/syncs/${second.syncId}/decisions`, {
        body: { decisions: [{ componentId, decision: 'accept' }] },
      });
      expect(decide.statusCode, decide.body).toBe(200);

      const back = await t.api('POST', `/api/v1/components/${componentId}/rollback`, {
        body: { targetVersionId: firstSync.proposals[3]!.draftVersionId },
      });
      expect(back.statusCode, back.body).toBe(201);
      const rolled = (await version(t, (back.json() as { version: { id: string } }).version.id)) as unknown as {
        tokens: TokenSet;
        version: string;
      };
      expect(rolled.version).toBe('1.1.1');
      expect(rolled.tokens.tokens.find((x) => x.id === 't0')!.valuesByMode.m).toMatchObject({ hex: '#ff0000' });
      expect(rolled.tokens.tokens).toHaveLength(LENGTH);
    });
  });
});
