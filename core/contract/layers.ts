/**
 * The layer tree of a variant (DESIGN.md "Layer tree"): what a variant looks like, so that
 * generated code can look like it. Field names are the Plugin API's where one exists. Both
 * readers (plugin, REST) produce these shapes through one normalizer (core/specs/layers).
 *
 * A value Figma lets a designer bind to a variable or style is either the literal or
 * `{ token, value }`: the token id and the value Figma resolved it to (so previews and literals
 * never need the token set). `box` is geometry for previews and fidelity only; change detection
 * ignores it.
 */
import { z } from 'zod';
import { LAYER_LIMITS } from './layer-limits.js';

export { LAYER_LIMITS } from './layer-limits.js';

const coordinate = z
  .number()
  .finite()
  .min(-LAYER_LIMITS.coordinate, `is beyond ±${LAYER_LIMITS.coordinate} px`)
  .max(LAYER_LIMITS.coordinate, `is beyond ±${LAYER_LIMITS.coordinate} px`);
const length = coordinate.min(0, 'is negative');
const unit = z.number().finite().min(0).max(1);
const tokenId = z.string().min(1).max(500);

/** A number a designer may bind to a variable: the literal, or the token and its resolved value. */
export const BoundNumber = z.union([coordinate, z.object({ token: tokenId, value: coordinate }).strict()]);
export type BoundNumber = z.infer<typeof BoundNumber>;
export const BoundLength = z.union([length, z.object({ token: tokenId, value: length }).strict()]);
export type BoundLength = z.infer<typeof BoundLength>;

export const Box = z.object({ x: coordinate, y: coordinate, width: length, height: length }).strict();
export type Box = z.infer<typeof Box>;

/** Figma colours are 0–1 floats. */
export const Rgba = z.object({ r: unit, g: unit, b: unit, a: unit }).strict();
export type Rgba = z.infer<typeof Rgba>;

const blendMode = z.string().max(40);

const SolidPaint = z
  .object({
    type: z.literal('SOLID'),
    color: Rgba,
    opacity: unit.optional(),
    visible: z.boolean().optional(),
    blendMode: blendMode.optional(),
    /** the variable the colour is bound to */
    token: tokenId.optional(),
  })
  .strict();

const ColorStop = z.object({ position: unit, color: Rgba, token: tokenId.optional() }).strict();

const GradientPaint = z
  .object({
    type: z.enum(['GRADIENT_LINEAR', 'GRADIENT_RADIAL', 'GRADIENT_ANGULAR', 'GRADIENT_DIAMOND']),
    gradientStops: z.array(ColorStop).min(1).max(LAYER_LIMITS.stopsPerGradient),
    /**
     * Start, end and width handles in the layer's unit square (REST `gradientHandlePositions`;
     * the plugin adapter derives them from `gradientTransform`).
     */
    gradientHandlePositions: z
      .array(z.object({ x: coordinate, y: coordinate }).strict())
      .length(3)
      .optional(),
    opacity: unit.optional(),
    visible: z.boolean().optional(),
    blendMode: blendMode.optional(),
  })
  .strict();

/** An image fill is a placeholder in code (with a warning): the image itself is not synced. */
const ImagePaint = z
  .object({
    type: z.enum(['IMAGE', 'VIDEO', 'PATTERN']),
    scaleMode: z.string().max(20).optional(),
    imageHash: z.string().max(200).nullable().optional(),
    opacity: unit.optional(),
    visible: z.boolean().optional(),
  })
  .strict();

export const Paint = z.discriminatedUnion('type', [SolidPaint, GradientPaint, ImagePaint]);
export type Paint = z.infer<typeof Paint>;

export const Effect = z
  .object({
    type: z.enum(['DROP_SHADOW', 'INNER_SHADOW', 'LAYER_BLUR', 'BACKGROUND_BLUR']),
    visible: z.boolean().optional(),
    radius: BoundLength,
    color: Rgba.optional(),
    offset: z.object({ x: BoundNumber, y: BoundNumber }).strict().optional(),
    spread: BoundNumber.optional(),
    blendMode: blendMode.optional(),
    /** the variable the colour is bound to */
    colorToken: tokenId.optional(),
  })
  .strict();
export type Effect = z.infer<typeof Effect>;

const Constraint = z.enum(['MIN', 'CENTER', 'MAX', 'STRETCH', 'SCALE']);
const Sizing = z.enum(['FIXED', 'HUG', 'FILL']);

export const LayerLayout = z
  .object({
    layoutMode: z.enum(['NONE', 'HORIZONTAL', 'VERTICAL', 'GRID']).optional(),
    layoutWrap: z.enum(['NO_WRAP', 'WRAP']).optional(),
    paddingLeft: BoundLength.optional(),
    paddingRight: BoundLength.optional(),
    paddingTop: BoundLength.optional(),
    paddingBottom: BoundLength.optional(),
    /** negative spacing overlaps items, as Figma allows */
    itemSpacing: BoundNumber.optional(),
    counterAxisSpacing: BoundNumber.optional(),
    primaryAxisAlignItems: z.enum(['MIN', 'CENTER', 'MAX', 'SPACE_BETWEEN']).optional(),
    counterAxisAlignItems: z.enum(['MIN', 'CENTER', 'MAX', 'BASELINE']).optional(),
    counterAxisAlignContent: z.enum(['AUTO', 'SPACE_BETWEEN']).optional(),
    itemReverseZIndex: z.boolean().optional(),
    strokesIncludedInLayout: z.boolean().optional(),
    /** grid auto layout (Plugin API names) */
    gridRowCount: z.number().int().min(0).max(1000).optional(),
    gridColumnCount: z.number().int().min(0).max(1000).optional(),
    gridRowGap: BoundLength.optional(),
    gridColumnGap: BoundLength.optional(),
    /** this layer as a child of its parent */
    layoutSizingHorizontal: Sizing.optional(),
    layoutSizingVertical: Sizing.optional(),
    layoutPositioning: z.enum(['AUTO', 'ABSOLUTE']).optional(),
    layoutGrow: z.number().finite().min(0).max(1000).optional(),
    layoutAlign: z.enum(['MIN', 'CENTER', 'MAX', 'STRETCH', 'INHERIT']).optional(),
    minWidth: BoundLength.optional(),
    maxWidth: BoundLength.optional(),
    minHeight: BoundLength.optional(),
    maxHeight: BoundLength.optional(),
    /** in a frame without auto layout */
    constraints: z.object({ horizontal: Constraint, vertical: Constraint }).strict().optional(),
    /** rotation in degrees, counter-clockwise as Figma's */
    rotation: z.number().finite().min(-360).max(360).optional(),
  })
  .strict();
export type LayerLayout = z.infer<typeof LayerLayout>;

export const LayerStyle = z
  .object({
    fills: z.array(Paint).max(LAYER_LIMITS.paintsPerLayer).optional(),
    strokes: z.array(Paint).max(LAYER_LIMITS.paintsPerLayer).optional(),
    /** paint styles: the whole list is bound to the style's token */
    fillStyle: tokenId.optional(),
    strokeStyle: tokenId.optional(),
    effectStyle: tokenId.optional(),
    strokeWeight: BoundLength.optional(),
    strokeTopWeight: BoundLength.optional(),
    strokeRightWeight: BoundLength.optional(),
    strokeBottomWeight: BoundLength.optional(),
    strokeLeftWeight: BoundLength.optional(),
    strokeAlign: z.enum(['INSIDE', 'OUTSIDE', 'CENTER']).optional(),
    strokeDashes: z.array(length).max(20).optional(),
    cornerRadius: BoundLength.optional(),
    topLeftRadius: BoundLength.optional(),
    topRightRadius: BoundLength.optional(),
    bottomRightRadius: BoundLength.optional(),
    bottomLeftRadius: BoundLength.optional(),
    effects: z.array(Effect).max(LAYER_LIMITS.paintsPerLayer).optional(),
    opacity: z.union([unit, z.object({ token: tokenId, value: unit }).strict()]).optional(),
    blendMode: blendMode.optional(),
    clipsContent: z.boolean().optional(),
  })
  .strict();
export type LayerStyle = z.infer<typeof LayerStyle>;

const FontName = z.object({ family: z.string().min(1).max(200), style: z.string().max(200) }).strict();
const LineHeight = z.union([
  z.object({ unit: z.literal('AUTO') }).strict(),
  z.object({ unit: z.enum(['PIXELS', 'PERCENT']), value: BoundLength }).strict(),
]);
const LetterSpacing = z.object({ unit: z.enum(['PIXELS', 'PERCENT']), value: BoundNumber }).strict();
const TextCase = z.enum(['ORIGINAL', 'UPPER', 'LOWER', 'TITLE', 'SMALL_CAPS', 'SMALL_CAPS_FORCED']);
const TextDecoration = z.enum(['NONE', 'UNDERLINE', 'STRIKETHROUGH']);

/** The character styles that may differ within one text layer. */
const CharacterStyle = {
  fontName: FontName.optional(),
  fontSize: BoundLength.optional(),
  fontWeight: z.number().finite().min(1).max(1000).optional(),
  lineHeight: LineHeight.optional(),
  letterSpacing: LetterSpacing.optional(),
  textCase: TextCase.optional(),
  textDecoration: TextDecoration.optional(),
  fills: z.array(Paint).max(LAYER_LIMITS.paintsPerLayer).optional(),
  /** a text style the characters use */
  textStyle: tokenId.optional(),
};

export const TextSegment = z
  .object({
    start: z.number().int().min(0).max(LAYER_LIMITS.characters),
    end: z.number().int().min(0).max(LAYER_LIMITS.characters),
    ...CharacterStyle,
  })
  .strict();
export type TextSegment = z.infer<typeof TextSegment>;

export const LayerText = z
  .object({
    characters: z.string().max(LAYER_LIMITS.characters),
    ...CharacterStyle,
    textAlignHorizontal: z.enum(['LEFT', 'CENTER', 'RIGHT', 'JUSTIFIED']).optional(),
    textAlignVertical: z.enum(['TOP', 'CENTER', 'BOTTOM']).optional(),
    textAutoResize: z.enum(['NONE', 'WIDTH_AND_HEIGHT', 'HEIGHT', 'TRUNCATE']).optional(),
    textTruncation: z.enum(['DISABLED', 'ENDING']).optional(),
    maxLines: z.number().int().min(1).max(1000).nullable().optional(),
    paragraphSpacing: length.optional(),
    /** present when styles differ within the text: each range with what differs from the layer's own */
    segments: z.array(TextSegment).max(LAYER_LIMITS.segmentsPerText).optional(),
  })
  .strict();
export type LayerText = z.infer<typeof LayerText>;

export const VectorPath = z
  .object({
    path: z.string().max(LAYER_LIMITS.pathChars, `is longer than ${LAYER_LIMITS.pathChars} characters`),
    windingRule: z.enum(['NONZERO', 'EVENODD', 'NONE']),
  })
  .strict();
export type VectorPath = z.infer<typeof VectorPath>;

export const LayerVector = z
  .object({
    fillGeometry: z.array(VectorPath).max(LAYER_LIMITS.pathsPerVector).optional(),
    strokeGeometry: z.array(VectorPath).max(LAYER_LIMITS.pathsPerVector).optional(),
  })
  .strict();
export type LayerVector = z.infer<typeof LayerVector>;

export const LayerInstance = z
  .object({
    componentId: z.string().min(1).max(LAYER_LIMITS.name),
    componentKey: z.string().max(200).optional(),
    /** the component's own name ("Size=Small, Icon=True" for a variant) */
    componentName: z.string().max(LAYER_LIMITS.name),
    /** the set the component is a variant of, when it is one */
    componentSetId: z.string().max(LAYER_LIMITS.name).optional(),
    componentSetKey: z.string().max(200).optional(),
    componentSetName: z.string().max(LAYER_LIMITS.name).optional(),
    /** property values of the instance, by display name (no "#id" suffix) */
    properties: z.record(z.string().max(200), z.union([z.string().max(5000), z.boolean()])).optional(),
  })
  .strict();
export type LayerInstance = z.infer<typeof LayerInstance>;

/** Component properties a layer is wired to (Figma's componentPropertyReferences), by prop name. */
export const LayerProps = z
  .object({
    visible: z.string().max(200).optional(),
    characters: z.string().max(200).optional(),
    mainComponent: z.string().max(200).optional(),
  })
  .strict();
export type LayerProps = z.infer<typeof LayerProps>;

export interface Layer {
  id: string;
  name: string;
  type: string;
  box: Box;
  visible?: boolean;
  props?: LayerProps;
  layout?: LayerLayout;
  style?: LayerStyle;
  text?: LayerText;
  vector?: LayerVector;
  instance?: LayerInstance;
  children?: Layer[];
}

const LayerShape = z
  .object({
    id: z.string().min(1).max(LAYER_LIMITS.name),
    name: z.string().max(LAYER_LIMITS.name),
    type: z.string().min(1).max(50),
    box: Box,
    /** absent means visible */
    visible: z.boolean().optional(),
    props: LayerProps.optional(),
    layout: LayerLayout.optional(),
    style: LayerStyle.optional(),
    text: LayerText.optional(),
    vector: LayerVector.optional(),
    instance: LayerInstance.optional(),
  })
  .strict();

/**
 * Recursive, with the caps checked once over the whole tree (not per level) so that a refusal
 * names the path of the first layer past them.
 */
export const Layer: z.ZodType<Layer> = LayerShape.extend({
  children: z.lazy(() => z.array(Layer).max(LAYER_LIMITS.layersPerVariant)).optional(),
});

/** The root layer of a variant, with the tree-wide caps. */
export const LayerTree = Layer.superRefine((root, ctx) => {
  let count = 0;
  const walk = (layer: Layer, depth: number, path: (string | number)[]): boolean => {
    count += 1;
    if (count > LAYER_LIMITS.layersPerVariant) {
      ctx.addIssue({ code: 'custom', path, message: `a variant has at most ${LAYER_LIMITS.layersPerVariant} layers` });
      return false;
    }
    if (depth > LAYER_LIMITS.depth) {
      ctx.addIssue({ code: 'custom', path, message: `layers nest at most ${LAYER_LIMITS.depth} levels deep` });
      return false;
    }
    const children = layer.children ?? [];
    for (let i = 0; i < children.length; i++) {
      if (!walk(children[i]!, depth + 1, [...path, 'children', i])) return false;
    }
    return true;
  };
  walk(root, 1, []);
});
