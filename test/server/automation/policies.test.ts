import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import {
  baseDesign,
  check,
  editFile,
  notificationsOf,
  putFile,
  settled,
  startAutomation,
  track,
  versionsOf,
  type Automation,
  type Design,
} from './support.js';

// The server notices design changes by itself and applies each component's policy.
describe.each(dbKinds)('automatic regeneration on %s', (kind) => {
  let a: Automation;
  let fileId: string;
  const KEY = 'PolicyFileKey01';
  const design = (mutate: (d: Design) => void = () => undefined): Design => {
    const d = baseDesign();
    mutate(d);
    return d;
  };
  const publishAll = async () => {
    for (const name of ['Button', 'Badge', 'Card']) {
      const c = await a.t.db.prisma.component.findFirstOrThrow({ where: { projectId: a.t.projectId, name } });
      const draft = await a.t.db.prisma.componentVersion.findFirst({ where: { componentId: c.id, status: 'draft' } });
      if (draft)
        expect((await a.t.api('POST', `/api/v1/versions/${draft.id}/publish`, { body: {} })).statusCode).toBe(200);
    }
  };
  const componentId = async (name: string) =>
    (await a.t.db.prisma.component.findFirstOrThrow({ where: { projectId: a.t.projectId, name } })).id;

  beforeAll(async () => {
    a = await startAutomation(kind);
  });
  afterAll(async () => a?.close());

  it('a tracked file is read at once: a 1.0.0 draft per component, with a notification each (policy notify)', async () => {
    putFile(a.figma, KEY, design());
    fileId = (await track(a, KEY, { pollIntervalSeconds: 10 })).id;
    await settled(a);
    for (const name of ['Button', 'Badge', 'Card'])
      expect(await versionsOf(a, name)).toEqual([{ version: '1.0.0', status: 'draft', trigger: 'schedule' }]);
    expect((await notificationsOf(a, 'draft.proposed')).length).toBe(3);
    await publishAll();
  });

  it('a token change in the file is found by the poller at its interval: a draft and a notification', async () => {
    const before = (await notificationsOf(a, 'draft.proposed')).length;
    editFile(
      a.figma,
      KEY,
      design((d) => setColor(d.tokens, 'VariableID:1:1', '#1144ee')),
    );
    // The next poll is due 10 s after the first; nothing here asks for a check.
    await expect
      .poll(async () => (await versionsOf(a, 'Button')).at(-1), { timeout: 30_000, interval: 500 })
      .toEqual({ version: '1.1.0', status: 'draft', trigger: 'schedule' });
    await settled(a);
    expect((await versionsOf(a, 'Badge')).map((v) => v.version)).toEqual(['1.0.0']);
    const notes = await notificationsOf(a, 'draft.proposed');
    expect(notes.length).toBe(before + 1);
    expect(notes.at(-1)!.title).toContain('Button 1.0.0 → 1.1.0');
    await publishAll();
  });

  it('policy auto publishes a non-breaking change, and leaves a breaking one as a draft', async () => {
    for (const name of ['Badge', 'Button'])
      await a.t.api('PATCH', `/api/v1/components/${await componentId(name)}`, { body: { policy: 'auto' } });
    editFile(
      a.figma,
      KEY,
      design((d) => {
        setColor(d.tokens, 'VariableID:1:1', '#1144ee');
        setColor(d.tokens, 'VariableID:1:3', '#00bb66');
      }),
    );
    await check(a, fileId);
    await settled(a);
    // Badge's color changed: minor, published by the policy.
    // A check someone asked for is recorded as theirs, not the schedule's.
    expect((await versionsOf(a, 'Badge')).at(-1)).toEqual({ version: '1.1.0', status: 'published', trigger: 'manual' });
    expect((await notificationsOf(a, 'version.auto_published')).some((n) => n.title.includes('Badge 1.1.0'))).toBe(
      true,
    );

    // Badge loses an option: breaking, so it waits for a person even under auto.
    editFile(
      a.figma,
      KEY,
      design((d) => {
        setColor(d.tokens, 'VariableID:1:1', '#1144ee');
        setColor(d.tokens, 'VariableID:1:3', '#00bb66');
        const badge = d.components.find((c) => c.name === 'Badge')!;
        badge.props[0]!.options = ['success'];
        badge.variants = badge.variants.filter((v) => v.values.tone === 'success');
      }),
    );
    await check(a, fileId);
    await settled(a);
    expect((await versionsOf(a, 'Badge')).at(-1)).toMatchObject({ version: '2.0.0', status: 'draft' });
    const current = await a.t.db.prisma.component.findFirstOrThrow({
      where: { id: await componentId('Badge') },
      include: { currentVersion: true },
    });
    expect(current.currentVersion?.version).toBe('1.1.0');
  });

  it('policy manual only records the change: no version, the component shows in drift, and the project is told', async () => {
    const card = await componentId('Card');
    await a.t.api('PATCH', `/api/v1/components/${card}`, { body: { policy: 'manual' } });
    const before = await versionsOf(a, 'Card');
    editFile(
      a.figma,
      KEY,
      design((d) => {
        setColor(d.tokens, 'VariableID:1:1', '#1144ee');
        setColor(d.tokens, 'VariableID:1:3', '#00bb66');
        setColor(d.tokens, 'VariableID:1:4', '#eeeeee');
      }),
    );
    await check(a, fileId);
    await settled(a);
    expect(await versionsOf(a, 'Card')).toEqual(before);
    const drift = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/drift`)).json() as {
      items: Array<{ componentId: string }>;
    };
    expect(drift.items.map((d) => d.componentId)).toContain(card);
    expect(
      (await notificationsOf(a, 'update.available')).some((n) => n.title.startsWith('Card changed in the design')),
    ).toBe(true);
  });
});
