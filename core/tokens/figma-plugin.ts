import type { Token, TokenSet } from '../contract/tokens.js';
import type { FigmaRgba } from './colors.js';
import {
  effectStyleToken,
  gridStyleSkipped,
  paintStyleToken,
  textStyleToken,
  type EffectLike,
  type PaintLike,
} from './figma-styles.js';
import { cssNameWarnings } from './css-name-warnings.js';
import { normalizeVariables, type FigmaCollectionLike, type FigmaVariableLike } from './figma-variables.js';
import { stylesCollection } from './token-index.js';
import { fontWeightFromStyleName } from './values.js';

/*
 * Structural mirrors of the Plugin API types (@figma/plugin-typings is ambient and core is
 * built without it). Only what we read is listed, so the real `Variable`, `PaintStyle`, …
 * objects and plain objects from a test fake both fit; test/core/tokens checks at type level
 * that the real types are assignable.
 */

interface PluginAlias {
  readonly type: 'VARIABLE_ALIAS';
  readonly id: string;
}

export interface PluginVariableInput extends FigmaVariableLike {
  readonly key: string;
  readonly description: string;
  readonly remote: boolean;
  readonly scopes: readonly string[];
}

export interface PluginCollectionInput extends FigmaCollectionLike {
  readonly remote: boolean;
}

interface PluginStyleBase {
  readonly id: string;
  readonly name: string;
  readonly key: string;
  readonly description: string;
  readonly remote: boolean;
}

export interface PluginPaintStyleInput extends PluginStyleBase {
  readonly paints: readonly PaintLike[];
}

export interface PluginTextStyleInput extends PluginStyleBase {
  readonly fontSize: number;
  readonly fontName: {
    readonly family: string;
    readonly style: string;
    readonly variationSettings?: { readonly [axis: string]: number };
  };
  readonly letterSpacing: { readonly value: number; readonly unit: 'PIXELS' | 'PERCENT' };
  readonly lineHeight: { readonly value: number; readonly unit: 'PIXELS' | 'PERCENT' } | { readonly unit: 'AUTO' };
  readonly boundVariables?: { readonly [field: string]: PluginAlias | undefined };
}

export interface PluginEffectStyleInput extends PluginStyleBase {
  readonly effects: readonly (EffectLike & { readonly type: string; readonly color?: FigmaRgba })[];
}

export interface PluginGridStyleInput extends PluginStyleBase {
  readonly layoutGrids: readonly unknown[];
}

export interface PluginApiInput {
  readonly variables?: readonly PluginVariableInput[];
  readonly collections?: readonly PluginCollectionInput[];
  readonly paintStyles?: readonly PluginPaintStyleInput[];
  readonly textStyles?: readonly PluginTextStyleInput[];
  readonly effectStyles?: readonly PluginEffectStyleInput[];
  readonly gridStyles?: readonly PluginGridStyleInput[];
}

export interface NormalizePluginOptions {
  /**
   * Keep the remote (team library) variables, collections and styles given, marked
   * `source.remote`: the plugin passes those the file's tokens and components reach.
   */
  keepRemote?: boolean;
  /** ids of variables the plugin found deleted but still referenced (see NormalizeVariablesOptions.deleted) */
  deleted?: ReadonlySet<string>;
}

export interface NormalizeResult {
  tokens: TokenSet;
  warnings: string[];
}

/**
 * What the plugin reads with `getLocalVariablesAsync`, `getLocalVariableCollectionsAsync`
 * and `getLocal{Paint,Text,Effect,Grid}StylesAsync` → a token set. Styles go to one
 * collection of their own ("styles", one mode "default"); remote styles are skipped like
 * remote variables.
 */
export function normalizeFromPluginApi(input: PluginApiInput, options: NormalizePluginOptions = {}): NormalizeResult {
  const warnings: string[] = [];
  const { tokens, collections } = normalizeVariables(input.variables ?? [], input.collections ?? [], warnings, options);
  const skipRemote = (style: { remote: boolean }) => style.remote && !options.keepRemote;
  const markRemote = (token: Token | undefined, style: { remote: boolean }) => {
    if (token && style.remote) token.source = { ...(token.source ?? { kind: 'paintStyle' }), remote: true };
    return token;
  };

  const styleTokens: Token[] = [];
  let remote = 0;
  for (const style of input.paintStyles ?? []) {
    if (skipRemote(style)) {
      remote++;
      continue;
    }
    const token = markRemote(paintStyleToken(style, style.paints, warnings), style);
    if (token) styleTokens.push(token);
  }
  for (const style of input.textStyles ?? []) {
    if (skipRemote(style)) {
      remote++;
      continue;
    }
    const lineHeight = style.lineHeight.unit === 'AUTO' ? { unit: 'AUTO' as const } : style.lineHeight;
    const wght = style.fontName.variationSettings?.wght;
    styleTokens.push(
      markRemote(
        textStyleToken(
          style,
          {
            fontFamily: style.fontName.family,
            fontWeight: wght ?? fontWeightFromStyleName(style.fontName.style),
            fontStyleName: style.fontName.style,
            fontSize: style.fontSize,
            lineHeight,
            letterSpacing: style.letterSpacing,
            boundVariables: style.boundVariables,
          },
          warnings,
        ),
        style,
      )!,
    );
  }
  for (const style of input.effectStyles ?? []) {
    if (skipRemote(style)) {
      remote++;
      continue;
    }
    const token = markRemote(effectStyleToken(style, style.effects, warnings), style);
    if (token) styleTokens.push(token);
  }
  for (const style of input.gridStyles ?? []) {
    if (skipRemote(style)) {
      remote++;
      continue;
    }
    gridStyleSkipped(style, warnings);
  }
  if (remote > 0) warnings.push(`Skipped ${remote} remote (library) style(s): only local styles are kept`);
  if (styleTokens.length > 0) collections.push(stylesCollection());
  const set = { collections, tokens: [...tokens, ...styleTokens] };
  return { tokens: set, warnings: [...warnings, ...cssNameWarnings(set)] };
}
