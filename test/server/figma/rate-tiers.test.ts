import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FigmaClient, type FigmaCredentials, type TierCalls } from '../../../server/figma/client.js';
import { FigmaApiError } from '../../../server/figma/errors.js';
import { designSystem } from '../../helpers/sync-fixtures.js';
import { restFileFromDesign, startFakeFigmaRest, type FakeFigmaRest } from '../../fakes/figma-rest/index.js';

let fake: FakeFigmaRest;
let client: FigmaClient;
let pat: FigmaCredentials;

beforeAll(async () => {
  fake = await startFakeFigmaRest();
  client = new FigmaClient({ baseUrl: fake.url, timeoutMs: 2000 });
  pat = fake.credentials.pat;
  fake.setFile('F', { name: 'File', version: '1', ...restFileFromDesign(designSystem()) });
});
afterAll(() => fake.close());

const none = (): TierCalls => ({ 1: 0, 2: 0, 3: 0 });

// Figma's rate-limit tier of every endpoint the server calls (developers.figma.com/docs/rest-api:
// each endpoint's page says "This is a Tier N endpoint"): a metered client counts its calls in
// the tier Figma budgets them in, and a refusal names that tier.
describe('Figma calls by rate-limit tier', () => {
  const cases: Array<[string, (c: FigmaClient) => Promise<unknown>, 1 | 2 | 3]> = [
    ['GET /v1/files/:key/meta', (c) => c.fileMeta('F', pat), 2],
    ['GET /v1/files/:key/variables/local', (c) => c.localVariables('F', pat), 2],
    ['GET /v1/files/:key/nodes', (c) => c.nodes('F', ['0:0'], pat, { depth: 1 }), 1],
    ['GET /v1/files/:key/components', (c) => c.components('F', pat), 3],
    ['GET /v1/files/:key/component_sets', (c) => c.componentSets('F', pat), 3],
    ['GET /v1/files/:key/styles', (c) => c.fileStyles('F', pat), 3],
    ['GET /v2/webhooks', (c) => c.webhooksOfFile('F', pat), 2],
  ];

  for (const [name, call, tier] of cases) {
    it(`${name} is Tier ${tier}`, async () => {
      const used = none();
      await call(client.metered(used));
      expect(used).toEqual({ ...none(), [tier]: 1 });
    });
  }

  it('a call is counted even when Figma refuses it, and the refusal names the tier it was budgeted in', async () => {
    const used = none();
    fake.rateLimit('F', { retryAfterSeconds: 30, endpoint: 'nodes' });
    const error = await client
      .metered(used)
      .nodes('F', ['0:0'], pat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FigmaApiError);
    expect(error).toMatchObject({ kind: 'rate_limited', tier: 1 });
    expect(used).toEqual({ 1: 1, 2: 0, 3: 0 });
  });

  it('node ids split over several calls count each call', async () => {
    const used = none();
    const split = new FigmaClient({ baseUrl: fake.url, timeoutMs: 2000, maxIdsPerRequest: 1 });
    await split.metered(used).nodes('F', ['0:0', '0:1'], pat, { depth: 1 });
    expect(used).toEqual({ 1: 2, 2: 0, 3: 0 });
  });
});
