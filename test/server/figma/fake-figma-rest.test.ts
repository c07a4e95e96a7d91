import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GetFileNodesResponse } from '@figma/rest-api-spec';
import { designSystem } from '../../helpers/sync-fixtures.js';
import { restFileFromDesign, startFakeFigmaRest, type FakeFigmaRest } from '../../fakes/figma-rest/index.js';

let fake: FakeFigmaRest;

beforeAll(async () => {
  fake = await startFakeFigmaRest();
  fake.setFile('K', {
    name: 'Strict',
    version: '10',
    ...restFileFromDesign(designSystem()),
    sharedPluginData: { design_sync: { snapshot: '{}' } },
  });
});
afterAll(() => fake.close());

const get = (path: string, headers: Record<string, string> = { 'X-Figma-Token': fake.credentials.pat.token }) =>
  fetch(`${fake.url}${path}`, { headers }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
  }));

describe('the fake Figma REST API is strict', () => {
  it('refuses missing and unknown tokens with Figma\'s 403 "Invalid token"', async () => {
    expect(await get('/v1/files/K/meta', {})).toEqual({ status: 403, body: { status: 403, err: 'Invalid token' } });
    expect(await get('/v1/files/K/meta', { 'X-Figma-Token': 'figd_guess' })).toMatchObject({ status: 403 });
    expect(await get('/v1/files/K/meta', { Authorization: `Bearer ${fake.credentials.oauth.token}` })).toMatchObject({
      status: 200,
    });
  });

  it('refuses unknown query parameters, malformed node ids, a missing ids and a bad depth', async () => {
    expect(await get('/v1/files/K/meta?verison=1')).toMatchObject({
      status: 400,
      body: { err: 'Unknown query parameter(s): verison' },
    });
    expect(await get('/v1/files/K/nodes?ids=10-1')).toMatchObject({
      status: 400,
      body: { err: 'Invalid node id(s): 10-1' },
    });
    expect(await get('/v1/files/K/nodes')).toMatchObject({ status: 400 });
    expect(await get('/v1/files/K/nodes?ids=0:0&depth=0')).toMatchObject({ status: 400 });
    expect(await get('/v1/nope')).toMatchObject({ status: 404 });
  });

  it('serves the document with its page, cut at depth, shared plugin data only when asked', async () => {
    const deep = (await get('/v1/files/K/nodes?ids=0:0')).body as unknown as GetFileNodesResponse;
    const doc = deep.nodes['0:0']!.document as {
      children: Array<{ id: string; children: Array<{ id: string; children?: unknown[] }> }>;
      sharedPluginData?: unknown;
    };
    expect(doc.sharedPluginData).toBeUndefined();
    expect(doc.children.map((p) => p.id)).toEqual(['0:1']);
    expect(doc.children[0]!.children.map((n) => n.id)).toEqual(['10:1', '20:1', '30:1']);
    expect(doc.children[0]!.children[0]!.children).toHaveLength(3);

    const shallow = (await get('/v1/files/K/nodes?ids=0:0&depth=1&plugin_data=shared'))
      .body as unknown as GetFileNodesResponse;
    const top = shallow.nodes['0:0']!.document as {
      children: Array<{ children: unknown[] }>;
      sharedPluginData?: unknown;
    };
    expect(top.children[0]!.children).toEqual([]);
    expect(top.sharedPluginData).toEqual({ design_sync: { snapshot: '{}' } });
  });

  it('sends with each node the component and set metadata Figma sends', async () => {
    const answer = (await get('/v1/files/K/nodes?ids=10:1,30:1')).body as unknown as GetFileNodesResponse;
    expect(answer.nodes['10:1']!.componentSets['10:1']).toMatchObject({
      key: 'button-key',
      name: 'Button',
      description: 'Primary action',
    });
    expect(answer.nodes['10:1']!.components['10:2']).toMatchObject({ componentSetId: '10:1', name: 'size=sm' });
    expect(answer.nodes['30:1']!.components['30:1']).toMatchObject({ name: 'Card', remote: false });
    expect(answer.nodes['30:1']!.components['30:1']!.componentSetId).toBeUndefined();
  });

  it('changes content and version between calls', async () => {
    fake.updateFile('K', { name: 'Strict v2' });
    expect((await get('/v1/files/K/meta')).body).toMatchObject({ file: { name: 'Strict v2', version: '11' } });
    expect(fake.bumpVersion('K')).toBe('12');
    fake.updateFile('K', { name: 'Strict v3' }, { bump: false });
    expect((await get('/v1/files/K/meta')).body).toMatchObject({ file: { name: 'Strict v3', version: '12' } });
  });

  it('records every request without token values, and counts them', async () => {
    const before = fake.count('meta', 'K');
    await get('/v1/files/K/meta');
    expect(fake.count('meta', 'K')).toBe(before + 1);
    const last = fake.requests[fake.requests.length - 1]!;
    expect(last).toMatchObject({
      method: 'GET',
      path: '/v1/files/K/meta',
      auth: 'pat',
      endpoint: 'meta',
      fileKey: 'K',
    });
    expect(last.headers['x-figma-token']).toBe('[redacted]');
    expect(JSON.stringify(fake.requests)).not.toContain(fake.credentials.pat.token);
  });

  it('closes even while a call hangs', async () => {
    const other = await startFakeFigmaRest();
    other.setFile('H', { name: 'Hang', version: '1' });
    other.hang('H');
    const pending = fetch(`${other.url}/v1/files/H/meta`, {
      headers: { 'X-Figma-Token': other.credentials.pat.token },
    }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('restFileFromDesign', () => {
  it('lists what the REST form cannot carry instead of dropping it silently', () => {
    const design = designSystem();
    design.tokens.tokens.push(
      {
        id: 'VariableID:9:1',
        name: 'size/rem',
        collectionId: 'VariableCollectionId:1:0',
        type: 'dimension',
        valuesByMode: { '1:0': { value: 1, unit: 'rem' } },
      },
      {
        id: 'VariableID:9:2',
        name: 'motion',
        collectionId: 'VariableCollectionId:1:0',
        type: 'duration',
        valuesByMode: { '1:0': { value: 200, unit: 'ms' } },
      },
    );
    design.components[0]!.codeName = 'Button2';
    const rest = restFileFromDesign(design);
    expect(rest.notCarried).toEqual([
      'token size/rem (VariableID:9:1): value in mode 1:0 has no Figma variable form',
      'token motion (VariableID:9:2): type duration cannot be a Figma variable',
      'component Button: codeName is not a Figma property',
    ]);
    expect(rest.variables.meta.variables['VariableID:9:1']).toBeUndefined();
  });
});
