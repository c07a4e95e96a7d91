/**
 * Reading stories and test files just well enough to tell which variants they exercise. Not a
 * TypeScript parser: it finds object literals after `args:` / `props:`, CSF story exports and
 * JSX elements, and reads their string-valued members. That covers what codegen writes
 * (core/codegen/stories.ts, test-scaffold.ts) and the usual hand-written forms.
 */
import { normalizeName } from '../../../core/codegen/names.js';

/** string-valued members of an object literal or JSX element */
export type ArgSet = Map<string, string>;

export interface Story {
  exportName: string;
  /** the story's `name:`, if it has one */
  name: string | null;
  args: ArgSet;
}

/** The text inside the braces that open at `open` (a "{"), skipping string contents. */
function balanced(text: string, open: number): string | null {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(text, i);
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

function unescape(body: string): string {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', r: '\r', t: '\t', '0': '\0' } as Record<string, string>)[e] ?? e;
  });
}

const KEY = String.raw`(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|([A-Za-z_$][\w$]*))`;
const STRING_VALUE = String.raw`(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|\x60([^\x60$\\]*)\x60)`;
const MEMBER = new RegExp(String.raw`(?:^|[{,\s])${KEY}\s*:\s*${STRING_VALUE}`, 'g');

/** `{ size: 'sm', 'Has Icon': "true" }` → size → sm, Has Icon → true (string values only). */
export function membersOf(objectText: string): ArgSet {
  const out: ArgSet = new Map();
  for (const m of objectText.matchAll(MEMBER)) {
    const key = m[1] !== undefined ? unescape(m[1]) : m[2] !== undefined ? unescape(m[2]) : m[3]!;
    const value = m[4] !== undefined ? unescape(m[4]) : m[5] !== undefined ? unescape(m[5]) : m[6]!;
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/** Every object literal that follows `word:` for one of the given words. */
export function objectsAfter(text: string, words: readonly string[]): string[] {
  const out: string[] = [];
  const re = new RegExp(String.raw`\b(?:${words.join('|')})\s*:\s*\{`, 'g');
  for (const m of text.matchAll(re)) {
    const inner = balanced(text, m.index + m[0].length - 1);
    if (inner !== null) out.push(inner);
  }
  return out;
}

/** CSF stories: `export const X: Story = { name, args }`, plus the meta's args (defaults for all). */
export function storiesOf(text: string): { meta: ArgSet; stories: Story[] } {
  const metaMatch = /(?:\bconst\s+meta\b[^=]*=|\bexport\s+default)\s*\{/.exec(text);
  const metaBody = metaMatch ? balanced(text, metaMatch.index + metaMatch[0].length - 1) : null;
  const meta = metaBody ? membersOf(objectsAfter(metaBody, ['args'])[0] ?? '') : new Map<string, string>();
  const stories: Story[] = [];
  for (const m of text.matchAll(/\bexport\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*\{/g)) {
    const body = balanced(text, m.index + m[0].length - 1);
    if (body === null) continue;
    const name = /\bname\s*:\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)")/.exec(body);
    stories.push({
      exportName: m[1]!,
      name: name ? unescape(name[1] ?? name[2] ?? '') : null,
      args: membersOf(objectsAfter(body, ['args'])[0] ?? ''),
    });
  }
  return { meta, stories };
}

/** Prop sets a test renders: `props: {…}` rows and `<Name attr="…">` elements without spreads. */
export function renderedPropSets(text: string, componentName: string): { renders: boolean; sets: ArgSet[] } {
  const renders = /\b(?:render\w*|mount)\s*\(/.test(text);
  const sets = objectsAfter(text, ['props', 'args']).map(membersOf);
  const tag = new RegExp(
    String.raw`<${componentName.replace(/[$]/g, '\\$')}(?=[\s/>])((?:[^>"'{]|"[^"]*"|'[^']*'|\{[^}]*\})*)>`,
    'g',
  );
  for (const m of text.matchAll(tag)) {
    const attrs = m[1] ?? '';
    if (/\{\s*\.\.\./.test(attrs)) continue; // values come from a spread: the rows above say which
    const set: ArgSet = new Map();
    for (const a of attrs.matchAll(
      /([A-Za-z_$][\w$-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)")\s*\})/g,
    )) {
      set.set(a[1]!, a[2] ?? a[3] ?? unescape(a[4] ?? a[5] ?? ''));
    }
    sets.push(set);
  }
  return { renders, sets };
}

/** The keys a prop may appear under: its code identifier, its Figma name, or either folded. */
export function keyMatcher(ident: string, figmaName: string): (key: string) => boolean {
  const norm = normalizeName(figmaName);
  return (key) =>
    key === ident || key === figmaName || normalizeName(key) === norm || normalizeName(key) === `${norm}prop`;
}
