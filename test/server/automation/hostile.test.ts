import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../fakes/figma-rest/receiver.js';
import { otherProject } from '../../helpers/app.js';
import { dbKinds } from '../../helpers/databases.js';
import { baseDesign, putFile, settled, startAutomation, track, type Automation } from './support.js';

/*
 * Hostile input thrown at every route the automation work added: the public Figma webhook
 * receiver, tracked files (and their webhook registration and manual check), token sources,
 * outbound webhooks and their deliveries, the jobs list, the summary and marking notifications
 * read. Each refusal is a 4xx whose message names the problem, never a 500, and leaves every
 * table as it was (the audit of a refused Figma passcode is the one row expected). Secrets (a
 * Figma token, a Figma webhook passcode, an outbound webhook's signing secret) never appear in
 * the logs, in any GET answer, or in clear in the database.
 */

const NUL = '\u0000';
const examples = dirname(createRequire(import.meta.url).resolve('dtcg-examples/package.json'));

/** Nested arrays `depth` deep, as JSON text (never built as a value: that would be the attack). */
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A 4xx (never a 5xx) in the API's error shape whose message names every one of `named`. */
function refusedWith(
  check: <T>(actual: T, message?: string) => ReturnType<typeof expect<T>>,
  res: LightMyRequestResponse,
  what: string,
  status: number,
  ...named: Array<string | RegExp>
): { code: string; message: string } | undefined {
  const shown = `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`;
  check(res.statusCode, shown).toBeLessThan(500);
  check(res.statusCode, shown).toBe(status);
  const body = res.json() as { error?: { code: string; message: string } };
  check(body.error, `${shown}: error body`).toBeDefined();
  if (!body.error) return undefined;
  for (const n of named) {
    if (typeof n === 'string') check(body.error.message, what).toContain(n);
    else check(body.error.message, what).toMatch(n);
  }
  // Never a stack trace.
  check(res.body, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return body.error;
}
const refused = (res: LightMyRequestResponse, what: string, status: number, ...named: Array<string | RegExp>) =>
  refusedWith(expect, res, what, status, ...named)!;
/** The same, reporting every failed case of a list instead of stopping at the first. */
const refusedSoft = (res: LightMyRequestResponse, what: string, status: number, ...named: Array<string | RegExp>) =>
  refusedWith(expect.soft, res, what, status, ...named);

describe.each(dbKinds)('hostile input to the automation routes on %s', (kind) => {
  let a: Automation;
  let receiver: WebhookReceiver;
  let root: string;
  const logs: string[] = [];
  const KEY = 'HostileFileKey01';
  let fileId: string;
  let hookId: string;
  let passcode: string;
  let figmaToken: string;
  const outboundSecret = `whsec_hostile_${randomBytes(18).toString('hex')}`;
  let outboundId: string;
  let other: { projectId: string; token: string };
  let otherFileId: string;
  let otherHookId: string;
  let otherNotificationId: string;

  const p = () => `/api/v1/projects/${a.t.projectId}`;
  const prisma = () => a.t.db.prisma;
  const jobsCount = async () => ((await a.t.api('GET', `${p()}/jobs?limit=500`)).json().items as unknown[]).length;

  /** Everything a refused request must leave as it was. */
  const state = async () => ({
    files: await prisma().trackedFile.findMany({ orderBy: { id: 'asc' } }),
    outboundWebhooks: await prisma().outboundWebhook.count(),
    deliveries: await prisma().webhookDelivery.count(),
    notifications: await prisma().notification.findMany({ orderBy: { id: 'asc' }, select: { id: true, readAt: true } }),
    audits: await prisma().auditEvent.count({ where: { action: { not: 'webhook.refused' } } }),
    tokenSources: await prisma().tokenSource.count(),
    jobs: await jobsCount(),
  });
  const refusedAudits = () => prisma().auditEvent.count({ where: { action: 'webhook.refused' } });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ds-hostile-root-'));
    cpSync(join(examples, 'shopify-polaris.resolver.json'), join(root, 'ds', 'polaris.resolver.json'), {
      recursive: true,
    });
    cpSync(join(examples, 'shopify-polaris'), join(root, 'ds', 'shopify-polaris'), { recursive: true });
    mkdirSync(join(root, 'other', 'empty-dir'), { recursive: true });

    // Logs captured at the most talkative level, to search them for secrets.
    // The outbound receiver listens on loopback, which only ALLOW_PRIVATE_TARGETS lets a webhook reach.
    a = await startAutomation(
      kind,
      { TOKEN_SOURCES_ROOT: root, TOKEN_SOURCE_DEBOUNCE_MS: '200', LOG_LEVEL: 'trace', ALLOW_PRIVATE_TARGETS: 'true' },
      { listen: true, logStream: { write: (line) => void logs.push(line) } },
    );
    figmaToken = a.figma.credentials.pat.token;

    // A signed outbound webhook first, so the drafts below are delivered (signed with the secret).
    receiver = await startWebhookReceiver();
    const hook = await a.t.api('POST', `${p()}/webhooks`, {
      body: { url: receiver.url, events: ['draft.proposed'], secret: outboundSecret },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    outboundId = hook.json().id;

    putFile(a.figma, KEY, baseDesign());
    fileId = (await track(a, KEY, { pollIntervalSeconds: 3600 })).id;
    await receiver.waitFor(3, 30_000);
    await settled(a);

    // Figma webhooks registered: Figma holds the passcode and PINGs this server with it.
    const reg = await a.t.api('POST', `${p()}/files/${fileId}/webhook`, { body: { eventTypes: ['FILE_UPDATE'] } });
    expect(reg.statusCode, reg.body).toBe(201);
    hookId = reg.json().webhooks[0].id;
    await a.figma.idle();
    passcode = a.figma.webhooks().find((w) => String(w.id) === hookId)!.passcode;
    expect(passcode.length).toBeGreaterThanOrEqual(16);
    // One real event, so the passcode travels through the server's logs' reach.
    expect(await a.figma.deliver(hookId, 'FILE_UPDATE')).toMatchObject({ delivered: true, status: 200 });
    await new Promise((r) => setTimeout(r, 1500));
    await settled(a);

    // Another project with a tracked file, an outbound webhook and a notification of its own.
    other = await otherProject(a.t);
    const otherFile = await a.t.api('POST', `/api/v1/projects/${other.projectId}/files`, {
      token: other.token,
      body: { fileKey: 'OtherProjectKey1' },
    });
    expect(otherFile.statusCode, otherFile.body).toBe(201);
    otherFileId = otherFile.json().id;
    const otherHook = await a.t.api('POST', `/api/v1/projects/${other.projectId}/webhooks`, {
      token: other.token,
      body: { url: 'http://127.0.0.1:9/none', format: 'slack', events: ['summary.daily'] },
    });
    expect(otherHook.statusCode, otherHook.body).toBe(201);
    otherHookId = otherHook.json().id;
    otherNotificationId = (
      await prisma().notification.create({
        data: { projectId: other.projectId, kind: 'draft.proposed', title: 'other', body: 'other' },
      })
    ).id;
    await settled(a);
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await receiver?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  // ---- POST /api/v1/webhooks/figma (public) ------------------------------------------------

  it('POST /webhooks/figma: malformed, oversized and hostile bodies are a 400/413/415 naming the problem, storing nothing', async () => {
    const url = '/api/v1/webhooks/figma';
    const before = await state();
    const auditsBefore = await refusedAudits();
    const event = {
      event_type: 'FILE_UPDATE',
      passcode: 'x'.repeat(20),
      file_key: KEY,
      timestamp: new Date().toISOString(),
      webhook_id: hookId,
    };
    const bodies: Array<
      [string, { body?: unknown; raw?: string; headers?: Record<string, string> }, number, Array<string | RegExp>]
    > = [
      ['NUL in passcode', { body: { ...event, passcode: `${passcode}${NUL}` } }, 400, ['body.passcode', 'NUL']],
      ['NUL in file_key', { body: { ...event, passcode, file_key: `${KEY}${NUL}` } }, 400, ['body.file_key', 'NUL']],
      ['NUL in a key', { body: { ...event, [`x${NUL}`]: 1 } }, 400, ['body', 'NUL']],
      ['20,000-deep arrays', { raw: deepArray(20_000) }, 400, [/deeper than \d+ levels/]],
      ['20,000-deep objects', { raw: deepObject(20_000) }, 400, [/deeper than \d+ levels/]],
      [
        'a 100k-element array as the body',
        { raw: JSON.stringify(new Array(100_000).fill(0)) },
        400,
        ['body:', '100000'],
      ],
      [
        'a 100k-element array in a field',
        { body: { ...event, extra: new Array(100_000).fill('a') } },
        400,
        ['body.extra', '100000'],
      ],
      ['a body that is an array', { body: [event] }, 400, ['body']],
      ['wrong event_type', { body: { ...event, event_type: 'FILE_EXPLODE' } }, 400, ['body.event_type']],
      ['event_type of the wrong type', { body: { ...event, event_type: 42 } }, 400, ['body.event_type']],
      ['lower-case event_type', { body: { ...event, event_type: 'file_update' } }, 400, ['body.event_type']],
      ['missing event_type', { body: { passcode: 'x', file_key: KEY } }, 400, ['body.event_type']],
      ['missing passcode', { body: { event_type: 'FILE_UPDATE', file_key: KEY } }, 400, ['body.passcode']],
      ['empty passcode', { body: { ...event, passcode: '' } }, 400, ['body.passcode']],
      ['passcode of the wrong type', { body: { ...event, passcode: { $ne: null } } }, 400, ['body.passcode']],
      ['passcode as an array', { body: { ...event, passcode: [passcode] } }, 400, ['body.passcode']],
      [
        'missing file_key on FILE_UPDATE',
        { body: { event_type: 'FILE_UPDATE', passcode: 'x', timestamp: event.timestamp } },
        400,
        ['body.file_key'],
      ],
      ['missing timestamp', { body: { event_type: 'FILE_UPDATE', passcode, file_key: KEY } }, 400, ['body.timestamp']],
      [
        'a replayed event (two days old)',
        { body: { ...event, passcode, timestamp: new Date(Date.now() - 48 * 3600_000).toISOString() } },
        400,
        ['body.timestamp', 'older than a day'],
      ],
      ['a path as file_key', { body: { ...event, file_key: '..\\..\\etc\\passwd' } }, 400, ['body.file_key']],
      ['a 100k passcode', { body: { ...event, passcode: 'p'.repeat(100_000) } }, 400, ['body.passcode']],
      ['a 5 MB passcode', { body: { ...event, passcode: 'p'.repeat(5_000_000) } }, 413, ['1 MB']],
      [
        'a body over BODY_LIMIT_BYTES',
        { raw: JSON.stringify({ ...event, passcode: 'p'.repeat(11 * 1024 * 1024) }) },
        413,
        ['1 MB'],
      ],
      ['webhook_id an object', { body: { ...event, webhook_id: { id: 1 } } }, 400, ['body.webhook_id']],
      ['a 1 MB file_name', { body: { ...event, file_name: 'n'.repeat(1_000_000) } }, 400, ['body.file_name']],
      ['not JSON', { raw: 'event_type=FILE_UPDATE&passcode=x' }, 400, ['not valid JSON']],
      ['truncated JSON', { raw: '{"event_type":"FILE_UPDATE","passcode":' }, 400, ['not valid JSON']],
      ['JSON null', { raw: 'null' }, 400, ['body']],
      ['an empty body', { raw: '' }, 400, [/JSON|body/]],
      [
        '__proto__ pollution',
        { raw: `{"event_type":"PING","passcode":"x","__proto__":{"polluted":true}}` },
        400,
        [/JSON|__proto__/],
      ],
      [
        'text/plain',
        { raw: JSON.stringify(event), headers: { 'content-type': 'text/plain' } },
        400,
        [/body|application\/json/],
      ],
      [
        'form-encoded',
        { raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
        ['application/json'],
      ],
    ];
    for (const [what, options, status, named] of bodies) {
      const res = await a.t.api('POST', url, { token: null, ...options });
      refused(res, what, status, ...named);
    }
    // No passcode to check in any of those: nothing audited either.
    expect(await refusedAudits()).toBe(auditsBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await state()).toEqual(before);
  });

  it('POST /webhooks/figma: a wrong or near-miss passcode is a 400 and only its (one) audit is stored; an unknown key gets the same answer and stores nothing', async () => {
    const url = '/api/v1/webhooks/figma';
    const before = await state();
    const auditsBefore = await refusedAudits();
    const wrong = [
      passcode.slice(0, -1),
      `${passcode}x`,
      passcode.toUpperCase() === passcode ? passcode.toLowerCase() : passcode.toUpperCase(),
      ` ${passcode}`,
      'p'.repeat(500),
    ];
    const timestamp = new Date().toISOString();
    const answers = [];
    for (const pc of wrong) {
      const res = await a.t.api('POST', url, {
        token: null,
        body: { event_type: 'FILE_UPDATE', passcode: pc, file_key: KEY, webhook_id: hookId, timestamp },
      });
      refused(res, `passcode ${JSON.stringify(pc.slice(0, 20))}`, 400, /passcode/i);
      answers.push(res.body);
    }
    // FILE_DELETE with a wrong passcode must not delete.
    refused(
      await a.t.api('POST', url, {
        token: null,
        body: { event_type: 'FILE_DELETE', passcode: 'nope', file_key: KEY, timestamp },
      }),
      'FILE_DELETE, wrong passcode',
      400,
      /passcode/i,
    );
    // A PING finds its file by passcode: a wrong one finds none.
    refused(
      await a.t.api('POST', url, { token: null, body: { event_type: 'PING', passcode: 'not-registered', timestamp } }),
      'PING, wrong passcode',
      400,
      /passcode/i,
    );
    // A key nobody tracks: refused with the very answer a tracked one gets, nothing audited (there is no project to audit it in).
    const untracked = await a.t.api('POST', url, {
      token: null,
      body: { event_type: 'FILE_UPDATE', passcode, file_key: 'NobodyTracksThis', timestamp },
    });
    refused(untracked, 'untracked key', 400, /passcode/i);
    expect(untracked.body).toBe(answers[0]);
    // Six wrong passcodes for one file: audited once (at most once a minute per file).
    expect(await refusedAudits()).toBe(auditsBefore + 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await state()).toEqual(before);
    expect((await prisma().trackedFile.findUniqueOrThrow({ where: { id: fileId } })).status).toBe('active');
  });

  // ---- POST /projects/:projectId/files ------------------------------------------------------

  it('POST /files: NUL, absurd intervals, wrong types and oversized values are a 400 naming the field, storing nothing', async () => {
    const before = await state();
    const ok = { fileKey: 'BrandNewKey0001', figmaToken };
    const cases: Array<[string, { body?: unknown; raw?: string }, string]> = [
      ['NUL in fileKey', { body: { ...ok, fileKey: `Abc${NUL}` } }, 'body.fileKey'],
      ['NUL in figmaToken', { body: { ...ok, figmaToken: `${figmaToken}${NUL}` } }, 'body.figmaToken'],
      ['NUL in name', { body: { ...ok, name: `n${NUL}` } }, 'body.name'],
      ['NUL in webhookPasscode', { body: { ...ok, webhookPasscode: `passcode${NUL}x` } }, 'body.webhookPasscode'],
      ['pollIntervalSeconds 1e12', { body: { ...ok, pollIntervalSeconds: 1e12 } }, 'body.pollIntervalSeconds'],
      [
        'pollIntervalSeconds 1e400 (Infinity)',
        { raw: `{"fileKey":"BrandNewKey0001","pollIntervalSeconds":1e400}` },
        'body.pollIntervalSeconds',
      ],
      ['pollIntervalSeconds -1', { body: { ...ok, pollIntervalSeconds: -1 } }, 'body.pollIntervalSeconds'],
      ['pollIntervalSeconds 0', { body: { ...ok, pollIntervalSeconds: 0 } }, 'body.pollIntervalSeconds'],
      ['pollIntervalSeconds 9', { body: { ...ok, pollIntervalSeconds: 9 } }, 'body.pollIntervalSeconds'],
      ['pollIntervalSeconds 1.5', { body: { ...ok, pollIntervalSeconds: 60.5 } }, 'body.pollIntervalSeconds'],
      ['pollIntervalSeconds as a string', { body: { ...ok, pollIntervalSeconds: '300' } }, 'body.pollIntervalSeconds'],
      ['pollIntervalSeconds null', { body: { ...ok, pollIntervalSeconds: null } }, 'body.pollIntervalSeconds'],
      ['fileKey as a path', { body: { ...ok, fileKey: '..\\..\\etc' } }, 'body.fileKey'],
      ['fileKey over 128 characters', { body: { ...ok, fileKey: 'k'.repeat(129) } }, 'body.fileKey'],
      ['fileKey as a number', { body: { ...ok, fileKey: 12345 } }, 'body.fileKey'],
      ['a 10k figmaToken', { body: { ...ok, figmaToken: 'f'.repeat(10_000) } }, 'body.figmaToken'],
      ['an empty figmaToken', { body: { ...ok, figmaToken: '' } }, 'body.figmaToken'],
      ['figmaToken as an object', { body: { ...ok, figmaToken: { token: figmaToken } } }, 'body.figmaToken'],
      ['figmaTokenKind basic', { body: { ...ok, figmaTokenKind: 'basic' } }, 'body.figmaTokenKind'],
      ['policy yolo', { body: { ...ok, policy: 'yolo' } }, 'body.policy'],
      ['a short webhookPasscode', { body: { ...ok, webhookPasscode: 'short' } }, 'body.webhookPasscode'],
      ['a 100k-element array', { body: { ...ok, name: new Array(100_000).fill('x') } }, 'body.name'],
      ['a body that is an array', { body: [ok] }, 'body'],
      ['20,000-deep JSON', { raw: deepObject(20_000) }, 'nested deeper'],
    ];
    for (const [what, options, field] of cases) {
      const res = await a.t.api('POST', `${p()}/files`, options);
      const error = refused(res, what, 400, field);
      // A refusal never repeats the token it was given.
      expect(error.message, what).not.toContain(figmaToken);
    }
    expect(await state()).toEqual(before);
  });

  it('POST /files: a figmaToken no HTTP header can carry (newline, non-ASCII) is refused, not stored to fail every poll', async () => {
    const before = await state();
    for (const [what, token] of [
      ['a newline', `${figmaToken}\r\nX-Evil: 1`],
      ['non-ASCII', `${figmaToken}é`],
      ['a space', `figd_ ${figmaToken}`],
    ] as const) {
      const res = await a.t.api('POST', `${p()}/files`, { body: { fileKey: 'HeaderUnsafe0001', figmaToken: token } });
      refusedSoft(res, `figmaToken with ${what}`, 400, 'body.figmaToken');
    }
    // Whatever was accepted has been polled (and has failed) before the next test looks.
    await settled(a);
    await new Promise((r) => setTimeout(r, 500));
    await settled(a);
    expect(await state()).toEqual(before);
  });

  // ---- POST /projects/:projectId/files/:fileId/webhook and /check ---------------------------

  it("POST /files/:fileId/webhook and /check: bad ids are a 400, unknown or another project's file a 404 (403 for another project's path), creating nothing in Figma", async () => {
    const before = await state();
    const figmaHooks = a.figma.webhooks().length;
    for (const suffix of ['webhook', 'check'] as const) {
      const body = suffix === 'webhook' ? { body: { eventTypes: ['FILE_UPDATE'] } } : {};
      refused(
        await a.t.api('POST', `${p()}/files/not-a-uuid/${suffix}`, body),
        `${suffix}: not a uuid`,
        400,
        'params.fileId',
      );
      refused(
        await a.t.api('POST', `${p()}/files/..%5C..%5Cetc/${suffix}`, body),
        `${suffix}: ..\\ id`,
        400,
        'params.fileId',
      );
      refused(
        await a.t.api('POST', `${p()}/files/${fileId}%00/${suffix}`, body),
        `${suffix}: NUL in id`,
        400,
        'params.fileId',
      );
      refused(
        await a.t.api('POST', `/api/v1/projects/not-a-uuid/files/${fileId}/${suffix}`, body),
        `${suffix}: bad project id`,
        400,
        'params.projectId',
      );
      const unknown = randomUUID();
      refused(await a.t.api('POST', `${p()}/files/${unknown}/${suffix}`, body), `${suffix}: unknown id`, 404, unknown);
      refused(
        await a.t.api('POST', `${p()}/files/${otherFileId}/${suffix}`, body),
        `${suffix}: another project's file`,
        404,
        otherFileId,
      );
      refused(
        await a.t.api('POST', `/api/v1/projects/${other.projectId}/files/${otherFileId}/${suffix}`, body),
        `${suffix}: another project's path`,
        403,
        other.projectId,
      );
    }
    const hook = `${p()}/files/${fileId}/webhook`;
    for (const [what, body, field] of [
      ['PING is not subscribable', { eventTypes: ['PING'] }, 'body.eventTypes.0'],
      ['no event types', { eventTypes: [] }, 'body.eventTypes'],
      [
        'four event types',
        { eventTypes: ['FILE_UPDATE', 'FILE_DELETE', 'LIBRARY_PUBLISH', 'FILE_VERSION_UPDATE'] },
        'body.eventTypes',
      ],
      ['10k event types', { eventTypes: new Array(10_000).fill('FILE_UPDATE') }, 'body.eventTypes'],
      ['a string, not a list', { eventTypes: 'FILE_UPDATE' }, 'body.eventTypes'],
      ['NUL in an event type', { eventTypes: [`FILE_UPDATE${NUL}`] }, 'body.eventTypes.0'],
    ] as const) {
      refused(await a.t.api('POST', hook, { body }), `webhook: ${what}`, 400, field);
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(a.figma.webhooks().length).toBe(figmaHooks);
    expect(await state()).toEqual(before);
  });

  it('POST /files/:fileId/webhook: a registration Figma refuses changes nothing stored (the passcode stays the one Figma holds)', async () => {
    putFile(a.figma, 'RefusedHookKey01', baseDesign());
    const created = await a.t.api('POST', `${p()}/files`, {
      body: { fileKey: 'RefusedHookKey01', figmaToken: 'figd_a-token-figma-does-not-know', pollIntervalSeconds: 3600 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await settled(a);
    const row = () =>
      prisma().trackedFile.findUniqueOrThrow({ where: { id }, select: { webhookPasscodeHash: true, webhookId: true } });
    const before = await row();
    const audits = await prisma().auditEvent.count();
    const res = await a.t.api('POST', `${p()}/files/${id}/webhook`, { body: { eventTypes: ['FILE_UPDATE'] } });
    refused(res, 'Figma refuses the token', 422, /Figma refused/);
    expect
      .soft(await row(), 'the passcode hash written before Figma was asked stays after Figma refused')
      .toEqual(before);
    expect.soft(await prisma().auditEvent.count()).toBe(audits);
  });

  it('POST /files/:fileId/webhook twice: the webhooks already registered in Figma keep working', async () => {
    // Figma keeps the first registration's webhooks (and their passcode) when a second one is made.
    await settled(a);
    const first = a.figma.webhooks().find((w) => String(w.id) === hookId)!;
    expect(first.stopped).toBe(false);
    const again = await a.t.api('POST', `${p()}/files/${fileId}/webhook`, { body: { eventTypes: ['FILE_DELETE'] } });
    expect(again.statusCode, again.body).toBe(201);
    await a.figma.idle();
    const result = await a.figma.deliver(hookId, 'FILE_UPDATE');
    expect
      .soft(result, 'the first webhook, registered earlier, is refused after the second registration')
      .toMatchObject({ delivered: true, status: 200 });
    // The check that event queued (after the debounce) runs before the next test takes its snapshot.
    await new Promise((r) => setTimeout(r, 1500));
    await settled(a);
    // What the server lists as its webhooks for the file still includes the first one.
    const listed = (await a.t.api('GET', `${p()}/files`)).json().items.find((f: { id: string }) => f.id === fileId) as {
      webhookIds: string[];
    };
    expect(listed.webhookIds).toContain(hookId);
  });

  // ---- POST /projects/:projectId/token-sources (what token-sources.test.ts does not cover) ----

  it('POST /token-sources: NUL, ..\\ and absolute paths in the resolver are a 400 naming the resolver, storing nothing', async () => {
    const before = await state();
    const url = `${p()}/token-sources`;
    const cases: Array<[string, Record<string, unknown>, Array<string | RegExp>]> = [
      ['NUL in resolver', { path: 'ds', resolver: `polaris.resolver.json${NUL}` }, ['body.resolver', 'NUL']],
      ['an absolute resolver', { path: 'ds', resolver: '/etc/passwd' }, [/resolver/, /relative/]],
      ['a ..\\ resolver', { path: 'ds', resolver: '..\\..\\..\\etc\\passwd' }, [/resolver/, /"\.\."/]],
      ['a Windows drive resolver', { path: 'ds', resolver: 'C:\\Windows\\win.ini' }, [/resolver/]],
      ['path as a number', { path: 1, resolver: 'polaris.resolver.json' }, ['body.path']],
      ['resolver missing', { path: 'ds' }, ['body.resolver']],
      ['a 2,000-character path', { path: 'a/'.repeat(1000), resolver: 'r.json' }, ['body.path']],
      ['a 100k-element path', { path: new Array(100_000).fill('a'), resolver: 'r.json' }, ['body.path']],
    ];
    for (const [what, body, named] of cases) refusedSoft(await a.t.api('POST', url, { body }), what, 400, ...named);
    refused(await a.t.api('POST', url, { raw: deepArray(20_000) }), '20,000-deep JSON', 400, /deeper than/);
    expect(await state()).toEqual(before);
  });

  it('POST /token-sources: a resolver that is a directory is refused rather than stored to fail every check', async () => {
    const before = await state();
    const res = await a.t.api('POST', `${p()}/token-sources`, { body: { path: 'other', resolver: 'empty-dir' } });
    refusedSoft(res, 'resolver is a directory', 422, /resolver/);
    await settled(a);
    expect(await state()).toEqual(before);
  });

  it('POST /token-sources: one directory spelled two ways ("ds" and "ds/" or "./ds") is one source (409), not two', async () => {
    const first = await a.t.api('POST', `${p()}/token-sources`, {
      body: { path: 'ds', resolver: 'polaris.resolver.json' },
    });
    expect(first.statusCode, first.body).toBe(201);
    await settled(a);
    const count = await prisma().tokenSource.count();
    for (const spelling of ['ds/', './ds', 'ds//', 'ds/.']) {
      const res = await a.t.api('POST', `${p()}/token-sources`, {
        body: { path: spelling, resolver: 'polaris.resolver.json' },
      });
      refusedSoft(res, `path ${JSON.stringify(spelling)}`, 409, 'already tracked');
    }
    await settled(a);
    expect(await prisma().tokenSource.count()).toBe(count);
  });

  // ---- POST /projects/:projectId/webhooks -----------------------------------------------------

  it('POST /webhooks: NUL, javascript: and other non-http URLs, 10k events and oversized secrets are a 400 naming the field, storing nothing', async () => {
    const before = await state();
    const url = `${p()}/webhooks`;
    const ok = { url: 'http://127.0.0.1:9/hook' };
    const cases: Array<[string, { body?: unknown; raw?: string }, string]> = [
      ['NUL in url', { body: { url: `http://127.0.0.1/a${NUL}b` } }, 'body.url'],
      ['javascript: url', { body: { url: 'javascript:alert(document.cookie)' } }, 'body.url'],
      ['JavaScript: url', { body: { url: 'JavaScript://%0aalert(1)' } }, 'body.url'],
      ['data: url', { body: { url: 'data:text/html,<script>alert(1)</script>' } }, 'body.url'],
      ['file: url', { body: { url: 'file:///etc/passwd' } }, 'body.url'],
      ['ftp: url', { body: { url: 'ftp://127.0.0.1/x' } }, 'body.url'],
      ['gopher: url', { body: { url: 'gopher://127.0.0.1:6379/_INFO' } }, 'body.url'],
      ['relative url', { body: { url: '/api/v1/projects' } }, 'body.url'],
      ['a ..\\ url', { body: { url: '..\\..\\etc\\passwd' } }, 'body.url'],
      ['a 3,000-character url', { body: { url: `http://127.0.0.1/${'a'.repeat(3000)}` } }, 'body.url'],
      ['url as an array', { body: { url: [ok.url] } }, 'body.url'],
      ['10k events', { body: { ...ok, events: new Array(10_000).fill('draft.proposed') } }, 'body.events'],
      ['100k events', { body: { ...ok, events: new Array(100_000).fill('draft.proposed') } }, 'body.events'],
      ['NUL in an event', { body: { ...ok, events: [`draft.proposed${NUL}`] } }, 'body.events.0'],
      ['events not a list', { body: { ...ok, events: 'draft.proposed' } }, 'body.events'],
      ['NUL in secret', { body: { ...ok, secret: `${outboundSecret}${NUL}` } }, 'body.secret'],
      ['a 10k secret', { body: { ...ok, secret: 's'.repeat(10_000) } }, 'body.secret'],
      ['secret a number', { body: { ...ok, secret: 1234567890123456 } }, 'body.secret'],
      ['20,000-deep JSON', { raw: deepObject(20_000) }, 'nested deeper'],
    ];
    for (const [what, options, field] of cases) {
      const error = refused(await a.t.api('POST', url, options), what, 400, field);
      expect(error.message, what).not.toContain(outboundSecret);
    }
    expect(await state()).toEqual(before);
  });

  // ---- GET deliveries, jobs, summary ----------------------------------------------------------

  it("GET /webhooks/:webhookId/deliveries: a bad id is a 400, an unknown or another project's webhook a 404, a bad limit a 400", async () => {
    const url = (id: string, q = '') => `${p()}/webhooks/${id}/deliveries${q}`;
    refused(await a.t.api('GET', url('not-a-uuid')), 'not a uuid', 400, 'params.webhookId');
    refused(await a.t.api('GET', url('..%5C..%5Cetc')), '..\\ id', 400, 'params.webhookId');
    refused(await a.t.api('GET', url(`${outboundId}%00`)), 'NUL in id', 400, 'params.webhookId');
    const unknown = randomUUID();
    refused(await a.t.api('GET', url(unknown)), 'unknown id', 404, unknown);
    refused(await a.t.api('GET', url(otherHookId)), "another project's webhook", 404, otherHookId);
    refused(
      await a.t.api('GET', `/api/v1/projects/${other.projectId}/webhooks/${otherHookId}/deliveries`),
      "another project's path",
      403,
      other.projectId,
    );
    for (const q of ['?limit=0', '?limit=-1', '?limit=abc', '?limit=1e9', '?limit=2.5', '?limit=201']) {
      refused(await a.t.api('GET', url(outboundId, q)), `limit ${q}`, 400, 'querystring.limit');
    }
    expect((await a.t.api('GET', url(outboundId))).statusCode).toBe(200);
  });

  it('GET /jobs: a bogus state, a negative or absurd limit are a 400 naming the parameter', async () => {
    const url = `${p()}/jobs`;
    refused(
      await a.t.api('GET', `${url}?state=bogus&limit=-1`),
      'state=bogus&limit=-1',
      400,
      /querystring\.(state|limit)/,
    );
    refused(await a.t.api('GET', `${url}?state=bogus`), 'state=bogus', 400, 'querystring.state');
    refused(await a.t.api('GET', `${url}?state=completed%00`), 'state with NUL', 400, 'querystring.state');
    refused(await a.t.api('GET', `${url}?state=completed'%20OR%20'1'='1`), 'SQL in state', 400, 'querystring.state');
    for (const q of ['limit=-1', 'limit=0', 'limit=abc', 'limit=501', 'limit=1e12', 'limit=NaN']) {
      refused(await a.t.api('GET', `${url}?${q}`), q, 400, 'querystring.limit');
    }
    refused(
      await a.t.api('GET', `/api/v1/projects/${other.projectId}/jobs`),
      "another project's jobs",
      403,
      other.projectId,
    );
    // The other project's jobs never show in this one's list.
    const items = (await a.t.api('GET', `${url}?limit=500`)).json().items as Array<{ data: { projectId?: string } }>;
    expect(items.every((j) => j.data.projectId === a.t.projectId)).toBe(true);
  });

  it('GET /summary: garbage, impossible and reversed periods are a 400 naming the parameter', async () => {
    const url = `${p()}/summary`;
    for (const [q, field] of [
      ['from=garbage', 'querystring.from'],
      ['to=garbage', 'querystring.to'],
      ['from=2025-13-45T00:00:00Z', 'querystring.from'],
      ['from=0000-01-01T00:00:00Z', 'querystring.from'],
      ['to=99999-01-01T00:00:00Z', 'querystring.to'],
      ['from=2025-01-01', 'querystring.from'],
      ['from=1700000000', 'querystring.from'],
      ['from=2025-01-01T00:00:00Z%00', 'querystring.from'],
    ] as const) {
      refused(await a.t.api('GET', `${url}?${q}`), q, 400, field);
    }
    const ok = await a.t.api('GET', `${url}?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z`);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('GET /summary: a period that ends before it starts is a 400, not an empty summary', async () => {
    const res = await a.t.api('GET', `${p()}/summary?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z`);
    refused(res, 'from after to', 400, /from|to/);
  });

  // ---- POST /projects/:projectId/notifications/read --------------------------------------------

  it("POST /notifications/read: bad ids are a 400, another project's id a 404, and nothing is marked read", async () => {
    const before = await state();
    const unreadBefore = (await a.t.api('GET', `${p()}/notifications?unread=true`)).json().unread as number;
    expect(unreadBefore).toBeGreaterThan(0);
    const ours = (await prisma().notification.findFirstOrThrow({ where: { projectId: a.t.projectId, readAt: null } }))
      .id;
    const url = `${p()}/notifications/read`;
    const cases: Array<[string, { body?: unknown; raw?: string }, number, string]> = [
      ['not a uuid', { body: { ids: ['nope'] } }, 400, 'body.ids.0'],
      ['..\\ id', { body: { ids: ['..\\..\\etc'] } }, 400, 'body.ids.0'],
      ['NUL in an id', { body: { ids: [`${ours}${NUL}`] } }, 400, 'body.ids.0'],
      ['an empty list', { body: { ids: [] } }, 400, 'body.ids'],
      ['ids a string', { body: { ids: ours } }, 400, 'body.ids'],
      ['ids null', { body: { ids: null } }, 400, 'body.ids'],
      ['a number id', { body: { ids: [42] } }, 400, 'body.ids.0'],
      ['501 ids', { body: { ids: Array.from({ length: 501 }, () => randomUUID()) } }, 400, 'body.ids'],
      ['100k ids', { body: { ids: new Array(100_000).fill(ours) } }, 400, 'body.ids'],
      ['a body that is a list', { body: [ours] }, 400, 'body'],
      ['20,000-deep JSON', { raw: deepArray(20_000) }, 400, 'nested deeper'],
      ["another project's notification", { body: { ids: [otherNotificationId] } }, 404, otherNotificationId],
      ["ours and another project's", { body: { ids: [ours, otherNotificationId] } }, 404, otherNotificationId],
      ['an unknown id', { body: { ids: [randomUUID()] } }, 404, 'notification'],
    ];
    for (const [what, options, status, named] of cases)
      refused(await a.t.api('POST', url, options), what, status, named);
    refused(
      await a.t.api('POST', `/api/v1/projects/${other.projectId}/notifications/read`, {
        body: { ids: [otherNotificationId] },
      }),
      "another project's path",
      403,
      other.projectId,
    );
    expect((await a.t.api('GET', `${p()}/notifications?unread=true`)).json().unread).toBe(unreadBefore);
    expect((await prisma().notification.findUniqueOrThrow({ where: { id: otherNotificationId } })).readAt).toBeNull();
    expect(await state()).toEqual(before);
  });

  // ---- secrets ---------------------------------------------------------------------------------

  it('the Figma token, the webhook passcode and the outbound secret appear in no log line, no GET answer and nowhere in clear in the database', async () => {
    await settled(a);
    // Deliveries were signed with the outbound secret; the PING and the event carried the passcode.
    expect(receiver.received.length).toBeGreaterThanOrEqual(3);
    expect(a.figma.deliveries.filter((d) => d.status === 200).length).toBeGreaterThanOrEqual(2);
    expect(logs.length).toBeGreaterThan(50);
    const secrets = { figmaToken, passcode, outboundSecret };

    const gets = [
      `${p()}/files`,
      `${p()}/webhooks`,
      `${p()}/webhooks/${outboundId}/deliveries?limit=200`,
      `${p()}/jobs?limit=500`,
      `${p()}/notifications?limit=200`,
      `${p()}/audit?limit=200`,
      `${p()}/token-sources`,
      `${p()}/summary`,
      `${p()}/drafts`,
      '/api/v1/me',
      `${p()}/components`,
    ];
    for (const url of gets) {
      const res = await a.t.api('GET', url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      for (const [name, secret] of Object.entries(secrets))
        expect(res.body, `${name} in GET ${url}`).not.toContain(secret);
    }
    for (const [name, secret] of Object.entries(secrets)) {
      const hits = logs.filter((l) => l.includes(secret));
      expect(hits, `${name} in ${hits.length} log lines, e.g. ${hits[0]?.slice(0, 300)}`).toEqual([]);
    }

    const tables = [
      'tracked_files',
      'outbound_webhooks',
      'webhook_deliveries',
      'notifications',
      'audit_events',
      'token_sources',
      'pgboss.job',
    ];
    for (const table of tables) {
      const rows = await prisma().$queryRawUnsafe<Array<{ row: string }>>(`SELECT r::text AS row FROM ${table} r`);
      const text = rows.map((r) => r.row).join('\n');
      for (const [name, secret] of Object.entries(secrets))
        expect(text, `${name} in clear in ${table}`).not.toContain(secret);
    }
  });

  it('a body that is not JSON because a secret is unquoted never copies the secret into the logs', async () => {
    // JSON.parse quotes the text around an unexpected token in its message; the 400 is logged with it.
    const secret = `figd_${randomBytes(24).toString('hex')}`;
    const start = logs.length;
    const res = await a.t.api('POST', `${p()}/files`, { raw: `{"fileKey":"LeakyKey0001","figmaToken": ${secret}}` });
    refused(res, 'unquoted figmaToken', 400, 'not valid JSON');
    const pc = `pc${randomBytes(24).toString('hex')}`;
    const hook = await a.t.api('POST', '/api/v1/webhooks/figma', {
      token: null,
      raw: `{"event_type":"PING","passcode": ${pc}}`,
    });
    refused(hook, 'unquoted passcode', 400, 'not valid JSON');
    const fresh = logs.slice(start).join('\n');
    expect(fresh.length).toBeGreaterThan(0);
    // Not the whole secret, nor any 6 characters of it past its prefix (only this test's lines are searched).
    for (const [s, prefix] of [
      [secret, 5],
      [pc, 2],
    ] as const) {
      for (let i = prefix; i + 6 <= s.length; i++)
        expect(fresh, `log holds ${JSON.stringify(s.slice(i, i + 6))} of a secret`).not.toContain(s.slice(i, i + 6));
    }
  });

  it('the public Figma receiver never answers 5xx to a flood of concurrent junk', async () => {
    const junk = [
      { raw: deepArray(20_000) },
      { raw: 'x' },
      { body: { event_type: 'PING' } },
      { body: { event_type: 'FILE_UPDATE', passcode: 'p', file_key: KEY } },
      { body: { event_type: 'PING', passcode: NUL } },
      { body: new Array(60_000).fill(1) },
    ];
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        a.t.api('POST', '/api/v1/webhooks/figma', { token: null, ...junk[i % junk.length]! }),
      ),
    );
    for (const res of answers) expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
  });
});
