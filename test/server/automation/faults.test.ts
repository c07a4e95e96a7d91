import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '../../helpers/databases.js';
import { setColor } from '../../helpers/sync-fixtures.js';
import {
  baseDesign,
  editFile,
  notificationsOf,
  putFile,
  settled,
  startAutomation,
  track,
  versionsOf,
  waitUntil,
  type Automation,
} from './support.js';

type FileOut = {
  id: string;
  fileKey: string;
  status: string;
  statusReason: string | null;
  rateLimitedUntil: string | null;
  nextCheckAt: string | null;
  failures: number;
  lastError: string | null;
  lastFileVersion: string | null;
};

// What Figma's API does when it is not answering plainly: rate limits, errors, hangs, refused
// variables and refused tokens. Each file has its own key, so the scenarios do not meet.
describe.each(dbKinds)('Figma faults on %s', (kind) => {
  let a: Automation;
  const files = async () => (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`)).json().items as FileOut[];
  const fileOf = async (key: string) => (await files()).find((f) => f.fileKey === key)!;
  const fileChecks = async (fileId: string) => {
    const items = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/jobs?limit=500`)).json().items as Array<{
      name: string;
      state: string;
      nextRunAt: string | null;
      data: { fileId?: string };
    }>;
    return items.filter((j) => j.name === 'file-check' && j.data.fileId === fileId);
  };

  beforeAll(async () => {
    a = await startAutomation(kind, { FIGMA_TIMEOUT_SECONDS: '1', FIGMA_BACKOFF_SECONDS: '0.4' });
  });
  afterAll(async () => a?.close());

  it('a 429 reschedules the poll at Retry-After, shows it on the file, and tells the project once', async () => {
    const KEY = 'RateLimitedKey1';
    // A token of its own: Figma's limits are per token, so the wait holds every file under it.
    const token = a.figma.issueToken('pat');
    putFile(a.figma, KEY, baseDesign(), { access: [token] });
    // Three days, as Figma can answer for a View seat's Tier 1 budget.
    a.figma.rateLimit(KEY, { retryAfterSeconds: 3 * 86_400, type: 'low', planTier: 'enterprise', endpoint: 'meta' });
    const asked = Date.now();
    const { id } = await track(a, KEY, { figmaToken: token.token });
    await waitUntil('the rate limit to be recorded', async () => (await fileOf(KEY)).rateLimitedUntil !== null);
    await settled(a);
    const file = await fileOf(KEY);
    const until = Date.parse(file.rateLimitedUntil!);
    expect(Math.abs(until - (asked + 3 * 86_400_000))).toBeLessThan(30_000);
    expect(file.nextCheckAt).toBe(file.rateLimitedUntil);
    expect(file.status).toBe('active');
    const waiting = (await fileChecks(id)).filter((j) => j.state === 'created');
    expect(waiting.map((j) => j.nextRunAt)).toEqual([file.rateLimitedUntil]);

    const notes = await notificationsOf(a, 'file.rate_limited');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.data).toMatchObject({
      fileId: id,
      retryAt: file.rateLimitedUntil,
      rateLimitType: 'low',
      planTier: 'enterprise',
    });
    // The headers say Figma limits the token otherwise than the file's plan and seat (a Dev seat on Professional) do.
    expect(notes[0]!.body).toContain('POST the file with figmaPlan "enterprise" and figmaSeat "view" or "collab"');
    // Nothing else asked Figma about the file meanwhile: no sleeping, no retry loop.
    expect(a.figma.count(undefined, KEY)).toBe(1);
    expect(await versionsOf(a, 'Button')).toEqual([]);
  });

  it('a 429 holds every file under the same token until Retry-After, not only the file that met it', async () => {
    const token = a.figma.issueToken('pat');
    const [first, second] = ['HeldTokenKeyA1', 'HeldTokenKeyB1'] as const;
    for (const key of [first, second]) putFile(a.figma, key, baseDesign(), { access: [token] });
    a.figma.rateLimit(first, { retryAfterSeconds: 4, endpoint: 'meta' });
    await track(a, first, { figmaToken: token.token, pollIntervalSeconds: 600 });
    await waitUntil('the rate limit to be recorded', async () => (await fileOf(first)).rateLimitedUntil !== null);
    const until = Date.parse((await fileOf(first)).rateLimitedUntil!);
    const { id: secondId } = await track(a, second, { figmaToken: token.token, pollIntervalSeconds: 600 });
    await waitUntil(
      'both files to be read after Retry-After',
      async () => (await fileOf(first)).lastFileVersion !== null && (await fileOf(second)).lastFileVersion !== null,
      30_000,
    );
    const metas = a.figma.requests.filter((r) => r.endpoint === 'meta' && r.fileKey === second);
    // The second file asked Figma nothing while the token was told to wait (Retry-After is whole
    // seconds); after it, its version once (a read that waits for the budget does not ask again),
    // and once more only for a check that failed (a 1 s timeout can expire on a loaded machine).
    expect(metas[0]!.at).toBeGreaterThanOrEqual(until - 1000);
    const failedChecks = (
      await a.t.db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'file-check' AND data->>'fileId' = $1 AND output->>'kind' = 'failed'`,
        secondId,
      )
    )[0]!.n;
    expect(metas).toHaveLength(1 + failedChecks);
    expect((await fileOf(second)).rateLimitedUntil).toBeNull();
  });

  it('repeated 500s back off, growing, then the check succeeds', async () => {
    const KEY = 'ServerErrorKey1';
    putFile(a.figma, KEY, baseDesign());
    a.figma.failWith(KEY, 500, 3, { endpoint: 'meta' });
    await track(a, KEY, { pollIntervalSeconds: 600 });
    await waitUntil('the file to be read', async () => (await fileOf(KEY)).lastFileVersion !== null, 30_000);
    const metas = a.figma.requests.filter((r) => r.endpoint === 'meta' && r.fileKey === KEY).map((r) => r.at);
    expect(metas).toHaveLength(4);
    const gaps = metas.slice(1).map((t, i) => t - metas[i]!);
    // 0.4 s, 0.8 s, 1.6 s with ±25 % jitter, plus the queue's polling.
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[1]).toBeGreaterThanOrEqual(600);
    expect(gaps[2]).toBeGreaterThanOrEqual(1200);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    const file = await fileOf(KEY);
    expect(file).toMatchObject({ failures: 0, lastError: null, status: 'active' });
  });

  it('a request that hangs times out and is retried', async () => {
    const KEY = 'HangingFileKey1';
    putFile(a.figma, KEY, baseDesign());
    a.figma.hang(KEY, 1, { endpoint: 'meta' });
    await track(a, KEY, { pollIntervalSeconds: 600 });
    await waitUntil('the file to be read', async () => (await fileOf(KEY)).lastFileVersion !== null, 30_000);
    expect(a.figma.count('meta', KEY)).toBe(2);
  });

  it('when variables are refused (403, not Enterprise), the plugin snapshot in the file is used', async () => {
    const KEY = 'NoVariablesKey1';
    const design = baseDesign();
    setColor(design.tokens, 'VariableID:1:1', '#123456');
    putFile(a.figma, KEY, design, { variables: 'forbidden' });
    const { id } = await track(a, KEY, { pollIntervalSeconds: 600 });
    await waitUntil('the file to be read', async () => (await fileOf(KEY)).lastFileVersion !== null, 30_000);
    await settled(a);
    expect(
      a.figma.requests.some((r) => r.endpoint === 'nodes' && r.fileKey === KEY && r.query.plugin_data === 'shared'),
    ).toBe(true);
    expect((await fileOf(KEY)).status).toBe('active');
    // The snapshot's tokens are what the draft was generated from.
    const snapshot = await a.t.db.prisma.tokenSnapshot.findFirstOrThrow({
      where: { projectId: a.t.projectId, fileKey: KEY },
      orderBy: { createdAt: 'desc' },
    });
    expect(JSON.stringify(snapshot)).toContain('123456');
    expect(id).toBeTruthy();
  });

  it('a refused token stops polling with a reason and a notification; a new token resumes it', async () => {
    const KEY = 'BadTokenFileKey';
    putFile(a.figma, KEY, baseDesign());
    const res = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files`, {
      body: { fileKey: KEY, figmaToken: 'figd_not-a-token-figma-knows', pollIntervalSeconds: 60 },
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string };
    await waitUntil('polling to stop', async () => (await fileOf(KEY)).status !== 'active');
    await settled(a);
    const stopped = await fileOf(KEY);
    expect(stopped.status).toBe('credentials_broken');
    expect(stopped.statusReason).toMatch(/token/i);
    expect(JSON.stringify(stopped)).not.toContain('figd_not-a-token');
    expect(
      (await notificationsOf(a, 'file.credentials_broken')).filter((n) => (n.data as { fileId: string }).fileId === id),
    ).toHaveLength(1);
    expect((await fileChecks(id)).filter((j) => j.state === 'created')).toEqual([]);
    const calls = a.figma.count(undefined, KEY);
    // Asking by hand does not call Figma with a token it refused.
    await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${id}/check`);
    await settled(a);
    expect(a.figma.count(undefined, KEY)).toBe(calls);

    await track(a, KEY, { pollIntervalSeconds: 60 });
    await waitUntil('the file to be read with the new token', async () => (await fileOf(KEY)).lastFileVersion !== null);
    expect(await fileOf(KEY)).toMatchObject({ status: 'active', statusReason: null });
  });

  it('a stored token this server cannot decrypt (SECRET_KEY changed) stops polling with that reason', async () => {
    const KEY = 'UndecryptableK1';
    putFile(a.figma, KEY, baseDesign());
    const { id } = await track(a, KEY, { pollIntervalSeconds: 600 });
    await settled(a);
    // What another SECRET_KEY's ciphertext looks like to this one: it does not open.
    await a.t.db.prisma.trackedFile.update({
      where: { id },
      data: { figmaTokenEnc: 'v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AAAA' },
    });
    expect((await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${id}/check`)).statusCode).toBe(202);
    await waitUntil('polling to stop', async () => (await fileOf(KEY)).status !== 'active');
    expect(await fileOf(KEY)).toMatchObject({
      status: 'credentials_broken',
      statusReason: expect.stringContaining('SECRET_KEY'),
    });
    // Registering Figma webhooks with it is refused the same way, not a 500.
    const hook = await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${id}/webhook`, {
      body: { eventTypes: ['FILE_UPDATE'] },
    });
    expect(hook.statusCode, hook.body).toBe(422);
    expect(hook.json().error).toMatchObject({
      code: 'figma_token_unreadable',
      message: expect.stringContaining('SECRET_KEY'),
    });
  });

  it('a file Figma does not know (404) stops with status not_found', async () => {
    const { id } = await track(a, 'NoSuchFileKey01');
    await waitUntil('polling to stop', async () => (await fileOf('NoSuchFileKey01')).status !== 'active');
    expect(await fileOf('NoSuchFileKey01')).toMatchObject({
      status: 'not_found',
      statusReason: expect.stringContaining('404'),
    });
    expect(
      (await notificationsOf(a, 'file.credentials_broken')).some((n) => (n.data as { fileId: string }).fileId === id),
    ).toBe(true);
  });

  it('a new version is read after a fault clears: the edit made while rate-limited is not lost', async () => {
    const KEY = 'RecoverFileKey1';
    putFile(a.figma, KEY, baseDesign());
    a.figma.rateLimit(KEY, { retryAfterSeconds: 2, endpoint: 'meta' });
    const { id } = await track(a, KEY, { pollIntervalSeconds: 600 });
    await waitUntil('the rate limit to be recorded', async () => (await fileOf(KEY)).rateLimitedUntil !== null);
    const d = baseDesign();
    setColor(d.tokens, 'VariableID:1:1', '#ab00cd');
    editFile(a.figma, KEY, d);
    await waitUntil(
      'the file to be read after Retry-After',
      async () => (await fileOf(KEY)).lastFileVersion !== null,
      20_000,
    );
    const file = await fileOf(KEY);
    expect(file.rateLimitedUntil).toBeNull();
    expect(file.lastFileVersion).toBe(a.figma.file(KEY)!.version);
    expect((await fileChecks(id)).filter((j) => j.state === 'created').length).toBe(1);
  });
});

// A server of its own, with a quarter of a second between two calls of a tier: its start is no
// part of the test's time.
describe.each(dbKinds)("the token's tier budgets on %s", (kind) => {
  let b: Automation;
  beforeAll(async () => {
    b = await startAutomation(kind, { FIGMA_CALLS_PER_MINUTE: '240' });
  });
  afterAll(async () => b?.close());

  it("many files under one token are spread over each of the token's tier budgets instead of meeting 429s", async () => {
    const keys = ['BudgetFileKeyA1', 'BudgetFileKeyB1', 'BudgetFileKeyC1'];
    for (const key of keys) putFile(b.figma, key, baseDesign());
    for (const key of keys) await track(b, key, { pollIntervalSeconds: 600 });
    await waitUntil(
      'all three files to be read',
      async () => {
        const listed = (await b.t.api('GET', `/api/v1/projects/${b.t.projectId}/files`)).json().items as FileOut[];
        return listed.every((f) => f.lastFileVersion !== null);
      },
      30_000,
    );
    // Within a tier, a check may take its calls at once (a read's three Tier 3 calls) while one
    // call is still due: past that burst, calls keep 0.25 s apart on average.
    const tiers = { 1: ['nodes'], 2: ['meta', 'variables'], 3: ['component_sets', 'components', 'styles'] } as const;
    const burst = { 1: 3, 2: 3, 3: 4 } as const;
    for (const tier of [1, 2, 3] as const) {
      const at = b.figma.requests
        .filter((r) => (tiers[tier] as readonly string[]).includes(r.endpoint ?? ''))
        .map((r) => r.at)
        .sort((x, y) => x - y);
      for (let k = burst[tier]; k < at.length; k++)
        expect(at[k]! - at[0]!, `Tier ${tier}, call ${k + 1}`).toBeGreaterThanOrEqual((k + 1 - burst[tier]) * 250 - 50);
    }
    // Each file asked for its version once, also when its read then waited for the budget.
    for (const key of keys) expect(b.figma.count('meta', key)).toBe(1);
    expect(b.figma.count('variables')).toBe(3);
  });
});
