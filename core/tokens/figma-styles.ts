import type { Token, Value } from '../contract/tokens.js';
import { figmaColorToDtcg, type FigmaRgba } from './colors.js';
import { figmaAlias } from './figma-variables.js';
import { STYLES_COLLECTION_ID, STYLES_MODE_ID } from './token-index.js';

/**
 * Style shapes common to the Plugin API and the REST API, after each adapter has read its
 * own source (figma-plugin.ts, figma-rest.ts). Bound variables are Figma `VariableAlias`es.
 */
export interface StyleMeta {
  readonly id: string;
  readonly name: string;
  readonly key?: string;
  readonly description?: string;
}

type Bound = { readonly type?: string; readonly id?: string } | undefined;

export interface PaintLike {
  readonly type: string;
  readonly visible?: boolean;
  readonly opacity?: number;
  readonly color?: FigmaRgba;
  readonly gradientStops?: readonly {
    readonly position: number;
    readonly color: FigmaRgba;
    readonly boundVariables?: { readonly color?: Bound };
  }[];
  readonly boundVariables?: { readonly color?: Bound };
}

export interface EffectLike {
  readonly type?: string;
  readonly visible?: boolean;
  readonly color?: FigmaRgba;
  readonly offset?: { readonly x: number; readonly y: number };
  readonly radius?: number;
  readonly spread?: number;
  readonly boundVariables?: { readonly [field: string]: Bound };
}

export interface TextLike {
  readonly fontFamily: string;
  /** undefined when the weight could not be read from the font's style name */
  readonly fontWeight: number | undefined;
  readonly fontStyleName?: string;
  readonly fontSize: number;
  readonly lineHeight: { readonly unit: 'PIXELS' | 'PERCENT' | 'AUTO'; readonly value?: number };
  readonly letterSpacing: { readonly unit: 'PIXELS' | 'PERCENT'; readonly value: number };
  readonly boundVariables?: { readonly [field: string]: Bound };
}

const px = (value: number) => ({ value, unit: 'px' });

function styleToken(
  meta: StyleMeta,
  kind: NonNullable<Token['source']>['kind'],
  type: Token['type'],
  value: Value,
): Token {
  const token: Token = {
    id: meta.id,
    name: meta.name,
    collectionId: STYLES_COLLECTION_ID,
    type,
    valuesByMode: { [STYLES_MODE_ID]: value },
    source: meta.key ? { kind, ref: meta.key } : { kind },
  };
  if (meta.description) token.description = meta.description;
  return token;
}

const label = (kind: string, meta: StyleMeta) => `${kind} style "${meta.name}" (${meta.id})`;

/** One visible SOLID paint → color; one visible gradient → gradient; anything else is skipped. */
export function paintStyleToken(meta: StyleMeta, paints: readonly PaintLike[], warnings: string[]): Token | undefined {
  const visible = paints.filter((p) => p.visible !== false);
  if (visible.length !== 1) {
    warnings.push(
      `${label('Paint', meta)} has ${visible.length} visible paints; only single-paint styles become tokens; skipped`,
    );
    return undefined;
  }
  const paint = visible[0]!;
  const opacity = paint.opacity ?? 1;
  if (paint.type === 'SOLID' && paint.color) {
    const bound = figmaAlias(paint.boundVariables?.color);
    if (bound && opacity !== 1)
      warnings.push(
        `${label('Paint', meta)}: paint opacity ${opacity} dropped because its color is bound to a variable`,
      );
    return styleToken(
      meta,
      'paintStyle',
      'color',
      (bound ?? figmaColorToDtcg(paint.color, opacity)) as unknown as Value,
    );
  }
  if (paint.type.startsWith('GRADIENT_') && paint.gradientStops) {
    const stops = paint.gradientStops.map((stop) => ({
      color: figmaAlias(stop.boundVariables?.color) ?? figmaColorToDtcg(stop.color, opacity),
      position: stop.position,
    }));
    const token = styleToken(meta, 'paintStyle', 'gradient', stops as unknown as Value);
    // DTCG gradients are only stops; the kind is kept for codegen (linear vs radial …).
    token.extensions = { 'com.figma': { paintType: paint.type } };
    return token;
  }
  warnings.push(`${label('Paint', meta)}: paint type ${paint.type} cannot be a token; skipped`);
  return undefined;
}

/** Drop and inner shadows → shadow (one layer: an object; several: an array, in Figma's order). */
export function effectStyleToken(
  meta: StyleMeta,
  effects: readonly EffectLike[],
  warnings: string[],
): Token | undefined {
  const layers: Record<string, unknown>[] = [];
  for (const effect of effects) {
    if (effect.visible === false) continue;
    // REST omits `type` on inner shadows in some payloads; an effect with an offset is a shadow.
    const type = effect.type ?? (effect.offset ? 'INNER_SHADOW' : 'UNKNOWN');
    if (type !== 'DROP_SHADOW' && type !== 'INNER_SHADOW') {
      warnings.push(`${label('Effect', meta)}: effect ${type} has no DTCG type; ignored`);
      continue;
    }
    const bound = (field: string) => figmaAlias(effect.boundVariables?.[field]);
    layers.push({
      color: bound('color') ?? figmaColorToDtcg(effect.color ?? { r: 0, g: 0, b: 0, a: 1 }),
      offsetX: bound('offsetX') ?? px(effect.offset?.x ?? 0),
      offsetY: bound('offsetY') ?? px(effect.offset?.y ?? 0),
      blur: bound('radius') ?? px(effect.radius ?? 0),
      spread: bound('spread') ?? px(effect.spread ?? 0),
      inset: type === 'INNER_SHADOW',
    });
  }
  if (layers.length === 0) {
    warnings.push(`${label('Effect', meta)} has no visible shadow; skipped`);
    return undefined;
  }
  return styleToken(meta, 'effectStyle', 'shadow', (layers.length === 1 ? layers[0] : layers) as unknown as Value);
}

/**
 * Text style → typography. Percent line heights become unitless ratios and percent letter
 * spacing becomes px (both are relative to the font size); AUTO line height is left out
 * (no DTCG equivalent; CSS `normal`).
 */
export function textStyleToken(meta: StyleMeta, text: TextLike, warnings: string[]): Token {
  const bound = (field: string) => figmaAlias(text.boundVariables?.[field]);
  const value: Record<string, unknown> = {
    fontFamily: bound('fontFamily') ?? text.fontFamily,
    fontSize: bound('fontSize') ?? px(text.fontSize),
  };
  const weight = bound('fontWeight');
  if (weight) value.fontWeight = weight;
  else if (text.fontWeight !== undefined) value.fontWeight = text.fontWeight;
  else {
    warnings.push(`${label('Text', meta)}: no weight known for font style "${text.fontStyleName ?? ''}"; assumed 400`);
    value.fontWeight = 400;
  }
  if (bound('fontStyle') && !weight) {
    warnings.push(`${label('Text', meta)}: font style is bound to a variable; the weight of the current style is used`);
  }
  const lineHeight = bound('lineHeight');
  if (lineHeight) value.lineHeight = lineHeight;
  else if (text.lineHeight.unit === 'PIXELS' && text.lineHeight.value !== undefined)
    value.lineHeight = px(text.lineHeight.value);
  else if (text.lineHeight.unit === 'PERCENT' && text.lineHeight.value !== undefined)
    value.lineHeight = round(text.lineHeight.value / 100);
  const letterSpacing = bound('letterSpacing');
  if (letterSpacing) value.letterSpacing = letterSpacing;
  else if (text.letterSpacing.unit === 'PIXELS') value.letterSpacing = px(text.letterSpacing.value);
  else value.letterSpacing = px(round((text.letterSpacing.value / 100) * text.fontSize));
  return styleToken(meta, 'textStyle', 'typography', value as Value);
}

/** Percent arithmetic leaves float noise (1.2000000000000002) that would change hashes. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

export function gridStyleSkipped(meta: StyleMeta, warnings: string[]): void {
  // Layout grids have no DTCG type and no consumer in codegen; a string would only carry noise.
  warnings.push(`${label('Grid', meta)} skipped: layout grids have no DTCG type`);
}
