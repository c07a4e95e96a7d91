import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, inputsFor } from '../../server/services/generation/index.js';
import { buildPage, type PreviewSide } from '../../server/services/previews/index.js';
import { previewModel } from '../../core/codegen/preview-model.js';
import { designSystem, syncRequest } from '../helpers/sync-fixtures.js';
import { withButtonTrees } from '../server/previews/support.js';
import { hasChromium, launchChromium, screenshot, watchErrors } from './support/browser.js';
import { startLiveServer, type LiveServer } from './support/server.js';

interface LayoutMessage {
  type: 'design-sync/layout';
  versionId: string;
  variants: {
    id: string;
    mode: string;
    layers: { id: string; x: number; y: number; width: number; height: number }[];
  }[];
}
interface ReadyMessage {
  type: 'design-sync/ready';
  versionId: string;
  variants: { id: string; label: string }[];
  modes: string[];
}
type Message = LayoutMessage | ReadyMessage | { type: string };

/**
 * A blank page holding the preview in a sandboxed iframe (srcdoc, scripts only: an opaque
 * origin), recording every message the preview posts to it.
 */
async function host(page: Page, html: string): Promise<void> {
  await page.setContent('<!doctype html><title>host</title><body></body>');
  await page.evaluate((srcdoc) => {
    const w = window as unknown as { messages: unknown[] };
    w.messages = [];
    window.addEventListener('message', (e) => w.messages.push(e.data));
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.title = 'preview';
    frame.style.width = '900px';
    frame.style.height = '700px';
    frame.srcdoc = srcdoc;
    document.body.appendChild(frame);
  }, html);
}

async function messages(page: Page): Promise<Message[]> {
  return page.evaluate(() => (window as unknown as { messages: Message[] }).messages);
}

/** Waits until the preview has posted `count` messages of `type`, then answers them. */
async function waitFor<T extends Message>(page: Page, type: string, count = 1): Promise<T[]> {
  await page.waitForFunction(
    ([t, n]) =>
      (window as unknown as { messages: { type: string }[] }).messages.filter((m) => m.type === t).length >= n,
    [type, count] as const,
    { timeout: 20_000 },
  );
  return (await messages(page)).filter((m) => m.type === type) as T[];
}

const pairs = (m: LayoutMessage) => m.variants.map((v) => `${v.id}/${v.mode}`).sort();

describe.skipIf(!hasChromium)('preview pages in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const requests: string[] = [];
  let buttonId: string;
  let draftId: string;

  beforeAll(async () => {
    server = await startLiveServer();
    const res = await server.api<{
      proposals: { componentId: string; componentName: string; draftVersionId: string }[];
    }>('POST', `/projects/${server.projectId}/syncs`, syncRequest(withButtonTrees));
    expect(res.status).toBe(201);
    const button = res.body.proposals.find((p) => p.componentName === 'Button')!;
    buttonId = button.componentId;
    draftId = button.draftVersionId;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    errors = watchErrors(page);
    page.on('request', (r) => requests.push(r.url()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const fetchPage = async (path: string) => {
    const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('renders every variant in every mode in a sandboxed iframe and posts ready, then the layout of each', async () => {
    await host(page, await fetchPage(`/versions/${draftId}/preview`));
    const [ready] = await waitFor<ReadyMessage>(page, 'design-sync/ready');
    expect(ready).toEqual({
      type: 'design-sync/ready',
      versionId: draftId,
      variants: [
        { id: '10:2', label: 'size=sm' },
        { id: '10:3', label: 'size=md' },
        { id: '10:4', label: 'size=lg' },
      ],
      modes: ['Light', 'Dark'],
    });
    const [layout] = await waitFor<LayoutMessage>(page, 'design-sync/layout');
    expect(layout!.versionId).toBe(draftId);
    expect(pairs(layout!)).toEqual(['10:2/Dark', '10:2/Light', '10:3/Dark', '10:3/Light', '10:4/Dark', '10:4/Light']);
    // Each wrapper carries the mode's theme: Dark renders the dark value of the action colour.
    const frame = page.frameLocator('iframe[title="preview"]');
    const colour = async (mode: string) =>
      frame
        .locator(`[data-variant="10:3"][data-mode="${mode}"] > *`)
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour('Light')).toBe('rgb(0, 85, 255)');
    expect(await colour('Dark')).toBe('rgb(0, 51, 153)');
    await screenshot(page, 'preview-button');
    // Nothing but the blank host page was requested: the preview reaches no network.
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows only the variant and mode the parent asks for, and posts their layout', async () => {
    const before = (await waitFor<LayoutMessage>(page, 'design-sync/layout')).length;
    await page.evaluate(() =>
      document
        .querySelector('iframe')!
        .contentWindow!.postMessage({ type: 'design-sync/show', variant: '10:3', mode: 'Dark' }, '*'),
    );
    const all = await waitFor<LayoutMessage>(page, 'design-sync/layout', before + 1);
    expect(pairs(all[before]!)).toEqual(['10:3/Dark']);
    const visible = await page
      .frameLocator('iframe[title="preview"]')
      .locator('[data-variant]')
      .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    expect(visible).toBe(1);
  });

  it('puts Before and After side by side on a compare page, posting a layout for each version', async () => {
    const second = await server.api<{ proposals: { componentId: string; draftVersionId: string }[] }>(
      'POST',
      `/projects/${server.projectId}/syncs`,
      syncRequest((ds) => {
        withButtonTrees(ds);
        ds.components.find((c) => c.name === 'Button')!.props[2]!.default = 'Press';
      }),
    );
    const afterId = second.body.proposals.find((p) => p.componentId === buttonId)!.draftVersionId;
    await host(page, await fetchPage(`/components/${buttonId}/compare/preview?from=${draftId}&to=${afterId}`));
    const layouts = await waitFor<LayoutMessage>(page, 'design-sync/layout', 2);
    expect(layouts.map((l) => l.versionId).sort()).toEqual([draftId, afterId].sort());
    for (const l of layouts) expect(pairs(l)).toHaveLength(6);
    const frame = page.frameLocator('iframe[title="preview"]');
    expect(await frame.getByRole('region', { name: 'Before' }).count()).toBe(6);
    expect(await frame.getByRole('region', { name: 'After' }).count()).toBe(6);
    expect(await frame.getByRole('region', { name: 'After' }).first().locator('button').textContent()).toBe('Press');
    expect(await frame.getByRole('region', { name: 'Before' }).first().locator('button').textContent()).toBe('Button');
    await screenshot(page, 'preview-button-compare');
    expect(errors).toEqual([]);
  });

  it("marks each layer's element with data-figma-id from the preview model and reports its box", async () => {
    // A model naming which class renders which layer (what the codegen's model gives once it reproduces trees).
    const ds = designSystem();
    withButtonTrees(ds);
    const inputs = inputsFor(ds.components[0]!, ds.tokens);
    const model = previewModel(inputs.spec);
    const side: PreviewSide = {
      versionId: 'local',
      label: null,
      model: {
        ...model,
        variants: model.variants.map((v) => ({
          ...v,
          layers: [
            { layerId: `${v.id}`, className: 'root' },
            { layerId: `${v.id}:label`, className: 'label' },
          ],
        })),
      },
      modes: [{ name: 'Light', theme: 'light' }],
      files: generate(inputs).files,
      dependencies: new Map([['Icon', null]]),
    };
    await host(page, await buildPage([side], 'Button'));
    const [layout] = await waitFor<LayoutMessage>(page, 'design-sync/layout');
    for (const v of layout!.variants) {
      const [root, label] = v.layers;
      expect(root).toMatchObject({ id: v.id, x: 0, y: 0 });
      expect(label!.id).toBe(`${v.id}:label`);
      // The label sits inside the button, after its left padding.
      expect(label!.x).toBeGreaterThan(0);
      expect(label!.x + label!.width).toBeLessThanOrEqual(root!.width);
      expect(label!.width).toBeGreaterThan(0);
    }
    const marked = await page
      .frameLocator('iframe[title="preview"]')
      .locator('[data-figma-id="10:2:label"]')
      .evaluate((el) => el.tagName);
    expect(marked).toBe('SPAN');
    expect(errors).toEqual([]);
  });
});
