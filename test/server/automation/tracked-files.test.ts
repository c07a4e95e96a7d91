import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { baseDesign, putFile, startAutomation, track, type Automation } from './support.js';

// Tracking a Figma file: what the answers say, what Figma's webhook limits allow, and what two
// identical requests at once make.
describe.each(dbKinds)('tracked files on %s', (kind) => {
  let a: Automation;
  const files = () => `/api/v1/projects/${a.t.projectId}/files`;

  beforeAll(async () => {
    a = await startAutomation(kind);
  });
  afterAll(async () => a?.close());

  it('a webhook passcode longer than Figma accepts (100 characters) is refused when tracking, naming the field, and stores nothing', async () => {
    const res = await a.t.api('POST', files(), {
      body: { fileKey: 'LongPasscode001', webhookPasscode: 'p'.repeat(101) },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain('webhookPasscode');
    expect(await a.t.db.prisma.trackedFile.count({ where: { fileKey: 'LongPasscode001' } })).toBe(0);
    // 100 is Figma's own limit, and accepted.
    expect(
      (await a.t.api('POST', files(), { body: { fileKey: 'LongPasscode001', webhookPasscode: 'p'.repeat(100) } }))
        .statusCode,
    ).toBe(201);
  });

  it('the webhook description sent to Figma is at most 150 characters: a long file name is cut', async () => {
    const KEY = 'LongNameFile001';
    putFile(a.figma, KEY, baseDesign());
    const { id } = await track(a, KEY, {
      name: `A design system whose name goes on ${'and on '.repeat(20)}`.slice(0, 200),
    });
    const res = await a.t.api('POST', `${files()}/${id}/webhook`, { body: { eventTypes: ['FILE_UPDATE'] } });
    expect(res.statusCode, res.body).toBe(201);
    const [hook] = a.figma.webhooks().filter((w) => w.context_id === KEY);
    expect(hook!.description!.length).toBeLessThanOrEqual(150);
    expect(hook!.description).toMatch(/^design-sync: A design system whose name goes on and on/);
  });

  it('the answers of tracking and updating a file say how many of its existing components keep another policy', async () => {
    const KEY = 'PolicyFile00001';
    // The plugin synced the file before anyone tracked it: its three components have policy notify.
    const d = baseDesign();
    const sync = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/syncs`, {
      body: { fileKey: KEY, tokens: d.tokens, components: d.components },
    });
    expect(sync.statusCode, sync.body).toBe(201);
    const created = await a.t.api('POST', files(), { body: { fileKey: KEY, policy: 'auto' } });
    expect(created.statusCode, created.body).toBe(201);
    // The file's policy applies to components it brings later; the three that exist keep theirs.
    expect(created.json()).toMatchObject({ policy: 'auto', componentsWithOtherPolicy: 3 });
    const components = await a.t.db.prisma.component.findMany({
      where: { projectId: a.t.projectId, fileKey: KEY },
      orderBy: { name: 'asc' },
    });
    expect(components.map((c) => c.policy)).toEqual(['notify', 'notify', 'notify']);

    const button = components.find((c) => c.name === 'Button')!;
    expect((await a.t.api('PATCH', `/api/v1/components/${button.id}`, { body: { policy: 'auto' } })).statusCode).toBe(
      200,
    );
    const manual = await a.t.api('POST', files(), { body: { fileKey: KEY, policy: 'manual' } });
    expect(manual.statusCode, manual.body).toBe(200);
    expect(manual.json()).toMatchObject({ policy: 'manual', componentsWithOtherPolicy: 3 });
    const notify = await a.t.api('POST', files(), { body: { fileKey: KEY, policy: 'notify' } });
    expect(notify.json()).toMatchObject({ policy: 'notify', componentsWithOtherPolicy: 1 });
    expect(
      (await a.t.db.prisma.component.findMany({ where: { projectId: a.t.projectId, fileKey: KEY } }))
        .map((c) => c.policy)
        .sort(),
    ).toEqual(['auto', 'notify', 'notify']);
  });

  it('identical POSTs at once make one tracked file: one 201, the others 409 naming the conflict', async () => {
    const body = {
      fileKey: 'ConcurrentFile1',
      pollIntervalSeconds: 600,
      policy: 'manual',
      figmaToken: 'figd_concurrent-token-0001',
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => a.t.api('POST', files(), { body })));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses, answers.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409, 409, 409]);
    for (const r of answers.filter((x) => x.statusCode === 409)) {
      expect(r.json().error).toMatchObject({
        code: 'file_already_tracked',
        message: expect.stringContaining('ConcurrentFile1'),
      });
    }
    expect(await a.t.db.prisma.trackedFile.count({ where: { fileKey: 'ConcurrentFile1' } })).toBe(1);
    expect(
      await a.t.db.prisma.auditEvent.count({ where: { action: 'file.track', projectId: a.t.projectId } }),
    ).toBeGreaterThan(0);
    // A POST that changes something still updates the file.
    const update = await a.t.api('POST', files(), { body: { ...body, pollIntervalSeconds: 900 } });
    expect(update.statusCode, update.body).toBe(200);
    expect(update.json()).toMatchObject({ pollIntervalSeconds: 900 });
  });
});
