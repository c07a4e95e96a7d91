import { parse } from 'acorn';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// After `npm run build` (npm test builds first): what Figma loads must be what it accepts.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const built = existsSync(resolve(root, 'dist/plugin/main.js'));
if (!built) console.log('[design-sync tests] plugin build checks SKIPPED: run `npm run build` first (npm test does)');

describe('manifest.json', () => {
  it('declares a Figma design plugin with dynamic page loading, the private API and explained network access', () => {
    expect(manifest).toMatchObject({
      api: '1.0.0',
      editorType: ['figma'],
      documentAccess: 'dynamic-page',
      enablePrivatePluginApi: true,
      main: 'dist/plugin/main.js',
      ui: 'dist/plugin/ui.html',
    });
    const access = manifest.networkAccess as {
      allowedDomains: string[];
      devAllowedDomains: string[];
      reasoning: string;
    };
    expect(access.allowedDomains.length).toBeGreaterThan(0);
    expect(access.devAllowedDomains).toContain('http://localhost:3000');
    // Figma requires a reason when the allowed domains are not a fixed list.
    expect(access.reasoning.length).toBeGreaterThan(40);
    expect(typeof manifest.name).toBe('string');
    expect(typeof manifest.id).toBe('string');
  });
});

describe.skipIf(!built)('the built plugin', () => {
  const main = () => readFileSync(resolve(root, manifest.main as string), 'utf8');
  const ui = () => readFileSync(resolve(root, manifest.ui as string), 'utf8');

  it("has its main bundle in ES2017, the syntax Figma's sandbox runs", () => {
    expect(() => parse(main(), { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
    // And it really is newer code lowered, not a parser that accepts anything:
    expect(() => parse('const a = { ...b };', { ecmaVersion: 2017, sourceType: 'script' })).toThrow();
  });

  it('has one self-contained UI file: scripts and styles inline, nothing fetched from elsewhere', () => {
    const html = ui();
    expect(html).toMatch(/<script>[\s\S]+<\/script>/);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).not.toMatch(/@import\s+url/);
  });

  it('keeps zod out of the UI: it reads the server answers (core/contract/responses.ts) as types only', () => {
    // zod names its classes in strings that survive minifying; a bundled zod always carries these.
    expect(ui()).not.toMatch(/ZodError|\$ZodType/);
  });

  it('keeps the UI under 400 kB and the main bundle small', () => {
    const uiBytes = statSync(resolve(root, manifest.ui as string)).size;
    const mainBytes = statSync(resolve(root, manifest.main as string)).size;
    console.log(
      `[design-sync] UI bundle ${(uiBytes / 1024).toFixed(1)} kB, main bundle ${(mainBytes / 1024).toFixed(1)} kB`,
    );
    expect(uiBytes).toBeLessThan(400 * 1024);
    expect(mainBytes).toBeLessThan(200 * 1024);
  });
});
