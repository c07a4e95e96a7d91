import type { Browser, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import type { PaddingLeftEdit } from './support/design-edits.js';
import { openPlugin } from './support/harness.js';
import { chooseComponent } from './support/history.js';
import { PREVIEW_FRAME as FRAME, showsVariant } from './support/preview.js';
import { currentVersion, versions } from './support/scenario.js';
import { startLiveServer, type LiveServer } from './support/server.js';

const FILE_KEY = 'LaYeRs1234567890';
const FIDELITY = /^Layout matches the design: (\d+) of (\d+) layers/;
// The Button's "Size=Large" variant (test/fakes/figma/layers-fixture.ts; its root layer is named after the
// component set, "Button"): paddingLeft 12, detached from space/md as a designer does before typing a value, then 16.
const LARGE = '70:2';
const typed = (paddingLeft: number): PaddingLeftEdit[] => [{ node: LARGE, paddingLeft }];

// The "Done when": a designer changes the Button's paddingLeft in Figma, presses Sync,
// and reviews the change by looking at it beside the design.
describe.skipIf(!hasChromium)('a padding changed in Figma, reviewed beside the design', () => {
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

  const open = (edits: PaddingLeftEdit[], colorScheme: 'light' | 'dark' = 'light') =>
    openPlugin(browser, {
      fileKey: FILE_KEY,
      design: 'layers',
      edits,
      colorScheme,
      clientStorage: [['design-sync/settings', { serverUrl: server.url, token: server.token }]],
    });

  it('the first sync publishes the Button at 1.0.0', async () => {
    const { page, ui } = await open(typed(12));
    const errors = watchErrors(page);
    await ui.getByRole('button', { name: 'Sync' }).click();
    await ui.getByRole('list', { name: 'Proposals' }).waitFor({ timeout: 30_000 });
    await ui.getByRole('button', { name: 'Accept all non-breaking' }).click();
    await expect.poll(() => currentVersion(server, 'Button'), { timeout: 30_000 }).toBe('1.0.0');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('paddingLeft 12 → 16: a minor proposal naming it; Preview shows Design, Before and After and the fidelity line', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, ui } = await open(typed(16), colorScheme);
      const errors = watchErrors(page);
      await ui.getByRole('button', { name: 'Sync' }).click();
      const item = ui.getByRole('listitem', { name: 'Button 1.0.0 → 1.1.0' });
      await item.waitFor({ timeout: 30_000 });
      // Minor: the badge says so, and the reason names the layer, the property and both values.
      expect(await item.getByTitle('minor bump').textContent()).toBe('Feature');
      expect(await item.textContent()).toContain('paddingLeft of `Button` 12 → 16 (in variant `Size=Large`)');
      // Only the Button changed (its icon component is as it was).
      expect(await ui.getByRole('list', { name: 'Proposals' }).locator(':scope > li').count()).toBe(1);

      await ui.getByRole('button', { name: 'Review Button' }).click();
      await ui.getByRole('button', { name: 'Preview' }).click();
      await ui.getByRole('combobox', { name: 'Variant' }).selectOption({ label: 'Size=Large' });
      const mode = ui.getByRole('combobox', { name: 'Mode' });
      expect(await mode.locator('option').allTextContents()).toEqual(['Default']);

      // Design: the variant exported from Figma as a PNG, at its new width (120.67 + 4 px) at 2×.
      const design = ui.getByRole('region', { name: 'Design' });
      const image = design.getByRole('img', { name: 'The variant in Figma' });
      await image.waitFor({ timeout: 30_000 });
      expect(await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([
        Math.round((120.67 + 4) * 2),
        65,
      ]);
      expect(await image.getAttribute('src')).toMatch(/^blob:/);

      // Before: 1.0.0; After: the proposal. Each shows the variant whole with its label.
      const before = ui.getByRole('region', { name: 'Before' });
      const after = ui.getByRole('region', { name: 'After' });
      await showsVariant(before, 'Button', LARGE);
      await showsVariant(after, 'Button', LARGE);
      // The padding is what changed: the After's label sits 4 px further right than the Before's.
      const labelX = async (frame: FrameLocator) =>
        frame.locator(`[data-variant="${LARGE}"]:visible [data-figma-id="70:22"]`).evaluate((el) => {
          const root = el.closest('[data-variant]')!.firstElementChild!.getBoundingClientRect();
          return Math.round(el.getBoundingClientRect().left - root.left);
        });
      expect((await labelX(after.frameLocator(FRAME))) - (await labelX(before.frameLocator(FRAME)))).toBe(4);

      // The fidelity line, over both variants of the proposal.
      const line = ui.getByText(FIDELITY);
      await line.waitFor({ timeout: 30_000 });
      const [, matched, total] = FIDELITY.exec((await line.textContent()) ?? '')!.map(Number);
      // Every visible layer of both variants as the design has them (the layout route).
      const draft = (await versions(server, 'Button')).find((v) => v.version === '1.1.0')!;
      const layout = await server.api<{ variants: Array<{ layers: Array<{ visible: boolean }> }> }>(
        'GET',
        `/versions/${draft.id}/preview/layout`,
      );
      expect(total).toBe(layout.body.variants.flatMap((v) => v.layers).filter((l) => l.visible).length);
      expect(total).toBeGreaterThanOrEqual(6);
      expect(matched).toBeLessThanOrEqual(total!);
      const mismatches = ui.getByRole('list', { name: 'Layers that do not match' });
      if (matched! < total!) expect(await mismatches.locator('li').count()).toBeGreaterThan(0);
      else expect(await mismatches.count()).toBe(0);

      await screenshot(page, `plugin-done-when-padding-${colorScheme}`);
      // Recorded on the draft: History shows it.
      type WithFidelity = { version: string; fidelity?: { matched: number; total: number } | null };
      await expect
        .poll(async () => ((await versions(server, 'Button')) as WithFidelity[]).find((v) => v.version === '1.1.0'))
        .toMatchObject({ fidelity: { matched, total } });
      expect(errors).toEqual([]);
      await page.close();
    }
    // Two colour schemes, each syncing and building previews: long on a loaded machine.
  }, 120_000);

  it('History in the plugin shows the fidelity the review recorded on the draft', async () => {
    const recorded = (await versions(server, 'Button')) as Array<{
      version: string;
      fidelity?: { matched: number; total: number } | null;
    }>;
    const { matched, total } = recorded.find((v) => v.version === '1.1.0')!.fidelity!;
    const { page, ui } = await open(typed(16));
    const errors = watchErrors(page);
    await ui.getByRole('tab', { name: 'History' }).click();
    await chooseComponent(ui, 'Button');
    const draft = ui.getByRole('listitem', { name: /^1\.1\.0 / });
    await expect.poll(() => draft.textContent(), { timeout: 30_000 }).toContain(`Layout ${matched}/${total}`);
    // 1.0.0 was never previewed: no figure rather than a made-up one.
    expect(await ui.getByRole('listitem', { name: /^1\.0\.0 / }).textContent()).not.toContain('Layout ');
    expect(errors).toEqual([]);
    await page.close();
  });
});
