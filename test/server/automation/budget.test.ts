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
  waitUntil,
  type Automation,
} from './support.js';

type FileOut = {
  id: string;
  fileKey: string;
  figmaPlan: string;
  figmaSeat: string;
  lastFileVersion: string | null;
  rateLimitedUntil: string | null;
};
type CheckOutput = { kind: string; why?: string; until?: string };

const fileOf = async (t: Automation, key: string) =>
  ((await t.t.api('GET', `/api/v1/projects/${t.t.projectId}/files`)).json().items as FileOut[]).find(
    (f) => f.fileKey === key,
  )!;
/** What each check of a file answered, oldest first (pg-boss keeps the handler's result). */
const checkOutputs = async (t: Automation, fileId: string) =>
  (
    await t.t.db.prisma.$queryRawUnsafe<Array<{ output: CheckOutput | null }>>(
      `SELECT output FROM pgboss.job WHERE name = 'file-check' AND data->>'fileId' = $1 AND state = 'completed' ORDER BY completed_on`,
      fileId,
    )
  ).map((r) => r.output!);

// Figma budgets each endpoint tier of a token separately (DESIGN.md "Figma facts"): file content
// (Tier 1), file metadata and variables (Tier 2), the published components and styles (Tier 3).
describe.each(dbKinds)("Figma's budget per token and tier on %s", (kind) => {
  let a: Automation;

  beforeAll(async () => {
    a = await startAutomation(kind);
  });
  afterAll(async () => a?.close());

  it('a 429 on a Tier 1 call holds only Tier 1 of that token: another file under it is still asked for its version, and read after Retry-After', async () => {
    const token = a.figma.issueToken('pat');
    const [limited, other] = ['TierHeldKeyA001', 'TierHeldKeyB001'] as const;
    for (const key of [limited, other]) putFile(a.figma, key, baseDesign(), { access: [token] });
    const { id: otherId } = await track(a, other, { figmaToken: token.token });
    await waitUntil('the other file to be read', async () => (await fileOf(a, other)).lastFileVersion !== null);
    await settled(a);

    a.figma.rateLimit(limited, { retryAfterSeconds: 8, endpoint: 'nodes', type: 'high', planTier: 'pro' });
    const { id: limitedId } = await track(a, limited, { figmaToken: token.token });
    await waitUntil('the rate limit to be recorded', async () => (await fileOf(a, limited)).rateLimitedUntil !== null);
    const until = Date.parse((await fileOf(a, limited)).rateLimitedUntil!);

    // The other file changed meanwhile: asking for its version is Tier 2 and goes ahead at once;
    // reading its content needs Tier 1, which waits for Retry-After.
    const d = baseDesign();
    setColor(d.tokens, 'VariableID:1:1', '#1144ee');
    editFile(a.figma, other, d);
    const asked = a.figma.requests.length;
    expect((await a.t.api('POST', `/api/v1/projects/${a.t.projectId}/files/${otherId}/check`)).statusCode).toBe(202);
    await waitUntil('the other file to be asked for its version', async () =>
      a.figma.requests.slice(asked).some((r) => r.endpoint === 'meta' && r.fileKey === other),
    );
    const meta = a.figma.requests.slice(asked).find((r) => r.endpoint === 'meta' && r.fileKey === other)!;
    expect(meta.at).toBeLessThan(until - 2000);
    const note = (await notificationsOf(a, 'file.rate_limited')).find(
      (n) => (n.data as { fileId: string }).fileId === limitedId,
    )!;
    expect(note.data).toMatchObject({ tier: 1, rateLimitType: 'high', planTier: 'pro' });
    await waitUntil("the other file's check to be postponed", async () =>
      (await checkOutputs(a, otherId)).some((o) => o.kind === 'postponed'),
    );
    const postponed = (await checkOutputs(a, otherId)).find((o) => o.kind === 'postponed')!;
    expect(postponed.why).toMatch(/Tier 1/);
    expect(Math.abs(Date.parse(postponed.until!) - until)).toBeLessThan(2000);

    await waitUntil(
      'the other file to be read after Retry-After',
      async () => (await fileOf(a, other)).lastFileVersion === a.figma.file(other)!.version,
      30_000,
    );
    const content = a.figma.requests.slice(asked).filter((r) => r.fileKey === other && r.endpoint !== 'meta');
    expect(content.length).toBeGreaterThan(0);
    // Nothing of its content was asked for while Tier 1 was held (Retry-After is whole seconds).
    expect(Math.min(...content.map((r) => r.at))).toBeGreaterThanOrEqual(until - 1000);
  });

  it('a file first read after waiting for Tier 1 keeps the name Figma gave it, not its key', async () => {
    const token = a.figma.issueToken('pat');
    const [limited, waiting] = ['NameHeldKeyA001', 'NameHeldKeyB001'] as const;
    putFile(a.figma, limited, baseDesign(), { access: [token] });
    putFile(a.figma, waiting, baseDesign(), { access: [token] });
    a.figma.rateLimit(limited, { retryAfterSeconds: 4, endpoint: 'nodes', type: 'high', planTier: 'pro' });
    await track(a, limited, { figmaToken: token.token });
    await waitUntil('the rate limit to be recorded', async () => (await fileOf(a, limited)).rateLimitedUntil !== null);
    const { id } = await track(a, waiting, { figmaToken: token.token });
    // Its version is asked at once (Tier 2); its content waits for Tier 1, then is read.
    await waitUntil('the waiting file to be postponed', async () =>
      (await checkOutputs(a, id)).some((o) => o.kind === 'postponed'),
    );
    await waitUntil(
      'the waiting file to be read',
      async () => (await fileOf(a, waiting)).lastFileVersion !== null,
      30_000,
    );
    const file = (await a.t.api('GET', `/api/v1/projects/${a.t.projectId}/files`))
      .json()
      .items.find((f: { fileKey: string }) => f.fileKey === waiting);
    expect(file.name).toBe('Design System');
  });

  it('each file has a plan and a seat (a Dev seat on Professional unless told), refused by name when unknown', async () => {
    const files = `/api/v1/projects/${a.t.projectId}/files`;
    const plain = await a.t.api('POST', files, { body: { fileKey: 'PlanSeatKey0001' } });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json()).toMatchObject({ figmaPlan: 'professional', figmaSeat: 'dev' });
    const enterprise = await a.t.api('POST', files, {
      body: { fileKey: 'PlanSeatKey0002', figmaPlan: 'enterprise', figmaSeat: 'full' },
    });
    expect(enterprise.statusCode, enterprise.body).toBe(201);
    expect(enterprise.json()).toMatchObject({ figmaPlan: 'enterprise', figmaSeat: 'full' });
    for (const [body, field] of [
      [{ figmaPlan: 'gold' }, 'figmaPlan'],
      [{ figmaSeat: 'owner' }, 'figmaSeat'],
    ] as const) {
      const res = await a.t.api('POST', files, { body: { fileKey: 'PlanSeatKey0003', ...body } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(field);
    }
    expect(await a.t.db.prisma.trackedFile.count({ where: { fileKey: 'PlanSeatKey0003' } })).toBe(0);
  });
});

// Figma's own rates (FIGMA_CALLS_PER_MINUTE unset), on a server of its own.
describe.each(dbKinds)("Figma's published rates per plan and seat on %s", (kind) => {
  let b: Automation;
  beforeAll(async () => {
    b = await startAutomation(kind, { FIGMA_CALLS_PER_MINUTE: '' });
  });
  afterAll(async () => b?.close());

  it("the file's seat sets its budget: a View seat's version checks are spaced as Figma's Tier 2 allows it (5 a minute)", async () => {
    const KEY = 'ViewSeatKey0001';
    putFile(b.figma, KEY, baseDesign());
    const { id } = await track(b, KEY, { figmaSeat: 'view' });
    await waitUntil('the first read', async () => (await fileOf(b, KEY)).lastFileVersion !== null);
    const firstMeta = b.figma.requests.find((r) => r.endpoint === 'meta' && r.fileKey === KEY)!.at;
    // The first read asked for the version and the variables (Tier 2) back to back: a View
    // seat's next Tier 2 call is due 12 s after the first; a Dev seat's would be 2.4 s after.
    expect((await b.t.api('POST', `/api/v1/projects/${b.t.projectId}/files/${id}/check`)).statusCode).toBe(202);
    await waitUntil('the check by hand to be postponed', async () =>
      (await checkOutputs(b, id)).some((o) => o.kind === 'postponed'),
    );
    const postponed = (await checkOutputs(b, id)).find((o) => o.kind === 'postponed')!;
    expect(postponed.why).toMatch(/Tier 2/);
    expect(Date.parse(postponed.until!) - firstMeta).toBeGreaterThanOrEqual(10_000);
    expect(b.figma.count('meta', KEY)).toBe(1);
  });
});
