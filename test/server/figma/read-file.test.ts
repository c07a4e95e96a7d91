import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetFileComponentsResponse, GetFileNodesResponse } from '@figma/rest-api-spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_NAMESPACE, chunkKey } from '../../../core/snapshot/index.js';
import { specHash } from '../../../core/specs/spec-hash.js';
import { sortTokenSet } from '../../../core/tokens/token-index.js';
import { FigmaClient, type FigmaCredentials } from '../../../server/figma/client.js';
import { FigmaApiError, FigmaReadError } from '../../../server/figma/errors.js';
import { readFileDesign } from '../../../server/figma/read-file.js';
import { extractFile } from '../../../plugin/main/extract/index.js';
import { createFakeFigma, FACTS, figmaFactsDesign } from '../../fakes/figma/index.js';
import { designWithStyles, STYLE_IDS } from '../../fakes/figma-rest/designs.js';
import {
  FORBIDDEN_VARIABLES_MESSAGE,
  restFileFromDesign,
  restVariablesFromSeed,
  restVisibleDesign,
  snapshotEntriesFromDesign,
  startFakeFigmaRest,
  type Design,
  type FakeFigmaRest,
  type FakeNode,
} from '../../fakes/figma-rest/index.js';
import { designSystem } from '../../helpers/sync-fixtures.js';

let fake: FakeFigmaRest;
let client: FigmaClient;
let pat: FigmaCredentials;

beforeAll(async () => {
  fake = await startFakeFigmaRest();
  client = new FigmaClient({ baseUrl: fake.url, timeoutMs: 2000 });
  pat = fake.credentials.pat;
});
afterAll(() => fake.close());
afterEach(() => fake.clearFaults());

function putDesign(key: string, design: Design, extra: { version?: string } = {}) {
  const rest = restFileFromDesign(design);
  fake.setFile(key, { name: 'Design System', version: extra.version ?? '100', ...rest });
  return rest;
}

const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('readFileDesign through the variables endpoint', () => {
  it('gives back the design system the plugin would send, through the REST form', async () => {
    const design = designSystem();
    const rest = putDesign('VARS1', design);
    expect(rest.notCarried).toEqual([]);

    const read = await readFileDesign(client, 'VARS1', pat, { knownComponentIds: ['30:1'] });

    expect(read.source).toBe('variables');
    expect(read).toMatchObject({ version: '100', name: 'Design System' });
    expect(read.request).toMatchObject({ fileKey: 'VARS1', fileName: 'Design System', fileVersion: '100' });
    const visible = restVisibleDesign(design);
    expect(sortTokenSet(read.request.tokens)).toEqual(sortTokenSet(visible.tokens));
    expect(byId(read.request.components)).toEqual(byId(visible.components));
    expect(read.warnings).toEqual([]);
  });

  it('documents what REST loses, and keeps everything else exactly', () => {
    const design = designSystem();
    const visible = restVisibleDesign(design);
    // The losses, spelled out: sources appear, scopes are always present, a lone component is its own variant.
    const blue = visible.tokens.tokens.find((t) => t.id === 'VariableID:1:1')!;
    expect(blue).toEqual({
      ...design.tokens.tokens.find((t) => t.id === 'VariableID:1:1'),
      scopes: [],
      source: { kind: 'variable' },
    });
    const card = visible.components.find((c) => c.id === '30:1')!;
    expect(card.variants.map((v) => v.id)).toEqual(['30:1']);
    // Everything else of the specs is unchanged: same hash once the variant id is put back.
    const original = design.components.find((c) => c.id === '30:1')!;
    expect(specHash({ ...card, variants: [{ ...card.variants[0]!, id: '30:2' }] })).toBe(specHash(original));
    for (const id of ['10:1', '20:1']) {
      expect(specHash(visible.components.find((c) => c.id === id)!)).toBe(
        specHash(design.components.find((c) => c.id === id)!),
      );
    }
  });

  it('reads paint, text, effect and gradient styles, child layers and several paints', async () => {
    const design = designWithStyles();
    putDesign('STYLES1', design);
    const read = await readFileDesign(client, 'STYLES1', pat, { knownComponentIds: ['30:1'] });
    const visible = restVisibleDesign(design);
    expect(sortTokenSet(read.request.tokens)).toEqual(sortTokenSet(visible.tokens));
    expect(byId(read.request.components)).toEqual(byId(visible.components));
    const input = read.request.components.find((c) => c.id === '40:1')!;
    expect(input.variants[0]!.bindings).toEqual({
      fill: STYLE_IDS.brand,
      effects: STYLE_IDS.shadow,
      width: 'VariableID:1:6',
      'label.typography': STYLE_IDS.body,
      'label.fill': 'VariableID:2:1',
      'helperText.fill': 'VariableID:1:4',
    });
    expect(input.variants[1]!.bindings).toMatchObject({
      stroke: 'VariableID:2:2',
      'stroke.2': 'VariableID:1:3',
      radiusTopLeft: 'VariableID:1:7',
    });
  });

  it('finds published lone components without being told, but not variants or unpublished ones', async () => {
    const rest = restFileFromDesign(designWithStyles());
    fake.setFile('LONE1', { name: 'Design System', version: '3', ...rest });
    const read = await readFileDesign(client, 'LONE1', pat);
    expect(read.request.components.map((c) => c.id).sort()).toEqual(['10:1', '20:1', '30:1', '40:1']);

    rest.components['30:1']!.published = false;
    fake.setFile('LONE2', { name: 'Design System', version: '3', ...rest });
    const unpublished = await readFileDesign(client, 'LONE2', pat);
    expect(unpublished.request.components.map((c) => c.id)).not.toContain('30:1');
    const tracked = await readFileDesign(client, 'LONE2', pat, { knownComponentIds: ['30:1'] });
    expect(tracked.request.components.map((c) => c.id)).toContain('30:1');
  });

  it('asks Figma little: meta, variables, sets, components, styles and one nodes call', async () => {
    putDesign('CALLS1', designWithStyles());
    const before = fake.requests.length;
    await readFileDesign(client, 'CALLS1', pat, { knownComponentIds: ['30:1'] });
    const calls = fake.requests
      .slice(before)
      .map((r) => r.endpoint)
      .sort();
    expect(calls).toEqual(['component_sets', 'components', 'meta', 'nodes', 'styles', 'variables']);
    const nodes = fake.requests.slice(before).find((r) => r.endpoint === 'nodes')!;
    expect(nodes.query.ids!.split(',').sort()).toEqual(['10:1', '20:1', '30:1', '40:1', '5:1', '5:2', '5:3', '5:4']);
  });

  it('fetches unpublished styles a component uses in a second nodes call', async () => {
    const rest = restFileFromDesign(designWithStyles());
    rest.styles['5:2']!.published = false;
    fake.setFile('UNPUB1', { name: 'Design System', version: '7', ...rest });
    const before = fake.requests.length;
    const read = await readFileDesign(client, 'UNPUB1', pat, { knownComponentIds: ['30:1'] });
    const nodeCalls = fake.requests.slice(before).filter((r) => r.endpoint === 'nodes');
    expect(nodeCalls.map((r) => r.query.ids)).toEqual([expect.not.stringContaining('5:2'), '5:2']);
    expect(read.request.tokens.tokens.find((t) => t.id === STYLE_IDS.body)?.type).toBe('typography');
  });

  it('warns about tracked components that are gone and leaves them out', async () => {
    putDesign('GONE1', designSystem());
    const read = await readFileDesign(client, 'GONE1', pat, { knownComponentIds: ['30:1', '99:1'] });
    expect(read.request.components.map((c) => c.id).sort()).toEqual(['10:1', '20:1', '30:1']);
    expect(read.warnings).toEqual(['Component node 99:1 is not in file GONE1 any more; left out']);
  });

  it('skips tracked ids that are not node ids rather than letting Figma refuse the whole call', async () => {
    putDesign('BADID1', designSystem());
    const read = await readFileDesign(client, 'BADID1', pat, { knownComponentIds: ['30:1', 'not-an-id'] });
    expect(read.request.components.map((c) => c.id).sort()).toEqual(['10:1', '20:1', '30:1']);
    expect(read.warnings).toEqual(['Tracked component id "not-an-id" is not a Figma node id; skipped']);
  });

  it('keeps the version read first and warns when the file changed while it was read', async () => {
    putDesign('MOVING1', designSystem(), { version: '500' });
    let bumped = false;
    const racing = new FigmaClient({
      baseUrl: fake.url,
      // A designer's edit lands between the meta call and the nodes call.
      fetch: (input, init) => {
        if (!bumped && String(input).includes('/nodes')) {
          bumped = true;
          fake.bumpVersion('MOVING1');
        }
        return fetch(input, init);
      },
    });
    const read = await readFileDesign(racing, 'MOVING1', pat, { knownComponentIds: ['30:1'] });
    expect(read.version).toBe('500');
    expect(read.request.fileVersion).toBe('500');
    expect(read.warnings).toEqual([
      'File changed while it was read (version 500 at the start, 501 now); the next check reads it again',
    ]);
  });

  it('passes Figma errors on as FigmaApiError, unchanged', async () => {
    putDesign('ERR1', designSystem());
    fake.rateLimit('ERR1', { endpoint: 'nodes', retryAfterSeconds: 120, type: 'high', planTier: 'enterprise' });
    const error = await readFileDesign(client, 'ERR1', pat).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FigmaApiError);
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 120, planTier: 'enterprise' });

    const missing = await readFileDesign(client, 'NOPE', pat).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'FigmaApiError', kind: 'not_found', status: 404 });
  });

  it('does not fall back to the snapshot when variables fail for another reason than a 403', async () => {
    putDesign('ERR2', designSystem());
    fake.failWith('ERR2', 500, 1, { endpoint: 'variables' });
    const error = await readFileDesign(client, 'ERR2', pat).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'FigmaApiError', kind: 'server', status: 500 });
    expect(fake.count('nodes', 'ERR2')).toBe(0);
  });
});

describe('readFileDesign through the plugin snapshot (no Enterprise plan)', () => {
  const syncedAt = '2026-03-01T10:00:00.000Z';

  function putSnapshotFile(key: string, entries: Record<string, string>) {
    const rest = restFileFromDesign(designSystem());
    fake.setFile(key, {
      name: 'Design System',
      version: '55',
      ...rest,
      variables: 'forbidden',
      sharedPluginData: { [SNAPSHOT_NAMESPACE]: entries },
    });
  }

  it('reads tokens and components from the snapshot when variables answer 403', async () => {
    const design = designWithStyles();
    putSnapshotFile('SNAP1', snapshotEntriesFromDesign(design, syncedAt, 1000));
    const before = fake.requests.length;
    const read = await readFileDesign(client, 'SNAP1', pat, { knownComponentIds: ['30:1'] });

    expect(read.source).toBe('snapshot');
    expect(read.snapshotSyncedAt).toBe(syncedAt);
    // Exactly what the plugin extracted: nothing lost, nothing recomputed.
    expect(read.request.tokens).toEqual(design.tokens);
    expect(read.request.components).toEqual(design.components);
    expect(read.request).toMatchObject({ fileKey: 'SNAP1', fileVersion: '55' });
    expect(read.warnings).toHaveLength(1);
    expect(read.warnings[0]).toContain(FORBIDDEN_VARIABLES_MESSAGE);
    expect(read.warnings[0]).toContain(syncedAt);

    const calls = fake.requests.slice(before);
    expect(calls.map((r) => r.endpoint)).toEqual(['meta', 'variables', 'nodes']);
    expect(calls[2]!.query).toEqual({ ids: '0:0', plugin_data: 'shared', depth: '1' });
  });

  it('refuses a snapshot whose sha256 does not match, and says so', async () => {
    const entries = snapshotEntriesFromDesign(designSystem(), syncedAt);
    const manifest = JSON.parse(entries.snapshot!) as { sha256: string };
    manifest.sha256 = manifest.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    putSnapshotFile('SNAP2', { ...entries, snapshot: JSON.stringify(manifest) });
    const error = await readFileDesign(client, 'SNAP2', pat).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FigmaReadError);
    expect((error as Error).message).toMatch(/snapshot.*sha256/);
    expect((error as FigmaReadError).fileKey).toBe('SNAP2');
  });

  it('refuses a snapshot with a chunk changed or missing', async () => {
    const entries = snapshotEntriesFromDesign(designSystem(), syncedAt, 500);
    const tampered = { ...entries, [chunkKey(1)]: entries[chunkKey(1)]!.split('').reverse().join('') };
    putSnapshotFile('SNAP3', tampered);
    await expect(readFileDesign(client, 'SNAP3', pat)).rejects.toBeInstanceOf(FigmaReadError);

    const { [chunkKey(1)]: _gone, ...partial } = entries;
    putSnapshotFile('SNAP4', partial);
    await expect(readFileDesign(client, 'SNAP4', pat)).rejects.toThrow(/chunk 1 of \d+ is missing/);
  });

  it('says when the file has no snapshot at all', async () => {
    const rest = restFileFromDesign(designSystem());
    fake.setFile('SNAP5', { name: 'No plugin yet', version: '1', ...rest, variables: 'forbidden' });
    const error = await readFileDesign(client, 'SNAP5', pat).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FigmaReadError);
    expect((error as Error).message).toContain('has no design-sync snapshot');
  });

  it('refuses a snapshot that decodes to something else than tokens and components', async () => {
    const entries = snapshotEntriesFromDesign(
      { tokens: { collections: [], tokens: [{ id: 'x' }] } as never, components: [] },
      syncedAt,
    );
    putSnapshotFile('SNAP6', entries);
    await expect(readFileDesign(client, 'SNAP6', pat)).rejects.toThrow(
      /does not hold a sync request's tokens and components \(tokens\.tokens\.0\.name/,
    );
  });
});

// ---- what real Figma files hold (DESIGN.md "Figma facts") ----------------------------------

const real = <T>(name: string): T =>
  JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/figma/real', name), 'utf8')) as T;

/** What the plugin extracts from the seed, through the fake `figma` global. */
async function pluginRead(seed = figmaFactsDesign()) {
  const figmaFake = createFakeFigma(seed, { fileKey: 'FactsFile12345' });
  const restore = figmaFake.install();
  try {
    return await extractFile('FactsFile12345', () => undefined);
  } finally {
    restore();
  }
}

describe('one design, read by the plugin and by a poll over REST', () => {
  it('gives the same token set, library variables and deleted ones included', async () => {
    const seed = figmaFactsDesign();
    const plugin = await pluginRead(seed);
    // The REST answer comes from the seed itself, as Figma lists it: local variables, the deleted
    // one still referenced, and the library variables the file uses (remote: true).
    const variables = restVariablesFromSeed(seed);
    expect(
      Object.values(variables.meta.variables)
        .filter((v) => v.remote)
        .map((v) => v.id),
    ).toEqual([FACTS.libraryCarrot]);
    expect(variables.meta.variables[FACTS.contrastDeleted]?.deletedButReferenced).toBe(true);
    const rest = restFileFromDesign({ tokens: plugin.request.tokens, components: plugin.request.components });
    fake.setFile('FACTS1', { name: 'Figma facts', version: '7', ...rest, variables });

    const read = await readFileDesign(client, 'FACTS1', pat);

    expect(read.source).toBe('variables');
    expect(sortTokenSet(read.request.tokens)).toEqual(sortTokenSet(plugin.request.tokens));
    expect(read.request.tokens.tokens.find((t) => t.id === FACTS.libraryCarrot)?.source).toEqual({
      kind: 'variable',
      ref: variables.meta.variables[FACTS.libraryCarrot]!.key,
      remote: true,
    });
    // The same warnings about names and the extended collection from both readers.
    for (const w of plugin.warnings.filter((x) => /CSS variable|extended collection/.test(x)))
      expect(read.warnings).toContain(w);
  });
});

describe("older /components answers (a variant's set named only as containingStateGroup)", () => {
  it('recognises the variants and fetches only their set, on the real SEED Design answer', async () => {
    const components = real<GetFileComponentsResponse>('seed-design.components.json');
    // The older shape: the same answer before Figma added containingComponentSet.
    for (const c of components.meta.components) delete c.containing_frame?.containingComponentSet;
    const nodes = real<GetFileNodesResponse>('seed-design.component-set-nodes.json');
    const set = nodes.nodes['1:12']!.document as unknown as FakeNode;
    fake.setFile('SEEDOLD', {
      name: 'SEED',
      version: nodes.version,
      variables: { status: 200, error: false, meta: { variables: {}, variableCollections: {} } },
      nodes: { '1:12': set },
      componentSets: { '1:12': { key: '6a6d68deca1a25d7c12c7015acb82b7486de3e7d' } },
      components: {
        '1:11': { key: components.meta.components[0]!.key },
        '1:13': { key: components.meta.components[1]!.key },
      },
    });
    fake.answer('SEEDOLD', { status: 200, body: JSON.stringify(components) }, 1, { endpoint: 'components' });
    const before = fake.requests.length;

    const read = await readFileDesign(client, 'SEEDOLD', pat);

    const nodeCalls = fake.requests.slice(before).filter((r) => r.endpoint === 'nodes');
    expect(nodeCalls.map((r) => r.query.ids!.split(','))).toEqual([['1:12']]);
    expect(read.request.components.map((c) => [c.id, c.variants.map((v) => v.id)])).toEqual([
      ['1:12', ['1:11', '1:13']],
    ]);
  });

  it('the fake answers in the older shape when asked, and a poll fetches no node per variant', async () => {
    const plugin = await pluginRead();
    const rest = restFileFromDesign({ tokens: plugin.request.tokens, components: plugin.request.components });
    fake.setFile('FACTSOLD', {
      name: 'Figma facts',
      version: '8',
      ...rest,
      variables: restVariablesFromSeed(figmaFactsDesign()),
      componentsShape: 'state-group',
    });
    const listed = await client.components('FACTSOLD', pat);
    expect(listed.meta.components.map((c) => c.containing_frame)).toEqual(
      listed.meta.components.map(() =>
        expect.objectContaining({ containingStateGroup: { nodeId: FACTS.badge, name: 'Badge' } }),
      ),
    );
    expect(listed.meta.components.some((c) => c.containing_frame?.containingComponentSet)).toBe(false);
    const before = fake.requests.length;

    const read = await readFileDesign(client, 'FACTSOLD', pat);

    const ids = fake.requests
      .slice(before)
      .filter((r) => r.endpoint === 'nodes')
      .flatMap((r) => r.query.ids!.split(','));
    expect(ids).toContain(FACTS.badge);
    expect(ids.filter((id) => ['40:2', '40:7'].includes(id))).toEqual([]);
    expect(read.request.components.map((c) => c.id)).toEqual([FACTS.badge]);
  });
});
