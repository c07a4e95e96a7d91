import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { testConfig } from '../../server/config.js';
import { openDatabase, type Database } from '../../server/db/database.js';
import {
  restFileFromDesign,
  snapshotEntriesFromDesign,
  startFakeFigmaRest,
  type FakeFigmaRest,
} from '../fakes/figma-rest/index.js';
import { designSystem } from '../helpers/sync-fixtures.js';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import { E2E_TOKEN } from './support/server.js';

type Design = ReturnType<typeof designSystem>;

// What the server's own checks of Figma files warn about, seen where people look: the drafts
// under review carry their warnings, and Settings lists each tracked file with its status, the
// reason and its last check's warnings. A real server with its job queue, a fake Figma REST API.
describe.skipIf(!hasChromium)('warnings and tracked files in /app', () => {
  let figma: FakeFigmaRest;
  let db: Database;
  let app: App;
  let url: string;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${E2E_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const serve = (key: string, name: string, design: Design, deleted: string[] = []) => {
    const rest = restFileFromDesign(design);
    for (const id of deleted) Object.assign(rest.variables.meta.variables[id]!, { deletedButReferenced: true });
    figma.setFile(key, {
      name,
      version: '100',
      variables: rest.variables,
      nodes: rest.nodes,
      components: rest.components,
      componentSets: rest.componentSets,
      styles: rest.styles,
      sharedPluginData: { design_sync: snapshotEntriesFromDesign(design, new Date().toISOString()) },
    });
  };
  const until = async (what: string, probe: () => Promise<boolean>) => {
    const deadline = Date.now() + 60_000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  beforeAll(async () => {
    figma = await startFakeFigmaRest();
    db = await openDatabase({ dataDir: 'memory://' });
    app = await buildApp(
      testConfig({
        ADMIN_TOKEN: E2E_TOKEN,
        RATE_LIMIT_MAX: '100000',
        LOG_LEVEL: 'warn',
        JOBS: 'true',
        JOB_POLL_SECONDS: '0.5',
        FIGMA_API_BASE: figma.url,
        FIGMA_CALLS_PER_MINUTE: '1000',
        FIGMA_TIMEOUT_SECONDS: '5',
      }),
      { database: db },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const projectId = (await db.prisma.apiToken.findFirstOrThrow()).projectId;

    // A file Figma reports a variable of as deleted but still referenced (Button reaches it).
    serve('WarnedFileKey01', 'Design System', designSystem(), ['VariableID:1:1']);
    // A file whose design the pipeline refuses: an alias cycle.
    const broken = designSystem();
    broken.components = broken.components.map((c) => ({
      ...c,
      id: c.id.replace(/^(\d+):/, (_, n: string) => `${Number(n) + 500}:`),
      name: `${c.name} Legacy`,
      variants: c.variants.map((v) => ({ ...v, id: v.id.replace(/^(\d+):/, (_, n: string) => `${Number(n) + 500}:`) })),
    }));
    broken.tokens.tokens.find((t) => t.id === 'VariableID:1:1')!.valuesByMode = { '1:0': { alias: 'VariableID:2:1' } };
    serve('BrokenFileKey01', 'Legacy library', broken);
    for (const key of ['WarnedFileKey01', 'BrokenFileKey01']) {
      const res = await api('POST', `/projects/${projectId}/files`, {
        fileKey: key,
        figmaToken: figma.credentials.pat.token,
        pollIntervalSeconds: 3600,
      });
      expect(res.status).toBe(201);
    }
    type Files = { items: Array<{ fileKey: string; status: string; lastFileVersion: string | null }> };
    await until('both files to be checked', async () =>
      (await api<Files>('GET', `/projects/${projectId}/files`)).body.items.every((f) => f.lastFileVersion !== null),
    );
    await until(
      'the drafts of the first file',
      async () => (await api<{ drafts: unknown[] }>('GET', `/projects/${projectId}/drafts`)).body.drafts.length === 3,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
    await figma?.close();
  });

  const open = async (colorScheme: 'light' | 'dark') => {
    page = await browser.newPage({ viewport: { width: 560, height: 900 }, colorScheme });
    errors = watchErrors(page);
    await page.goto(`${url}/app`);
    await page.getByLabel('API token').fill(E2E_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Review' }).waitFor();
  };

  for (const scheme of ['light', 'dark'] as const) {
    it(`the review shows a draft's warnings (${scheme})`, async () => {
      await open(scheme);
      const proposals = page.getByRole('list', { name: 'Proposals' });
      await proposals.waitFor();
      const button = proposals.getByRole('listitem', { name: /^Button / });
      // The list says there is something to read before the review is opened…
      expect(await button.textContent()).toContain('1 warning');
      expect(await proposals.getByRole('listitem', { name: /^Badge / }).textContent()).not.toContain('warning');
      // …and the review says what.
      await page.getByRole('button', { name: 'Review Button' }).click();
      const viewer = page.getByRole('region', { name: /Button .*1\.0\.0/ });
      await viewer.waitFor();
      await expect
        .poll(() => viewer.textContent())
        .toMatch(/Variable "color\/blue\/500" \(VariableID:1:1\) was deleted in Figma but is still referenced/);
      await screenshot(page, `app-review-warnings-${scheme}`);
      expect(errors).toEqual([]);
    });

    it(`Settings lists the tracked files with their status, reason and last warnings (${scheme})`, async () => {
      await page.getByRole('tab', { name: 'Settings' }).click();
      const list = page.getByRole('list', { name: 'Tracked files' });
      await list.waitFor();
      const warned = list.getByRole('listitem', { name: 'Design System' });
      const broken = list.getByRole('listitem', { name: 'Legacy library' });
      expect(await warned.textContent()).toContain('Active');
      expect(await broken.textContent()).toContain('Design refused');
      expect(await broken.textContent()).toMatch(/alias cycle/);
      await warned.getByText(/warnings? from the last check/).click();
      await expect.poll(() => warned.textContent()).toMatch(/was deleted in Figma but is still referenced/);
      await page.getByRole('heading', { name: 'Tracked files' }).scrollIntoViewIfNeeded();
      await screenshot(page, `app-settings-tracked-files-${scheme}`);
      if (scheme === 'dark')
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(
          'rgb(255, 255, 255)',
        );
      expect(errors).toEqual([]);
    });
  }
});
