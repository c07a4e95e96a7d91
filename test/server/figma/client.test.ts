import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FigmaClient, chunkIds } from '../../../server/figma/client.js';
import { designSystem } from '../../helpers/sync-fixtures.js';
import { restFileFromDesign, startFakeFigmaRest, type FakeFigmaRest } from '../../fakes/figma-rest/index.js';

let fake: FakeFigmaRest;
let client: FigmaClient;

beforeAll(async () => {
  fake = await startFakeFigmaRest();
  client = new FigmaClient({ baseUrl: fake.url, timeoutMs: 2000 });
  fake.setFile('FILE1', {
    name: 'Design System',
    version: '4242',
    ...restFileFromDesign(designSystem()),
    sharedPluginData: { design_sync: { hello: 'world' } },
  });
});
afterAll(() => fake.close());

const last = () => fake.requests[fake.requests.length - 1]!;

describe('FigmaClient against the fake Figma REST API', () => {
  it('sends a personal access token as X-Figma-Token and an OAuth token as a bearer token', async () => {
    await client.fileMeta('FILE1', fake.credentials.pat);
    expect(last().auth).toBe('pat');
    expect(last().headers['x-figma-token']).toBe('[redacted]');
    expect(last().headers.authorization).toBeUndefined();

    await client.fileMeta('FILE1', fake.credentials.oauth);
    expect(last().auth).toBe('oauth');
    expect(last().headers.authorization).toBe('[redacted]');
    expect(last().headers['x-figma-token']).toBeUndefined();
  });

  it("is refused, like Figma, when a token is sent in the other kind's header", async () => {
    const swapped = { kind: 'oauth' as const, token: fake.credentials.pat.token };
    await expect(client.fileMeta('FILE1', swapped)).rejects.toMatchObject({
      kind: 'unauthorized',
      status: 403,
      figmaMessage: 'Invalid token',
    });
  });

  it('fileMeta: GET /v1/files/:key/meta with the version', async () => {
    const meta = await client.fileMeta('FILE1', fake.credentials.pat);
    expect(last()).toMatchObject({ method: 'GET', path: '/v1/files/FILE1/meta', query: {} });
    expect(meta.file).toMatchObject({ name: 'Design System', version: '4242', editorType: 'figma' });
    fake.bumpVersion('FILE1');
    expect((await client.fileMeta('FILE1', fake.credentials.pat)).file.version).toBe('4243');
  });

  it('localVariables: GET /v1/files/:key/variables/local', async () => {
    const variables = await client.localVariables('FILE1', fake.credentials.pat);
    expect(last().path).toBe('/v1/files/FILE1/variables/local');
    expect(Object.keys(variables.meta.variables)).toHaveLength(10);
    expect(variables.meta.variableCollections['VariableCollectionId:2:0']!.modes.map((m) => m.name)).toEqual([
      'Light',
      'Dark',
    ]);
  });

  it('nodes: ids comma separated and URL-encoded, plugin_data=shared on request', async () => {
    const answer = await client.nodes('FILE1', ['10:1', '20:1', '77:7'], fake.credentials.pat);
    expect(last().path).toBe('/v1/files/FILE1/nodes');
    expect(last().query).toEqual({ ids: '10:1,20:1,77:7' });
    expect(Object.keys(answer.nodes)).toEqual(['10:1', '20:1', '77:7']);
    expect(answer.nodes['10:1']!.document.type).toBe('COMPONENT_SET');
    expect(answer.nodes['77:7']).toBeNull();

    const doc = await client.nodes('FILE1', ['0:0'], fake.credentials.pat, { pluginData: 'shared', depth: 1 });
    expect(last().query).toEqual({ ids: '0:0', depth: '1', plugin_data: 'shared' });
    expect(doc.nodes['0:0']!.document.sharedPluginData).toEqual({ design_sync: { hello: 'world' } });

    const plain = await client.nodes('FILE1', ['0:0'], fake.credentials.pat, { depth: 1 });
    expect(plain.nodes['0:0']!.document.sharedPluginData).toBeUndefined();
  });

  it('nodes: splits a long id list into several calls and merges the answers', async () => {
    const small = new FigmaClient({ baseUrl: fake.url, maxIdsPerRequest: 2 });
    const before = fake.count('nodes', 'FILE1');
    const answer = await small.nodes('FILE1', ['10:1', '20:1', '30:1', '10:1', '99:9'], fake.credentials.pat);
    expect(fake.count('nodes', 'FILE1') - before).toBe(2);
    expect(Object.keys(answer.nodes).sort()).toEqual(['10:1', '20:1', '30:1', '99:9']);
    expect(answer.nodes['30:1']!.document.type).toBe('COMPONENT');
  });

  it('chunkIds respects both the count and the URL length budget', () => {
    expect(chunkIds(['1:1', '1:2', '1:3'], 2, 1000)).toEqual([['1:1', '1:2'], ['1:3']]);
    const long = Array.from({ length: 10 }, (_, i) => `I${i}:1;${'1:1;'.repeat(20)}2:2`);
    const chunks = chunkIds(long, 100, 300);
    expect(chunks.flat()).toEqual(long);
    for (const chunk of chunks)
      expect(chunk.map((id) => encodeURIComponent(id).length + 3).reduce((a, b) => a + b)).toBeLessThanOrEqual(300);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('componentSets and fileStyles list what the file publishes', async () => {
    const sets = await client.componentSets('FILE1', fake.credentials.pat);
    expect(last().path).toBe('/v1/files/FILE1/component_sets');
    expect(sets.meta.component_sets.map((s) => [s.node_id, s.key, s.name])).toEqual([
      ['10:1', 'button-key', 'Button'],
      ['20:1', '', 'Badge'],
    ]);
    const styles = await client.fileStyles('FILE1', fake.credentials.pat);
    expect(last().path).toBe('/v1/files/FILE1/styles');
    expect(styles.meta.styles).toEqual([]);
  });

  it('file keys with unusual characters are URL-encoded in the path', async () => {
    await expect(client.fileMeta('a/b?c', fake.credentials.pat)).rejects.toMatchObject({ kind: 'not_found' });
    expect(last().path).toBe('/v1/files/a%2Fb%3Fc/meta');
  });
});
