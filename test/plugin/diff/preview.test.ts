/**
 * The diff viewer in real Chromium (Debian's, never a downloaded one), in Figma's light and
 * dark themes at the plugin window's narrow width: behaviour checks plus screenshots in
 * test/artifacts/ for a human to look at.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, bundleViewer, previewHtml, type Theme } from './preview-page.js';

const CHROMIUM = '/usr/bin/chromium';
const TITLE = 'Button 1.2.0 → 1.3.0';

describe.skipIf(!existsSync(CHROMIUM))('DiffViewer in Chromium', () => {
  let browser: Browser;
  let bundle: { js: string; css: string };

  beforeAll(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    bundle = await bundleViewer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(theme: Theme, width: number): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 2 });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    const html = previewHtml(bundle, theme);
    writeFileSync(`${artifactsDir}diff-preview-${theme}.html`, html);
    await page.setContent(html);
    await page.getByRole('region', { name: TITLE }).waitFor();
    return { page, errors };
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: `${artifactsDir}${name}.png`, fullPage: true });

  for (const theme of ['light', 'dark'] as const) {
    it(`unified then split, ${theme} theme, 420 px wide`, async () => {
      const { page, errors } = await open(theme, 420);
      const viewer = page.getByRole('region', { name: TITLE });
      const unified = viewer.getByRole('button', { name: 'Unified', exact: true });
      const split = viewer.getByRole('button', { name: 'Split', exact: true });
      await expect.poll(() => unified.getAttribute('aria-pressed')).toBe('true');
      expect(await split.getAttribute('aria-pressed')).toBe('false');

      // Sorted by path; one section with a heading per file; the unchanged file starts closed.
      const headings = await viewer.getByRole('heading', { level: 3 }).allTextContents();
      expect(headings).toEqual([
        'Token changes',
        'Warnings',
        'Button.module.css',
        'Button.stories.tsx',
        'Button.tsx',
        'README.md',
        'index.ts',
      ]);
      const stories = viewer.getByRole('region', { name: 'Button.stories.tsx' });
      expect(await stories.getByRole('button', { name: 'Button.stories.tsx' }).getAttribute('aria-expanded')).toBe(
        'false',
      );
      expect(await stories.getByRole('table').count()).toBe(0);

      // The panel never scrolls sideways; long lines scroll inside their file.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
      const scrolls = await page.evaluate(() =>
        [...document.querySelectorAll('table')].some(
          (t) => t.parentElement!.scrollWidth > t.parentElement!.clientWidth,
        ),
      );
      expect(scrolls).toBe(true);

      // Colour follows the theme variables; the marker carries the meaning too.
      const tsx = viewer.getByRole('region', { name: 'Button.tsx' });
      const addedRow = tsx.getByRole('row').filter({ hasText: 'export type ButtonTone' });
      const { bg, expected, marker } = await addedRow.evaluate((tr) => ({
        bg: getComputedStyle(tr.querySelector('td:last-child')!).backgroundColor,
        expected: getComputedStyle(document.documentElement)
          .getPropertyValue('--figma-color-bg-success-tertiary')
          .trim(),
        marker: tr.querySelector('td:nth-child(3)')!.textContent,
      }));
      expect(bg).toBe(hexToRgb(expected));
      expect(marker).toBe('+added');

      // File content is text, never markup.
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await expect.poll(() => viewer.getByText('<img src="x" onerror=', { exact: false }).count()).toBe(1);

      await shot(page, `diff-unified-${theme}`);

      // A collapsed region is a button; expanding it shows the hidden lines and keeps focus nearby.
      const collapsed = tsx.getByRole('button', { name: /^⋯ \d+ unchanged lines?$/ }).first();
      const hidden = Number((await collapsed.textContent())!.match(/\d+/)![0]);
      const rowsBefore = await tsx.getByRole('row').count();
      await collapsed.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => tsx.getByRole('row').count()).toBe(rowsBefore - 1 + hidden);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TR');

      // Keyboard: from Unified, Tab reaches Split; Space switches the layout.
      await unified.focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Split');
      await page.keyboard.press('Space');
      await expect.poll(() => split.getAttribute('aria-pressed')).toBe('true');
      expect(await unified.getAttribute('aria-pressed')).toBe('false');

      // Split: old on the left and new on the right of the same row, changed words marked.
      const css = viewer.getByRole('table', { name: 'Button.module.css, split diff' });
      const pair = css.getByRole('row').filter({ hasText: '--ds-bg-primary' });
      const cells = await pair.evaluate((tr) =>
        [...tr.querySelectorAll('td')].map((td) => {
          const r = td.getBoundingClientRect();
          return {
            text: td.textContent ?? '',
            x: r.x,
            y: r.y,
            marks: [...td.querySelectorAll('mark')].map((m) => m.textContent),
          };
        }),
      );
      expect(cells).toHaveLength(6);
      expect(cells[2]!.text).toContain('var(--ds-bg-primary)');
      expect(cells[5]!.text).toContain('var(--color-bg-primary)');
      expect(cells[2]!.marks).toEqual(['ds']);
      expect(cells[5]!.marks).toEqual(['color']);
      expect(cells[5]!.x).toBeGreaterThan(cells[2]!.x + 100);
      expect(cells[5]!.y).toBe(cells[2]!.y);
      // A pure addition sits opposite an empty cell.
      const addition = css.getByRole('row').filter({ hasText: '.tone-danger {' });
      expect(await addition.evaluate((tr) => tr.querySelectorAll('td')[2]!.textContent)).toBe('');

      await shot(page, `diff-split-${theme}`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('at 800 px wide, every control has a name and is a reachable button', async () => {
    const { page, errors } = await open('light', 800);
    const unnamed = await page.evaluate(
      () =>
        [...document.querySelectorAll('button')].filter((b) => !b.textContent?.trim() && !b.getAttribute('aria-label'))
          .length,
    );
    expect(unnamed).toBe(0);
    // Every button is in the tab order, and nothing else interactive is hidden from it.
    const focusable = await page.evaluate(() =>
      [...document.querySelectorAll('button')].every((b) => b.tabIndex === 0),
    );
    expect(focusable).toBe(true);
    await shot(page, 'diff-unified-light-800');
    await page.getByRole('button', { name: 'Split', exact: true }).click();
    await shot(page, 'diff-split-light-800');
    expect(errors).toEqual([]);
    await page.close();
  });
});

function hexToRgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a hex colour: ${hex}`);
  return `rgb(${m
    .slice(1)
    .map((h) => parseInt(h, 16))
    .join(', ')})`;
}
