import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSnapshot, parseManifest, SNAPSHOT_KEY, SNAPSHOT_NAMESPACE } from '../../core/snapshot/index.js';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import { inFigma, openPlugin } from './support/harness.js';
import { startLiveServer, type LiveServer } from './support/server.js';
import { componentId, currentVersion, versions } from './support/scenario.js';
import { freePort } from '../helpers/free-port.js';

const FILE_URL = 'https://www.figma.com/design/AbCdEf1234567890/Design-System?node-id=0-1';
const FILE_KEY = 'AbCdEf1234567890';

// The plugin as a designer uses it: the real main bundle on the fake `figma` global (a realistic
// design system), the real UI in a null-origin iframe, a real server on PGlite.
describe.skipIf(!hasChromium)('the Figma plugin', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let ui: FrameLocator;
  let errors: string[];

  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const connect = async (serverUrl: string, token: string) => {
    await ui.getByLabel('Server URL').fill(serverUrl);
    await ui.getByLabel('API token').fill(token);
    await ui.getByRole('button', { name: 'Test connection' }).click();
  };
  const proposals = () => ui.getByRole('list', { name: 'Proposals' }).locator(':scope > li');

  it('says exactly what is wrong with a connection, then connects and shows the project', async () => {
    ({ page, ui } = await openPlugin(browser, { fileKey: null }));
    errors = watchErrors(page);
    await screenshot(page, 'plugin-connect-light');

    // Nothing listens there (a port just released).
    const closed = await freePort();
    await connect(`http://127.0.0.1:${closed}`, server.token);
    await expect
      .poll(() => ui.getByRole('alert').textContent())
      .toMatch(new RegExp(`Cannot reach http://127\\.0\\.0\\.1:${closed}: check that the server is running`));
    await connect(server.url, 'ds_revoked_or_unknown_token_00000000000');
    await expect.poll(() => ui.getByRole('alert').textContent()).toMatch(/unknown or was revoked/);
    await screenshot(page, 'plugin-connect-refused-light');

    const issued = await server.api<{ token: string }>('POST', `/projects/${server.projectId}/tokens`, {
      name: 'reader',
      scope: 'read',
    });
    await connect(server.url, issued.body.token);
    await expect.poll(() => ui.getByText(/read-only/).count()).toBeGreaterThan(0);
    expect(await ui.getByRole('button', { name: 'Sync' }).count()).toBe(0); // the file URL comes first
    await ui.getByRole('tab', { name: 'Settings' }).click();
    await ui.getByRole('button', { name: 'Change connection' }).click();

    await connect(server.url, server.token);
    await ui.getByRole('tab', { name: 'Review' }).waitFor();
    expect(await ui.getByText('Project default').count()).toBe(1);
    // The refused connections above logged their network errors on purpose.
    errors.length = 0;
    // Saved in figma.clientStorage for the next run.
    expect(await inFigma(page, "fake.clientStorage.get('design-sync/settings')")).toEqual({
      serverUrl: server.url,
      token: server.token,
    });
  });

  it("asks once for the file's URL when Figma does not tell the key, and keeps it with the document", async () => {
    await ui.getByLabel('Figma file URL').fill('https://example.com/not-figma');
    await ui.getByRole('button', { name: 'Save file URL' }).click();
    await expect.poll(() => ui.getByRole('alert').textContent()).toMatch(/not a Figma file URL/);
    await ui.getByLabel('Figma file URL').fill(FILE_URL);
    await ui.getByRole('button', { name: 'Save file URL' }).click();
    await ui.getByRole('button', { name: 'Sync' }).waitFor();
    expect(await inFigma(page, "fake.api.root.getPluginData('fileKey')")).toBe(FILE_KEY);
  });

  it('syncs the file: proposals with versions and bumps, a diff in both views, one accepted and one rejected', async () => {
    await ui.getByRole('button', { name: 'Sync' }).click();
    await ui.getByRole('list', { name: 'Proposals' }).waitFor({ timeout: 30_000 });
    const count = await proposals().count();
    expect(count).toBeGreaterThanOrEqual(3);
    expect(await proposals().first().textContent()).toMatch(/new → 1\.0\.0/);
    await screenshot(page, 'plugin-proposals-light');

    const names = await proposals().locator('strong').allTextContents();
    const [first, second] = names as [string, string];
    await ui.getByRole('button', { name: `Review ${first}` }).click();
    await ui.getByRole('region', { name: new RegExp(`^${first} new → 1\\.0\\.0`) }).waitFor();
    await ui.getByRole('button', { name: 'Split' }).click();
    await screenshot(page, 'plugin-diff-split-light');
    await ui.getByRole('button', { name: 'Unified' }).click();
    await screenshot(page, 'plugin-diff-unified-light');

    await ui.getByRole('button', { name: `Accept ${first}` }).click();
    await expect
      .poll(() => proposals().filter({ hasText: first }).first().textContent(), { timeout: 10_000 })
      .toContain('Published as 1.0.0');
    await ui.getByRole('button', { name: `Reject ${second}` }).click();
    await expect.poll(() => proposals().filter({ hasText: second }).first().textContent()).toContain('Rejected');
    expect(await currentVersion(server, first)).toBe('1.0.0');
    expect(await currentVersion(server, second)).toBeNull();
    expect((await versions(server, second))[0]!.status).toBe('rejected');

    // The snapshot the server's poller reads is in the file, and holds what was synced.
    const entries = await inFigma<Record<string, string>>(
      page,
      `Object.fromEntries(fake.api.root.getSharedPluginDataKeys('${SNAPSHOT_NAMESPACE}').map((k) => [k, fake.api.root.getSharedPluginData('${SNAPSHOT_NAMESPACE}', k)]))`,
    );
    const snapshot = decodeSnapshot(parseManifest(entries[SNAPSHOT_KEY]), entries);
    expect(snapshot.components.map((c) => c.name).sort()).toEqual([...names].sort());

    await ui.getByRole('button', { name: 'Accept all non-breaking' }).click();
    await expect
      .poll(async () => (await proposals().allTextContents()).filter((t) => /Published as/.test(t)).length)
      .toBe(count - 1);
    expect(errors).toEqual([]);
  });

  it('does not propose a rejected change again but says so; regenerated by hand, it is proposed; then everything is up to date', async () => {
    const rejected = (await proposals().allTextContents()).find((t) => /Rejected/.test(t))!;
    await ui.getByRole('button', { name: 'Sync' }).click();
    const note = ui.getByRole('note', { name: 'Rejected earlier' });
    await note.waitFor({ timeout: 30_000 });
    const rejectedName = (await note.locator('strong').allTextContents())[0]!;
    expect(rejected.startsWith(rejectedName)).toBe(true);
    expect(await note.textContent()).toMatch(
      new RegExp(
        `^Rejected earlier, not proposed again: ${rejectedName} 1\\.0\\.0\\. A change to the design or a regeneration by hand proposes it again\\.$`,
      ),
    );
    expect(await ui.getByRole('status').first().textContent()).toMatch(
      /0 components changed, \d+ unchanged, 1 rejected earlier\./,
    );
    expect(await proposals().count()).toBe(0);
    expect(await ui.getByText('Everything is up to date').count()).toBe(0);
    await screenshot(page, 'plugin-rejected-earlier-light');
    const dark = await openPlugin(browser, {
      fileKey: FILE_KEY,
      colorScheme: 'dark',
      clientStorage: [['design-sync/settings', { serverUrl: server.url, token: server.token }]],
    });
    await dark.ui.getByRole('button', { name: 'Sync' }).click();
    await dark.ui.getByRole('note', { name: 'Rejected earlier' }).waitFor({ timeout: 30_000 });
    await screenshot(dark.page, 'plugin-rejected-earlier-dark');
    await dark.page.close();

    // A developer regenerates it by hand from the inputs it was rejected with.
    const draft = (await versions(server, rejectedName))[0]!;
    const inputs = (await server.api<{ spec: unknown; tokens: unknown }>('GET', `/versions/${draft.id}`)).body;
    const regenerated = await server.api('POST', `/components/${await componentId(server, rejectedName)}/regenerate`, {
      spec: inputs.spec,
      tokens: inputs.tokens,
    });
    expect(regenerated.status).toBe(201);
    await ui.getByRole('button', { name: 'Sync' }).click();
    await expect.poll(() => proposals().count(), { timeout: 30_000 }).toBe(1);
    expect(await ui.getByRole('note', { name: 'Rejected earlier' }).count()).toBe(0);
    expect((await proposals().locator('strong').allTextContents())[0]).toBe(rejectedName);
    await ui.getByRole('button', { name: `Accept ${rejectedName}` }).click();
    await expect.poll(() => proposals().first().textContent(), { timeout: 10_000 }).toContain('Published as 1.0.0');
    await ui.getByRole('button', { name: 'Sync' }).click();
    await expect.poll(() => ui.getByText('Everything is up to date').count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'plugin-up-to-date-light');
  });

  it("lets the reviewer resolve a conflict with a developer's customization, then accept", async () => {
    // A developer customized tokens.css of a component; the designer then changes a color it uses.
    const target = (
      await server.api<{ items: Array<{ id: string; name: string; currentVersion: { id: string } | null }> }>(
        'GET',
        `/projects/${server.projectId}/components?limit=200`,
      )
    ).body.items.find((c) => c.currentVersion)!;
    const current = (
      await server.api<{
        files: Array<{ path: string; content: string }>;
        tokens: { tokens: Array<{ id: string; name: string; valuesByMode: Record<string, unknown> }> };
      }>('GET', `/versions/${target.currentVersion!.id}`)
    ).body;
    const literal = current.tokens.tokens.find((t) =>
      Object.values(t.valuesByMode).every((v) => typeof v === 'object' && v !== null && 'hex' in v),
    )!;
    const tokensCss = current.files.find((f) => f.path === 'tokens.css')!;
    const lines = tokensCss.content.split('\n');
    const at = lines.findIndex(
      (l) =>
        /^\s*--[\w-]+: #[0-9a-f]{6};/.test(l) &&
        l.includes(String((Object.values(literal.valuesByMode)[0] as { hex: string }).hex)),
    );
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace(/#[0-9a-f]{6}/, '#123456') + ' /* brand override */';
    const customized = await server.api('PUT', `/components/${target.id}/customizations`, {
      files: [{ path: 'tokens.css', content: lines.join('\n') }],
    });
    expect(customized.status).toBe(200);

    ({ page, ui } = await openPlugin(browser, {
      fileKey: FILE_KEY,
      clientStorage: [['design-sync/settings', { serverUrl: server.url, token: server.token }]],
      recolor: [{ id: literal.id, rgba: { r: 0.8, g: 0.1, b: 0.1, a: 1 } }],
    }));
    errors = watchErrors(page);
    await ui.getByRole('button', { name: 'Sync' }).click();
    const item = proposals().filter({ hasText: target.name }).first();
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toContain('Conflicts');
    expect(await ui.getByRole('button', { name: `Accept ${target.name}` }).isDisabled()).toBe(true);
    await ui.getByRole('button', { name: `Review ${target.name}` }).click();
    await ui.getByRole('radiogroup').first().waitFor();
    await screenshot(page, 'plugin-conflict-light');
    const groups = ui.getByRole('radiogroup');
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByLabel('Keep generated').check();
    await ui.getByRole('button', { name: 'Save resolution' }).click();
    await expect.poll(() => ui.getByRole('button', { name: `Accept ${target.name}` }).isDisabled()).toBe(false);
    await ui.getByRole('button', { name: `Accept ${target.name}` }).click();
    await expect.poll(() => item.textContent()).toMatch(/Published as 1\.1\.0/);
    const published = (
      await server.api<{ files: Array<{ path: string; content: string }> }>(
        'GET',
        `/versions/${(await versions(server, target.name))[0]!.id}`,
      )
    ).body;
    const css = published.files.find((f) => f.path === 'tokens.css')!.content;
    expect(css).not.toMatch(/^<<<<<<<|^>>>>>>>/m);
    expect(css).toContain('#cc1a1a');
    expect(errors).toEqual([]);
  });

  it('shows the history in the plugin: compare two versions, roll back, download', async () => {
    const target = (
      await server.api<{ items: Array<{ name: string; currentVersion: { version: string } | null }> }>(
        'GET',
        `/projects/${server.projectId}/components?limit=200`,
      )
    ).body.items.find((c) => c.currentVersion?.version === '1.1.0')!;
    await ui.getByRole('tab', { name: 'History' }).click();
    await ui.getByRole('combobox', { name: 'Component' }).selectOption({ label: `${target.name} (1.1.0)` });
    await ui.getByRole('button', { name: 'Compare 1.0.0' }).click();
    await ui.getByRole('button', { name: 'Compare 1.1.0' }).click();
    await ui.getByRole('region', { name: `${target.name} 1.0.0 → 1.1.0` }).waitFor();
    await screenshot(page, 'plugin-history-compare-light');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      ui.getByRole('button', { name: 'Download 1.1.0' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-1\.1\.0\.zip$/);
    await ui.getByRole('button', { name: 'Roll back to 1.0.0' }).click();
    await ui.getByRole('dialog').getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect.poll(() => currentVersion(server, target.name)).toBe('1.1.1');
    expect(errors).toEqual([]);
  });

  it('follows the dark theme', async () => {
    ({ page, ui } = await openPlugin(browser, {
      fileKey: FILE_KEY,
      colorScheme: 'dark',
      clientStorage: [['design-sync/settings', { serverUrl: server.url, token: server.token }]],
    }));
    await ui.getByRole('button', { name: 'Sync' }).waitFor();
    await screenshot(page, 'plugin-review-dark');
    // The iframe follows the dark scheme: a dark page under light text.
    const colours = await ui.locator('body').evaluate((body) => {
      const style = getComputedStyle(body);
      return { background: style.backgroundColor, text: style.color };
    });
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(colours.background), colours.background).toBeLessThan(80);
    expect(luminance(colours.text), colours.text).toBeGreaterThan(160);
    await ui.getByRole('tab', { name: 'History' }).click();
    await ui.getByRole('list', { name: 'Versions' }).waitFor();
    await screenshot(page, 'plugin-history-dark');
  });
});
