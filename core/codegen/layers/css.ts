/**
 * One layer of one variant → the declarations of its element. Sizes come out exact in a
 * browser: every box is border-box, fixed sizes are explicit, strokes are drawn with
 * box-shadow (Figma's strokes never move content; a CSS border would), line heights are
 * explicit, and auto-layout children never shrink unless Figma would.
 */
import type { Layer, LayerLayout, LayerText } from '../../contract/layers.js';
import type { Decl } from '../bindings.js';
import type { CssVarNames } from '../css-vars.js';
import { formatComputed, formatNumber, formatSingle } from '../css-values.js';
import { fontWeightFromStyleName } from '../../tokens/values.js';
import type { NodeKind } from './tree.js';
import {
  backgroundDecls,
  blendMode,
  blurDecls,
  canonical,
  decl,
  halved,
  length,
  negated,
  paintColor,
  px,
  shadowList,
  visiblePaints,
} from './values.js';

export interface LayerCssInput {
  readonly layer: Layer;
  /** the parent layer in this variant; undefined for the variant's root */
  readonly parent: Layer | undefined;
  readonly kind: NodeKind;
  /** the element the layer renders as ("span", "button", "input", "svg") */
  readonly tag: string;
  readonly names: CssVarNames;
}

const JUSTIFY: Readonly<Record<string, string>> = {
  MIN: 'flex-start',
  CENTER: 'center',
  MAX: 'flex-end',
  SPACE_BETWEEN: 'space-between',
};
const ALIGN: Readonly<Record<string, string>> = {
  MIN: 'flex-start',
  CENTER: 'center',
  MAX: 'flex-end',
  BASELINE: 'baseline',
};

const isAuto = (layout: LayerLayout | undefined): boolean =>
  layout?.layoutMode === 'HORIZONTAL' || layout?.layoutMode === 'VERTICAL';

/** Padding, gaps and alignment of a frame with auto layout (or grid). */
/** The topmost paint: Figma lists paints bottom to top. */
function lastOf<T>(list: readonly T[]): T | undefined {
  return list[list.length - 1];
}

function containerDecls(layer: Layer, isRoot: boolean, names: CssVarNames): Decl[] {
  const layout = layer.layout;
  const out: Decl[] = [];
  const mode = layout?.layoutMode;
  if (mode === 'HORIZONTAL' || mode === 'VERTICAL') {
    const row = mode === 'HORIZONTAL';
    out.push(decl('display', isRoot ? 'inline-flex' : 'flex'));
    out.push(decl('flex-direction', row ? 'row' : 'column'));
    if (layout?.layoutWrap === 'WRAP') out.push(decl('flex-wrap', 'wrap'));
    out.push(decl('justify-content', JUSTIFY[layout?.primaryAxisAlignItems ?? 'MIN'] ?? 'flex-start'));
    out.push(decl('align-items', ALIGN[layout?.counterAxisAlignItems ?? 'MIN'] ?? 'flex-start'));
    if (layout?.layoutWrap === 'WRAP')
      out.push(
        decl('align-content', layout.counterAxisAlignContent === 'SPACE_BETWEEN' ? 'space-between' : 'flex-start'),
      );
    // Figma ignores the spacing of a space-between layout; CSS gaps cannot be negative.
    const spacing = layout?.itemSpacing;
    if (spacing !== undefined && layout?.primaryAxisAlignItems !== 'SPACE_BETWEEN') {
      const value = typeof spacing === 'number' && spacing < 0 ? '0' : length(spacing, names);
      out.push(decl(row ? 'column-gap' : 'row-gap', value));
    }
    if (layout?.layoutWrap === 'WRAP' && layout.counterAxisSpacing !== undefined)
      out.push(decl(row ? 'row-gap' : 'column-gap', length(layout.counterAxisSpacing, names)));
  } else if (mode === 'GRID') {
    out.push(decl('display', isRoot ? 'inline-grid' : 'grid'));
    const columns = layout?.gridColumnCount ?? 1;
    const rows = layout?.gridRowCount ?? 1;
    out.push(decl('grid-template-columns', `repeat(${columns}, minmax(0, 1fr))`));
    out.push(decl('grid-template-rows', `repeat(${rows}, auto)`));
    if (layout?.gridRowGap !== undefined) out.push(decl('row-gap', length(layout.gridRowGap, names)));
    if (layout?.gridColumnGap !== undefined) out.push(decl('column-gap', length(layout.gridColumnGap, names)));
  } else if (isRoot) {
    out.push(decl('display', 'inline-block'));
  }
  if (mode !== undefined && mode !== 'NONE') {
    const sides = ['Top', 'Right', 'Bottom', 'Left'] as const;
    for (const side of sides) {
      const value = layout?.[`padding${side}`];
      if (value !== undefined) out.push(decl(`padding-${side.toLowerCase()}`, length(value, names)));
    }
  }
  return out;
}

function minMax(layout: LayerLayout | undefined, names: CssVarNames): Decl[] {
  const out: Decl[] = [];
  if (layout?.minWidth !== undefined) out.push(decl('min-width', length(layout.minWidth, names)));
  if (layout?.maxWidth !== undefined) out.push(decl('max-width', length(layout.maxWidth, names)));
  if (layout?.minHeight !== undefined) out.push(decl('min-height', length(layout.minHeight, names)));
  if (layout?.maxHeight !== undefined) out.push(decl('max-height', length(layout.maxHeight, names)));
  return out;
}

/** Whether text sizes itself along an axis (then CSS must not fix that size). */
function textHugs(text: LayerText | undefined, axis: 'width' | 'height'): boolean {
  const mode = text?.textAutoResize ?? 'NONE';
  if (axis === 'width') return mode === 'WIDTH_AND_HEIGHT';
  return mode === 'WIDTH_AND_HEIGHT' || mode === 'HEIGHT';
}

/** Sizing along one axis of a child of an auto-layout frame. */
function flexChildDecls(input: LayerCssInput, parentRow: boolean): Decl[] {
  const { layer } = input;
  const layout = layer.layout;
  const out: Decl[] = [];
  // A frame without auto layout has no content size to hug: Figma keeps its size fixed.
  const hugless = input.kind !== 'text' && !isAuto(layout) && layout?.layoutMode !== 'GRID';
  // Answers without layoutSizing* (older REST files) say FILL with layoutGrow and layoutAlign.
  const legacyFill = (axis: 'width' | 'height'): boolean =>
    (axis === 'width') === parentRow ? (layout?.layoutGrow ?? 0) > 0 : layout?.layoutAlign === 'STRETCH';
  const sized = (s: 'FIXED' | 'HUG' | 'FILL' | undefined, axis: 'width' | 'height'): 'FIXED' | 'HUG' | 'FILL' => {
    if (s === undefined && legacyFill(axis)) return 'FILL';
    const value = s ?? defaultSizing(input, axis);
    return value === 'HUG' && hugless ? 'FIXED' : value;
  };
  const horizontal = sized(layout?.layoutSizingHorizontal, 'width');
  const vertical = sized(layout?.layoutSizingVertical, 'height');
  const primary = parentRow ? horizontal : vertical;
  const counter = parentRow ? vertical : horizontal;
  const primarySize = parentRow ? 'width' : 'height';
  const counterSize = parentRow ? 'height' : 'width';
  if (primary === 'FILL') {
    out.push(decl('flex', '1 1 0'));
    const min = parentRow ? layout?.minWidth : layout?.minHeight;
    if (min === undefined) out.push(decl(parentRow ? 'min-width' : 'min-height', '0'));
  } else {
    out.push(decl('flex', 'none'));
    if (primary === 'FIXED') out.push(decl(primarySize, px(layer.box[primarySize])));
  }
  if (counter === 'FILL') out.push(decl('align-self', 'stretch'));
  else if (counter === 'FIXED') out.push(decl(counterSize, px(layer.box[counterSize])));
  return out;
}

function defaultSizing(input: LayerCssInput, axis: 'width' | 'height'): 'FIXED' | 'HUG' {
  if (input.kind === 'text') return textHugs(input.layer.text, axis) ? 'HUG' : 'FIXED';
  return 'FIXED';
}

/** A child placed by its constraints inside a frame without auto layout (or taken out of one). */
function absoluteDecls(input: LayerCssInput, parent: Layer): Decl[] {
  const { layer } = input;
  const out: Decl[] = [decl('position', 'absolute')];
  const c = layer.layout?.constraints ?? { horizontal: 'MIN', vertical: 'MIN' };
  const axis = (
    constraint: string,
    offset: number,
    size: number,
    parentSize: number,
    start: string,
    end: string,
    dimension: 'width' | 'height',
  ): void => {
    const hugs = input.kind === 'text' && textHugs(layer.text, dimension);
    const far = parentSize - offset - size;
    switch (constraint) {
      case 'MAX':
        out.push(decl(end, px(far)));
        if (!hugs) out.push(decl(dimension, px(size)));
        break;
      case 'STRETCH':
        out.push(decl(start, px(offset)), decl(end, px(far)));
        break;
      case 'CENTER':
        out.push(decl(start, `calc(50% - ${px(parentSize / 2 - offset)})`));
        if (!hugs) out.push(decl(dimension, px(size)));
        break;
      case 'SCALE':
        out.push(decl(start, pct(offset, parentSize)));
        out.push(decl(dimension, pct(size, parentSize)));
        break;
      default:
        out.push(decl(start, px(offset)));
        if (!hugs) out.push(decl(dimension, px(size)));
    }
  };
  axis(c.horizontal, layer.box.x - parent.box.x, layer.box.width, parent.box.width, 'left', 'right', 'width');
  axis(c.vertical, layer.box.y - parent.box.y, layer.box.height, parent.box.height, 'top', 'bottom', 'height');
  return out;
}

const pct = (part: number, whole: number): string =>
  whole === 0 ? '0' : `${formatComputed(Math.round((part / whole) * 1_000_000) / 10_000)}%`;

function placementDecls(input: LayerCssInput): Decl[] {
  const { layer, parent } = input;
  if (!parent) {
    // The variant itself: its own size unless it hugs its content.
    const out: Decl[] = [decl('position', 'relative')];
    const auto = isAuto(layer.layout) || layer.layout?.layoutMode === 'GRID';
    if (!auto || layer.layout?.layoutSizingHorizontal !== 'HUG') out.push(decl('width', px(layer.box.width)));
    if (!auto || layer.layout?.layoutSizingVertical !== 'HUG') out.push(decl('height', px(layer.box.height)));
    return out;
  }
  const parentMode = parent.layout?.layoutMode;
  if (layer.layout?.layoutPositioning === 'ABSOLUTE' || parentMode === undefined || parentMode === 'NONE')
    return absoluteDecls(input, parent);
  // Children placed by constraints (or taken out of auto layout) are placed within this layer,
  // not within the nearest positioned ancestor.
  const containing = (layer.children ?? []).length > 0 ? [decl('position', 'relative')] : [];
  if (parentMode === 'GRID') {
    const out: Decl[] = [...containing];
    const h = layer.layout?.layoutSizingHorizontal ?? 'FIXED';
    const v = layer.layout?.layoutSizingVertical ?? 'FIXED';
    if (h === 'FIXED') out.push(decl('width', px(layer.box.width)));
    if (h !== 'FILL') out.push(decl('justify-self', 'start'));
    if (v === 'FIXED') out.push(decl('height', px(layer.box.height)));
    if (v !== 'FILL') out.push(decl('align-self', 'start'));
    return out;
  }
  return [...containing, ...flexChildDecls(input, parentMode === 'HORIZONTAL')];
}

/** Strokes as box-shadows: INSIDE inset, OUTSIDE spread, CENTER half of each; per side when sides differ. */
function strokeShadows(layer: Layer, names: CssVarNames): string[] {
  const style = layer.style;
  const paint = lastOf(visiblePaints(style?.strokes));
  if (!paint) return [];
  const color = paintColor(paint, names) ?? '#d9d9d9';
  const uniform = style?.strokeWeight ?? 1;
  const sides = {
    top: style?.strokeTopWeight ?? uniform,
    right: style?.strokeRightWeight ?? uniform,
    bottom: style?.strokeBottomWeight ?? uniform,
    left: style?.strokeLeftWeight ?? uniform,
  };
  const align = style?.strokeAlign ?? 'INSIDE';
  const same = [sides.right, sides.bottom, sides.left].every((s) => canonical(s) === canonical(sides.top));
  if (same) {
    const w = sides.top;
    if (typeof w === 'number' && w === 0) return [];
    if (align === 'OUTSIDE') return [`0 0 0 ${length(w, names)} ${color}`];
    if (align === 'CENTER') return [`inset 0 0 0 ${halved(w, names)} ${color}`, `0 0 0 ${halved(w, names)} ${color}`];
    return [`inset 0 0 0 ${length(w, names)} ${color}`];
  }
  const out: string[] = [];
  const one = (w: (typeof sides)['top'], dx: -1 | 0 | 1, dy: -1 | 0 | 1): void => {
    if (typeof w === 'number' && w === 0) return;
    const v = length(w, names);
    const inset = (d: number): string => (d === 0 ? '0' : d > 0 ? v : negated(v));
    // Inside: an inset shadow offset into the box from that side; outside: offset out of it.
    if (align !== 'OUTSIDE') out.push(`inset ${inset(dx)} ${inset(dy)} 0 0 ${color}`);
    if (align !== 'INSIDE') out.push(`${inset(-dx)} ${inset(-dy)} 0 0 ${color}`);
  };
  one(sides.top, 0, 1);
  one(sides.right, -1, 0);
  one(sides.bottom, 0, -1);
  one(sides.left, 1, 0);
  return out;
}

function radiusDecls(layer: Layer, names: CssVarNames): Decl[] {
  const style = layer.style;
  if (!style) return [];
  if (layer.type === 'ELLIPSE') return [decl('border-radius', '50%')];
  const corners = [
    ['border-top-left-radius', style.topLeftRadius],
    ['border-top-right-radius', style.topRightRadius],
    ['border-bottom-right-radius', style.bottomRightRadius],
    ['border-bottom-left-radius', style.bottomLeftRadius],
  ] as const;
  const out: Decl[] = [];
  for (const [property, value] of corners) {
    const v = value ?? style.cornerRadius;
    if (v !== undefined && !(typeof v === 'number' && v === 0)) out.push(decl(property, length(v, names)));
  }
  return out;
}

function commonStyleDecls(input: LayerCssInput): Decl[] {
  const { layer, names, kind } = input;
  const style = layer.style;
  const out: Decl[] = [];
  if (kind === 'box' || kind === 'instance' || kind === 'slot') {
    out.push(...backgroundDecls(style?.fills, layer.box, names));
    if (style?.strokeDashes && style.strokeDashes.length > 0 && visiblePaints(style.strokes).length > 0)
      out.push(decl('', '', 'dashed stroke: drawn solid (CSS box-shadows have no dashes)'));
    const shadows = [...strokeShadows(layer, names), ...shadowList(style?.effects, names)];
    if (shadows.length > 0) out.push(decl('box-shadow', shadows.join(', ')));
    out.push(...radiusDecls(layer, names));
  }
  if (kind === 'vector') {
    const shadows = shadowList(style?.effects, names).filter((s) => !s.startsWith('inset'));
    if (shadows.length > 0) out.push(decl('filter', shadows.map((s) => `drop-shadow(${s})`).join(' ')));
  }
  if (kind === 'text') {
    const shadows = shadowList(style?.effects, names, true);
    if (shadows.length > 0) out.push(decl('text-shadow', shadows.join(', ')));
  }
  if (kind !== 'vector') out.push(...blurDecls(style?.effects));
  const opacity = style?.opacity;
  if (opacity !== undefined) {
    const value = typeof opacity === 'number' ? opacity : opacity.value;
    const token = typeof opacity === 'number' ? undefined : input.names.name(opacity.token);
    if (token !== undefined) out.push(decl('opacity', `var(${token})`));
    else if (value < 1) out.push(decl('opacity', formatNumber(Math.round(value * 1000) / 1000)));
  }
  const blend = blendMode(style?.blendMode);
  if (blend !== undefined) out.push(decl('mix-blend-mode', blend));
  if (style?.clipsContent === true) out.push(decl('overflow', 'hidden'));
  return out;
}

const TEXT_CASE: Readonly<Record<string, [string, string]>> = {
  UPPER: ['text-transform', 'uppercase'],
  LOWER: ['text-transform', 'lowercase'],
  TITLE: ['text-transform', 'capitalize'],
  SMALL_CAPS: ['font-variant-caps', 'small-caps'],
  SMALL_CAPS_FORCED: ['font-variant-caps', 'all-small-caps'],
};
const TEXT_ALIGN: Readonly<Record<string, string>> = {
  LEFT: 'left',
  CENTER: 'center',
  RIGHT: 'right',
  JUSTIFIED: 'justify',
};

type CharacterStyle = Pick<
  LayerText,
  | 'fontName'
  | 'fontSize'
  | 'fontWeight'
  | 'lineHeight'
  | 'letterSpacing'
  | 'textCase'
  | 'textDecoration'
  | 'fills'
  | 'textStyle'
>;

/**
 * The generic family after the design's own: where the design's font is not installed, the
 * browser falls back to a font of the same kind (its default is a serif), and the design's name
 * stays first so the real font is used wherever it exists.
 */
function genericFamily(family: string): string {
  if (/mono|code|courier|consol/i.test(family)) return 'monospace';
  if (/serif/i.test(family) && !/sans/i.test(family)) return 'serif';
  return 'sans-serif';
}

/** Font, colour and decoration of text (a whole layer or one styled segment). */
export function characterDecls(text: CharacterStyle, names: CssVarNames): Decl[] {
  const out: Decl[] = [];
  const styleToken = text.textStyle === undefined ? undefined : names.token(text.textStyle);
  const sub = (part: 'family' | 'size' | 'weight' | 'line-height' | 'letter-spacing'): string | undefined => {
    if (styleToken?.type !== 'typography' || text.textStyle === undefined) return undefined;
    const name = names.sub(text.textStyle, part);
    return name === undefined ? undefined : `var(${name})`;
  };
  const family = text.fontName ? formatSingle('fontFamily', text.fontName.family, names) : undefined;
  // A text style's family keeps the generic fallback too: a machine without the font never shows a serif.
  const generic = text.fontName ? `, ${genericFamily(text.fontName.family)}` : '';
  const styled = sub('family');
  const familyValue =
    (styled === undefined ? undefined : `${styled}${generic}`) ??
    (family?.ok && text.fontName ? `${family.value}${generic}` : undefined);
  if (familyValue !== undefined) out.push(decl('font-family', familyValue));
  const size = sub('size') ?? (text.fontSize === undefined ? undefined : length(text.fontSize, names));
  if (size !== undefined) out.push(decl('font-size', size));
  const weight =
    sub('weight') ??
    (text.fontWeight !== undefined
      ? formatNumber(text.fontWeight)
      : text.fontName
        ? String(fontWeightFromStyleName(text.fontName.style) ?? 400)
        : undefined);
  if (weight !== undefined) out.push(decl('font-weight', weight));
  if (text.fontName && /italic|oblique/i.test(text.fontName.style)) out.push(decl('font-style', 'italic'));
  const lh = text.lineHeight;
  const lineHeight =
    sub('line-height') ??
    (lh === undefined
      ? undefined
      : lh.unit === 'AUTO'
        ? 'normal'
        : lh.unit === 'PIXELS'
          ? length(lh.value, names)
          : `${formatComputed(typeof lh.value === 'number' ? lh.value : lh.value.value)}%`);
  if (lineHeight !== undefined) out.push(decl('line-height', lineHeight));
  const ls = text.letterSpacing;
  const spacing =
    sub('letter-spacing') ??
    (ls === undefined
      ? undefined
      : ls.unit === 'PIXELS'
        ? length(ls.value, names)
        : `${formatComputed(Math.round((typeof ls.value === 'number' ? ls.value : ls.value.value) * 100) / 10000)}em`);
  if (spacing !== undefined && spacing !== '0' && spacing !== '0em') out.push(decl('letter-spacing', spacing));
  const textCase = text.textCase === undefined ? undefined : TEXT_CASE[text.textCase];
  if (textCase) out.push(decl(textCase[0], textCase[1]));
  if (text.textDecoration === 'UNDERLINE') out.push(decl('text-decoration', 'underline'));
  if (text.textDecoration === 'STRIKETHROUGH') out.push(decl('text-decoration', 'line-through'));
  const paint = lastOf(visiblePaints(text.fills));
  const color = paint ? paintColor(paint, names) : undefined;
  if (color !== undefined) out.push(decl('color', color));
  return out;
}

function textDecls(input: LayerCssInput): Decl[] {
  const text = input.layer.text;
  if (!text) return [];
  // A text layer's own fills are its layer's (readers keep them in `style`, as Figma's node has
  // them); `text.fills` is only set where a range differs.
  const out = characterDecls({ ...text, fills: text.fills ?? input.layer.style?.fills }, input.names);
  const align = TEXT_ALIGN[text.textAlignHorizontal ?? 'LEFT'];
  if (align !== undefined) out.push(decl('text-align', align));
  const mode = text.textAutoResize ?? 'NONE';
  const truncate = text.textTruncation === 'ENDING' || mode === 'TRUNCATE';
  const lines = text.maxLines ?? undefined;
  if (truncate && lines !== undefined && lines > 1) {
    out.push(
      decl('display', '-webkit-box'),
      decl('-webkit-box-orient', 'vertical'),
      decl('-webkit-line-clamp', String(lines)),
      decl('overflow', 'hidden'),
      decl('white-space', 'pre-wrap'),
    );
  } else if (truncate) {
    out.push(decl('overflow', 'hidden'), decl('text-overflow', 'ellipsis'), decl('white-space', 'pre'));
  } else {
    // Auto-width text never wraps in Figma; other text wraps at its box and keeps its line breaks.
    out.push(decl('white-space', mode === 'WIDTH_AND_HEIGHT' ? 'pre' : 'pre-wrap'));
    const vertical = text.textAlignVertical ?? 'TOP';
    if (mode === 'NONE' && vertical !== 'TOP') {
      out.push(
        decl('display', 'flex'),
        decl('flex-direction', 'column'),
        decl('justify-content', vertical === 'CENTER' ? 'center' : 'flex-end'),
      );
    }
  }
  return out;
}

/** Resets of the element a layer renders as, so the design's box is the element's box. */
const TAG_RESETS: Readonly<Record<string, readonly Decl[]>> = {
  p: [decl('margin', '0')],
  label: [decl('margin', '0')],
  HeadingTag: [decl('margin', '0')],
  input: [
    decl('margin', '0'),
    decl('padding', '0'),
    decl('border', '0'),
    decl('background', 'transparent'),
    decl('outline-offset', '2px'),
  ],
  svg: [decl('display', 'block'), decl('overflow', 'visible')],
};

/** Every declaration of one layer's element in one variant, without duplicates (the first says it). */
export function layerDecls(input: LayerCssInput): Decl[] {
  const { layer, names, kind } = input;
  const all: Decl[] = [...(TAG_RESETS[input.tag] ?? [])];
  if (kind !== 'text' && kind !== 'vector' && input.parent !== undefined && layer.type !== 'INSTANCE')
    all.push(decl('box-sizing', 'border-box'));
  if (input.parent === undefined) all.push(decl('box-sizing', 'border-box'));
  if (kind === 'box' || kind === 'instance' || kind === 'slot')
    all.push(...containerDecls(layer, input.parent === undefined, names));
  if (kind === 'text' && input.tag === 'input') {
    // A native input has an intrinsic width: the design's width is the one it must have.
    all.push(decl('min-width', '0'));
  }
  all.push(...placementDecls(input), ...minMax(layer.layout, names));
  if (kind === 'text' && input.tag === 'input' && !all.some((d) => d.property === 'width' || d.property === 'flex'))
    all.push(decl('width', px(layer.box.width)));
  all.push(...commonStyleDecls(input));
  if (kind === 'text') all.push(...textDecls(input));
  if (kind === 'vector') {
    const fill = lastOf(visiblePaints(layer.style?.fills));
    const stroke = lastOf(visiblePaints(layer.style?.strokes));
    const fillColor = fill ? paintColor(fill, names) : undefined;
    const strokeColor = stroke ? paintColor(stroke, names) : undefined;
    if (fillColor !== undefined) all.push(decl('fill', fillColor));
    // Stroke outlines are filled paths painted with currentColor.
    if (strokeColor !== undefined) all.push(decl('color', strokeColor));
  }
  const seen = new Set<string>();
  return all.filter((d) => {
    const key = d.property === '' ? `/*${d.comment ?? ''}*/` : d.property;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
