import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { DtcgTokens } from '../../../../core/contract/tokens.js';
import type { PluginCollectionInput, PluginVariableInput } from '../../../../core/tokens/index.js';
import { parseJson5 } from './json5.js';

/*
 * Loads @primer/primitives (a real, published design system) in the two shapes our
 * importers take. Everything Primer-specific lives here, not in core.
 */

export const PRIMER_ROOT = join(process.cwd(), 'node_modules/@primer/primitives');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Primer's dark theme = its dark base colors + the shared functional/component tokens with
 * their `org.primer.overrides.dark` values. The overrides are Primer's own extension; here
 * they become one more document of the dark mode, merged last (later overrides earlier).
 */
function overridesDocument(docs: Doc[], theme: string): { doc: Doc; count: number; alphaOnly: string[] } {
  const out: Doc = {};
  let count = 0;
  const alphaOnly: string[] = [];
  const put = (path: string[], token: Doc) => {
    let node = out;
    for (const segment of path.slice(0, -1)) node = (node[segment] ??= {}) as Doc;
    node[path[path.length - 1]!] = token;
  };
  const walk = (node: Doc, path: string[]) => {
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$') || !isObject(child)) continue;
      if ('$value' in child) {
        const ext = isObject(child.$extensions) ? child.$extensions : {};
        const overrides = isObject(ext['org.primer.overrides']) ? ext['org.primer.overrides'] : {};
        if (theme in overrides) {
          const o = overrides[theme];
          // `{ alpha }` alone means "the same color, more transparent": a Primer modifier with
          // no DTCG form, so the token keeps its light value there.
          if (isObject(o) && !('$value' in o)) alphaOnly.push([...path, key].join('.'));
          else {
            put([...path, key], { $value: isObject(o) ? o.$value : o });
            count++;
          }
        }
      } else {
        walk(child, [...path, key]);
      }
    }
  };
  for (const doc of docs) walk(doc, []);
  return { doc: out, count, alphaOnly };
}

export interface PrimerDtcg {
  input: DtcgTokens;
  files: { light: string[]; dark: string[] };
  darkOverrides: number;
  /** dark overrides that only change alpha (not applied) */
  alphaOnlyOverrides: string[];
}

/** src/tokens/**.json5 as light and dark mode documents. */
export function loadPrimerDtcg(): PrimerDtcg {
  const src = join(PRIMER_ROOT, 'src/tokens');
  const all = filesUnder(src)
    .filter((f) => f.endsWith('.json5'))
    .map((f) => relative(src, f));
  // Base color files per theme; the other themes (dimmed, high contrast) are left out, and so
  // is size-coarse (an alternative to size-fine for coarse pointers, not a color mode).
  const light = ['base/color/light/light.json5', 'base/color/light/display-light.json5'];
  const dark = ['base/color/dark/dark.json5', 'base/color/dark/display-dark.json5'];
  const shared = all.filter((f) => !f.startsWith('base/color/') && f !== 'functional/size/size-coarse.json5');
  const read = (f: string) => parseJson5(readFileSync(join(src, f), 'utf8')) as Doc;
  const sharedDocs = shared.map(read);
  const overrides = overridesDocument(sharedDocs, 'dark');
  return {
    input: {
      format: 'dtcg',
      collectionName: 'primer',
      modes: [
        { name: 'light', documents: [...light.map(read), ...sharedDocs] as DtcgTokens['modes'][number]['documents'] },
        {
          name: 'dark',
          documents: [...dark.map(read), ...sharedDocs, overrides.doc] as DtcgTokens['modes'][number]['documents'],
        },
      ],
    },
    files: { light: [...light, ...shared], dark: [...dark, ...shared] },
    darkOverrides: overrides.count,
    alphaOnlyOverrides: overrides.alphaOnly,
  };
}

/** One entry of Primer's Figma export (dist/figma/**.json). */
export interface PrimerFigmaEntry {
  name: string;
  value: unknown;
  type: string;
  refId?: string;
  reference?: string;
  collection?: string;
  mode?: string;
  scopes?: string[];
  codeSyntax?: { web?: string; android?: string; ios?: string };
  description?: string;
  alpha?: number | null;
  file: string;
}

export interface PrimerFigma {
  variables: PluginVariableInput[];
  collections: PluginCollectionInput[];
  entries: PrimerFigmaEntry[];
  /** entries dropped as duplicates of one already read, with a different value */
  conflicts: string[];
}

/**
 * dist/figma is Primer's input to its Figma plugin: one entry per variable and mode, with the
 * resolved value and, for aliases, `reference` (collection + "/" + name of the target). It is
 * turned into the Plugin API shape (Variable / VariableCollection) here:
 *   - a variable's id is collection + "/" + name (what `refId` and `reference` use);
 *   - an alias with `alpha` is a color with changed opacity, which a Figma alias cannot
 *     express; like Primer's plugin, the resolved color is the value (`alpha: null`, which
 *     Primer writes along with `a: null` in a few places, counts as no alpha);
 *   - entries without a collection (a few line heights) keep an unknown collection id, so
 *     the normalizer drops them as variables whose collection is gone;
 *   - an entry repeated in several files (the dark scale is also written by the dimmed and
 *     high-contrast scale files) is read from its own theme's file first.
 */
export function loadPrimerFigma(): PrimerFigma {
  const dir = join(PRIMER_ROOT, 'dist/figma');
  const meta = JSON.parse(readFileSync(join(dir, 'figma.json'), 'utf8')) as {
    collections: Record<string, { modes: string[] }>;
  };
  const entries: PrimerFigmaEntry[] = [];
  for (const file of filesUnder(dir)) {
    if (basename(file) === 'figma.json') continue;
    for (const e of JSON.parse(readFileSync(file, 'utf8')) as Omit<PrimerFigmaEntry, 'file'>[])
      entries.push({ ...e, file: relative(dir, file) });
  }
  const home = (e: PrimerFigmaEntry) =>
    e.collection !== undefined && basename(e.file, '.json') === e.collection.split('/').pop();
  const ordered = [...entries.filter(home), ...entries.filter((e) => !home(e))];

  const variables = new Map<string, PluginVariableInput & { valuesByMode: Record<string, unknown> }>();
  const conflicts: string[] = [];
  const seen = new Map<string, PrimerFigmaEntry>();
  for (const e of ordered) {
    const collectionId = e.collection ?? `(none)/${e.file}`;
    const id = `${collectionId}/${e.name}`;
    const mode = e.mode ?? 'default';
    const previous = seen.get(`${id}\u0000${mode}`);
    if (previous) {
      if (JSON.stringify([previous.value, previous.reference]) !== JSON.stringify([e.value, e.reference]))
        conflicts.push(`${id} (${mode}): ${e.file} vs ${previous.file}`);
      continue;
    }
    seen.set(`${id}\u0000${mode}`, e);
    let variable = variables.get(id);
    if (!variable) {
      variable = {
        id,
        name: e.name,
        key: id,
        description: e.description ?? '',
        remote: false,
        resolvedType: e.type,
        variableCollectionId: collectionId,
        scopes: e.scopes ?? [],
        codeSyntax: e.codeSyntax ? { WEB: e.codeSyntax.web, ANDROID: e.codeSyntax.android, iOS: e.codeSyntax.ios } : {},
        valuesByMode: {},
      };
      variables.set(id, variable);
    }
    variable.valuesByMode[mode] =
      e.reference && e.alpha == null ? { type: 'VARIABLE_ALIAS', id: e.reference } : e.value;
  }
  const collections: PluginCollectionInput[] = Object.entries(meta.collections).map(([id, c]) => ({
    id,
    name: id,
    remote: false,
    defaultModeId: c.modes[0]!,
    modes: c.modes.map((m) => ({ modeId: m, name: m })),
  }));
  return { variables: [...variables.values()], collections, entries, conflicts };
}
