import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefusalAudits } from '../../../server/services/automation/refusal-audits.js';
import { dbKinds } from '../../helpers/databases.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import {
  baseDesign,
  editFile,
  putFile,
  settled,
  startAutomation,
  track,
  versionsOf,
  type Automation,
  type Design,
} from './support.js';

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
    // Two seconds of quiet end a burst: twenty concurrent deliveries to a server on a loaded
    // machine can spread over more than the default half second, which would rightly be two bursts.
    a = await startAutomation(kind, { WEBHOOK_DEBOUNCE_SECONDS: '2' }, { listen: true });
    putFile(a.figma, KEY, design('#0055ff'));
    // An hour between polls: anything that happens sooner is the webhook's doing.
    fileId = (await track(a, KEY, { pollIntervalSeconds: 3600 })).id;
    await settled(a);
    expect((await versionsOf(a, 'Button')).map((v) => v.version)).toEqual(['1.0.0']);
    for (const name of ['Button', 'Badge', 'Card']) {
      const c = await a.t.db.prisma.component.findFirstOrThrow({ where: { projectId: a.t.projectId, name } });
      const draft = await a.t.db.prisma.componentVersion.findFirstOrThrow({
        where: { componentId: c.id, status: 'draft' },
      });
      expect((await a.t.api('POST', `/api/v1/versions/${draft.id}/publish`, { body: {} })).statusCode).toBe(200);
    }
  });
  afterAll(async () => a?.close());

  it('registering creates the webhooks in Figma for this server, and the PING Figma sends is recorded', async () => {
    const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${fileId}/webhook`, {
      body: { eventTypes: ['FILE_UPDATE', 'FILE_DELETE'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { webhooks } = res.json() as { webhooks: Array<{ id: string; eventType: string; endpoint: string }> };
    expect(webhooks.map((w) => w.eventType)).toEqual(['FILE_UPDATE', 'FILE_DELETE']);
    const inFigma = a.figma.webhooks().filter((w) => w.context_id === KEY);
    expect(inFigma.map((w) => [String(w.id), w.event_type, w.endpoint])).toEqual(
      webhooks.map((w) => [w.id, w.eventType, w.endpoint]),
    );
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
    await expect
      .poll(async () => (await versionsOf(a, 'Button')).at(-1), { timeout: 15_000, interval: 250 })
      .toEqual({ version: '1.1.0', status: 'draft', trigger: 'webhook' });
  });

  it('a wrong passcode is refused with 400 and audited, and nothing else is stored', async () => {
    await settled(a);
    const before = {
      file: await fileRow(),
      jobs: await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?limit=500`).then((r) => r.json().items.length),
    };
    editFile(a.figma, KEY, design('#2233dd'));
    const res = await a.t.api('POST', webhookUrl(), {
      token: null,
      body: {
        event_type: 'FILE_UPDATE',
        passcode: 'not-the-passcode',
        timestamp: new Date().toISOString(),
        webhook_id: hookId,
        file_key: KEY,
        file_name: 'Design System',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/passcode/i);
    expect((await audits('webhook.refused')).length).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await fileRow();
    expect(after.lastEventAt).toEqual(before.file.lastEventAt);
    expect(
      await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?limit=500`).then((r) => r.json().items.length),
    ).toBe(before.jobs);
    expect((await versionsOf(a, 'Button')).at(-1)!.version).toBe('1.1.0');
  });

  it('refuses malformed events with a 400 that names the field, never a 500', async () => {
    const missing = await a.t.api('POST', webhookUrl(), {
      token: null,
      body: { event_type: 'FILE_UPDATE', passcode: 'x', timestamp: new Date().toISOString() },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('file_key');
    const unknownType = await a.t.api('POST', webhookUrl(), {
      token: null,
      body: { event_type: 'FILE_EXPLODE', passcode: 'x', file_key: KEY },
    });
    expect(unknownType.statusCode).toBe(400);
    expect(unknownType.body).toContain('event_type');
    const nul = await a.t.api('POST', webhookUrl(), {
      token: null,
      body: { event_type: 'PING', passcode: 'x\u0000y', file_key: `${KEY}\u0000` },
    });
    expect(nul.statusCode).toBe(400);
  });

  it('a burst of 20 events makes one check and one regeneration per affected component', async () => {
    await settled(a);
    const metaBefore = a.figma.count('meta', KEY);
    const versionsBefore = {
      button: (await versionsOf(a, 'Button')).length,
      badge: (await versionsOf(a, 'Badge')).length,
      card: (await versionsOf(a, 'Card')).length,
    };
    // Button (VariableID:1:1) and Badge (VariableID:1:3) change; Card does not.
    const d = design('#3322cc');
    setColor(d.tokens, 'VariableID:1:3', '#00bb66');
    editFile(a.figma, KEY, d);
    const results = await Promise.all(Array.from({ length: 20 }, () => a.figma.deliver(hookId, 'FILE_UPDATE')));
    expect(results.every((r) => r.delivered)).toBe(true);
    await expect
      .poll(async () => (await versionsOf(a, 'Badge')).length, { timeout: 15_000, interval: 250 })
      .toBe(versionsBefore.badge + 1);
    await settled(a);
    expect(a.figma.count('meta', KEY) - metaBefore).toBe(1);
    expect((await versionsOf(a, 'Button')).length).toBe(versionsBefore.button + 1);
    expect((await versionsOf(a, 'Card')).length).toBe(versionsBefore.card);
    expect((await audits('webhook.file_update')).length).toBeGreaterThanOrEqual(21);
  });

  const passcodeOf = () => a.figma.webhooks().find((w) => String(w.id) === hookId)!.passcode;
  const post = (body: Record<string, unknown>) => a.t.api('POST', webhookUrl(), { token: null, body });
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

  it('a wrong passcode gets the same answer whether the file key is tracked or not', async () => {
    const event = { event_type: 'FILE_UPDATE', passcode: 'not-the-passcode', timestamp: at(0), webhook_id: '999' };
    const tracked = await post({ ...event, file_key: KEY });
    const untracked = await post({ ...event, file_key: 'NobodyTracksThis1' });
    // Headers too, but for those that differ on every request (the id, the date, the caller's remaining request budget).
    const varying = (h: string) => ['x-request-id', 'date'].includes(h) || h.startsWith('x-ratelimit-');
    const comparable = (res: typeof tracked) => ({
      status: res.statusCode,
      body: res.body,
      headers: Object.keys(res.headers)
        .filter((h) => !varying(h))
        .sort()
        .map((h) => [h, res.headers[h]]),
    });
    expect(comparable(tracked)).toEqual(comparable(untracked));
    expect(tracked.statusCode).toBe(400);
    expect(tracked.json().error.message).toMatch(/passcode/);
    // A PING names no file: a wrong passcode is refused alike.
    const ping = await post({ event_type: 'PING', passcode: 'not-the-passcode', timestamp: at(0) });
    expect(ping.statusCode).toBe(400);
  });

  it('wrong passcodes from anyone are audited at most once a minute per file', async () => {
    // A file of its own, so what other tests refused does not count here.
    const created = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files`, {
      body: { fileKey: 'RefusedAuditKey1', pollIntervalSeconds: 3600 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const other = created.json() as { id: string };
    const refusedAudits = () =>
      a.t.db.prisma.auditEvent.count({ where: { action: 'webhook.refused', targetId: other.id } });
    const event = { event_type: 'FILE_UPDATE', file_key: 'RefusedAuditKey1', timestamp: at(0) };
    for (let i = 0; i < 5; i++) expect((await post({ ...event, passcode: `wrong-${i}` })).statusCode).toBe(400);
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post({ ...event, passcode: `wrong-at-once-${i}` })),
    );
    expect(concurrent.map((r) => r.statusCode)).toEqual(new Array(10).fill(400));
    expect(await refusedAudits()).toBe(1);
    await settled(a);
  });

  it('events older than a day, more than five minutes ahead, or without a timestamp are refused with a 400 naming body.timestamp, changing nothing', async () => {
    const before = await fileRow();
    const ping = { event_type: 'PING', passcode: passcodeOf(), webhook_id: hookId };
    for (const [what, timestamp] of [
      ['25 hours old', at(-25 * 3600_000)],
      ['six minutes ahead', at(6 * 60_000)],
      ['a year old', '2020-02-23T20:27:16Z'],
      ['not a date', 'yesterday'],
      ['missing', undefined],
    ] as const) {
      const res = await post({ ...ping, ...(timestamp === undefined ? {} : { timestamp }) });
      expect.soft(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expect.soft(res.body, what).toContain('body.timestamp');
    }
    expect((await fileRow()).lastEventAt).toEqual(before.lastEventAt);
    // Within the window (Figma retries a failed delivery for a few hours; clocks drift a little) they are accepted.
    for (const timestamp of [at(-23 * 3600_000), at(4 * 60_000), new Date().toISOString()]) {
      const res = await post({ ...ping, timestamp });
      expect(res.statusCode, `${timestamp}: ${res.body}`).toBe(200);
    }
  });

  it('a body over 1 MB is refused before it is parsed (413); a LIBRARY_PUBLISH of a big library is well under and accepted', async () => {
    const item = (kind: string, i: number) => ({
      key: `${kind}${i.toString(16).padStart(38, '0')}`,
      name: `${kind}/Category ${i % 40}/Item ${i}, Size=Large, State=Hover`,
    });
    const publish = (components: number, styles: number, variables: number) => ({
      event_type: 'LIBRARY_PUBLISH',
      passcode: passcodeOf(),
      timestamp: at(0),
      webhook_id: hookId,
      file_key: KEY,
      file_name: 'Design System',
      triggered_by: { id: '1', handle: 'Designer' },
      description: 'Release',
      library_item: { key: KEY, name: 'Design System' },
      created_components: Array.from({ length: components }, (_, i) => item('component', i)),
      created_styles: Array.from({ length: styles }, (_, i) => item('style', i)),
      created_variables: Array.from({ length: variables }, (_, i) => item('variable', i)),
      modified_components: [],
      modified_styles: [],
      modified_variables: [],
      deleted_components: [],
      deleted_styles: [],
      deleted_variables: [],
    });
    // 2,000 components, 500 styles and 2,000 variables published at once: about half the limit.
    const big = JSON.stringify(publish(2000, 500, 2000));
    expect(big.length).toBeLessThan(600_000);
    const accepted = await a.t.api('POST', webhookUrl(), { token: null, raw: big });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const huge = JSON.stringify(publish(9000, 0, 0));
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    const refused = await a.t.api('POST', webhookUrl(), { token: null, raw: huge });
    expect(refused.statusCode, refused.body).toBe(413);
    expect(refused.json().error.message).toContain('1 MB');
    // Not parsed: 2 MB that are not JSON get the same 413, not a JSON error.
    const junk = await a.t.api('POST', webhookUrl(), { token: null, raw: `{${'x'.repeat(2 * 1024 * 1024)}` });
    expect(junk.statusCode).toBe(413);
    await settled(a);
  });

  it('FILE_DELETE marks the file deleted and stops polling it', async () => {
    await settled(a);
    const deleteHook = a.figma.webhooks().find((w) => w.context_id === KEY && w.event_type === 'FILE_DELETE')!;
    const result = await a.figma.deliver(String(deleteHook.id), 'FILE_DELETE');
    expect(result.delivered).toBe(true);
    expect(await fileRow()).toMatchObject({ status: 'deleted' });
    const listed = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`)).json().items as Array<{
      id: string;
      status: string;
      statusReason: string | null;
    }>;
    expect(listed.find((f) => f.id === fileId)).toMatchObject({
      status: 'deleted',
      statusReason: expect.stringContaining('FILE_DELETE'),
    });
    // Even when asked, a deleted file is not read.
    const metaBefore = a.figma.count('meta', KEY);
    await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${fileId}/check`);
    await settled(a);
    expect(a.figma.count('meta', KEY)).toBe(metaBefore);
  });
});

describe('the gate of refused-passcode audits', () => {
  it('opens once per file per window, and again when the window has passed', () => {
    let now = 1_000_000;
    const gate = new RefusalAudits(60_000, () => now);
    expect([gate.due('a'), gate.due('a'), gate.due('b')]).toEqual([true, false, true]);
    now += 59_999;
    expect(gate.due('a')).toBe(false);
    now += 1;
    expect([gate.due('a'), gate.due('a')]).toEqual([true, false]);
  });

  it('stays bounded: past its size, entries older than the window are dropped', () => {
    let now = 0;
    const gate = new RefusalAudits(60_000, () => now, 3);
    for (const id of ['a', 'b', 'c']) gate.due(id);
    now = 60_000;
    expect(gate.due('d')).toBe(true);
    // 'a' was dropped with the others, so it is due again; 'd' is still within its window.
    expect([gate.due('a'), gate.due('d')]).toEqual([true, false]);
  });
});
