import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify, type NotificationKind } from '../../../server/services/notifications/notify.js';
import { dbKinds } from '../../helpers/databases.js';
import { freePort } from '../../helpers/free-port.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import { startWebhookReceiver, type ReceivedEvent, type WebhookReceiver } from '../../fakes/figma-rest/receiver.js';
import {
  baseDesign,
  check,
  editFile,
  putFile,
  settled,
  startAutomation,
  track,
  type Automation,
} from '../automation/support.js';

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
  const logs: string[] = [];

  beforeAll(async () => {
    // The receivers listen on loopback, which only ALLOW_PRIVATE_TARGETS lets a webhook reach.
    a = await startAutomation(
      kind,
      { JOB_RETRY_DELAY_SECONDS: '1', ALLOW_PRIVATE_TARGETS: 'true', LOG_LEVEL: 'debug' },
      { logStream: { write: (line) => void logs.push(line) } },
    );
    json = await startWebhookReceiver();
    slack = await startWebhookReceiver();
  });
  afterAll(async () => {
    await a?.close();
    await json?.close();
    await slack?.close();
  });

  const hooks = () => a.t.api('GET', `/api/v1/projects/${a.t.projectId}/webhooks`);
  const deliveries = async (id: string) =>
    (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/webhooks/${id}/deliveries`)).json().items as Array<{
      event: string;
      status: string;
      attempts: number;
      responseStatus: number | null;
      lastError: string | null;
    }>;

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
    const created = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/webhooks`, {
      body: { url: json.url, events: ['draft.proposed'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    jsonHook = created.json() as { id: string; secret: string };
    expect(jsonHook.secret).toMatch(/^.{16,}$/);
    const slackHook = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/webhooks`, {
      body: { url: slack.url, format: 'slack', events: ['draft.proposed'] },
    });
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
      expect(e.body).toMatchObject({
        event: 'draft.proposed',
        projectId: a.t.projectId,
        notification: { kind: 'draft.proposed' },
      });
    }
    expect(events.map((e) => (e.body.notification as { title: string }).title).sort()).toEqual([
      expect.stringContaining('Badge'),
      expect.stringContaining('Button'),
      expect.stringContaining('Card'),
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
    editFile(
      a.figma,
      KEY,
      (() => {
        const d = baseDesign();
        setColor(d.tokens, 'VariableID:1:1', '#1144ee');
        return d;
      })(),
    );
    await check(a, fileId);
    // Between the attempts, the delivery and its job say what went wrong and that a retry is due.
    await json.waitFor(before + 1, 30_000);
    await expect
      .poll(async () => (await deliveries(jsonHook.id))[0], { timeout: 5000, interval: 50 })
      .toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, lastError: 'the receiver answered 500' });
    type Job = { name: string; attempts: number; lastError: string | null; nextRunAt: string | null };
    let retrying: Job | undefined;
    await expect
      .poll(
        async () => {
          const jobs = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?state=retry`)).json()
            .items as Job[];
          retrying = jobs.find((j) => j.name === 'webhook-delivery');
          return retrying !== undefined;
        },
        { timeout: 5000, interval: 50 },
      )
      .toBe(true);
    expect(retrying!.lastError).toContain('the receiver answered 500');
    expect(Date.parse(retrying!.nextRunAt!)).toBeGreaterThan(Date.now());
    const arrived = await json.waitFor(before + 3, 30_000);
    await settled(a);
    const attempts = arrived.slice(before);
    // The same delivery three times (500, 503, then 200), each signed afresh.
    expect(new Set(attempts.map((e) => e.headers['x-designsync-delivery'])).size).toBe(1);
    for (const e of attempts) expect(verify(e, jsonHook.secret)).toBe(true);
    const [latest] = await deliveries(jsonHook.id);
    expect(latest).toMatchObject({
      event: 'draft.proposed',
      status: 'delivered',
      attempts: 3,
      responseStatus: 200,
      lastError: null,
    });
    // Backoff (JOB_RETRY_DELAY_SECONDS=1): the first retry waits 1–2 s, the second 2–4 s.
    const gaps = attempts.slice(1).map((e, i) => e.at - attempts[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1900);
  });
});

/** A TCP server that does `handle` with each connection and counts them. */
async function tcpServer(
  handle: (socket: Socket) => void,
): Promise<{ server: Server; port: number; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const open = new Set<Socket>();
  const server = createServer((socket) => {
    connections += 1;
    open.add(socket.on('close', () => open.delete(socket)));
    handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A notification of `kind` made the way the server makes them: deliveries queued with it. */
async function announce(a: Automation, kind: NotificationKind): Promise<void> {
  await a.t.db.prisma.$transaction((tx) =>
    notify(tx, { projectId: a.t.projectId, jobs: a.t.app.jobs ?? undefined }, [
      { kind, title: `A ${kind}`, body: 'for the outbound tests' },
    ]),
  );
}

const deliveryRows = (a: Automation, webhookIds: string[]) =>
  a.t.db.prisma.webhookDelivery.findMany({ where: { webhookId: { in: webhookIds } } });

// Outbound URLs under the server's own rule (DESIGN.md "Security rules"): https only, never a
// private, loopback or link-local address, checked when saved and again when delivering.
describe.each(dbKinds)('outbound webhook URLs on %s', (kind) => {
  let a: Automation;
  let listener: Awaited<ReturnType<typeof tcpServer>>;
  const post = (url: string, events = ['summary.daily']) =>
    a.t.api('POST', `/api/v1/projects/${a.t.projectId}/webhooks`, { body: { url, events } });

  beforeAll(async () => {
    a = await startAutomation(kind, { JOB_RETRY_DELAY_SECONDS: '1' });
    listener = await tcpServer((socket) => socket.destroy());
  });
  afterAll(async () => {
    await a?.close();
    await listener?.close();
  });

  it('refuses every spelling of a loopback, private, link-local or unspecified address, names that resolve to one, and http: (400 naming body.url), storing nothing', async () => {
    const before = {
      hooks: await a.t.db.prisma.outboundWebhook.count(),
      audits: await a.t.db.prisma.auditEvent.count(),
    };
    const urls = [
      'https://127.0.0.1/x',
      'https://127.1/x',
      'https://2130706433/x',
      'https://0x7f.0.0.1/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://0.0.0.0/x',
      'https://10.0.0.1/x',
      'https://192.168.0.1/x',
      'https://100.64.0.1/x',
      'https://[::1]/x',
      'https://[fd00::1]/x',
      'https://[fe80::1]/x',
      'https://224.0.0.1/x',
      'https://255.255.255.255/x',
      'https://localhost/x',
      `https://127.0.0.1:${listener.port}/x`,
      'http://93.184.215.14/x',
      'https://no-such-host.invalid/x',
    ];
    for (const url of urls) {
      const res = await post(url);
      expect.soft(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect.soft(res.statusCode === 400 ? res.json().error.message : '', url).toMatch(/^body\.url: /);
    }
    expect(await a.t.db.prisma.outboundWebhook.count()).toBe(before.hooks);
    expect(await a.t.db.prisma.auditEvent.count()).toBe(before.audits);
    expect(listener.connections()).toBe(0);
  });

  it('accepts https URLs of public addresses', async () => {
    for (const url of ['https://93.184.215.14/hook', 'https://[2606:4700:4700::1111]/hook']) {
      const res = await post(url);
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('a loopback URL stored before the rule is checked again when delivering: no connection is made, and the error says only "could not deliver"', async () => {
    const urls = [
      `http://127.0.0.1:${listener.port}/a`,
      `https://127.0.0.1:${listener.port}/b`,
      `https://localhost:${listener.port}/c`,
      `https://[::ffff:127.0.0.1]:${listener.port}/d`,
      `https://scanner:s3cr3t-pass@127.0.0.1:${listener.port}/e`,
    ];
    const hooks = await Promise.all(
      urls.map((url) =>
        a.t.db.prisma.outboundWebhook.create({ data: { projectId: a.t.projectId, url, events: ['check.failed'] } }),
      ),
    );
    const ids = hooks.map((h) => h.id);
    await announce(a, 'check.failed');
    await expect
      .poll(async () => (await deliveryRows(a, ids)).filter((d) => d.attempts >= 1).length, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe(urls.length);
    for (const d of await deliveryRows(a, ids))
      expect({ lastError: d.lastError, responseStatus: d.responseStatus }).toEqual({
        lastError: 'could not deliver',
        responseStatus: null,
      });
    expect(listener.connections()).toBe(0);
    for (const id of ids) {
      const listed = await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/webhooks/${id}/deliveries`);
      expect(listed.body).not.toContain('s3cr3t-pass');
      expect(listed.body).not.toContain('127.0.0.1');
    }
  });
});

describe.each(dbKinds)('what delivery errors and webhook answers tell on %s', (kind) => {
  let a: Automation;
  let receiver: WebhookReceiver;
  const logs: string[] = [];
  const api = (token: string, method: 'GET' | 'POST', path: string, body?: unknown) =>
    a.t.api(method, `/api/v1/projects/${a.t.projectId}${path}`, { token, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    a = await startAutomation(
      kind,
      { JOB_RETRY_DELAY_SECONDS: '1', ALLOW_PRIVATE_TARGETS: 'true', LOG_LEVEL: 'debug' },
      { logStream: { write: (line) => void logs.push(line) } },
    );
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await a?.close();
    await receiver?.close();
  });

  it('a failed delivery never tells why (closed port, reset, not HTTP, credentials in the URL): every one is "could not deliver"', async () => {
    const closed = await freePort();
    const reset = await tcpServer((socket) => socket.destroy());
    const notHttp = await tcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    try {
      const urls = [
        `http://127.0.0.1:${closed}/x`,
        `http://127.0.0.1:${reset.port}/x`,
        `http://127.0.0.1:${notHttp.port}/x`,
        `http://scanner:s3cr3t-pass@127.0.0.1:${closed}/x`,
      ];
      const ids: string[] = [];
      for (const url of urls) {
        const res = await api(a.t.adminToken, 'POST', '/webhooks', { url, events: ['check.failed'] });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
      }
      await announce(a, 'check.failed');
      await expect
        .poll(async () => (await deliveryRows(a, ids)).filter((d) => d.attempts >= 1).length, {
          timeout: 20_000,
          interval: 100,
        })
        .toBe(urls.length);
      for (const id of ids) {
        const listed = await api(a.t.adminToken, 'GET', `/webhooks/${id}/deliveries`);
        expect(
          listed
            .json()
            .items.map((d: { lastError: string | null; responseStatus: number | null }) => [
              d.lastError,
              d.responseStatus,
            ]),
        ).toEqual([['could not deliver', null]]);
        expect(listed.body).not.toContain('s3cr3t-pass');
      }
      const jobs = await api(a.t.adminToken, 'GET', '/jobs?limit=500');
      expect(jobs.body).not.toContain('s3cr3t-pass');
      expect(logs.filter((l) => l.includes('s3cr3t-pass'))).toEqual([]);
    } finally {
      await reset.close();
      await notHttp.close();
    }
  });

  it('a secret in a webhook URL is shown whole once, to the admin who creates it; masked to admins later; hidden from read and write tokens, the audit log and the logs', async () => {
    const tail = `xoxSECRET${randomBytes(8).toString('hex')}`;
    const password = `pw${randomBytes(8).toString('hex')}`;
    const origin = new URL(receiver.url).origin;
    const slackLike = `${origin}/services/T0SECRET1/B0SECRET2/${tail}`;
    const basic = `http://hookuser:${password}@${new URL(receiver.url).host}/basic`;
    const read = (await api(a.t.adminToken, 'POST', '/tokens', { name: 'reader', scope: 'read' })).json()
      .token as string;
    const write = (await api(a.t.adminToken, 'POST', '/tokens', { name: 'writer', scope: 'write' })).json()
      .token as string;

    const byAdmin = await api(a.t.adminToken, 'POST', '/webhooks', {
      url: slackLike,
      format: 'slack',
      events: ['summary.daily'],
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect(byAdmin.json().url).toBe(slackLike);
    const byWriter = await api(write, 'POST', '/webhooks', { url: basic, events: ['summary.daily'] });
    expect(byWriter.statusCode, byWriter.body).toBe(201);
    expect(byWriter.json().url).toBe(`${origin}/***`);

    const urlsSeenBy = async (token: string) => {
      const res = await api(token, 'GET', '/webhooks');
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as Array<{ id: string; url: string }>;
      return [items.find((h) => h.id === byAdmin.json().id)!.url, items.find((h) => h.id === byWriter.json().id)!.url];
    };
    expect(await urlsSeenBy(a.t.adminToken)).toEqual([
      `${origin}/services/T0…/B0…/***`,
      `http://***:***@${new URL(receiver.url).host}/***`,
    ]);
    expect(await urlsSeenBy(write)).toEqual([`${origin}/***`, `${origin}/***`]);
    expect(await urlsSeenBy(read)).toEqual([`${origin}/***`, `${origin}/***`]);

    // Deliveries go to the whole URL, credentials as Basic authentication.
    const before = receiver.received.length;
    await announce(a, 'summary.daily');
    const arrived = (await receiver.waitFor(before + 2, 20_000)).slice(before);
    expect(arrived.map((e) => e.headers.authorization ?? null).sort()).toEqual([
      `Basic ${Buffer.from(`hookuser:${password}`).toString('base64')}`,
      null,
    ]);

    const audit = await api(a.t.adminToken, 'GET', '/audit?action=webhook.create&limit=200');
    expect(
      (audit.json().items as Array<{ targetId: string; data: { url: string } }>)
        .filter((e) => e.targetId === byAdmin.json().id || e.targetId === byWriter.json().id)
        .map((e) => e.data.url),
    ).toEqual([`${origin}/***`, `${origin}/***`]);
    for (const secret of [tail, password, 'T0SECRET1']) {
      for (const token of [a.t.adminToken, read, write]) {
        for (const path of ['/webhooks', '/audit?limit=200', '/jobs?limit=500', '/notifications?limit=200']) {
          expect((await api(token, 'GET', path)).body, `${path}`).not.toContain(secret);
        }
      }
      expect(
        logs.filter((l) => l.includes(secret)),
        secret,
      ).toEqual([]);
      const rows = await a.t.db.prisma.$queryRawUnsafe<Array<{ row: string }>>(
        'SELECT r::text AS row FROM audit_events r',
      );
      expect(rows.map((r) => r.row).join('\n')).not.toContain(secret);
    }
  });
});
