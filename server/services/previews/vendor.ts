// React for preview pages: bundled once per process from the server's own node_modules and
// shared by every page, so a preview build bundles only the component's files.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);

/** The directory holding the server's node_modules: where a page's bare imports resolve. */
export const PACKAGES_ROOT = dirname(dirname(dirname(require.resolve('react/package.json'))));

export const ESBUILD_VERSION = esbuild.version;
export const REACT_VERSION = (require('react/package.json') as { version: string }).version;

/** The modules a page may import from React; each is read from the vendor script's global. */
export const VENDOR_MODULES = ['react', 'react/jsx-runtime', 'react-dom', 'react-dom/client'] as const;
export const VENDOR_GLOBAL = '__designSyncVendor';

let vendor: Promise<string> | null = null;

/** The vendor script (minified, production React), built on first use. */
export function vendorScript(): Promise<string> {
  vendor ??= buildVendor().catch((err: unknown) => {
    vendor = null;
    throw err;
  });
  return vendor;
}

async function buildVendor(): Promise<string> {
  const imports = VENDOR_MODULES.map((m, i) => `import * as m${i} from ${JSON.stringify(m)};`);
  const entries = VENDOR_MODULES.map((m, i) => `${JSON.stringify(m)}: m${i}`);
  const result = await esbuild.build({
    stdin: {
      contents: `${imports.join('\n')}\nglobalThis.${VENDOR_GLOBAL} = { ${entries.join(', ')} };\n`,
      resolveDir: PACKAGES_ROOT,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
