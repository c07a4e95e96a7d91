// Real Chromium for the UI tests: Debian's /usr/bin/chromium driven by playwright-core (never a
// downloaded browser). Without it the browser suites are skipped with a printed reason.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.log(
    `[design-sync tests] browser suites SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`,
  );

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../artifacts');

/**
 * Saves a screenshot under test/artifacts/ (git-ignored) for a person to look at. A plugin
 * iframe is shown tall for it (its content scrolls inside; the page cannot measure it). The
 * viewport grows to the whole page first, so that Chromium need not capture beyond it: that
 * capture left the sandboxed preview frames inside the plugin blank.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, `${name}.png`);
  const frame = page.locator('iframe[title="design-sync plugin"]');
  const tall = (await frame.count()) > 0;
  const height = tall ? await frame.evaluate((f: HTMLIFrameElement) => f.style.height) : '';
  if (tall) await frame.evaluate((f: HTMLIFrameElement) => (f.style.height = '1600px'));
  const viewport = page.viewportSize();
  const whole = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  if (viewport) await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, whole.height) });
  // Laid out and painted at the new size (every frame) before the capture.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  // Whole already (the viewport holds the page); a page scrolling inside its own box shows that box.
  await page.screenshot({ path, fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
  if (tall) await frame.evaluate((f: HTMLIFrameElement, h: string) => (f.style.height = h), height);
  return path;
}

/**
 * Collects uncaught exceptions and console errors of a page (and its frames): a screen must never
 * throw. Chromium's own "Failed to load resource" lines for 4xx answers are left out: the UI
 * asks for those on purpose (a refused rollback, a revoked token) and shows them.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (
      msg.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())
    )
      errors.push(`console: ${msg.text()}`);
  });
  return errors;
}
