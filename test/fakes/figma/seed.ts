/**
 * The plain-data description of a Figma file that `createFakeFigma` serves. Fields reuse the
 * Plugin API's own JSON types (Paint, Effect, LayoutGrid, VariableAlias, …) so a fixture cannot
 * hold a value Figma would never return; `Future` widens the few enumerations where a fixture
 * must model a kind Figma may add later (the plugin must skip those, never crash).
 *
 * createFakeFigma checks a seed (validateSeed) and freezes it in place: its arrays and objects
 * become what the plugin reads. Build a fresh seed to vary a fixture; a frozen one can back
 * any number of fakes.
 */

/** A kind Figma does not have yet, e.g. `'GRADIENT_FUTURE'` or `'FUTURE_PROP'`. */
export type Future = string & {};

export type FakeJson = null | boolean | number | string | FakeJson[] | { [key: string]: FakeJson };

/** Plugin data on anything that has it: `{ key: value }`; shared: `{ namespace: { key: value } }`. */
export interface PluginDataSeed {
  pluginData?: Record<string, string>;
  sharedPluginData?: Record<string, Record<string, string>>;
}

export interface FakeCollectionSeed extends PluginDataSeed {
  id: string;
  name: string;
  key?: string;
  /** an extended collection's modes each name the parent's mode they inherit (`parentModeId`) */
  modes: { modeId: string; name: string; parentModeId?: string }[];
  /** the first mode when omitted */
  defaultModeId?: string;
  /** a library collection: reachable by id only, never listed as local */
  remote?: boolean;
  hiddenFromPublishing?: boolean;
  /**
   * An extended collection (Enterprise): it holds no variables of its own; it inherits its
   * parent's (`variableIds` lists them) and overrides some of their values per mode.
   */
  isExtension?: boolean;
  /** an extended collection's parent */
  parentVariableCollectionId?: string;
  /** an extended collection's overrides: variable id → its mode id → value */
  variableOverrides?: Record<string, Record<string, VariableValue | FakeJson>>;
}

export interface FakeVariableSeed extends PluginDataSeed {
  id: string;
  name: string;
  /** remote (library) when its collection is remote */
  variableCollectionId: string;
  resolvedType: VariableResolvedDataType | Future;
  /** one value per mode of its collection: a literal (colors as 0–1 RGBA) or an alias */
  valuesByMode: Record<string, VariableValue | FakeJson>;
  key?: string;
  description?: string;
  /**
   * `['ALL_SCOPES']` when omitted, as Figma creates variables. `FONT_VARIATIONS` is a scope
   * Figma has (REST lists it) that the plugin typings do not know yet.
   */
  scopes?: (VariableScope | 'FONT_VARIATIONS')[];
  codeSyntax?: { [platform in CodeSyntaxPlatform]?: string };
  hiddenFromPublishing?: boolean;
  /**
   * Deleted in Figma but still referenced (REST: `deletedButReferenced: true`): the local
   * getters leave it out; `getVariableByIdAsync` still answers it, as a local variable.
   */
  deletedButReferenced?: boolean;
}

interface StyleSeedBase extends PluginDataSeed {
  /** Figma's form is `S:<key>,<node id>` */
  id: string;
  name: string;
  key?: string;
  description?: string;
  /** a library style: reachable with getStyleByIdAsync only */
  remote?: boolean;
}

export interface FakePaintStyleSeed extends StyleSeedBase {
  paints: Paint[];
  boundVariables?: { paints?: VariableAlias[] };
}

export interface FakeTextStyleSeed extends StyleSeedBase {
  fontName: FontName;
  fontSize: number;
  /** `{ unit: 'PERCENT', value: 0 }` when omitted */
  letterSpacing?: LetterSpacing;
  /** `{ unit: 'AUTO' }` when omitted */
  lineHeight?: LineHeight;
  textDecoration?: TextDecoration;
  textCase?: TextCase;
  paragraphSpacing?: number;
  paragraphIndent?: number;
  boundVariables?: { [field in VariableBindableTextField]?: VariableAlias };
}

export interface FakeEffectStyleSeed extends StyleSeedBase {
  effects: Effect[];
  boundVariables?: { effects?: VariableAlias[] };
}

export interface FakeGridStyleSeed extends StyleSeedBase {
  layoutGrids: LayoutGrid[];
  boundVariables?: { layoutGrids?: VariableAlias[] };
}

/** What a scene node's `boundVariables` holds in the Plugin API (text fields are lists). */
export type NodeBoundVariables = NonNullable<SceneNodeMixin['boundVariables']>;

/**
 * Geometry, layout and style of a scene node, by Plugin API name. Each field a node type has
 * reads Figma's default when the seed leaves it out, except `absoluteBoundingBox` (null), so
 * fixtures written before layer trees keep giving variants without one.
 */
export interface FakeLayoutSeed {
  absoluteBoundingBox?: Rect;
  layoutMode?: 'NONE' | 'HORIZONTAL' | 'VERTICAL' | 'GRID';
  layoutWrap?: 'NO_WRAP' | 'WRAP';
  paddingLeft?: number;
  paddingRight?: number;
  paddingTop?: number;
  paddingBottom?: number;
  itemSpacing?: number;
  counterAxisSpacing?: number;
  primaryAxisAlignItems?: 'MIN' | 'CENTER' | 'MAX' | 'SPACE_BETWEEN';
  counterAxisAlignItems?: 'MIN' | 'CENTER' | 'MAX' | 'BASELINE';
  counterAxisAlignContent?: 'AUTO' | 'SPACE_BETWEEN';
  itemReverseZIndex?: boolean;
  strokesIncludedInLayout?: boolean;
  layoutSizingHorizontal?: 'FIXED' | 'HUG' | 'FILL';
  layoutSizingVertical?: 'FIXED' | 'HUG' | 'FILL';
  layoutPositioning?: 'AUTO' | 'ABSOLUTE';
  layoutGrow?: number;
  layoutAlign?: 'MIN' | 'CENTER' | 'MAX' | 'STRETCH' | 'INHERIT';
  minWidth?: number | null;
  maxWidth?: number | null;
  minHeight?: number | null;
  maxHeight?: number | null;
  constraints?: Constraints;
  /** degrees */
  rotation?: number;
  opacity?: number;
  blendMode?: BlendMode;
  clipsContent?: boolean;
  effects?: Effect[];
  /** all four sides; reads `figma.mixed` when the per-side weights differ */
  strokeWeight?: number;
  strokeTopWeight?: number;
  strokeRightWeight?: number;
  strokeBottomWeight?: number;
  strokeLeftWeight?: number;
  strokeAlign?: 'INSIDE' | 'OUTSIDE' | 'CENTER';
  dashPattern?: number[];
  /** all four corners; reads `figma.mixed` when the per-corner radii differ */
  cornerRadius?: number;
  topLeftRadius?: number;
  topRightRadius?: number;
  bottomRightRadius?: number;
  bottomLeftRadius?: number;
  fillGeometry?: VectorPaths;
  strokeGeometry?: VectorPaths;
}

/** The character style of a text layer or of one run of it (Plugin API names). */
export interface FakeCharacterSeed {
  fontName?: FontName;
  fontSize?: number;
  fontWeight?: number;
  lineHeight?: LineHeight;
  letterSpacing?: LetterSpacing;
  textCase?: TextCase;
  textDecoration?: TextDecoration;
}

interface SceneSeedBase extends PluginDataSeed, FakeLayoutSeed {
  id: string;
  name: string;
  visible?: boolean;
  /**
   * `fills` / `strokes` are derived from the paints' bound colors when omitted: Figma reports
   * such a binding both on the paint and here.
   */
  boundVariables?: NodeBoundVariables;
  /** `'MIXED'` reads as `figma.mixed` (a text layer with several fills) */
  fills?: Paint[] | 'MIXED';
  strokes?: Paint[];
  fillStyleId?: string | 'MIXED';
  strokeStyleId?: string;
  effectStyleId?: string;
  componentPropertyReferences?: { visible?: string; characters?: string; mainComponent?: string } | null;
}

export interface FakeContainerSeed extends SceneSeedBase {
  type: 'FRAME' | 'GROUP' | 'SECTION' | 'SLOT';
  gridStyleId?: string;
  children?: FakeSceneSeed[];
}

/** Shapes. The Plugin API calls a polygon `POLYGON` where REST says `REGULAR_POLYGON`. */
export interface FakeShapeSeed extends SceneSeedBase {
  type: 'RECTANGLE' | 'ELLIPSE' | 'VECTOR' | 'LINE' | 'STAR' | 'POLYGON';
}

/** Shapes combined by union, subtraction, intersection or exclusion: a container of shapes. */
export interface FakeBooleanOperationSeed extends SceneSeedBase {
  type: 'BOOLEAN_OPERATION';
  /** `'UNION'` when omitted */
  booleanOperation?: BooleanOperationNode['booleanOperation'];
  children: FakeSceneSeed[];
}

/** A run of characters of a TEXT node with fills of its own (Plugin API `getStyledTextSegments`). */
export interface FakeTextSegmentSeed extends FakeCharacterSeed {
  characters: string;
  fills: Paint[];
}

export interface FakeTextSeed extends SceneSeedBase, FakeCharacterSeed {
  type: 'TEXT';
  textAlignHorizontal?: 'LEFT' | 'CENTER' | 'RIGHT' | 'JUSTIFIED';
  textAlignVertical?: 'TOP' | 'CENTER' | 'BOTTOM';
  textAutoResize?: 'NONE' | 'WIDTH_AND_HEIGHT' | 'HEIGHT' | 'TRUNCATE';
  textTruncation?: 'DISABLED' | 'ENDING';
  maxLines?: number | null;
  paragraphSpacing?: number;
  /** the segments' characters joined when `segments` is given */
  characters?: string;
  textStyleId?: string | 'MIXED';
  /**
   * Fills per character range: `fills` reads `figma.mixed` when they differ, and the variables
   * bound to their colors appear in `boundVariables.textRangeFills`, as Figma reports them.
   */
  segments?: FakeTextSegmentSeed[];
}

export interface FakeInstanceSeed extends SceneSeedBase {
  type: 'INSTANCE';
  /** id of a COMPONENT in the file; `getMainComponentAsync()` resolves it (null when absent) */
  mainComponentId?: string;
  componentProperties?: ComponentProperties;
  gridStyleId?: string;
  children?: FakeSceneSeed[];
}

export interface FakePropertyDefinitionSeed {
  type: ComponentPropertyType | Future;
  defaultValue: string | boolean;
  /** VARIANT only; derived from the variants' names when omitted */
  variantOptions?: string[];
  preferredValues?: InstanceSwapPreferredValue[];
  description?: string;
}

/**
 * Keys as Figma writes them: `"Size"` for VARIANT, `"Label#12:0"` (with the `#id` suffix) for
 * BOOLEAN, TEXT, INSTANCE_SWAP and SLOT.
 */
export type FakePropertyDefinitionsSeed = Record<string, FakePropertyDefinitionSeed>;

export interface FakeComponentSeed extends SceneSeedBase {
  type: 'COMPONENT';
  key?: string;
  description?: string;
  /** a lone component only: Figma refuses to read them on a variant */
  componentPropertyDefinitions?: FakePropertyDefinitionsSeed;
  /** a variant only; parsed from its name ("Size=Small, State=Hover") when omitted */
  variantProperties?: Record<string, string>;
  /** reading `variantProperties` throws, as in a set Figma reports as having errors */
  variantPropertiesThrow?: boolean;
  gridStyleId?: string;
  children?: FakeSceneSeed[];
}

export interface FakeComponentSetSeed extends SceneSeedBase {
  type: 'COMPONENT_SET';
  key?: string;
  description?: string;
  componentPropertyDefinitions: FakePropertyDefinitionsSeed;
  /**
   * Every variant's `variantProperties` throws. Also inferred, as Figma does, when two variants
   * carry the same values, a name does not parse, or the variants disagree on property names.
   */
  conflictingVariants?: boolean;
  gridStyleId?: string;
  children: FakeComponentSeed[];
}

export type FakeSceneSeed =
  | FakeContainerSeed
  | FakeBooleanOperationSeed
  | FakeShapeSeed
  | FakeTextSeed
  | FakeInstanceSeed
  | FakeComponentSeed
  | FakeComponentSetSeed;

export interface FakePageSeed extends PluginDataSeed {
  id: string;
  name: string;
  children: FakeSceneSeed[];
}

export interface FakeFile extends PluginDataSeed {
  /** `figma.root.name` */
  name: string;
  pages: FakePageSeed[];
  /** the page the user has open (loaded from the start); the first page when omitted */
  currentPageId?: string;
  collections: FakeCollectionSeed[];
  /** local and library variables; library ones sit in a remote collection */
  variables: FakeVariableSeed[];
  paintStyles?: FakePaintStyleSeed[];
  textStyles?: FakeTextStyleSeed[];
  effectStyles?: FakeEffectStyleSeed[];
  gridStyles?: FakeGridStyleSeed[];
}

// Small builders so fixtures read like the data Figma returns.

export const alias = (id: string): VariableAlias => ({ type: 'VARIABLE_ALIAS', id });

/** "#0a66e5" or "#0a66e580" → 0–1 RGBA, as Figma stores colors */
export function rgba(hex: string): RGBA {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  if (!m || !m[1]) throw new Error(`rgba: "${hex}" is not #rrggbb or #rrggbbaa`);
  const n = parseInt(m[1], 16);
  const a = m[2] === undefined ? 1 : parseInt(m[2], 16) / 255;
  return { r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255, a };
}

/** A SOLID paint, optionally bound to a COLOR variable. */
export function solid(hex: string, boundColorId?: string, opacity = 1): SolidPaint {
  const { r, g, b } = rgba(hex);
  const paint: SolidPaint = { type: 'SOLID', color: { r, g, b }, opacity, visible: true, blendMode: 'NORMAL' };
  return boundColorId ? { ...paint, boundVariables: { color: alias(boundColorId) } } : paint;
}
