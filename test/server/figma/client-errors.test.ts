import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FigmaClient, type FigmaCredentials } from '../../../server/figma/client.js';
import { FigmaApiError, type FigmaApiErrorKind } from '../../../server/figma/errors.js';
import { designSystem } from '../../helpers/sync-fixtures.js';
import { restFileFromDesign, startFakeFigmaRest, type FakeFigmaRest } from '../../fakes/figma-rest/index.js';

let fake: FakeFigmaRest;
let client: FigmaClient;
let pat: FigmaCredentials;
const now = new Date('2026-05-01T12:00:00.000Z');

beforeAll(async () => {
  fake = await startFakeFigmaRest();
  client = new FigmaClient({ baseUrl: fake.url, timeoutMs: 2000, now: () => now });
  pat = fake.credentials.pat;
  fake.setFile('F', { name: 'File', version: '1', ...restFileFromDesign(designSystem()) });
});
afterAll(() => fake.close());
afterEach(() => fake.clearFaults());

/** A local URL nothing listens on: a port taken and given back. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function failure(promise: Promise<unknown>): Promise<FigmaApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FigmaApiError)) throw new Error(`expected a FigmaApiError, got ${String(error)}`);
  return error;
}

describe('FigmaClient classifies every failure', () => {
  it('429 carries Retry-After in seconds, the limit type, the plan tier and when to retry', async () => {
    fake.rateLimit('F', {
      retryAfterSeconds: 396_749,
      type: 'low',
      planTier: 'pro',
      upgradeLink: 'https://www.figma.com/settings',
    });
    const error = await failure(client.fileMeta('F', pat));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryAfterSeconds: 396_749,
      rateLimitType: 'low',
      planTier: 'pro',
      upgradeLink: 'https://www.figma.com/settings',
      transient: true,
    });
    expect(error.retryAt).toEqual(new Date(now.getTime() + 396_749_000));
    expect(error.message).toContain('retry after 396749 s');
    expect(error.message).toContain('limit type low, plan tier pro');
  });

  it('429 with Retry-After as an HTTP date', async () => {
    fake.rateLimit('F', { retryAfter: 'Fri, 01 May 2026 13:00:00 GMT', type: 'high', planTier: 'enterprise' });
    const error = await failure(client.localVariables('F', pat));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 3600,
      rateLimitType: 'high',
      planTier: 'enterprise',
    });
    expect(error.retryAt).toEqual(new Date('2026-05-01T13:00:00.000Z'));
  });

  it('429 without a usable Retry-After waits a minute', async () => {
    fake.answer('F', { status: 429, body: '{"status":429,"err":"Rate limit exceeded"}' });
    const error = await failure(client.fileMeta('F', pat));
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 60,
      rateLimitType: undefined,
      planTier: undefined,
    });
    expect(error.message).toContain('no usable Retry-After');
  });

  it('a rate limit lasts for the calls it was armed for, per endpoint', async () => {
    fake.rateLimit('F', { times: 2, endpoint: 'nodes' });
    await expect(client.fileMeta('F', pat)).resolves.toBeDefined();
    await expect(client.nodes('F', ['10:1'], pat)).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(client.nodes('F', ['10:1'], pat)).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(client.nodes('F', ['10:1'], pat)).resolves.toBeDefined();
  });

  const statuses: Array<[number, FigmaApiErrorKind, boolean]> = [
    [400, 'bad_request', false],
    [401, 'unauthorized', false],
    [403, 'forbidden', false],
    [404, 'not_found', false],
    [500, 'server', true],
    [502, 'server', true],
    [503, 'server', true],
  ];
  for (const [status, kind, transient] of statuses) {
    it(`${status} is ${kind}`, async () => {
      fake.failWith('F', status);
      const error = await failure(client.componentSets('F', pat));
      expect(error).toMatchObject({ kind, status, transient, method: 'GET', path: '/v1/files/F/component_sets' });
      expect(error.message).toContain(`(${status}`);
    });
  }

  it('500 three times, then an answer: the client never retries on its own', async () => {
    fake.failWith('F', 500, 3);
    const before = fake.count('meta', 'F');
    for (let i = 0; i < 3; i++) await expect(client.fileMeta('F', pat)).rejects.toMatchObject({ kind: 'server' });
    await expect(client.fileMeta('F', pat)).resolves.toMatchObject({ file: { version: '1' } });
    expect(fake.count('meta', 'F') - before).toBe(4);
  });

  it('403 "Invalid token" is a credential problem (unauthorized), a 403 refusal of access is forbidden', async () => {
    const unknown = await failure(client.fileMeta('F', { kind: 'pat', token: 'figd_not-a-token-figma-knows' }));
    expect(unknown).toMatchObject({ kind: 'unauthorized', status: 403, figmaMessage: 'Invalid token' });

    const stranger = fake.issueToken('pat');
    const noAccess = await failure(client.fileMeta('F', stranger));
    expect(noAccess).toMatchObject({ kind: 'forbidden', status: 403 });

    fake.forbidVariables('F');
    const plan = await failure(client.localVariables('F', pat));
    expect(plan).toMatchObject({ kind: 'forbidden', status: 403, figmaMessage: 'Limited by Figma plan' });
    expect(plan.message).toContain('"Limited by Figma plan"');
  });

  it('404 for a file Figma does not have', async () => {
    const error = await failure(client.fileMeta('UNKNOWN', pat));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, figmaMessage: 'Not found' });
  });

  it('a hanging call is aborted after timeoutMs and is a timeout', async () => {
    const quick = new FigmaClient({ baseUrl: fake.url, timeoutMs: 150 });
    fake.hang('F');
    const started = Date.now();
    const error = await failure(quick.fileMeta('F', pat));
    expect(error).toMatchObject({ kind: 'timeout', status: undefined, transient: true });
    expect(error.message).toContain('within 150 ms');
    expect(Date.now() - started).toBeLessThan(1500);
    // The fake is not stuck: the next call is answered.
    await expect(quick.fileMeta('F', pat)).resolves.toBeDefined();
  });

  it('a body that is not JSON is an invalid_response, not a crash', async () => {
    fake.garble('F');
    const error = await failure(client.fileMeta('F', pat));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toContain('not JSON');
  });

  it('JSON without the fields relied on is an invalid_response naming the field', async () => {
    fake.answer('F', { status: 200, body: JSON.stringify({ file: { name: 'File' } }) });
    const error = await failure(client.fileMeta('F', pat));
    expect(error).toMatchObject({ kind: 'invalid_response' });
    expect(error.message).toContain('file.version');

    fake.answer(
      'F',
      { status: 200, body: JSON.stringify({ name: 'x', version: '1', nodes: { '1:1': { nope: true } } }) },
      1,
      { endpoint: 'nodes' },
    );
    await expect(client.nodes('F', ['1:1'], pat)).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('nothing listening is a network error', async () => {
    const nowhere = new FigmaClient({ baseUrl: await deadUrl(), timeoutMs: 2000 });
    const error = await failure(nowhere.fileMeta('F', pat));
    expect(error).toMatchObject({ kind: 'network', status: undefined, transient: true });
    expect(error.message).toMatch(/could not be reached.*ECONNREFUSED/);
  });
});

describe('tokens never leave the header', () => {
  const secret = 'figd_SECRET-token-value-1234567890';

  it('no error message, field or serialization carries the token', async () => {
    fake.setFile('S', { name: 'Secret', version: '1', access: [{ kind: 'pat', token: secret }] });
    const creds: FigmaCredentials = { kind: 'pat', token: secret };
    // A server that echoes the token back in its error body must not get it into our messages.
    fake.answer('S', { status: 500, body: JSON.stringify({ status: 500, err: `boom for ${secret}` }) });
    fake.answer('S', { status: 200, body: `not json ${secret}` });
    fake.rateLimit('S', { planTier: secret });
    fake.hang('S');
    const errors: FigmaApiError[] = [];
    const quick = new FigmaClient({ baseUrl: fake.url, timeoutMs: 100 });
    for (let i = 0; i < 4; i++) errors.push(await failure(quick.fileMeta('S', creds)));
    errors.push(await failure(quick.fileMeta('S', { kind: 'oauth', token: secret })));
    errors.push(await failure(new FigmaClient({ baseUrl: await deadUrl() }).fileMeta('S', creds)));
    errors.push(await failure(quick.fileMeta('S', { kind: 'pat', token: `${secret}\r\nX-Evil: 1` })));

    expect(errors.map((e) => e.kind)).toEqual([
      'server',
      'invalid_response',
      'rate_limited',
      'timeout',
      'unauthorized',
      'network',
      'unauthorized',
    ]);
    for (const error of errors) {
      const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${String(error.figmaMessage)} ${error.path}`;
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain('SECRET-token');
    }
    expect(errors[0]!.figmaMessage).toBe('boom for [redacted]');
    // The fake records requests without token values either.
    expect(JSON.stringify(fake.requests)).not.toContain(secret);
  });
});
