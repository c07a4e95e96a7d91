import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { withDependencies } from '../../helpers/dependency-fixtures.js';
import { baseDesign, check, editFile, putFile, settled, startAutomation, track, type Automation } from './support.js';

// A background check that finds a component going major proposes what uses it, as a sync does.
describe.each(dbKinds)('dependents of a major change found by a check, on %s', (kind) => {
  let a: Automation;
  let fileId: string;
  const KEY = 'DependentsKey01';
  const design = (dropFilled: boolean) => {
    const d = baseDesign();
    withDependencies(d);
    const icon = d.components.find((c) => c.name === 'Icon')!;
    if (dropFilled) icon.props = icon.props.filter((p) => p.name !== 'filled');
    return d;
  };

  beforeAll(async () => {
    a = await startAutomation(kind);
    putFile(a.figma, KEY, design(false));
    fileId = (await track(a, KEY)).id;
    await settled(a);
    const drafts = await a.t.db.prisma.componentVersion.findMany({
      where: { status: 'draft', component: { projectId: a.t.projectId } },
      select: { id: true },
    });
    expect(drafts.length).toBe(4);
    for (const d of drafts)
      expect((await a.t.api('POST', `/api/v1/versions/${d.id}/publish`, { body: {} })).statusCode).toBe(200);
  });
  afterAll(async () => a?.close());

  it('records the edges of what a check read', async () => {
    const button = await a.t.db.prisma.component.findFirstOrThrow({
      where: { projectId: a.t.projectId, name: 'Button' },
    });
    const edges = await a.t.db.prisma.componentDependency.findMany({ where: { versionId: button.currentVersionId! } });
    expect(edges.map((e) => e.componentKey)).toEqual(['key-icon']);
  });

  it('proposes the components that use it, naming why', async () => {
    editFile(a.figma, KEY, design(true));
    await check(a, fileId);
    await settled(a);
    const drafts = await a.t.db.prisma.componentVersion.findMany({
      where: { status: 'draft', component: { projectId: a.t.projectId } },
      select: { version: true, changeSummary: true, component: { select: { name: true } } },
      orderBy: { component: { name: 'asc' } },
    });
    expect(drafts.map((d) => [d.component.name, d.version, d.changeSummary])).toEqual([
      ['Button', '1.1.0', ['uses `Icon`, which goes 1.0.0 → 2.0.0']],
      ['Icon', '2.0.0', [expect.stringContaining('filled')]],
    ]);
  });
});
