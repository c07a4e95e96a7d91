// The seven DTCG example systems of the `dtcg-examples` package, read through their resolver files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DtcgResolverTokens } from '../../core/contract/tokens.js';

export const DTCG_EXAMPLES = [
  'adobe-spectrum',
  'apple-hig',
  'figma-sds',
  'github-primer',
  'ibm-carbon',
  'microsoft-fluent',
  'shopify-polaris',
] as const;
export type DtcgExample = (typeof DTCG_EXAMPLES)[number];

const root = dirname(createRequire(import.meta.url).resolve('dtcg-examples/package.json'));

const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** Every `$ref` string in the resolver that names a file (not a "#/…" pointer into the resolver). */
function fileRefs(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) fileRefs(item, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) into.add(value);
      else fileRefs(value, into);
    }
  }
  return into;
}

/** The sync body's `tokens` for one example: its resolver and each document it names, from disk. */
export function dtcgExampleTokens(name: DtcgExample): DtcgResolverTokens {
  const resolver = readJson(join(root, `${name}.resolver.json`));
  const documents: Record<string, Record<string, unknown>> = {};
  // Keyed by the file part: a "file#/pointer" reference is resolved by the server within it.
  for (const ref of fileRefs(resolver)) {
    const file = ref.split('#')[0]!;
    documents[file] = readJson(join(root, file));
  }
  return {
    format: 'dtcg-resolver',
    resolver: resolver as DtcgResolverTokens['resolver'],
    documents: documents as DtcgResolverTokens['documents'],
  };
}
