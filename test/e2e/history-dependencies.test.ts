import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRequest } from '../helpers/sync-fixtures.js';
import { withDependencies } from '../helpers/dependency-fixtures.js';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import { startLiveServer, type LiveServer } from './support/server.js';
import { acceptAll, sync } from './support/scenario.js';

// History in /app shows what the selected component uses and what uses it, and each name leads there.
describe.skipIf(!hasChromium)('History: Uses and Used by, at /app', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startLiveServer();
    await acceptAll(
      server,
      await sync(
        server,
        syncRequest((ds) => withDependencies(ds)),
      ),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`lists the components Button uses and those that use it, in ${colorScheme}`, async () => {
      page = await browser.newPage({ viewport: { width: 560, height: 820 }, colorScheme });
      errors = watchErrors(page);
      await page.goto(`${server.url}/app`);
      await page.getByLabel('API token').fill(server.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('combobox', { name: 'Component' }).selectOption({ label: 'Button (1.0.0)' });

      const uses = page.getByRole('list', { name: 'Uses', exact: true });
      const usedBy = page.getByRole('list', { name: 'Used by' });
      await expect.poll(() => uses.getByRole('button').allTextContents()).toEqual(['Icon']);
      expect(await usedBy.getByRole('button').allTextContents()).toEqual(['Card']);
      await screenshot(page, `app-history-dependencies-${colorScheme}`);

      // A name leads to that component's history.
      await usedBy.getByRole('button', { name: 'Card' }).click();
      await expect
        .poll(() => page.getByRole('combobox', { name: 'Component' }).locator('option:checked').textContent())
        .toBe('Card (1.0.0)');
      await expect.poll(() => uses.getByRole('button').allTextContents()).toEqual(['Button']);
      expect(await usedBy.count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
