/**
 * Turning designer-chosen names into code names. Figma allows any text ("2 Button / Primary",
 * "Größe", "Has Icon?"), code does not, and two different names may fold to the same code
 * name; every collision is settled here, the same way every time.
 */

// Letters NFKD does not decompose into ASCII + combining marks.
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'Th',
  ð: 'd',
  Ð: 'D',
  ı: 'i',
};

/** ASCII approximation: "Größe" → "Grosse"; characters without one become spaces. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]/g, (c) => TRANSLITERATIONS[c] ?? ' ');
}

/** "Has Icon?" → ["Has", "Icon"]; "IconButton" → ["Icon", "Button"]; "HTMLInput" → ["HTML", "Input"]. */
export function words(text: string): string[] {
  return asciiFold(text)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([0-9])([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
}

const upperFirst = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export function pascalCase(parts: readonly string[]): string {
  return parts.map(upperFirst).join('');
}

export function camelCase(parts: readonly string[]): string {
  const [first, ...others] = parts;
  return first === undefined ? '' : first.toLowerCase() + pascalCase(others);
}

export function kebabCase(parts: readonly string[]): string {
  return parts.map((w) => w.toLowerCase()).join('-');
}

/** Case- and punctuation-blind form used to recognise names: "Helper Text" → "helpertext". */
export function normalizeName(text: string): string {
  return words(text).join('').toLowerCase();
}

/** "hasIcon" → "HAS_ICON"; injective on camelCase identifiers since "_" marks each capital. */
export function constantCase(ident: string): string {
  return ident.replace(/([A-Z])/g, '_$1').toUpperCase();
}

/**
 * Short stable fingerprint (FNV-1a, 32 bit) so that names with no ASCII letters at all
 * ("ボタン") still get distinct, reproducible code names.
 */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Words that cannot name a binding in strict-mode ES modules (plus ones too confusing to allow). */
export const JS_RESERVED: ReadonlySet<string> = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'await',
  'arguments',
  'eval',
  'undefined',
  'NaN',
  'Infinity',
]);

/**
 * Top-level names the generated modules use or that would shadow something they use, so no
 * component, type or story may take them.
 */
export const RESERVED_TYPE_NAMES: ReadonlySet<string> = new Set([
  'React',
  'ReactNode',
  'Fragment',
  'JSX',
  'Meta',
  'StoryObj',
  'Story',
  'HTMLAttributes',
  'ButtonHTMLAttributes',
  'InputHTMLAttributes',
  'HTMLButtonElement',
  'HTMLInputElement',
  'HTMLDivElement',
  'HTMLSpanElement',
  'HTMLElement',
  'Element',
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  'Function',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Promise',
  'Proxy',
  'Reflect',
  'Error',
  'Date',
  'RegExp',
  'JSON',
  'Math',
  'Intl',
  'Record',
  'Partial',
  'Required',
  'Readonly',
  'Omit',
  'Pick',
  'Exclude',
  'Extract',
  'NonNullable',
  'Parameters',
  'ReturnType',
  'ComponentProps',
  'Component',
  'Node',
  'Window',
  'Document',
]);

/** A PascalCase identifier for a component: "2 Button / Primary" → "Component2ButtonPrimary". */
export function componentIdentifier(name: string): string {
  const base = pascalCase(words(name));
  if (base === '') return `Component${fingerprint(name)}`;
  const ident = /^[0-9]/.test(base) ? `Component${base}` : base;
  return RESERVED_TYPE_NAMES.has(ident) || JS_RESERVED.has(ident) ? `${ident}Component` : ident;
}

/**
 * A camelCase identifier for a prop: "Has Icon?" → "hasIcon"; "2xl" → "prop2xl";
 * reserved words and names the component itself uses get a "Prop" suffix: "default" →
 * "defaultProp", "className" → "classNameProp".
 */
export function propIdentifier(name: string, reserved: ReadonlySet<string>): string {
  const base = camelCase(words(name));
  if (base === '') return `prop${fingerprint(name)}`;
  const ident = /^[0-9]/.test(base) ? `prop${base}` : base;
  return JS_RESERVED.has(ident) || reserved.has(ident) ? `${ident}Prop` : ident;
}

/** A CSS-class-safe fragment: lowercase ASCII letters, digits and single hyphens. */
export function cssSlug(text: string): string {
  if (text === '') return 'empty';
  const slug = kebabCase(words(text));
  return slug === '' ? `u${fingerprint(text)}` : slug;
}

/**
 * A mode name as a `[data-theme]` value, in lower case as CSS authors write attribute values:
 * camelCase words are split ("xSmall" → "x-small", "XSmall" → "x-small") but a capitalised run is
 * one word ("iOS-xxxlarge" → "ios-xxxlarge", not "i-os-xxxlarge"); "Dark" and "dark" meet at
 * "dark". Every place that emits a mode's selector uses this one rule.
 */
export function modeSlug(name: string): string {
  if (name === '') return 'empty';
  const slug = asciiFold(name)
    .replace(/([a-z0-9])([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase())
    .join('-');
  return slug === '' ? `u${fingerprint(name)}` : slug;
}

/**
 * The `[data-theme]` value of each mode of one collection, unique within it: a second mode whose
 * name folds to a taken value ("Dark" beside "DARK") gets "-2", in mode order.
 */
export function modeSlugs(modes: readonly { id: string; name: string }[]): Map<string, string> {
  const taken = new Set<string>();
  const slugs = new Map<string, string>();
  for (const mode of modes) {
    const base = modeSlug(mode.name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = joinHyphen(base, n);
    taken.add(slug);
    slugs.set(mode.id, slug);
  }
  return slugs;
}

export interface NameRequest<K> {
  key: K;
  desired: string;
  /**
   * Sort key deciding who keeps the desired name when several want it; it must not depend on
   * input order, or shuffled-but-equal inputs would name things differently.
   */
  rank: readonly string[];
}

function compareRanks(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Gives every request a name no other request and nothing in `taken` has. The best-ranked
 * request keeps its desired name; later ones get `join(desired, 2)`, `join(desired, 3)`, …
 * `taken` is extended with the names handed out.
 */
export function allocateNames<K>(
  requests: readonly NameRequest<K>[],
  taken: Set<string>,
  join: (desired: string, n: number) => string,
): Map<K, string> {
  const sorted = [...requests].sort((a, b) => compareRanks(a.rank, b.rank));
  const result = new Map<K, string>();
  for (const request of sorted) {
    let name = request.desired;
    for (let n = 2; taken.has(name); n++) name = join(request.desired, n);
    taken.add(name);
    result.set(request.key, name);
  }
  return result;
}

export const joinDigits = (desired: string, n: number): string => `${desired}${n}`;
export const joinHyphen = (desired: string, n: number): string => `${desired}-${n}`;

export interface CodeNameRequest<K> {
  key: K;
  /** The code name its own name gives (`componentIdentifier(name)`). */
  desired: string;
  /** The code name it was given before: kept while still free and still derived from `desired`. */
  previous?: string | null;
  /** Who gets `desired` first (e.g. first seen, then id); must not depend on input order. */
  rank: readonly string[];
}

/** "Button2" is derived from "Button"; "Buttons" is not. */
function derivedFrom(previous: string, desired: string): boolean {
  if (previous === desired) return true;
  const suffix = previous.slice(desired.length);
  return previous.slice(0, desired.length) === desired && /^[0-9]+$/.test(suffix) && Number(suffix) >= 2;
}

/**
 * Code names (file and export names) for components sharing one namespace, unique ignoring
 * case since macOS and Windows file systems fold it ("Button" and "button" both want
 * `Button.tsx`). A component keeps the code name it had while that is still free and still
 * its name's, so names do not flip from one sync to the next; then the best-ranked request
 * gets its desired name and the others `Button2`, `Button3`, … Nothing in `taken` is handed out.
 */
export function componentCodeNames<K>(
  requests: readonly CodeNameRequest<K>[],
  taken: Iterable<string>,
): Map<K, string> {
  const used = new Set<string>();
  const it = taken[Symbol.iterator]();
  for (let step = it.next(); !step.done; step = it.next()) used.add(step.value.toLowerCase());
  const sorted = [...requests].sort((a, b) => compareRanks(a.rank, b.rank));
  const result = new Map<K, string>();
  for (const r of sorted) {
    if (r.previous && derivedFrom(r.previous, r.desired) && !used.has(r.previous.toLowerCase())) {
      used.add(r.previous.toLowerCase());
      result.set(r.key, r.previous);
    }
  }
  for (const r of sorted) {
    if (result.has(r.key)) continue;
    let name = r.desired;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = joinDigits(r.desired, n);
    used.add(name.toLowerCase());
    result.set(r.key, name);
  }
  return result;
}
