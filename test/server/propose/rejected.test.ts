import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { setColor, syncRequest } from '../../helpers/sync-fixtures.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
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
} from '../automation/support.js';

type Proposal = {
  componentId: string;
  componentName: string;
  draftVersionId: string;
  fromVersion: string | null;
  toVersion: string;
};
type Rejected = { componentId: string; componentName: string; versionId: string; version: string };
type SyncBody = {
  syncId: string;
  status: string;
  proposals: Proposal[];
  unchanged: number;
  errors: unknown[];
  rejectedEarlier?: Rejected[];
};

// DESIGN.md "Versions": a rejected proposal is remembered. The next sync with the same inputs
// for that component does not propose it again (it is listed as "rejected earlier"), until its
// inputs change or someone regenerates it by hand.
describe.each(dbKinds)('rejected proposals remembered on %s', (kind) => {
  let t: TestApp;
  let button: string;

  const sync = async (body: SyncRequest) => {
    const res = await t.api('POST', `/api/v1/projects/${t.projectId}/syncs`, { body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SyncBody;
  };
  const decide = async (s: SyncBody, decision: 'accept' | 'reject') => {
    const res = await t.api('POST', `/api/v1/syncs/${s.syncId}/decisions`, {
      body: { decisions: s.proposals.map((p) => ({ componentId: p.componentId, decision })) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
  };
  const versionsOfButton = async () =>
    await t.db.prisma.componentVersion.findMany({
      where: { componentId: button },
      orderBy: { createdAt: 'asc' },
      select: { id: true, version: true, status: true },
    });
  const blue = (hex: string) => syncRequest((ds) => setColor(ds.tokens, 'VariableID:1:1', hex));

  beforeAll(async () => {
    t = await startTestApp(kind);
    const first = await sync(syncRequest());
    await decide(first, 'accept');
    button = first.proposals.find((p) => p.componentName === 'Button')!.componentId;
  });
  afterAll(async () => t?.close());

  it('the same design again does not propose a rejected change: it is listed as rejected earlier, and nothing is stored', async () => {
    const proposed = await sync(blue('#0044dd'));
    expect(proposed.proposals.map((p) => [p.componentName, p.toVersion])).toEqual([['Button', '1.1.0']]);
    expect(proposed.rejectedEarlier).toEqual([]);
    await decide(proposed, 'reject');
    const rejected = {
      componentId: button,
      componentName: 'Button',
      versionId: proposed.proposals[0]!.draftVersionId,
      version: '1.1.0',
    };

    const versions = await versionsOfButton();
    const notes = await t.db.prisma.notification.count();
    const again = await sync(blue('#0044dd'));
    expect(again).toMatchObject({
      status: 'completed',
      proposals: [],
      unchanged: 2,
      errors: [],
      rejectedEarlier: [rejected],
    });
    expect(await versionsOfButton()).toEqual(versions);
    expect(await t.db.prisma.notification.count()).toBe(notes);
    // Read back, the sync says the same.
    expect((await t.api('GET', `/api/v1/syncs/${again.syncId}`)).json()).toMatchObject({
      proposals: [],
      rejectedEarlier: [rejected],
    });
    // And again: still remembered.
    expect(await sync(blue('#0044dd'))).toMatchObject({ proposals: [], rejectedEarlier: [rejected] });
  });

  it('is still remembered after the design went back to the current version and then returned to the rejected one', async () => {
    expect(await sync(syncRequest())).toMatchObject({ proposals: [], unchanged: 3, rejectedEarlier: [] });
    const versions = await versionsOfButton();
    const back = await sync(blue('#0044dd'));
    expect(back.proposals).toEqual([]);
    expect(back.rejectedEarlier!.map((r) => [r.componentName, r.version])).toEqual([['Button', '1.1.0']]);
    expect(await versionsOfButton()).toEqual(versions);
  });

  it('proposes again once the inputs change', async () => {
    const other = await sync(blue('#0033cc'));
    expect(other.proposals.map((p) => [p.componentName, p.toVersion])).toEqual([['Button', '1.1.0']]);
    expect(other.rejectedEarlier).toEqual([]);
    await decide(other, 'reject');
  });

  it('proposes it again after a regeneration by hand with the same inputs, which the next sync lists', async () => {
    const design = blue('#0033cc');
    expect(await sync(design)).toMatchObject({
      proposals: [],
      rejectedEarlier: [expect.objectContaining({ componentName: 'Button' })],
    });
    const spec = design.components.find((c) => c.name === 'Button')!;
    const regenerated = await t.api('POST', `/api/v1/components/${button}/regenerate`, {
      body: { tokens: design.tokens, spec },
    });
    expect(regenerated.statusCode, regenerated.body).toBe(201);
    expect(regenerated.json()).toMatchObject({
      changed: true,
      pending: false,
      proposal: { componentName: 'Button', fromVersion: '1.0.0', toVersion: '1.1.0' },
    });
    const draftId = regenerated.json().proposal.draftVersionId as string;
    const next = await sync(design);
    expect(next.rejectedEarlier).toEqual([]);
    expect(next.proposals.map((p) => [p.componentName, p.draftVersionId])).toEqual([['Button', draftId]]);
    await decide(next, 'accept');
    expect(await sync(design)).toMatchObject({ proposals: [], unchanged: 3, rejectedEarlier: [] });
  });

  it("forgets what an undo withdrew: the undone sync's design is proposed again", async () => {
    const design = blue('#2255ff');
    const proposed = await sync(design);
    expect(proposed.proposals.map((p) => p.componentName)).toEqual(['Button']);
    expect((await t.api('POST', `/api/v1/syncs/${proposed.syncId}/undo`)).statusCode).toBe(200);
    const again = await sync(design);
    expect(again.rejectedEarlier).toEqual([]);
    expect(again.proposals.map((p) => p.componentName)).toEqual(['Button']);
    expect(again.proposals[0]!.draftVersionId).not.toBe(proposed.proposals[0]!.draftVersionId);
    await decide(again, 'reject');
  });

  it('remembers a rejected first version of a new component', async () => {
    const withNew = (ds: Parameters<NonNullable<Parameters<typeof syncRequest>[0]>>[0]) => {
      setColor(ds.tokens, 'VariableID:1:1', '#2255ff');
      ds.components.push({
        ...ds.components[2]!,
        id: '40:1',
        name: 'Panel',
        variants: [{ ...ds.components[2]!.variants[0]!, id: '40:2' }],
      });
    };
    const first = await sync(syncRequest(withNew));
    const panel = first.proposals.find((p) => p.componentName === 'Panel')!;
    expect(panel).toMatchObject({ fromVersion: null, toVersion: '1.0.0' });
    await t.api('POST', `/api/v1/syncs/${first.syncId}/decisions`, {
      body: { decisions: [{ componentId: panel.componentId, decision: 'reject' }] },
    });
    const again = await sync(syncRequest(withNew));
    expect(again.proposals).toEqual([]);
    // Button's blue was rejected at the end of the test before.
    expect(again.rejectedEarlier!.map((r) => [r.componentName, r.version]).sort()).toEqual([
      ['Button', '1.2.0'],
      ['Panel', '1.0.0'],
    ]);
  });
});

// The server's own path (a tracked Figma file it polls): the same memory, no regeneration job.
describe.each(dbKinds)('rejected proposals remembered by the poller on %s', (kind) => {
  let a: Automation;
  let fileId: string;
  const KEY = 'RejectedFileKey01';
  const design = (hex?: string): Design => {
    const d = baseDesign();
    if (hex) setColor(d.tokens, 'VariableID:1:1', hex);
    return d;
  };
  const poll = async (d: Design) => {
    editFile(a.figma, KEY, d);
    await check(a, fileId);
    await settled(a);
  };

  beforeAll(async () => {
    a = await startAutomation(kind);
    putFile(a.figma, KEY, design());
    fileId = (await track(a, KEY)).id;
    await settled(a);
    for (const draft of await a.t.db.prisma.componentVersion.findMany({ where: { status: 'draft' } })) {
      expect((await a.t.api('POST', `/api/v1/versions/${draft.id}/publish`, { body: {} })).statusCode).toBe(200);
    }
  });
  afterAll(async () => a?.close());

  it('does not regenerate a change rejected earlier when the design returns to it', async () => {
    await poll(design('#1144ee'));
    const proposed = (await versionsOf(a, 'Button')).at(-1)!;
    expect(proposed).toMatchObject({ version: '1.1.0', status: 'draft' });
    const draft = await a.t.db.prisma.componentVersion.findFirstOrThrow({ where: { status: 'draft' } });
    expect((await a.t.api('POST', `/api/v1/versions/${draft.id}/reject`, { body: {} })).statusCode).toBe(200);

    // Back to the published design, then to the rejected one again.
    await poll(design());
    const notes = (await notificationsOf(a, 'draft.proposed')).length;
    await poll(design('#1144ee'));
    expect((await versionsOf(a, 'Button')).map((v) => [v.version, v.status])).toEqual([
      ['1.0.0', 'published'],
      ['1.1.0', 'rejected'],
    ]);
    expect((await notificationsOf(a, 'draft.proposed')).length).toBe(notes);
    // What the poller recorded is the design as it is: drift still shows the change.
    const drift = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/drift`)).json() as {
      items: Array<{ name: string; status: string }>;
    };
    expect(drift.items.map((i) => [i.name, i.status])).toEqual([['Button', 'changed']]);
    // Asked again without a change (a check someone asked for, the same file version): still nothing.
    await check(a, fileId);
    await settled(a);
    expect((await versionsOf(a, 'Button')).map((v) => v.status)).toEqual(['published', 'rejected']);
  });
});
