// Builds every target: the server (plain `node dist/server/server.js`), the Figma plugin's
// main thread (one ES2017 bundle for Figma's sandbox) and its UI (one self-contained HTML
// file with JS and CSS inlined, as Figma requires; the server also serves it at /plugin).
import * as esbuild from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const out = (p) => resolve(root, 'dist', p);
const watch = process.argv.includes('--watch');

/** @create-figma-plugin/ui imports its global stylesheet as `!../css/base.css`: strip the `!`, load it as global CSS. */
const globalCssPlugin = {
  name: 'global-css',
  setup(build) {
    build.onResolve({ filter: /^!/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(1)),
      namespace: 'file',
    }));
  },
};

const server = {
  // Worker threads load their own file next to server.js (server/workers/pool.ts, server/db/pglite-thread.ts).
  entryPoints: {
    server: 'server/server.ts',
    migrate: 'server/migrate.ts',
    'pglite-worker': 'server/db/pglite-worker.js',
    'validate-worker': 'server/services/sync/validate-worker.ts',
    'generate-worker': 'server/services/sync/generate-worker.ts',
    'diff-worker': 'server/workers/diff-worker.ts',
  },
  outdir: out('server'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

const pluginMain = {
  entryPoints: ['plugin/main/index.ts'],
  outfile: out('plugin/main.js'),
  bundle: true,
  platform: 'neutral',
  format: 'iife',
  target: 'es2017',
  mainFields: ['module', 'main'],
  minify: true,
  logLevel: 'warning',
};

const pluginUi = {
  entryPoints: ['plugin/ui/index.tsx'],
  outdir: out('plugin/ui-assets'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
  loader: { '.module.css': 'local-css', '.css': 'css', '.svg': 'dataurl', '.png': 'dataurl' },
  plugins: [globalCssPlugin],
  minify: true,
  write: false,
  logLevel: 'warning',
};

async function buildUi() {
  await writeUi(await esbuild.build(pluginUi));
}

async function writeUi(result) {
  const js = result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => f.text)
    .join('\n');
  const css = result.outputFiles
    .filter((f) => f.path.endsWith('.css'))
    .map((f) => f.text)
    .join('\n');
  const template = await readFile(resolve(root, 'plugin/ui/index.html'), 'utf8');
  // Inline with functions so `$` sequences in the bundle are never read as replacement patterns.
  const html = template
    .replace('<!-- STYLES -->', () => `<style>${css}</style>`)
    .replace('<!-- SCRIPT -->', () => `<script>${js.replace(/<\/script/gi, '<\\/script')}</script>`);
  await mkdir(out('plugin'), { recursive: true });
  await writeFile(out('plugin/ui.html'), html);
}

if (watch) {
  // The UI is one HTML file assembled after esbuild: rebuilt by a plugin on each of its builds.
  const uiWatch = {
    ...pluginUi,
    plugins: [
      ...pluginUi.plugins,
      {
        name: 'assemble-ui',
        setup(build) {
          build.onEnd((result) => (result.errors.length ? undefined : writeUi(result)));
        },
      },
    ],
  };
  const contexts = await Promise.all([esbuild.context(server), esbuild.context(pluginMain), esbuild.context(uiWatch)]);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching: server, plugin main and UI rebuild on change');
} else {
  await Promise.all([esbuild.build(server), esbuild.build(pluginMain), buildUi()]);
  console.log('built dist/server, dist/plugin/main.js, dist/plugin/ui.html');
}
