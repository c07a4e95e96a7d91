import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetFileComponentsResponse, GetFileNodesResponse } from '@figma/rest-api-spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sortTokenSet } from '../../../core/tokens/model.js';
import { extractFile } from '../../../plugin/main/extract/index.js';
import { FigmaClient, type FigmaCredentials } from '../../../server/figma/client.js';
import { readFileDesign } from '../../../server/figma/read-file.js';
import { createFakeFigma, FACTS, figmaFactsDesign } from '../../fakes/figma/index.js';
import { restFileFromDesign, restVariablesFromSeed, startFakeFigmaRest, type FakeFigmaRest, type FakeNode } from '../../fakes/figma-rest/index.js';

const real = <T>(name: string): T => JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/figma/real', name), 'utf8')) as T;

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
    expect(Object.values(variables.meta.variables).filter((v) => v.remote).map((v) => v.id)).toEqual([FACTS.libraryCarrot]);
    expect(variables.meta.variables[FACTS.contrastDeleted]?.deletedButReferenced).toBe(true);
    const rest = restFileFromDesign({ tokens: plugin.request.tokens, components: plugin.request.components });
    fake.setFile('FACTS1', { name: 'Figma facts', version: '7', ...rest, variables });

    const read = await readFileDesign(client, 'FACTS1', pat);

    expect(read.source).toBe('variables');
    expect(sortTokenSet(read.request.tokens)).toEqual(sortTokenSet(plugin.request.tokens));
    expect(read.request.tokens.tokens.find((t) => t.id === FACTS.libraryCarrot)?.source).toEqual({ kind: 'variable', ref: variables.meta.variables[FACTS.libraryCarrot]!.key, remote: true });
    // The same warnings about names and the extended collection from both readers.
    for (const w of plugin.warnings.filter((x) => /CSS variable|extended collection/.test(x))) expect(read.warnings).toContain(w);
  });
});

describe('older /components answers (a variant\'s set named only as containingStateGroup)', () => {
  it('recognises the variants and fetches only their set, on the real SEED Design answer', async () => {
    const components = real<GetFileComponentsResponse>('seed-design.components.json');
    // The older shape: the same answer before Figma added containingComponentSet.
    for (const c of components.meta.components) delete c.containing_frame?.containingComponentSet;
    const nodes = real<GetFileNodesResponse>('seed-design.component-set-nodes.json');
    const set = nodes.nodes['1:12']!.document as unknown as FakeNode;
    fake.setFile('SEEDOLD', {
      name: 'SEED', version: nodes.version, variables: { status: 200, error: false, meta: { variables: {}, variableCollections: {} } },
      nodes: { '1:12': set }, componentSets: { '1:12': { key: '6a6d68deca1a25d7c12c7015acb82b7486de3e7d' } },
      components: { '1:11': { key: components.meta.components[0]!.key }, '1:13': { key: components.meta.components[1]!.key } },
    });
    fake.answer('SEEDOLD', { status: 200, body: JSON.stringify(components) }, 1, { endpoint: 'components' });
    const before = fake.requests.length;

    const read = await readFileDesign(client, 'SEEDOLD', pat);

    const nodeCalls = fake.requests.slice(before).filter((r) => r.endpoint === 'nodes');
    expect(nodeCalls.map((r) => r.query.ids!.split(','))).toEqual([['1:12']]);
    expect(read.request.components.map((c) => [c.id, c.variants.map((v) => v.id)])).toEqual([['1:12', ['1:11', '1:13']]]);
  });

  it('the fake answers in the older shape when asked, and a poll fetches no node per variant', async () => {
    const plugin = await pluginRead();
    const rest = restFileFromDesign({ tokens: plugin.request.tokens, components: plugin.request.components });
    fake.setFile('FACTSOLD', { name: 'Figma facts', version: '8', ...rest, variables: restVariablesFromSeed(figmaFactsDesign()), componentsShape: 'state-group' });
    const listed = await client.components('FACTSOLD', pat);
    expect(listed.meta.components.map((c) => c.containing_frame)).toEqual(listed.meta.components.map(() => expect.objectContaining({ containingStateGroup: { nodeId: FACTS.badge, name: 'Badge' } })));
    expect(listed.meta.components.some((c) => c.containing_frame?.containingComponentSet)).toBe(false);
    const before = fake.requests.length;

    const read = await readFileDesign(client, 'FACTSOLD', pat);

    const ids = fake.requests.slice(before).filter((r) => r.endpoint === 'nodes').flatMap((r) => r.query.ids!.split(','));
    expect(ids).toContain(FACTS.badge);
    expect(ids.filter((id) => ['40:2', '40:7'].includes(id))).toEqual([]);
    expect(read.request.components.map((c) => c.id)).toEqual([FACTS.badge]);
  });
});
