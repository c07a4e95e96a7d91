/**
 * A self-contained preview page for the diff viewer: DiffViewer bundled with the same esbuild
 * options as the plugin UI, sample files (a generated Button before/after), and Figma's light
 * or dark theme variables, so it renders in a plain browser as it does inside Figma.
 *
 * `npx tsx test/plugin/diff/preview-page.ts` writes test/artifacts/diff-preview-{light,dark}.html.
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// Type-only: the component itself is bundled below for the browser, never loaded in Node.
import type { DiffFileInput, DiffViewerProps } from '../../../plugin/ui/diff/types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = new URL('./fixtures/', import.meta.url);
export const artifactsDir = fileURLToPath(new URL('../../artifacts/', import.meta.url));

export type Theme = 'light' | 'dark';

function readSide(side: 'before' | 'after'): Map<string, string> {
  const dir = new URL(`${side}/`, fixtures);
  return new Map(readdirSync(dir).map((f) => [f.replace(/\.txt$/, ''), readFileSync(new URL(f, dir), 'utf8')]));
}

export function sampleProps(): DiffViewerProps {
  const before = readSide('before');
  const after = readSide('after');
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  const files: DiffFileInput[] = paths.map((path) => ({
    path,
    before: before.get(path) ?? null,
    after: after.get(path) ?? null,
  }));
  return {
    title: 'Button 1.2.0 → 1.3.0',
    files,
    tokenChanges: [
      { text: 'button/danger/bgColor/rest: {control/bgColor/rest} → #cc1a1a (light)', severity: 'feature' },
      { text: 'color/bg/primary: renamed from ds/bg/primary', severity: 'breaking' },
      { text: 'spacing/1: 4px → 4px (description only)', severity: 'fix' },
      { text: 'radius/md: 6px → 8px' },
    ],
    warnings: [
      { kind: 'breaking', text: 'Prop "tone" added and token ds/bg/primary removed: major version.' },
      { kind: 'customized', text: 'Your edits to Button.tsx (2 regions) were preserved by a clean three-way merge.' },
      { kind: 'conflict', text: 'Button.module.css has 1 conflict; this draft cannot be auto-published.' },
      { kind: 'info', text: 'Generated with pattern button 1.1.0.' },
    ],
  };
}

/** Figma's palettes as @create-figma-plugin/ui ships them (copied from Figma's documentation). */
function themeVariables(theme: Theme): string {
  const css = readFileSync(resolveModule('@create-figma-plugin/ui/lib/css/theme.css'), 'utf8');
  const block = new RegExp(`:root \\.figma-${theme} \\{([^}]*)\\}`).exec(css)?.[1];
  if (!block) throw new Error(`no .figma-${theme} block in theme.css`);
  // On :root, as Figma itself sets them with `themeColors: true`.
  return `:root {${block}}`;
}

function resolveModule(path: string): string {
  return fileURLToPath(new URL(`node_modules/${path}`, `file://${root}`));
}

/** The bundle as the plugin UI builds it (esbuild.config.mjs: local-css, Preact JSX, minified). */
export async function bundleViewer(): Promise<{ js: string; css: string }> {
  const entry = `
    import { h, render } from 'preact';
    import { DiffViewer } from './plugin/ui/diff/index.ts';
    const props = JSON.parse(document.getElementById('props').textContent);
    render(h(DiffViewer, props), document.getElementById('root'));
  `;
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'preview-entry.ts' },
    outdir: '/preview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    loader: { '.module.css': 'local-css', '.css': 'css' },
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const text = (ext: string): string =>
    result.outputFiles
      .filter((f) => f.path.endsWith(ext))
      .map((f) => f.text)
      .join('\n');
  return { js: text('.js'), css: text('.css') };
}

export function previewHtml(
  bundle: { js: string; css: string },
  theme: Theme,
  props: DiffViewerProps = sampleProps(),
): string {
  const base = readFileSync(resolveModule('@create-figma-plugin/ui/lib/css/base.css'), 'utf8');
  // `<` escaped so file contents such as "</script>" cannot end the JSON block.
  const json = JSON.stringify(props).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en" class="figma-${theme}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>DiffViewer preview (${theme})</title>
<style>${themeVariables(theme)}\n${base}\nbody { padding: 12px; }\n${bundle.css}</style>
</head>
<body>
<div id="root"></div>
<script type="application/json" id="props">${json}</script>
<script>${bundle.js.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bundle = await bundleViewer();
  mkdirSync(artifactsDir, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    const file = `${artifactsDir}diff-preview-${theme}.html`;
    writeFileSync(file, previewHtml(bundle, theme));
    console.log(file);
  }
}
