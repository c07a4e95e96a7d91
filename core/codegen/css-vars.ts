/**
 * CSS custom property names for tokens. tokens.css defines them and every Name.module.css
 * refers to them, so both go through `cssVarNames` and can never disagree.
 */
import type { Token, TokenSet, TokenType } from '../contract/tokens.js';
import { fingerprint, kebabCase, words } from './names.js';

/**
 * Composite types CSS cannot hold in one property get one variable per sub-value (a font is
 * five properties); shadow and border fit one property each and stay single variables.
 */
export const SUB_VARS: Partial<Record<TokenType, readonly TypographyPart[]>> = {
  typography: ['family', 'size', 'weight', 'line-height', 'letter-spacing'],
};
export type TypographyPart = 'family' | 'size' | 'weight' | 'line-height' | 'letter-spacing';

/** The DTCG typography member each sub-variable comes from. */
export const TYPOGRAPHY_MEMBERS: Readonly<Record<TypographyPart, string>> = {
  family: 'fontFamily',
  size: 'fontSize',
  weight: 'fontWeight',
  'line-height': 'lineHeight',
  'letter-spacing': 'letterSpacing',
};

/** A name from Figma's web code syntax ("var(--color-bg)", "--color-bg", "$color-bg"). */
function nameFromWebSyntax(web: string): string | undefined {
  let text = web.trim();
  const wrapped = /^var\(\s*([^,)]*)/.exec(text);
  if (wrapped) text = (wrapped[1] ?? '').trim();
  if (text.startsWith('--')) {
    const body = text
      .slice(2)
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '');
    return body === '' ? undefined : `--${body}`;
  }
  const slug = kebabCase(words(text));
  return slug === '' ? undefined : `--${slug}`;
}

/**
 * The naming rule for one token, before collisions: the designer's web code syntax when set
 * (its `var( )` wrapper stripped), else the slash path in kebab case ("color/primary/500" →
 * "--color-primary-500"). Use `cssVarNames` to name tokens of a set: it also settles
 * collisions between tokens.
 */
export function cssVarName(token: Pick<Token, 'id' | 'name' | 'codeSyntax'>): string {
  const web = token.codeSyntax?.web;
  if (web !== undefined && web.trim() !== '') {
    const fromSyntax = nameFromWebSyntax(web);
    if (fromSyntax !== undefined) return fromSyntax;
  }
  const slug = token.name
    .split('/')
    .map((segment) => kebabCase(words(segment)))
    .filter((s) => s !== '')
    .join('-');
  return slug === '' ? `--token-${fingerprint(token.id)}` : `--${slug}`;
}

export function subVarName(base: string, part: TypographyPart): string {
  return `${base}-${part}`;
}

export interface CssVarNames {
  readonly set: TokenSet;
  token(id: string): Token | undefined;
  /** the variable of a single-valued token, or the stem of a composite's sub-variables */
  name(id: string): string | undefined;
  sub(id: string, part: TypographyPart): string | undefined;
}

const cache = new WeakMap<TokenSet, CssVarNames>();

/**
 * Names for every token of a set, unique across the set including composite sub-variables.
 * Collisions ("color/Primary" and "color/primary", or a live variable and a deleted one of the
 * same name) are settled by sorting on (name; a current token before a deprecated one, e.g. a
 * variable Figma deleted but still lists because something refers to it; a local token before a
 * library one; whether the name is the token's path or code syntax verbatim; id): the first keeps
 * the name, later ones get "-2", "-3". So who keeps a name never depends on the order of the
 * input (Figma's maps have none). Plain tokens are named before composites, so a typography
 * token never takes "--typography-body-size" from a token actually called "typography/body/size".
 */
export function cssVarNames(set: TokenSet): CssVarNames {
  const cached = cache.get(set);
  if (cached) return cached;

  const byId = new Map<string, Token>();
  for (const token of [...set.tokens].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!byId.has(token.id)) byId.set(token.id, token);
  }
  const wanted = [...byId.values()].map((token) => {
    const base = cssVarName(token);
    // "color/text/default" keeps "--color-text-default" over "Color/Text/Default".
    const literal =
      base === `--${token.name.replace(/\//g, '-')}` ||
      base === token.codeSyntax?.web?.replace(/^var\(\s*|\s*\)$/g, '');
    const deprecated = token.deprecated !== undefined && token.deprecated !== false;
    return {
      token,
      base,
      literal,
      deprecated,
      remote: token.source?.remote === true,
      parts: SUB_VARS[token.type] ?? [],
    };
  });
  const order = (a: (typeof wanted)[number], b: (typeof wanted)[number]): number =>
    (a.parts.length === 0 ? 0 : 1) - (b.parts.length === 0 ? 0 : 1) ||
    (a.base < b.base ? -1 : a.base > b.base ? 1 : 0) ||
    Number(a.deprecated) - Number(b.deprecated) ||
    Number(a.remote) - Number(b.remote) ||
    (a.literal ? 0 : 1) - (b.literal ? 0 : 1) ||
    (a.token.id < b.token.id ? -1 : a.token.id > b.token.id ? 1 : 0);

  const taken = new Set<string>();
  const names = new Map<string, string>();
  for (const { token, base, parts } of wanted.sort(order)) {
    let name = base;
    const free = (candidate: string): boolean =>
      !taken.has(candidate) && parts.every((p) => !taken.has(subVarName(candidate, p)));
    for (let n = 2; !free(name); n++) name = `${base}-${n}`;
    taken.add(name);
    for (const p of parts) taken.add(subVarName(name, p));
    names.set(token.id, name);
  }

  const result: CssVarNames = {
    set,
    token: (id) => byId.get(id),
    name: (id) => names.get(id),
    sub: (id, part) => {
      const token = byId.get(id);
      const name = names.get(id);
      return token && name && SUB_VARS[token.type]?.includes(part) ? subVarName(name, part) : undefined;
    },
  };
  cache.set(set, result);
  return result;
}

export interface CssNameCollision {
  /** the token that did not get the name its own name or code syntax asks for */
  token: Token;
  /** what it asked for ("--fg-brand-contrast") */
  wanted: string;
  /** what it got ("--fg-brand-contrast-2") */
  given: string;
  /** the token that has `wanted`, when one has it as its own name (else a composite's sub-variable took it) */
  holder?: Token;
}

/** Every token whose CSS variable is not the one its name asks for, because another token has it. */
export function cssNameCollisions(set: TokenSet): CssNameCollision[] {
  const names = cssVarNames(set);
  const holders = new Map<string, Token>();
  for (const token of set.tokens) {
    const name = names.name(token.id);
    if (name !== undefined && names.token(token.id) === token) holders.set(name, token);
  }
  const collisions: CssNameCollision[] = [];
  for (const token of set.tokens) {
    if (names.token(token.id) !== token) continue;
    const wanted = cssVarName(token);
    const given = names.name(token.id);
    if (given === undefined || given === wanted) continue;
    const holder = holders.get(wanted);
    collisions.push(holder ? { token, wanted, given, holder } : { token, wanted, given });
  }
  return collisions.sort((a, b) => (a.given < b.given ? -1 : a.given > b.given ? 1 : 0));
}
