// The Figma side of the plugin's browser tests: a page playing Figma (harness-entry.ts).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { PaddingLeftEdit } from './design-edits.js';
import type { HarnessDesign } from './harness-entry.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let bundle: Promise<string> | null = null;

function harnessBundle(): Promise<string> {
  bundle ??= esbuild
    .build({
      entryPoints: [resolve(root, 'test/e2e/support/harness-entry.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      logLevel: 'silent',
    })
    .then((r) => r.outputFiles[0]!.text);
  return bundle;
}

export interface PluginPage {
  page: Page;
  /** the plugin's UI, inside its null-origin iframe */
  ui: FrameLocator;
}

/** A page where Figma runs the built plugin (npm run build first) on the fake file. */
export async function openPlugin(
  browser: Browser,
  options: {
    fileKey: string | null;
    colorScheme?: 'light' | 'dark';
    recolor?: Array<{ id: string; rgba: { r: number; g: number; b: number; a: number } }>;
    clientStorage?: Array<[string, unknown]>;
    /** the realistic design system when omitted; `layers`: variants with full layer trees */
    design?: HarnessDesign;
    edits?: PaddingLeftEdit[];
  },
): Promise<PluginPage> {
  const page = await browser.newPage({
    viewport: { width: 620, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  await page.setContent(
    '<!doctype html><html><head><title>Figma (harness)</title></head><body style="margin:0;padding:8px;background:#e5e5e5"></body></html>',
  );
  await page.addScriptTag({ content: await harnessBundle() });
  const mainJs = readFileSync(resolve(root, 'dist/plugin/main.js'), 'utf8');
  const uiHtml = readFileSync(resolve(root, 'dist/plugin/ui.html'), 'utf8');
  await page.evaluate((o) => window.designSyncHarness.boot(o), {
    mainJs,
    uiHtml,
    fileKey: options.fileKey,
    recolor: options.recolor ?? [],
    clientStorage: options.clientStorage ?? [],
    design: options.design ?? 'realistic',
    edits: options.edits ?? [],
  });
  return { page, ui: page.frameLocator('iframe[title="design-sync plugin"]') };
}

/** Reads something of the fake figma in the page (its document, client storage, notifications). */
export function inFigma<T>(page: Page, read: string): Promise<T> {
  return page.evaluate(
    (code) => new Function('fake', `return (${code})`)(window.designSyncHarness.fake),
    read,
  ) as Promise<T>;
}
