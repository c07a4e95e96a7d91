import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import { openPlugin } from './support/harness.js';
import { showsVariant } from './support/preview.js';
import { chooseComponent } from './support/history.js';
import { acceptAll, sync, versions } from './support/scenario.js';
import { syncRequest } from '../helpers/sync-fixtures.js';
import { withButtonTrees } from '../server/previews/support.js';
import { startLiveServer, type LiveServer } from './support/server.js';

const FILE_KEY = 'AbCdEf1234567890';
const FIDELITY = /^Layout matches the design: (\d+) of (\d+) layers/;

/** The numbers of the fidelity line, once every variant was measured. */
async function fidelityLine(scope: Page | FrameLocator): Promise<{ matched: number; total: number }> {
  const line = scope.getByText(FIDELITY);
  await line.waitFor({ timeout: 30_000 });
  const [, matched, total] = FIDELITY.exec((await line.textContent()) ?? '')!;
  return { matched: Number(matched), total: Number(total) };
}

/** A preview column shows a rendered page: its iframe is there and has a laid-out size. */
async function framed(region: Locator): Promise<void> {
  const frame = region.locator('iframe[sandbox="allow-scripts"]');
  await frame.waitFor();
  expect(await frame.evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height)).toBeGreaterThan(10);
}

// The Preview tab as a designer and a developer see it: the built plugin on the fake `figma`
// global and /app, against a real server on PGlite and its preview routes.
describe.skipIf(!hasChromium)('previews beside the design', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // The design whose variants carry layer trees (test/fakes/figma/layers-fixture.ts): fidelity has layers to count.
  const reviewInPlugin = async (colorScheme: 'light' | 'dark') => {
    const { page, ui } = await openPlugin(browser, {
      fileKey: FILE_KEY,
      design: 'layers',
      colorScheme,
      clientStorage: [['design-sync/settings', { serverUrl: server.url, token: server.token }]],
    });
    const errors = watchErrors(page);
    await ui.getByRole('button', { name: 'Sync' }).click();
    await ui.getByRole('list', { name: 'Proposals' }).waitFor({ timeout: 30_000 });
    const name = 'Button';
    await ui.getByRole('button', { name: `Review ${name}` }).click();
    await ui.getByRole('button', { name: 'Preview' }).click();
    return { page, ui, errors, name };
  };

  it('in the plugin: per variant the design, Before (a new component) and After, a Mode switch and the fidelity line, recorded', async () => {
    const { page, ui, errors, name } = await reviewInPlugin('light');
    const design = ui.getByRole('region', { name: 'Design' });
    await design.getByRole('img').waitFor({ timeout: 30_000 });
    // The exported PNG decoded: the image has its size (the node's, at 1×).
    expect(await design.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await ui.getByRole('region', { name: 'Before' }).textContent()).toContain('New component');
    await framed(ui.getByRole('region', { name: 'After' }));
    // The After column shows the variant whole, its label readable (it once showed a blank frame).
    await showsVariant(ui.getByRole('region', { name: 'After' }), 'Button');
    const { matched, total } = await fidelityLine(ui);
    expect(total).toBeGreaterThan(0);
    expect(matched).toBeLessThanOrEqual(total);

    const mode = ui.getByRole('combobox', { name: 'Mode' });
    const modes = await mode.locator('option').allTextContents();
    expect(modes.length).toBeGreaterThan(0);
    const variant = ui.getByRole('combobox', { name: 'Variant' });
    const labels = await variant.locator('option').allTextContents();
    // Never more than Before and After on screen, plus one measuring frame while it measures.
    expect(await ui.locator('iframe').count()).toBeLessThanOrEqual(2);
    if (labels.length > 1) {
      await variant.selectOption({ label: labels[1]! });
      await framed(ui.getByRole('region', { name: 'After' }));
      await showsVariant(ui.getByRole('region', { name: 'After' }), 'Button');
    }
    if (modes.length > 1) await mode.selectOption({ label: modes[1]! });
    await screenshot(page, 'plugin-preview-light');

    // What it measured is on the draft, for History.
    type WithFidelity = { fidelity?: { matched: number; total: number } };
    await expect
      .poll(async () => ((await versions(server, name))[0] as WithFidelity).fidelity)
      .toEqual({ matched, total });
    expect(errors).toEqual([]);

    const dark = await reviewInPlugin('dark');
    await dark.ui.getByRole('region', { name: 'Design' }).getByRole('img').waitFor({ timeout: 30_000 });
    await showsVariant(dark.ui.getByRole('region', { name: 'After' }), 'Button');
    await fidelityLine(dark.ui);
    await screenshot(dark.page, 'plugin-preview-dark');
    expect(dark.errors).toEqual([]);
    await dark.page.close();
    await page.close();
  });

  it('in /app: a comparison previews Before and After (no design image) with Mode and the fidelity line; History shows it', async () => {
    // A project of its own: Button, with its layer trees, at 1.0.0 and the version its label's new default made.
    await server.close();
    server = await startLiveServer();
    await acceptAll(server, await sync(server, syncRequest(withButtonTrees)));
    await acceptAll(
      server,
      await sync(
        server,
        syncRequest((ds) => {
          withButtonTrees(ds);
          ds.components.find((c) => c.name === 'Button')!.props[2]!.default = 'Press';
        }),
      ),
    );
    const [newer, older] = (await versions(server, 'Button')).map((v) => v.version);
    expect(older).toBe('1.0.0');
    const esc = (v: string | undefined) => v!.replace(/\./g, '\\.');
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport: { width: 900, height: 900 }, colorScheme });
      const errors = watchErrors(page);
      await page.goto(`${server.url}/app`);
      await page.getByLabel('API token').fill(server.token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('tab', { name: 'History' }).click();
      await chooseComponent(page, 'Button');
      // Button's own history first: every component has a 1.0.0, and the list loads after the choice.
      await page.getByRole('button', { name: `Compare ${newer}` }).waitFor();
      await page.getByRole('button', { name: `Compare ${older}` }).click();
      await page.getByRole('button', { name: `Compare ${newer}` }).click();
      await page.getByRole('region', { name: new RegExp(`${esc(older)} → ${esc(newer)}`) }).waitFor();
      await page.getByRole('button', { name: 'Preview' }).click();
      await framed(page.getByRole('region', { name: 'Before' }));
      await framed(page.getByRole('region', { name: 'After' }));
      expect(await page.getByRole('region', { name: 'Design' }).count()).toBe(0);
      await page.getByRole('combobox', { name: 'Mode' }).waitFor();
      const { matched, total } = await fidelityLine(page);
      expect(total).toBeGreaterThan(0);
      // The app scrolls inside its own box: the preview in sight for the screenshot.
      await page.getByRole('region', { name: 'After' }).scrollIntoViewIfNeeded();
      await screenshot(page, `app-preview-${colorScheme}`);
      // Recorded for the newer version; the history lists it once read again.
      await page.getByRole('tab', { name: 'Review' }).click();
      await page.getByRole('tab', { name: 'History' }).click();
      await expect
        .poll(() => page.getByRole('listitem', { name: new RegExp(`^${esc(newer)} `) }).textContent())
        .toContain(`Layout ${matched}/${total}`);
      expect(errors).toEqual([]);
      await page.close();
    }
    // Two colour schemes and a fresh server: long on a loaded machine.
  }, 120_000);
});
