import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import { startLiveServer, type LiveServer } from './support/server.js';

const lines = (n: number, line: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => `${line(i + 1)}\n`).join('');
/** Two 8,000-line versions of one file that share no line: an 8,000-line diff took 7 s in the browser. */
const BEFORE = lines(8000, (i) => `  <Cell row={${i}} tone="neutral" />`);
const AFTER = lines(8000, (i) => `  <Cell row={${i}} tone="accent" />`);

type VersionOut = { id: string; version: string; files: Array<{ path: string; size: number; sha256: string }> };

// The diff viewer in /app compares two versions whose big file is past core/diff's limits: the
// file shows the "too large to diff line by line" notice with both sizes and hashes (the same the
// server reports), the other files their rows, and nothing throws.
describe.skipIf(!hasChromium)('a file too large to diff in the web app', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const published: VersionOut[] = [];

  beforeAll(async () => {
    server = await startLiveServer();
    const created = await server.api<{ id: string }>('POST', `/projects/${server.projectId}/components`, {
      name: 'Grid',
      figmaId: '5:5',
    });
    for (const [huge, css] of [
      [BEFORE, '.cell { color: gray; }\n'],
      [AFTER, '.cell { color: teal; }\n'],
    ] as const) {
      const draft = await server.api<{ id: string }>('POST', `/components/${created.body.id}/versions`, {
        files: [
          { path: 'Grid.tsx', content: huge },
          { path: 'Grid.module.css', content: css },
        ],
        bump: 'minor',
      });
      await server.api('POST', `/versions/${draft.body.id}/publish`, {});
      published.push((await server.api<VersionOut>('GET', `/versions/${draft.body.id}`)).body);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`shows the notice with sizes and hashes instead of 16,000 rows, ${theme} theme`, async () => {
      page = await browser.newPage({ viewport: { width: 560, height: 820 }, colorScheme: theme });
      errors = watchErrors(page);
      await page.goto(`${server.url}/app`);
      await page.getByLabel('API token').fill(server.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('combobox', { name: 'Component' }).selectOption({ label: 'Grid (1.1.0)' });
      await page.getByRole('button', { name: 'Compare 1.0.0' }).click();
      const started = Date.now();
      await page.getByRole('button', { name: 'Compare 1.1.0' }).click();
      const viewer = page.getByRole('region', { name: 'Grid 1.0.0 → 1.1.0' });
      const huge = viewer.getByRole('region', { name: 'Grid.tsx' });
      const notice = huge.getByRole('note');
      await notice.waitFor();
      console.log(
        `[diff-too-large] ${theme}: compare opened with the notice in ${Date.now() - started} ms (figure only, not asserted)`,
      );

      const text = (await notice.textContent())!;
      expect(text).toContain('Too large to diff line by line');
      expect(text).toContain('more than 2,000 lines changed');
      const [before, after] = published.map((v) => v.files.find((f) => f.path === 'Grid.tsx')!);
      for (const side of [before!, after!]) {
        expect(text).toContain(`8,000 lines, ${side.size.toLocaleString('en-US')} bytes`);
        expect(text).toContain(`sha256 ${side.sha256}`);
      }
      expect(await huge.getByRole('table').count()).toBe(0);
      // The small file beside it is diffed line by line as usual.
      const css = viewer.getByRole('region', { name: 'Grid.module.css' });
      expect(await css.getByRole('table').getByRole('row').count()).toBeGreaterThan(1);
      expect(await css.textContent()).toContain('teal');
      await screenshot(page, `app-compare-too-large-${theme}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
