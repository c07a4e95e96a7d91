import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import { baseDesign, editFile, putFile, settled, startAutomation, track, versionsOf, type Automation, type Design } from './support.js';

// Figma webhooks v2 in: registered through Figma's API, a PING recorded, events checked against
// the file's passcode, and a burst of events turned into one check.
describe.each(dbKinds)('Figma webhooks on %s', (kind) => {
  let a: Automation;
  let fileId: string;
  let hookId: string;
  const KEY = 'HookFileKey0001';
  const design = (hex: string): Design => {
    const d = baseDesign();
    setColor(d.tokens, 'VariableID:1:1', hex);
    return d;
  };
  const webhookUrl = () => '/api/v1/webhooks/figma';
  const audits = (action: string) => a.t.db.prisma.auditEvent.findMany({ where: { projectId: a.t.projectId, action } });
  const fileRow = () => a.t.db.prisma.trackedFile.findUniqueOrThrow({ where: { id: fileId } });

  beforeAll(async () => {
    a = await startAutomation(kind, {}, { listen: true });
    putFile(a.figma, KEY, design('#0055ff'));
    // An hour between polls: anything that happens sooner is the webhook's doing.
    fileId = (await track(a, KEY, { pollIntervalSeconds: 3600 })).id;
    await settled(a);
    expect((await versionsOf(a, 'Button')).map((v) => v.version)).toEqual(['1.0.0']);
    for (const name of ['Button', 'Badge', 'Card']) {
      const c = await a.t.db.prisma.component.findFirstOrThrow({ where: { projectId: a.t.projectId, name } });
      const draft = await a.t.db.prisma.componentVersion.findFirstOrThrow({ where: { componentId: c.id, status: 'draft' } });
      expect((await a.t.api('POST', `/api/v1/versions/${draft.id}/publish`, { body: {} })).statusCode).toBe(200);
    }
  });
  afterAll(async () => a?.close());

  it('registering creates the webhooks in Figma for this server, and the PING Figma sends is recorded', async () => {
    const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${fileId}/webhook`, { body: { eventTypes: ['FILE_UPDATE', 'FILE_DELETE'] } });
    expect(res.statusCode, res.body).toBe(201);
    const { webhooks } = res.json() as { webhooks: Array<{ id: string; eventType: string; endpoint: string }> };
    expect(webhooks.map((w) => w.eventType)).toEqual(['FILE_UPDATE', 'FILE_DELETE']);
    const inFigma = a.figma.webhooks().filter((w) => w.context_id === KEY);
    expect(inFigma.map((w) => [String(w.id), w.event_type, w.endpoint])).toEqual(webhooks.map((w) => [w.id, w.eventType, w.endpoint]));
    expect(webhooks[0]!.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/webhooks\/figma$/);
    hookId = webhooks[0]!.id;

    await a.figma.idle();
    const pings = a.figma.deliveries.filter((d) => d.eventType === 'PING');
    expect(pings.map((p) => p.status)).toEqual([200, 200]);
    expect((await audits('webhook.ping')).length).toBe(2);
    expect((await fileRow()).lastEventAt).not.toBeNull();
    // The passcode is stored hashed: the one Figma holds is not in the row.
    const passcode = a.figma.webhooks().find((w) => String(w.id) === hookId)!.passcode;
    expect(JSON.stringify(await fileRow())).not.toContain(passcode);
  });

  it('a FILE_UPDATE event makes an immediate check: the change is a draft with trigger webhook', async () => {
    editFile(a.figma, KEY, design('#1144ee'));
    const result = await a.figma.deliver(hookId, 'FILE_UPDATE');
    expect(result).toMatchObject({ delivered: true, status: 200, attempts: 1 });
    await expect.poll(async () => (await versionsOf(a, 'Button')).at(-1), { timeout: 15_000, interval: 250 })
      .toEqual({ version: '1.1.0', status: 'draft', trigger: 'webhook' });
  });

  it('a wrong passcode is refused with 400 and audited, and nothing else is stored', async () => {
    await settled(a);
    const before = { file: await fileRow(), jobs: await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?limit=500`).then((r) => r.json().items.length) };
    editFile(a.figma, KEY, design('#2233dd'));
    const res = await a.t.api('POST', webhookUrl(), {
      token: null,
      body: { event_type: 'FILE_UPDATE', passcode: 'not-the-passcode', timestamp: new Date().toISOString(), webhook_id: hookId, file_key: KEY, file_name: 'Design System' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/passcode/i);
    expect((await audits('webhook.refused')).length).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await fileRow();
    expect(after.lastEventAt).toEqual(before.file.lastEventAt);
    expect(await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?limit=500`).then((r) => r.json().items.length)).toBe(before.jobs);
    expect((await versionsOf(a, 'Button')).at(-1)!.version).toBe('1.1.0');
  });

  it('refuses malformed events with a 400 that names the field, never a 500', async () => {
    const missing = await a.t.api('POST', webhookUrl(), { token: null, body: { event_type: 'FILE_UPDATE', passcode: 'x' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('file_key');
    const unknownType = await a.t.api('POST', webhookUrl(), { token: null, body: { event_type: 'FILE_EXPLODE', passcode: 'x', file_key: KEY } });
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.body).toContain('event_type');
    const nul = await a.t.api('POST', webhookUrl(), { token: null, body: { event_type: 'PING', passcode: 'x\u0000y', file_key: `${KEY}\u0000` } });
    expect(nul.statusCode).toBe(400);
  });

  it('a burst of 20 events makes one check and one regeneration per affected component', async () => {
    await settled(a);
    const metaBefore = a.figma.count('meta', KEY);
    const versionsBefore = { button: (await versionsOf(a, 'Button')).length, badge: (await versionsOf(a, 'Badge')).length, card: (await versionsOf(a, 'Card')).length };
    // Button (VariableID:1:1) and Badge (VariableID:1:3) change; Card does not.
    const d = design('#3322cc');
    setColor(d.tokens, 'VariableID:1:3', '#00bb66');
    editFile(a.figma, KEY, d);
    const results = await Promise.all(Array.from({ length: 20 }, () => a.figma.deliver(hookId, 'FILE_UPDATE')));
    expect(results.every((r) => r.delivered)).toBe(true);
    await expect.poll(async () => (await versionsOf(a, 'Badge')).length, { timeout: 15_000, interval: 250 }).toBe(versionsBefore.badge + 1);
    await settled(a);
    expect(a.figma.count('meta', KEY) - metaBefore).toBe(1);
    expect((await versionsOf(a, 'Button')).length).toBe(versionsBefore.button + 1);
    expect((await versionsOf(a, 'Card')).length).toBe(versionsBefore.card);
    expect((await audits('webhook.file_update')).length).toBeGreaterThanOrEqual(21);
  });

  it('FILE_DELETE marks the file deleted and stops polling it', async () => {
    await settled(a);
    const deleteHook = a.figma.webhooks().find((w) => w.context_id === KEY && w.event_type === 'FILE_DELETE')!;
    const result = await a.figma.deliver(String(deleteHook.id), 'FILE_DELETE');
    expect(result.delivered).toBe(true);
    expect(await fileRow()).toMatchObject({ status: 'deleted' });
    const listed = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`)).json().items as Array<{ id: string; status: string; statusReason: string | null }>;
    expect(listed.find((f) => f.id === fileId)).toMatchObject({ status: 'deleted', statusReason: expect.stringContaining('FILE_DELETE') });
    // Even when asked, a deleted file is not read.
    const metaBefore = a.figma.count('meta', KEY);
    await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${fileId}/check`);
    await settled(a);
    expect(a.figma.count('meta', KEY)).toBe(metaBefore);
  });
});
