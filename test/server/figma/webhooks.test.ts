import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FigmaClient, type FigmaCredentials } from '../../../server/figma/client.js';
import { DELIVERY_ATTEMPTS, startFakeFigmaRest, type FakeFigmaRest } from '../../fakes/figma-rest/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../fakes/figma-rest/receiver.js';

let fake: FakeFigmaRest;
let client: FigmaClient;
let pat: FigmaCredentials;
let receiver: WebhookReceiver;

beforeAll(async () => {
  fake = await startFakeFigmaRest();
  client = new FigmaClient({ baseUrl: fake.url, timeoutMs: 2000 });
  pat = fake.credentials.pat;
});
afterAll(() => fake.close());
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  fake.setFile('HOOKED', { name: 'Hooked file', version: '9' });
  for (const webhook of fake.webhooks()) await client.deleteWebhook(webhook.id, pat);
});
afterEach(async () => {
  await fake.idle();
  await receiver.close();
  fake.clearFaults();
});

const create = (overrides: Partial<Parameters<FigmaClient['createWebhook']>[0]> = {}, credentials = pat) =>
  client.createWebhook(
    {
      eventType: 'FILE_UPDATE',
      context: 'file',
      contextId: 'HOOKED',
      endpoint: receiver.url,
      passcode: 'pass-123',
      description: 'design-sync',
      ...overrides,
    },
    credentials,
  );

describe('Figma webhooks v2 through the client and the fake', () => {
  it('creating a webhook posts the right body and Figma PINGs the endpoint right away', async () => {
    const webhook = await create();
    const request = fake.requests[fake.requests.length - 1]!;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/webhooks', endpoint: 'webhooks', fileKey: 'HOOKED' });
    expect(webhook).toMatchObject({
      event_type: 'FILE_UPDATE',
      context: 'FILE',
      context_id: 'HOOKED',
      endpoint: receiver.url,
      status: 'ACTIVE',
      description: 'design-sync',
    });
    expect(typeof webhook.id).toBe('string');

    const [ping] = await receiver.waitFor(1);
    expect(ping!.headers['content-type']).toBe('application/json');
    expect(ping!.body).toEqual({
      event_type: 'PING',
      passcode: 'pass-123',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      webhook_id: webhook.id,
    });
  });

  it('a PAUSED webhook gets no PING', async () => {
    await create({ status: 'PAUSED' });
    await fake.idle();
    expect(receiver.received).toEqual([]);
  });

  it("lists the file's webhooks with passcodes blanked, and deletes one", async () => {
    const a = await create();
    const b = await create({ eventType: 'FILE_VERSION_UPDATE', passcode: 'other' });
    const listed = await client.webhooksOfFile('HOOKED', pat);
    expect(fake.requests[fake.requests.length - 1]).toMatchObject({
      method: 'GET',
      path: '/v2/webhooks',
      query: { context: 'file', context_id: 'HOOKED' },
    });
    expect(listed.webhooks.map((w) => [w.id, w.event_type, w.passcode])).toEqual([
      [a.id, 'FILE_UPDATE', ''],
      [b.id, 'FILE_VERSION_UPDATE', ''],
    ]);

    await client.deleteWebhook(a.id, pat);
    expect(fake.requests[fake.requests.length - 1]).toMatchObject({ method: 'DELETE', path: `/v2/webhooks/${a.id}` });
    expect((await client.webhooksOfFile('HOOKED', pat)).webhooks.map((w) => w.id)).toEqual([b.id]);
    await expect(client.deleteWebhook(a.id, pat)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('validates the body as Figma does', async () => {
    await expect(create({ eventType: 'PING' as never })).rejects.toMatchObject({
      kind: 'bad_request',
      figmaMessage: expect.stringContaining('event_type must be one of'),
    });
    await expect(create({ endpoint: 'not a url' })).rejects.toMatchObject({
      kind: 'bad_request',
      figmaMessage: 'endpoint is not a valid URL',
    });
    await expect(create({ passcode: '' })).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(create({ passcode: 'x'.repeat(101) })).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(create({ description: 'x'.repeat(151) })).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(create({ context: 'team' as never })).rejects.toMatchObject({ kind: 'bad_request' });
    await expect(create({ contextId: 'NO_SUCH_FILE' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(create({}, fake.issueToken('pat'))).rejects.toMatchObject({ kind: 'forbidden' });
    expect(fake.webhooks()).toEqual([]);
  });

  it('a file takes at most 3 webhooks', async () => {
    for (let i = 0; i < 3; i++) await create({ passcode: `p${i}` });
    await expect(create()).rejects.toMatchObject({
      kind: 'bad_request',
      figmaMessage: expect.stringContaining('at most 3'),
    });
  });

  it("deliver() sends Figma's payload with the passcode and returns the receiver's status", async () => {
    const webhook = await create();
    await receiver.waitFor(1);
    const result = await fake.deliver(webhook.id, 'FILE_UPDATE');
    expect(result).toEqual({ delivered: true, status: 200, attempts: 1, stopped: false });
    expect(receiver.received[1]!.body).toEqual({
      event_type: 'FILE_UPDATE',
      passcode: 'pass-123',
      timestamp: expect.any(String),
      webhook_id: webhook.id,
      file_key: 'HOOKED',
      file_name: 'Hooked file',
    });

    const version = await create({ eventType: 'FILE_VERSION_UPDATE', passcode: 'v' });
    await receiver.waitFor(3);
    await fake.deliver(version.id, 'FILE_VERSION_UPDATE', { description: 'Release 2' });
    expect(receiver.received[3]!.body).toMatchObject({
      event_type: 'FILE_VERSION_UPDATE',
      passcode: 'v',
      file_key: 'HOOKED',
      version_id: '9',
      description: 'Release 2',
      triggered_by: { handle: 'Fake Designer' },
    });
    await expect(fake.deliver(version.id, 'FILE_DELETE')).rejects.toThrow(/subscribes to FILE_VERSION_UPDATE/);
  });

  it('a 400 from the receiver stops the webhook for good', async () => {
    const webhook = await create();
    await receiver.waitFor(1);
    receiver.answerWith(400);
    expect(await fake.deliver(webhook.id, 'FILE_UPDATE', { passcode: 'wrong' })).toEqual({
      delivered: false,
      status: 400,
      attempts: 1,
      stopped: true,
    });
    expect(await fake.deliver(webhook.id, 'FILE_UPDATE')).toMatchObject({
      delivered: false,
      attempts: 0,
      skipped: 'stopped',
    });
    expect(receiver.received).toHaveLength(2);
  });

  it('other failures are retried 3 times', async () => {
    const webhook = await create();
    await receiver.waitFor(1);
    receiver.answerWith(500, 503, 500);
    expect(await fake.deliver(webhook.id, 'FILE_UPDATE')).toEqual({
      delivered: true,
      status: 200,
      attempts: 4,
      stopped: false,
    });
    receiver.answerWith(500, 500, 500, 500);
    expect(await fake.deliver(webhook.id, 'FILE_UPDATE')).toEqual({
      delivered: false,
      status: 500,
      attempts: DELIVERY_ATTEMPTS,
      stopped: false,
    });
    expect(fake.deliveries.filter((d) => d.webhookId === webhook.id).map((d) => d.status)).toEqual([
      200, 500, 503, 500, 200, 500, 500, 500, 500,
    ]);
  });

  it('an endpoint that does not answer is retried too', async () => {
    const webhook = await create();
    await receiver.waitFor(1);
    await receiver.close();
    const result = await fake.deliver(webhook.id, 'FILE_UPDATE');
    expect(result).toEqual({ delivered: false, status: null, attempts: DELIVERY_ATTEMPTS, stopped: false });
    receiver = await startWebhookReceiver();
  });
});
