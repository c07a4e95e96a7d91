import { unzipSync, strFromU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import { startLiveServer, type LiveServer } from './support/server.js';
import { componentId, currentVersion, projectWithHistory, versions } from './support/scenario.js';

/**
 * What the browser refuses under the page's Content-Security-Policy, from the first script on:
 * collected by an init script, which the page's policy does not apply to.
 */
async function cspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

// The same UI in a browser, at /app: sign in, review the pending drafts, history, compare,
// roll back (also a refused rollback), tags and downloads, against a real server on PGlite.
describe.skipIf(!hasChromium)('the web app at /app', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startLiveServer();
    await projectWithHistory(server);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (colorScheme: 'light' | 'dark' = 'light') => {
    page = await browser.newPage({ viewport: { width: 560, height: 820 }, colorScheme, acceptDownloads: true });
    errors = watchErrors(page);
    await page.goto(`${server.url}/app`);
  };

  it('refuses a wrong token with the reason, then signs in and shows the project', async () => {
    await open();
    await screenshot(page, 'app-sign-in-light');
    await page.getByLabel('API token').fill('ds_not_a_real_token_000000000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/unknown or was revoked/);
    await screenshot(page, 'app-sign-in-refused-light');
    await page.getByLabel('API token').fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Review' }).waitFor();
    expect(await page.getByText('Project default').count()).toBe(1);
  });

  it('lists the pending drafts, opens a diff in unified and split views, accepts one and rejects the other', async () => {
    const proposals = page.getByRole('list', { name: 'Proposals' });
    await proposals.waitFor();
    const items = proposals.locator(':scope > li');
    await expect.poll(() => items.count()).toBe(2);
    expect(await proposals.textContent()).toContain('1.0.0 → 1.1.0');
    expect(await proposals.textContent()).toContain('1.1.0 → 2.0.0');

    await page.getByRole('button', { name: 'Review Button' }).click();
    const viewer = page.getByRole('region', { name: /Button 1\.0\.0 → 1\.1\.0/ });
    await viewer.waitFor();
    // The token change reaches Button through its alias: the summary names the token and the values.
    expect(await viewer.textContent()).toMatch(/color\/blue\/500: #0055ff → #1144ee/);
    await page.getByRole('button', { name: 'Split' }).click();
    expect(await page.getByRole('button', { name: 'Split' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'app-review-split-light');
    await page.getByRole('button', { name: 'Unified' }).click();
    expect(await page.getByRole('button', { name: 'Unified' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'app-review-unified-light');

    // Badge's draft removes an option: breaking, and said so.
    await page.getByRole('button', { name: 'Review Badge' }).click();
    await expect.poll(() => page.getByText(/Breaking change/).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Accept Button' }).click();
    await expect.poll(() => items.filter({ hasText: 'Button' }).textContent()).toContain('Published as 1.1.0');
    await page.getByRole('button', { name: 'Reject Badge' }).click();
    await expect.poll(() => items.filter({ hasText: 'Badge' }).textContent()).toContain('Rejected');
    await screenshot(page, 'app-review-decided-light');

    expect(await currentVersion(server, 'Button')).toBe('1.1.0');
    expect(await currentVersion(server, 'Badge')).toBe('1.1.0');
    expect((await versions(server, 'Badge')).find((v) => v.version === '2.0.0')?.status).toBe('rejected');
  });

  it('shows the history, compares two versions, tags one and downloads one', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('combobox', { name: 'Component' }).selectOption({ label: 'Button (1.1.0)' });
    const list = page.getByRole('list', { name: 'Versions' });
    await expect.poll(() => list.locator(':scope > li').count()).toBe(2);
    await screenshot(page, 'app-history-light');
    // The default status filter says what it shows: archived versions leave the default history.
    await page.getByText('Filters', { exact: true }).click();
    expect(await page.getByLabel('Status').locator('option:checked').textContent()).toBe('all but archived');
    await screenshot(page, 'app-history-filters-light');
    await page.getByText('Filters', { exact: true }).click();

    await page.getByRole('button', { name: 'Compare 1.0.0' }).click();
    await page.getByRole('button', { name: 'Compare 1.1.0' }).click();
    const diff = page.getByRole('region', { name: 'Button 1.0.0 → 1.1.0' });
    await diff.waitFor();
    expect(await diff.textContent()).toContain('tokens.css');
    await screenshot(page, 'app-compare-light');
    await page.getByRole('button', { name: 'Close comparison' }).click();

    await page.getByRole('button', { name: 'Tag 1.0.0' }).click();
    await page.getByLabel('Tag name').fill('stable');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect
      .poll(async () => (await versions(server, 'Button')).find((v) => v.version === '1.0.0')?.tags)
      .toEqual(['stable']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download 1.1.0' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Button-1.1.0.zip');
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(Object.keys(zip).sort()).toEqual([
      'Button-1.1.0/Button.module.css',
      'Button-1.1.0/Button.stories.tsx',
      'Button-1.1.0/Button.test.tsx',
      'Button-1.1.0/Button.tsx',
      'Button-1.1.0/tokens.css',
    ]);
    expect(strFromU8(zip['Button-1.1.0/tokens.css']!)).toContain('#1144ee');
  });

  it('rolls back after a confirmation, and shows the reasons when the server refuses one', async () => {
    await page.getByRole('button', { name: 'Roll back to 1.0.0' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await screenshot(page, 'app-rollback-dialog-light');
    await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect.poll(() => currentVersion(server, 'Button')).toBe('1.1.1');
    expect((await versions(server, 'Button'))[0]).toMatchObject({
      version: '1.1.1',
      trigger: 'rollback',
      status: 'published',
    });

    // Badge 1.1.0 has a "warning" tone that 1.0.0 lacks: code using it would break.
    await page.getByRole('combobox', { name: 'Component' }).selectOption({ label: 'Badge (1.1.0)' });
    await page.getByRole('button', { name: 'Roll back to 1.0.0' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back', exact: true }).click();
    const refusal = page.getByRole('dialog').getByRole('alert');
    await expect.poll(() => refusal.textContent()).toMatch(/warning/);
    await screenshot(page, 'app-rollback-refused-light');
    expect(await currentVersion(server, 'Badge')).toBe('1.1.0');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("saves a component's policy and pattern overrides on the server (PATCH /components/:id)", async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const id = await componentId(server, 'Button');
    const component = async () =>
      (await server.api<{ policy: string; pattern: string | null }>('GET', `/components/${id}`)).body;
    expect((await component()).policy).toBe('notify');

    await page.getByLabel('Policy of Button').selectOption('auto');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Button: policy auto saved');
    expect((await component()).policy).toBe('auto');

    const patterns = await page
      .getByLabel('Pattern of Button')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(patterns.length).toBeGreaterThan(0);
    await page.getByLabel('Pattern of Button').selectOption(patterns[0]!);
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Button: pattern ${patterns[0]} saved`);
    expect(await component()).toMatchObject({ policy: 'auto', pattern: patterns[0] });
    // Back to automatic: the override is cleared, not set to "".
    await page.getByLabel('Pattern of Button').selectOption('');
    await expect.poll(async () => (await component()).pattern).toBeNull();
    await screenshot(page, 'app-settings-light');
    expect(errors).toEqual([]);
  });

  it('looks right in the dark theme too', async () => {
    await open('dark');
    await page.getByLabel('API token').fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Review' }).waitFor();
    await screenshot(page, 'app-review-dark');
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Versions' }).waitFor();
    await screenshot(page, 'app-history-dark');
    await page.getByText('Filters', { exact: true }).click();
    await screenshot(page, 'app-history-filters-dark');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('table').waitFor();
    await screenshot(page, 'app-settings-dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    expect(errors).toEqual([]);
  });

  it('runs under a CSP that forbids inline scripts: the app reports no violation, and a script injected inline does not run', async () => {
    page = await browser.newPage({ viewport: { width: 560, height: 820 } });
    errors = watchErrors(page);
    const violations = await cspViolations(page);
    const res = await page.goto(`${server.url}/app`);
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    await page.getByLabel('API token').fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Review' }).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('list', { name: 'Versions' }).waitFor();
    await screenshot(page, 'app-under-csp');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);

    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.appendChild(script);
      await new Promise((r) => setTimeout(r, 100));
      return w.injected === true;
    });
    expect(ran).toBe(false);
    expect((await violations()).map((v) => v.split(' ')[0])).toEqual(['script-src-elem']);
  });

  it('/docs works under its CSP: the API reference renders with no violation', async () => {
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    errors = watchErrors(page);
    const violations = await cspViolations(page);
    const res = await page.goto(`${server.url}/docs`);
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('design-sync API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    await screenshot(page, 'docs-under-csp');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
