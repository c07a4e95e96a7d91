// Bundles a preview page with esbuild from the versions' own files (in memory, nothing read
// from disk but React): esbuild's async API runs in its own process, and a bounded number of
// builds run at once, so builds never hold up requests.
import { posix } from 'node:path';
import * as esbuild from 'esbuild';
import pLimit from 'p-limit';
import { PAGE_CSS, PAGE_RUNTIME } from './runtime.js';
import type { PreviewSide } from './sources.js';
import { vendorScript, VENDOR_GLOBAL, VENDOR_MODULES } from './vendor.js';

/** Builds at once in this process: the machine's other work (requests, syncs) keeps its share. */
const CONCURRENCY = 2;
const limit = pLimit(CONCURRENCY);

let builds = 0;
/** Pages built by this process (tests observe the cache with it). */
export const buildCount = (): number => builds;

const EXTENSIONS = ['', '.tsx', '.ts', '.jsx', '.js', '.module.css', '.css', '/index.tsx', '/index.ts', '/index.js'];

const sideDir = (i: number): string => `/s${i}`;
const stem = (file: string): string => file.replace(/\.[^.]+$/, '');

/** Every file of every side at its virtual path: `/s<i>/<component directory>/<file>`. */
function virtualFiles(sides: readonly PreviewSide[]): Map<string, string> {
  const vfs = new Map<string, string>();
  sides.forEach((side, i) => {
    const own = stem(side.model.file);
    for (const f of side.files) vfs.set(posix.join(sideDir(i), own, f.path), f.content);
    for (const [dir, files] of side.dependencies) {
      if (dir === own) continue;
      for (const f of files ?? []) vfs.set(posix.join(sideDir(i), dir, f.path), f.content);
    }
  });
  return vfs;
}

function loaderOf(path: string): esbuild.Loader {
  if (path.endsWith('.module.css')) return 'local-css';
  const ext = posix.extname(path).slice(1);
  if (ext === 'tsx' || ext === 'ts' || ext === 'jsx' || ext === 'js' || ext === 'css' || ext === 'json') return ext;
  return 'text';
}

/**
 * A side's global stylesheets (tokens.css) apply within that side only: on a compare page
 * Before and After each keep their own token values. `:root` becomes the side's container.
 */
function scopedGlobalCss(content: string, side: number): string {
  return `[data-ds-side="${side}"] {\n${content.replace(/:root\b/g, '&')}\n}\n`;
}

/** The names an importer takes from a module it imports as `spec` (for a placeholder module). */
function importedNames(source: string, spec: string): string[] {
  const names = new Set<string>();
  const quoted = spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`import\\s+(?!type\\b)([^;]*?)\\s+from\\s+['"]${quoted}['"]`, 'g');
  for (const m of source.matchAll(re)) {
    const clause = m[1]!;
    const braces = /\{([^}]*)\}/.exec(clause);
    for (const part of braces?.[1]?.split(',') ?? []) {
      const item = part.trim();
      if (item === '' || item.startsWith('type ')) continue;
      const name = item.split(/\s+as\s+/)[0]!.trim();
      if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

function placeholderModule(what: string, names: readonly string[]): string {
  const lines = [
    `import { createElement } from 'react';`,
    `console.warn(${JSON.stringify(`design-sync preview: ${what} is not available; rendered as an empty placeholder`)});`,
    `function Placeholder() { return createElement('span', { 'data-preview-missing': ${JSON.stringify(what)} }); }`,
    `export default Placeholder;`,
    ...names.filter((n) => n !== 'default').map((n) => `export const ${n} = Placeholder;`),
  ];
  return lines.join('\n');
}

function entrySource(sides: readonly PreviewSide[], vfs: ReadonlyMap<string, string>): string {
  const lines = [
    `import { start } from 'ds:runtime';`,
    `import * as React from 'react';`,
    `import { createRoot } from 'react-dom/client';`,
    `import { flushSync } from 'react-dom';`,
  ];
  const config: string[] = [];
  sides.forEach((side, i) => {
    const dir = posix.join(sideDir(i), stem(side.model.file));
    const file = posix.join(dir, side.model.file);
    const css = posix.join(dir, side.model.cssFile);
    lines.push(vfs.has(file) ? `import * as m${i} from ${JSON.stringify(file)};` : `const m${i} = {};`);
    lines.push(vfs.has(css) ? `import s${i} from ${JSON.stringify(css)};` : `const s${i} = {};`);
    const tokens = posix.join(dir, 'tokens.css');
    if (vfs.has(tokens)) lines.push(`import ${JSON.stringify(tokens)};`);
    const variants = side.model.variants.map((v) => ({ id: v.id, label: v.label, props: v.props, layers: v.layers }));
    config.push(
      `{ index: ${i}, versionId: ${JSON.stringify(side.versionId)}, label: ${JSON.stringify(side.label)}, ` +
        `exportName: ${JSON.stringify(side.model.exportName)}, component: m${i}[${JSON.stringify(side.model.exportName)}], ` +
        `styles: s${i}, variants: ${JSON.stringify(variants)}, modes: ${JSON.stringify(side.modes)} }`,
    );
  });
  lines.push(`start({ React, createRoot, flushSync, sides: [\n${config.join(',\n')}\n] });`);
  return lines.join('\n');
}

function pagePlugin(sides: readonly PreviewSide[], vfs: ReadonlyMap<string, string>): esbuild.Plugin {
  const vendor = new Set<string>(VENDOR_MODULES);
  const find = (path: string): string | undefined => {
    for (const ext of EXTENSIONS) if (vfs.has(path + ext)) return path + ext;
    return undefined;
  };
  return {
    name: 'design-sync-preview',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.path === 'ds:entry') return { path: 'entry', namespace: 'entry' };
        if (args.path === 'ds:runtime') return { path: 'runtime', namespace: 'runtime' };
        if (vendor.has(args.path)) return { path: args.path, namespace: 'vendor' };
        const relative = args.path.startsWith('./') || args.path.startsWith('../');
        const target = args.path.startsWith('/')
          ? args.path
          : relative && args.namespace === 'ds'
            ? posix.join(posix.dirname(args.importer), args.path)
            : null;
        const found = target === null ? undefined : find(target);
        if (found) return { path: found, namespace: 'ds' };
        // Never a failed build: a module the page cannot have renders as a placeholder.
        return { path: `${args.importer}\0${args.path}`, namespace: 'missing', pluginData: args };
      });
      build.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({ contents: entrySource(sides, vfs), loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'runtime' }, () => ({ contents: PAGE_RUNTIME, loader: 'js' }));
      build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
        contents: `module.exports = globalThis.${VENDOR_GLOBAL}[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'ds' }, (args) => {
        const content = vfs.get(args.path)!;
        const loader = loaderOf(args.path);
        const side = Number(/^\/s(\d+)\//.exec(args.path)?.[1] ?? 0);
        return { contents: loader === 'css' ? scopedGlobalCss(content, side) : content, loader };
      });
      build.onLoad({ filter: /.*/, namespace: 'missing' }, (args) => {
        const from = args.pluginData as esbuild.OnResolveArgs;
        const what = from.path;
        if (/\.css$/.test(what))
          return { contents: `/* ${what.replace(/\*\//g, '')} is not available */`, loader: 'css' };
        const importer = vfs.get(from.importer) ?? '';
        return { contents: placeholderModule(what, importedNames(importer, what)), loader: 'js' };
      });
    },
  };
}

/** Closing tags inside inline text would end the element early. */
const inlineScript = (js: string): string => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const inlineStyle = (css: string): string => css.replace(/<\/(style)/gi, '<\\/$1');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** One self-contained page (scripts and styles inline) rendering every side's variants in every mode. */
export function buildPage(sides: readonly PreviewSide[], title: string): Promise<string> {
  return limit(async () => {
    const vfs = virtualFiles(sides);
    const [vendor, result] = await Promise.all([
      vendorScript(),
      esbuild.build({
        entryPoints: ['ds:entry'],
        bundle: true,
        write: false,
        outdir: '/out',
        format: 'iife',
        platform: 'browser',
        target: 'es2020',
        // Chromium, Figma's desktop app and its browser tab all read nesting; lowered anyway for older engines.
        supported: { nesting: false },
        jsx: 'automatic',
        minify: true,
        legalComments: 'none',
        charset: 'utf8',
        define: { 'process.env.NODE_ENV': '"production"' },
        plugins: [pagePlugin(sides, vfs)],
        logLevel: 'silent',
      }),
    ]);
    builds++;
    const js = result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.text);
    const css = result.outputFiles.filter((f) => f.path.endsWith('.css')).map((f) => f.text);
    return [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${escapeHtml(title)}</title>`,
      `<style>${inlineStyle(PAGE_CSS)}</style>`,
      ...css.map((c) => `<style>${inlineStyle(c)}</style>`),
      '</head>',
      '<body>',
      '<main id="preview"></main>',
      `<script>${inlineScript(vendor)}</script>`,
      ...js.map((j) => `<script>${inlineScript(j)}</script>`),
      '</body>',
      '</html>',
      '',
    ].join('\n');
  });
}
