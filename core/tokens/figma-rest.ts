import type { Effect, GetFileResponse, GetLocalVariablesResponse, Node, Paint, TypeStyle } from '@figma/rest-api-spec';
import type { Token } from '../contract/tokens.js';
import type { NormalizeResult } from './figma-plugin.js';
import {
  effectStyleToken,
  gridStyleSkipped,
  paintStyleToken,
  textStyleToken,
  type StyleMeta,
  type TextLike,
} from './figma-styles.js';
import { cssNameWarnings } from './css-name-warnings.js';
import { normalizeVariables } from './figma-variables.js';
import { stylesCollection } from './token-index.js';

export interface RestTokensInput {
  /** `GET /v1/files/:key/variables/local` (Enterprise only; absent when refused) */
  readonly variables?: Pick<GetLocalVariablesResponse, 'meta'>;
  /** the `styles` map of `GET /v1/files/:key`: style node id → style metadata */
  readonly styles?: GetFileResponse['styles'];
  /**
   * `nodes` of `GET /v1/files/:key/nodes?ids=<style node ids>`: the nodes that define the
   * styles' values (fills, text style, effects). A style without its node is skipped.
   */
  readonly styleNodes?: { readonly [nodeId: string]: { readonly document: Node } | null | undefined };
}

/**
 * The id the Plugin API gives a local style ("S:<key>,<node id>"). Style tokens use it from
 * both sources so that a plugin sync and a REST poll of the same file agree on identity.
 */
export function pluginStyleId(key: string, nodeId: string): string {
  return `S:${key},${nodeId}`;
}

/**
 * REST responses → a token set, with the same rules as normalizeFromPluginApi. `/variables/local`
 * lists the library variables the file uses (`remote: true`) with their collections: they are
 * kept, marked `source.remote`, as the plugin keeps those it follows, so a local alias of a
 * library variable resolves and both readers give the same tokens. Library styles are listed
 * without the nodes that define them (those live in the library's file): skipped with a warning.
 */
export function normalizeFromRest(input: RestTokensInput): NormalizeResult {
  const warnings: string[] = [];
  const meta = input.variables?.meta;
  const { tokens, collections } = normalizeVariables(
    Object.values(meta?.variables ?? {}),
    Object.values(meta?.variableCollections ?? {}),
    warnings,
    { keepRemote: true },
  );

  const styleTokens: Token[] = [];
  let remote = 0;
  for (const [nodeId, style] of Object.entries(input.styles ?? {})) {
    if (style.remote) {
      remote++;
      continue;
    }
    const styleMeta: StyleMeta = {
      id: pluginStyleId(style.key, nodeId),
      name: style.name,
      key: style.key,
      description: style.description,
    };
    if (style.styleType === 'GRID') {
      gridStyleSkipped(styleMeta, warnings);
      continue;
    }
    const node = input.styleNodes?.[nodeId]?.document as
      { fills?: readonly Paint[]; style?: TypeStyle; effects?: readonly Effect[] } | undefined;
    if (!node) {
      warnings.push(`Style "${style.name}" (${nodeId}): its node was not fetched; skipped`);
      continue;
    }
    let token: Token | undefined;
    if (style.styleType === 'FILL' && node.fills) token = paintStyleToken(styleMeta, node.fills, warnings);
    else if (style.styleType === 'EFFECT' && node.effects) token = effectStyleToken(styleMeta, node.effects, warnings);
    else if (style.styleType === 'TEXT' && node.style)
      token = textStyleToken(styleMeta, restText(node.style), warnings);
    else warnings.push(`Style "${style.name}" (${nodeId}): node has no ${style.styleType} properties; skipped`);
    if (token) styleTokens.push(token);
  }
  if (remote > 0) warnings.push(`Skipped ${remote} remote (library) style(s): only local styles are kept`);
  if (styleTokens.length > 0) collections.push(stylesCollection());
  const set = { collections, tokens: [...tokens, ...styleTokens] };
  return { tokens: set, warnings: [...warnings, ...cssNameWarnings(set)] };
}

function restText(style: TypeStyle): TextLike {
  let lineHeight: TextLike['lineHeight'];
  if (style.lineHeightUnit === 'FONT_SIZE_%' && style.lineHeightPercentFontSize !== undefined) {
    lineHeight = { unit: 'PERCENT', value: style.lineHeightPercentFontSize };
  } else if (style.lineHeightUnit === 'INTRINSIC_%') {
    lineHeight = { unit: 'AUTO' };
  } else if (style.lineHeightPx !== undefined) {
    lineHeight = { unit: 'PIXELS', value: style.lineHeightPx };
  } else {
    lineHeight = { unit: 'AUTO' };
  }
  return {
    fontFamily: style.fontFamily ?? '',
    fontWeight: style.fontWeight,
    fontStyleName: style.fontStyle,
    fontSize: style.fontSize ?? 0,
    lineHeight,
    // REST gives letter spacing in px already
    letterSpacing: { unit: 'PIXELS', value: style.letterSpacing ?? 0 },
    boundVariables: style.boundVariables,
  };
}
