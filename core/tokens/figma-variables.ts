import type { Collection, ModeValue, Token, TokenType } from '../contract/tokens.js';
import { figmaColorToDtcg } from './colors.js';
import { fontWeightFromStyleName } from './values.js';

/**
 * What the Plugin API `Variable` and the REST `LocalVariable` have in common: the shape the
 * variable normalizer reads. Both sources are adapted to it (figma-plugin.ts, figma-rest.ts).
 */
export interface FigmaVariableLike {
  readonly id: string;
  readonly name: string;
  readonly key?: string;
  readonly description?: string;
  readonly resolvedType: string;
  readonly valuesByMode: { readonly [modeId: string]: unknown };
  readonly variableCollectionId: string;
  readonly scopes?: readonly string[];
  readonly codeSyntax?: { readonly WEB?: string; readonly ANDROID?: string; readonly iOS?: string };
  readonly remote?: boolean;
  readonly hiddenFromPublishing?: boolean;
  readonly deletedButReferenced?: boolean;
}

export interface FigmaCollectionLike {
  readonly id: string;
  readonly name: string;
  readonly modes: readonly { readonly modeId: string; readonly name: string }[];
  readonly defaultModeId: string;
  readonly remote?: boolean;
  readonly isExtension?: boolean;
  readonly parentVariableCollectionId?: string;
  readonly variableOverrides?: { readonly [variableId: string]: { readonly [modeId: string]: unknown } };
}

/**
 * The `deprecated` text of a token made from a variable Figma deleted but still lists because
 * something refers to it (REST `deletedButReferenced`). Being deprecated, it never takes a CSS
 * name from a current token of the same name (core/codegen cssVarNames).
 */
export const DELETED_BUT_REFERENCED = 'deleted in Figma; kept because something still refers to it';

/** STRING scopes that make a variable a font weight: Figma's style names ("Medium", "bold") as CSS wants them (500, 700). */
const WEIGHT_SCOPES: ReadonlySet<string> = new Set(['FONT_WEIGHT', 'FONT_STYLE']);

/**
 * FLOAT scopes that make a variable a length. ALL_SCOPES counts as dimensional: a variable
 * usable everywhere is, in practice, mostly bound to sizes and spacing.
 */
export const DIMENSION_SCOPES: ReadonlySet<string> = new Set([
  'ALL_SCOPES',
  'WIDTH_HEIGHT',
  'GAP',
  'CORNER_RADIUS',
  'STROKE_FLOAT',
  'FONT_SIZE',
  'LINE_HEIGHT',
  'LETTER_SPACING',
  'PARAGRAPH_SPACING',
  'PARAGRAPH_INDENT',
  'EFFECT_FLOAT',
]);

/**
 * The DTCG type of a Figma variable. FLOAT depends on its scopes: any dimensional scope →
 * dimension (px); only FONT_WEIGHT → fontWeight (DTCG has the type and codegen needs a
 * unitless weight); anything else (OPACITY, none, …) → number. STRING with FONT_FAMILY →
 * fontFamily; STRING with FONT_WEIGHT or FONT_STYLE (a style name such as "Medium") → fontWeight,
 * written as a number (normalizeVariables falls back to string for a name that says no weight).
 * Undefined for types we do not model (EASING, TIMING, future ones).
 */
export function variableTokenType(resolvedType: string, scopes: readonly string[] = []): TokenType | undefined {
  switch (resolvedType) {
    case 'COLOR':
      return 'color';
    case 'BOOLEAN':
      return 'boolean';
    case 'STRING':
      if (scopes.includes('FONT_FAMILY')) return 'fontFamily';
      return scopes.some((s) => WEIGHT_SCOPES.has(s)) ? 'fontWeight' : 'string';
    case 'FLOAT':
      if (scopes.some((s) => DIMENSION_SCOPES.has(s))) return 'dimension';
      if (scopes.length > 0 && scopes.every((s) => s === 'FONT_WEIGHT')) return 'fontWeight';
      return 'number';
    default:
      return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Figma `VariableAlias` ({ type: 'VARIABLE_ALIAS', id }) → our alias, else undefined. */
export function figmaAlias(value: unknown): { alias: string } | undefined {
  return isRecord(value) && value.type === 'VARIABLE_ALIAS' && typeof value.id === 'string'
    ? { alias: value.id }
    : undefined;
}

type Converted = { value: ModeValue } | { problem: string };

function convertValue(value: unknown, type: TokenType): Converted {
  const alias = figmaAlias(value);
  if (alias) return { value: alias };
  switch (type) {
    case 'color':
      if (isRecord(value) && 'color' in value && 'opacity' in value) {
        return { problem: 'composed color (color + opacity) values are not supported' };
      }
      if (isRecord(value) && [value.r, value.g, value.b].every((c) => typeof c === 'number')) {
        return {
          value: figmaColorToDtcg(value as { r: number; g: number; b: number; a?: number }) as unknown as ModeValue,
        };
      }
      break;
    case 'dimension':
      if (typeof value === 'number') return { value: { value, unit: 'px' } };
      break;
    case 'number':
      if (typeof value === 'number') return { value };
      break;
    case 'fontWeight': {
      if (typeof value === 'number') return { value };
      const weight = typeof value === 'string' ? fontWeightFromStyleName(value) : undefined;
      if (weight !== undefined) return { value: weight };
      if (typeof value === 'string') return { problem: `${JSON.stringify(value)} names no font weight` };
      break;
    }
    case 'string':
    case 'fontFamily':
      if (typeof value === 'string') return { value };
      break;
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      break;
  }
  return { problem: `value ${JSON.stringify(value)} does not fit its type` };
}

export function normalizeCollection(c: FigmaCollectionLike): Collection {
  return {
    id: c.id,
    name: c.name,
    modes: c.modes.map((m) => ({ id: m.modeId, name: m.name })),
    defaultModeId: c.defaultModeId,
  };
}

export interface NormalizeVariablesOptions {
  /**
   * Keep remote (team library) variables and collections given, marked `source.remote`: the
   * plugin passes exactly those its local variables and components reach, so aliases into a
   * library resolve. Otherwise they are skipped with a warning.
   */
  keepRemote?: boolean;
  /**
   * Ids of variables known to be deleted but still referenced, beside each variable's own
   * `deletedButReferenced` (REST has the flag; the Plugin API has none, so the plugin infers it).
   */
  deleted?: ReadonlySet<string>;
}

/**
 * Variables and collections → tokens and collections. Remote (library) variables and
 * collections are skipped unless `keepRemote` (then aliases into a library that were not
 * given show up as dangling in validation). Anything that cannot be modelled is skipped with a
 * warning naming it.
 */
export function normalizeVariables(
  variables: readonly FigmaVariableLike[],
  collections: readonly FigmaCollectionLike[],
  warnings: string[],
  options: NormalizeVariablesOptions = {},
): { tokens: Token[]; collections: Collection[] } {
  const kept = new Map<string, Collection>();
  const extensions = new Set<string>();
  let remoteCollections = 0;
  for (const c of collections) {
    if (c.remote && !options.keepRemote) {
      remoteCollections++;
      continue;
    }
    if (c.isExtension) {
      // Extended collections override their parent's values per brand; the parent's own values are kept.
      extensions.add(c.id);
      const overrides = Object.values(c.variableOverrides ?? {}).reduce(
        (n, byMode) => n + Object.keys(byMode).length,
        0,
      );
      const parent = c.parentVariableCollectionId ? ` of ${c.parentVariableCollectionId}` : '';
      warnings.push(
        `Collection "${c.name}" (${c.id}) is an extended collection${parent} with ${overrides} overridden value(s); extended collections are not supported yet, skipped (the parent collection's values are kept)`,
      );
      continue;
    }
    kept.set(c.id, normalizeCollection(c));
  }
  if (remoteCollections > 0)
    warnings.push(
      `Skipped ${remoteCollections} remote (library) variable collection(s): only local variables are kept`,
    );

  const tokens: Token[] = [];
  let remoteVariables = 0;
  for (const v of variables) {
    const label = `Variable "${v.name}" (${v.id})`;
    if (v.remote && !options.keepRemote) {
      remoteVariables++;
      continue;
    }
    const collection = kept.get(v.variableCollectionId);
    if (!collection) {
      warnings.push(
        extensions.has(v.variableCollectionId)
          ? `${label}: its collection ${v.variableCollectionId} is an extended collection, not supported yet; skipped`
          : `${label}: its collection ${v.variableCollectionId} no longer exists; dropped`,
      );
      continue;
    }
    let type = variableTokenType(v.resolvedType, v.scopes);
    if (!type) {
      warnings.push(`${label}: variable type ${v.resolvedType} is not supported; skipped`);
      continue;
    }
    let converted = convertModes(v, collection, type);
    if ('problem' in converted && type === 'fontWeight' && v.resolvedType === 'STRING') {
      // A style name that says no weight ("Condensed") is still a usable string.
      warnings.push(`${label}: ${converted.problem}; kept as a string`);
      type = 'string';
      converted = convertModes(v, collection, type);
    }
    if ('problem' in converted) {
      warnings.push(`${label}: ${converted.problem}; skipped`);
      continue;
    }
    const { valuesByMode } = converted;
    const stale = Object.keys(v.valuesByMode).filter((m) => !collection.modes.some((mode) => mode.id === m));
    if (stale.length > 0) warnings.push(`${label}: values for unknown mode(s) ${stale.join(', ')} ignored`);
    const deleted = v.deletedButReferenced === true || options.deleted?.has(v.id) === true;
    if (deleted)
      warnings.push(`${label} was deleted in Figma but is still referenced; kept so that references to it resolve`);

    const token: Token = { id: v.id, name: v.name, collectionId: collection.id, type, valuesByMode };
    if (v.description) token.description = v.description;
    if (deleted) token.deprecated = DELETED_BUT_REFERENCED;
    if (v.scopes) token.scopes = [...v.scopes];
    const codeSyntax = normalizeCodeSyntax(v.codeSyntax);
    if (codeSyntax) token.codeSyntax = codeSyntax;
    token.source = v.key ? { kind: 'variable', ref: v.key } : { kind: 'variable' };
    if (v.remote) token.source.remote = true;
    if (v.hiddenFromPublishing) token.extensions = { 'com.figma': { hiddenFromPublishing: true } };
    tokens.push(token);
  }
  if (remoteVariables > 0)
    warnings.push(`Skipped ${remoteVariables} remote (library) variable(s): only local variables are kept`);
  return { tokens, collections: [...kept.values()] };
}

/** Every mode's value of a variable as `type`, or the first value that does not fit. */
function convertModes(
  v: FigmaVariableLike,
  collection: Collection,
  type: TokenType,
): { valuesByMode: Record<string, ModeValue> } | { problem: string } {
  const valuesByMode: Record<string, ModeValue> = {};
  for (const mode of collection.modes) {
    if (!(mode.id in v.valuesByMode)) continue;
    const converted = convertValue(v.valuesByMode[mode.id], type);
    if ('problem' in converted) return { problem: `mode "${mode.name}": ${converted.problem}` };
    valuesByMode[mode.id] = converted.value;
  }
  return { valuesByMode };
}

function normalizeCodeSyntax(cs: FigmaVariableLike['codeSyntax']): Token['codeSyntax'] | undefined {
  if (!cs) return undefined;
  const out: NonNullable<Token['codeSyntax']> = {};
  if (cs.WEB) out.web = cs.WEB;
  if (cs.ANDROID) out.android = cs.ANDROID;
  if (cs.iOS) out.ios = cs.iOS;
  return Object.keys(out).length > 0 ? out : undefined;
}
