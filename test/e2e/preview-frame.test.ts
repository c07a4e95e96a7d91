import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './support/browser.js';
import { startLiveServer, type LiveServer } from './support/server.js';

// /app's preview shell (server/routes/plugin-ui.ts): a page of its own, sandboxed, that takes a
// preview's HTML by message from the window that framed it, and from nobody else.
describe.skipIf(!hasChromium)('GET /app/preview-frame', () => {
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

  it('is served with a sandboxing policy: scripts and styles inline only, nothing fetched, framed only by this server', async () => {
    const res = await fetch(`${server.url}/app/preview-frame`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = (res.headers.get('content-security-policy') ?? '').split(/;\s*/);
    expect(csp).toEqual([
      'sandbox allow-scripts',
      "default-src 'none'",
      "script-src 'unsafe-inline'",
      "style-src 'unsafe-inline'",
      'img-src data:',
      'font-src data:',
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'self'",
    ]);
    // No connect-src: default-src 'none' stands for it.
    expect(csp.some((d) => d.startsWith('connect-src'))).toBe(false);
  });

  /** /app with the shell framed in it, as the Preview tab frames it; resolves once the shell said it is ready. */
  async function framedShell(): Promise<{ page: Page; shell: Frame }> {
    const page = await browser.newPage();
    await page.goto(`${server.url}/app`);
    await page.evaluate(
      () =>
        new Promise<void>((ready) => {
          const frame = document.createElement('iframe');
          frame.title = 'shell';
          frame.setAttribute('sandbox', 'allow-scripts');
          addEventListener('message', (e) => {
            if (e.source === frame.contentWindow && (e.data as { type?: string })?.type === 'design-sync/shell')
              ready();
          });
          frame.src = '/app/preview-frame';
          document.body.appendChild(frame);
        }),
    );
    const shell = page.frames().find((f) => f.url().endsWith('/app/preview-frame'))!;
    return { page, shell };
  }

  const written = (shell: Frame) => shell.evaluate(() => document.getElementById('written')?.textContent ?? null);

  it('writes in the HTML its parent sends, and runs its script in an opaque origin that can fetch nothing', async () => {
    const { page, shell } = await framedShell();
    expect(await shell.evaluate(() => origin)).toBe('null');
    const html =
      '<!doctype html><p id="written">preview</p><script>' +
      `fetch(${JSON.stringify(`${server.url}/api/v1/health`)}).then(function(){document.title='fetched'},` +
      "function(){document.title='refused'});</script>";
    await page.evaluate((h) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[title="shell"]')!;
      frame.contentWindow!.postMessage({ type: 'design-sync/html', html: h }, '*');
    }, html);
    await expect.poll(() => written(shell)).toBe('preview');
    await expect.poll(() => shell.evaluate(() => document.title)).toBe('refused');
    await page.close();
  });

  it('ignores HTML from any window but its parent, and messages that are not HTML', async () => {
    const { page, shell } = await framedShell();
    // A listener added after the shell's own: once it saw a message, the shell had looked at it.
    await shell.evaluate(() => {
      (window as unknown as { seen: number }).seen = 0;
      addEventListener('message', () => (window as unknown as { seen: number }).seen++);
    });
    let sent = 0;
    const leftAlone = async (send: () => Promise<unknown>) => {
      await send();
      sent++;
      await expect.poll(() => shell.evaluate(() => (window as unknown as { seen: number }).seen)).toBe(sent);
      expect(await written(shell)).toBeNull();
    };
    const toShell = (message: unknown) =>
      page.evaluate(
        (m) => document.querySelector<HTMLIFrameElement>('iframe[title="shell"]')!.contentWindow!.postMessage(m, '*'),
        message as never,
      );

    // From itself (what a script holding a reference to it could also do).
    await leftAlone(() =>
      shell.evaluate(() => postMessage({ type: 'design-sync/html', html: '<p id="written">self</p>' }, '*')),
    );
    // From a sibling frame: not its parent either.
    await page.evaluate(
      () =>
        new Promise<void>((ready) => {
          const sibling = document.createElement('iframe');
          sibling.title = 'sibling';
          sibling.setAttribute('sandbox', 'allow-scripts');
          sibling.src = '/app/preview-frame';
          sibling.addEventListener('load', () => ready());
          document.body.appendChild(sibling);
        }),
    );
    const sibling = page.frames().find((f) => f !== shell && f.url().endsWith('/app/preview-frame'))!;
    await leftAlone(() =>
      sibling.evaluate(() =>
        parent.frames[0]!.postMessage({ type: 'design-sync/html', html: '<p id="written">sibling</p>' }, '*'),
      ),
    );
    // From the parent, but not a preview's HTML.
    await leftAlone(() => toShell({ type: 'design-sync/show', html: '<p id="written">wrong type</p>' }));
    await leftAlone(() => toShell({ type: 'design-sync/html', html: ['<p id="written">not a string</p>'] }));
    await leftAlone(() => toShell('<p id="written">a bare string</p>'));

    await toShell({ type: 'design-sync/html', html: '<p id="written">parent</p>' });
    await expect.poll(() => written(shell)).toBe('parent');
    await page.close();
  });
});
