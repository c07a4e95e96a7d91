// A component that uses a project component imports it, whichever sync (and file) stored it, and
// whatever path generates it: the imported component is part of what decides regeneration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Layer } from '../../../core/contract/layers.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { syncRequest } from '../../helpers/sync-fixtures.js';
import { current, rowCounts } from '../../helpers/versioning.js';

type Proposal = { componentId: string; componentName: string; bump: string; reasons: string[]; draftVersionId: string };

const LIB = 'LIBFILE';
const APP = 'APPFILE';
const box = { x: 0, y: 0, width: 16, height: 16 };

/** The library's Icon: a set of one variant. */
const icon = (name: string, extraProp = false): ComponentSpec => ({
  id: '40:1',
  key: 'key-icon',
  name,
  props: [
    { name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['md'] },
    ...(extraProp ? [{ name: 'filled', id: 'filled#4:0', kind: 'boolean' as const, default: false }] : []),
  ],
  variants: [
    {
      id: '40:2',
      values: { size: 'md' },
      bindings: {},
      layers: { id: '40:2', name: 'size=md', type: 'COMPONENT', box },
    },
  ],
});

/**
 * The app's Card holds an instance of the library's Icon: in the app file the instance names
 * the library component by key (its node ids there are the app's own).
 */
const card = (): ComponentSpec => {
  const instance: Layer = {
    id: '7:3',
    name: 'Glyph',
    type: 'INSTANCE',
    box,
    instance: {
      componentId: '7:90',
      componentKey: 'key-icon-md',
      componentName: 'size=md',
      componentSetId: '7:91',
      componentSetKey: 'key-icon',
      componentSetName: 'Icon',
      properties: { size: 'md', filled: true },
    },
  };
  return {
    id: '7:1',
    key: 'key-card',
    name: 'Card',
    props: [{ name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['md'] }],
    variants: [
      {
        id: '7:2',
        values: { size: 'md' },
        bindings: {},
        layers: {
          id: '7:2',
          name: 'size=md',
          type: 'COMPONENT',
          box: { x: 0, y: 0, width: 100, height: 40 },
          layout: { layoutMode: 'HORIZONTAL', itemSpacing: 4 },
          children: [instance],
        },
      },
    ],
  };
};

describe.each(dbKinds)('codegen context across syncs, on %s', (kind) => {
  let t: TestApp;
  let n = 0;
  let cardId = '';

  const sync = async (fileKey: string, components: ComponentSpec[]) => {
    const body = { ...syncRequest((ds) => (ds.components = components), fileKey), fileVersion: `v${++n}` };
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(res.json().errors).toEqual([]);
    return res.json() as { syncId: string; proposals: Proposal[]; unchanged: number };
  };
  const accept = async (r: { syncId: string; proposals: Proposal[] }) => {
    const res = await t.api('POST', `/api/v1/syncs/${r.syncId}/decisions`, {
      body: { decisions: r.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const cardTsx = async () => (await current(t, cardId)).files!.find((f) => f.path === 'Card.tsx')!.content;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = await sync(APP, [card()]);
    cardId = first.proposals[0]!.componentId;
    await accept(first);
  });
  afterAll(async () => t?.close());

  it('inlines an instance of a component the project does not have', async () => {
    expect(await cardTsx()).not.toContain("from '../Icon/Icon'");
  });

  it('regenerates a component when a component it instantiates appears, in a sync of another file', async () => {
    const lib = await sync(LIB, [icon('Icon')]);
    expect(lib.proposals.map((p) => [p.componentName, p.bump])).toEqual([
      ['Icon', 'major'],
      ['Card', 'minor'],
    ]);
    expect(lib.proposals[1]!.reasons).toEqual(['generated output changed', 'uses `Icon`, which goes new → 1.0.0']);
    await accept(lib);
    const tsx = await cardTsx();
    expect(tsx).toContain("import { Icon } from '../Icon/Icon';");
    expect(tsx).toContain('<Icon ');
    expect(tsx).not.toContain('filled=');
    const uses = (await t.api('GET', `/api/v1/components/${cardId}`)).json().uses;
    expect(uses.map((u: { name: string }) => u.name)).toEqual(['Icon']);
  });

  it('gives nothing to do for the same inputs, by a sync of its file and by regeneration', async () => {
    const same = await sync(APP, [card()]);
    expect(same.proposals).toEqual([]);
    expect(same.unchanged).toBe(1);
    const before = await rowCounts(t);
    const tsx = await cardTsx();
    const res = await t.api('POST', `/api/v1/components/${cardId}/regenerate`, { body: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changed).toBe(false);
    expect(await rowCounts(t)).toEqual(before);
    expect(await cardTsx()).toBe(tsx);
  });

  it('regenerates a component when the props of a component it imports change', async () => {
    const lib = await sync(LIB, [icon('Icon', true)]);
    expect(lib.proposals.map((p) => [p.componentName, p.bump])).toEqual([['Icon', 'minor']]);
    await accept(lib);
    const again = await sync(APP, [card()]);
    expect(again.proposals.map((p) => [p.componentName, p.bump])).toEqual([['Card', 'patch']]);
    await accept(again);
    expect(await cardTsx()).toContain('filled={true}');
    expect((await sync(APP, [card()])).proposals).toEqual([]);
  });

  it('regenerates a component when a component it imports is renamed, importing it by its new name', async () => {
    const lib = await sync(LIB, [icon('Pictogram', true)]);
    expect(lib.proposals.map((p) => p.componentName)).toEqual(['Pictogram', 'Card']);
    await accept(lib);
    const tsx = await cardTsx();
    expect(tsx).toContain("import { Pictogram } from '../Pictogram/Pictogram';");
    expect(tsx).not.toContain("from '../Icon/Icon'");
    expect((await sync(APP, [card()])).proposals).toEqual([]);
  });
});
