import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import { startWebhookReceiver, type ReceivedEvent, type WebhookReceiver } from '../../fakes/figma-rest/receiver.js';
import { baseDesign, check, editFile, putFile, settled, startAutomation, track, type Automation } from './support.js';

/** What a receiver does with `X-DesignSync-Signature: t=<unix>,v1=<hex>`: recompute it over "<t>.<raw body>". */
function verify(event: ReceivedEvent, secret: string, toleranceSeconds = 300): boolean {
  const header = String(event.headers['x-designsync-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${event.raw}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Notifications leave the server as signed JSON or Slack messages, delivered by jobs with retries.
describe.each(dbKinds)('outbound webhooks on %s', (kind) => {
  let a: Automation;
  let json: WebhookReceiver;
  let slack: WebhookReceiver;
  let jsonHook: { id: string; secret: string };
  let fileId: string;
  const KEY = 'OutboundFileKey1';

  beforeAll(async () => {
    a = await startAutomation(kind, { JOB_RETRY_DELAY_SECONDS: '1' });
    json = await startWebhookReceiver();
    slack = await startWebhookReceiver();
  });
  afterAll(async () => {
    await a?.close();
    await json?.close();
    await slack?.close();
  });

  const hooks = () => a.t.api('GET', `/api/v1/projects/${a.t.projectId}/webhooks`);
  const deliveries = async (id: string) => (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/webhooks/${id}/deliveries`)).json().items as Array<{ event: string; status: string; attempts: number; responseStatus: number | null; lastError: string | null }>;

  it('refuses a webhook that is not an http(s) URL or names an unknown kind, and stores nothing', async () => {
    for (const [body, named] of [
      [{ url: 'file:///etc/passwd' }, 'url'],
      [{ url: 'http://127.0.0.1/x', events: ['draft.nope'] }, 'events'],
      [{ url: 'http://127.0.0.1/x', format: 'xml' }, 'format'],
      [{ url: 'http://127.0.0.1/x', secret: 'short' }, 'secret'],
    ] as const) {
      const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/webhooks`, { body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(named);
    }
    expect((await hooks()).json().items).toEqual([]);
  });

  it('a draft is announced to a signed JSON receiver (its signature verifies) and to a Slack one', async () => {
    const created = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/webhooks`, { body: { url: json.url, events: ['draft.proposed'] } });
    expect(created.statusCode, created.body).toBe(201);
    jsonHook = created.json() as { id: string; secret: string };
    expect(jsonHook.secret).toMatch(/^.{16,}$/);
    const slackHook = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/webhooks`, { body: { url: slack.url, format: 'slack', events: ['draft.proposed'] } });
    expect(slackHook.statusCode, slackHook.body).toBe(201);
    // The secret is shown once, never listed.
    expect(JSON.stringify((await hooks()).json())).not.toContain(jsonHook.secret);

    putFile(a.figma, KEY, baseDesign());
    fileId = (await track(a, KEY)).id;
    const events = await json.waitFor(3, 30_000);
    await slack.waitFor(3, 30_000);
    await settled(a);
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(verify(e, jsonHook.secret)).toBe(true);
      expect(verify(e, 'another-secret-of-sixteen')).toBe(false);
      expect(e.headers['x-designsync-event']).toBe('draft.proposed');
      expect(e.body).toMatchObject({ event: 'draft.proposed', projectId: a.t.projectId, notification: { kind: 'draft.proposed' } });
    }
    expect(events.map((e) => (e.body.notification as { title: string }).title).sort()).toEqual([
      expect.stringContaining('Badge'), expect.stringContaining('Button'), expect.stringContaining('Card'),
    ]);
    // A body changed on the way no longer verifies.
    const tampered = { ...events[0]!, raw: events[0]!.raw.replace('draft.proposed', 'draft.proposeD') };
    expect(verify(tampered, jsonHook.secret)).toBe(false);

    for (const e of slack.received) {
      expect(Object.keys(e.body)).toEqual(['text']);
      expect(String(e.body.text)).toMatch(/^\*.*(Badge|Button|Card).*\*\n/);
      expect(e.headers['x-designsync-signature']).toBeUndefined();
    }
    const listed = (await hooks()).json().items as Array<{ id: string; deliveries: Record<string, number> }>;
    expect(listed.find((h) => h.id === jsonHook.id)!.deliveries).toEqual({ delivered: 3 });
  });

  it('a receiver that fails is retried with backoff; the failure and the retry are visible', async () => {
    const before = json.received.length;
    json.answerWith(500, 503);
    editFile(a.figma, KEY, (() => { const d = baseDesign(); setColor(d.tokens, 'VariableID:1:1', '#1144ee'); return d; })());
    await check(a, fileId);
    // Between the attempts, the delivery and its job say what went wrong and that a retry is due.
    await json.waitFor(before + 1, 30_000);
    await expect.poll(async () => (await deliveries(jsonHook.id))[0], { timeout: 5000, interval: 50 })
      .toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, lastError: 'the receiver answered 500' });
    type Job = { name: string; attempts: number; lastError: string | null; nextRunAt: string | null };
    let retrying: Job | undefined;
    await expect.poll(async () => {
      const jobs = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?state=retry`)).json().items as Job[];
      retrying = jobs.find((j) => j.name === 'webhook-delivery');
      return retrying !== undefined;
    }, { timeout: 5000, interval: 50 }).toBe(true);
    expect(retrying!.lastError).toContain('the receiver answered 500');
    expect(Date.parse(retrying!.nextRunAt!)).toBeGreaterThan(Date.now());
    const arrived = await json.waitFor(before + 3, 30_000);
    await settled(a);
    const attempts = arrived.slice(before);
    // The same delivery three times (500, 503, then 200), each signed afresh.
    expect(new Set(attempts.map((e) => e.headers['x-designsync-delivery'])).size).toBe(1);
    for (const e of attempts) expect(verify(e, jsonHook.secret)).toBe(true);
    const [latest] = await deliveries(jsonHook.id);
    expect(latest).toMatchObject({ event: 'draft.proposed', status: 'delivered', attempts: 3, responseStatus: 200, lastError: null });
    // Backoff (JOB_RETRY_DELAY_SECONDS=1): the first retry waits 1–2 s, the second 2–4 s.
    const gaps = attempts.slice(1).map((e, i) => e.at - attempts[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1900);
  });
});
