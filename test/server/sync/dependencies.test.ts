import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { syncRequest } from '../../helpers/sync-fixtures.js';
import { ICON, withDependencies, type Design } from '../../helpers/dependency-fixtures.js';

type Proposal = {
  componentId: string;
  componentName: string;
  fromVersion: string | null;
  toVersion: string;
  bump: string;
  reasons: string[];
  specChanges: Array<{ kind: string; layer?: string; property?: string; before?: unknown; after?: unknown }>;
};
type Ref = { componentId: string; name: string };

describe.each(dbKinds)('dependencies between components, on %s', (kind) => {
  let t: TestApp;
  let first: { syncId: string; proposals: Proposal[] };
  const ids = new Map<string, string>();
  let n = 0;

  const sync = async (mutate: (ds: Design) => void) => {
    const body = { ...syncRequest(mutate), fileVersion: `v${++n}` };
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(res.json().errors).toEqual([]);
    return res.json() as { syncId: string; proposals: Proposal[]; unchanged: number };
  };
  const component = async (name: string) => {
    const res = await t.api('GET', `/api/v1/components/${ids.get(name)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { uses: Ref[]; usedBy: Ref[]; currentVersion: { id: string } };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    first = await sync((ds) => withDependencies(ds));
    for (const p of first.proposals) ids.set(p.componentName, p.componentId);
    const accepted = await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: { decisions: first.proposals.map((p) => ({ componentId: p.componentId, decision: 'accept' })) },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('lists a sync’s proposals in dependency order, ties by name, in its answer and in GET /syncs/:id', async () => {
    const order = ['Badge', 'Icon', 'Button', 'Card'];
    expect(first.proposals.map((p) => p.componentName)).toEqual(order);
    const read = await t.api('GET', `/api/v1/syncs/${first.syncId}`);
    expect((read.json().proposals as Proposal[]).map((p) => p.componentName)).toEqual(order);
  });

  it('records the edges per version and answers uses / used by', async () => {
    const button = await component('Button');
    const rows = await t.db.prisma.componentDependency.findMany({
      where: { versionId: button.currentVersion.id },
      select: { componentFigmaId: true, componentKey: true },
    });
    expect(rows).toEqual([{ componentFigmaId: ICON.id, componentKey: ICON.key }]);

    expect(button.uses).toEqual([{ componentId: ids.get('Icon'), name: 'Icon' }]);
    expect(button.usedBy).toEqual([{ componentId: ids.get('Card'), name: 'Card' }]);
    const icon = await component('Icon');
    expect(icon.uses).toEqual([]);
    expect(icon.usedBy).toEqual([{ componentId: ids.get('Button'), name: 'Button' }]);
    const badge = await component('Badge');
    expect([badge.uses, badge.usedBy]).toEqual([[], []]);
  });

  it('proposes the components that use a component going major, naming why, after it', async () => {
    const res = await sync((ds) => {
      withDependencies(ds);
      const icon = ds.components.find((c) => c.name === 'Icon')!;
      icon.props = icon.props.filter((p) => p.name !== 'filled');
    });
    expect(res.proposals.map((p) => [p.componentName, p.bump])).toEqual([
      ['Icon', 'major'],
      ['Button', 'minor'],
    ]);
    const button = res.proposals[1]!;
    expect(button.reasons).toEqual(['uses `Icon`, which goes 1.0.0 → 2.0.0']);
    expect(button.fromVersion).toBe('1.0.0');
    // Card uses Button, whose change is not major: it is not proposed.
    const read = await t.api('GET', `/api/v1/syncs/${res.syncId}`);
    expect((read.json().proposals as Proposal[]).map((p) => p.componentName)).toEqual(['Icon', 'Button']);
  });

  it('does not add a dependency proposal to a component with a proposal of its own', async () => {
    const res = await sync((ds) => {
      withDependencies(ds, { buttonPadding: 12 });
      const icon = ds.components.find((c) => c.name === 'Icon')!;
      icon.props = icon.props.filter((p) => p.name !== 'filled');
    });
    expect(res.proposals.map((p) => p.componentName)).toEqual(['Icon', 'Button']);
    const button = res.proposals[1]!;
    expect(button.bump).toBe('minor');
    expect(button.reasons).toEqual(['paddingLeft of `Container` 8 → 12 (in 3 variants)']);
    expect(button.specChanges).toEqual([
      expect.objectContaining({
        kind: 'layerChanged',
        layer: 'Container',
        property: 'paddingLeft',
        before: 8,
        after: 12,
      }),
    ]);
  });

  it('makes no version when only layer boxes differ (a font rendering difference)', async () => {
    const res = await sync((ds) => withDependencies(ds, { shift: 3 }));
    expect(res.proposals).toEqual([]);
    expect(res.unchanged).toBe(4);
  });
});
