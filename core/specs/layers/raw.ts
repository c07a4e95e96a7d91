/**
 * What each adapter reads of one node, in the Plugin API's names and units: the neutral form
 * between the two Figma APIs and the one normalizer (normalize.ts), which alone decides what
 * a `Layer` keeps, omits, rounds and binds. An adapter translates shapes; it never drops a
 * value because it is a default.
 */
import type { LayerInstance, VectorPath } from '../../contract/layers.js';

export interface RawRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RawColor {
  r: number;
  g: number;
  b: number;
  a: number;
}

export interface RawPaint {
  type: string;
  visible?: boolean;
  opacity?: number;
  blendMode?: string;
  color?: RawColor;
  /** the variable the colour is bound to */
  colorVariable?: string;
  gradientStops?: Array<{ position: number; color: RawColor; colorVariable?: string }>;
  /** start, end and width handles in the layer's unit square */
  gradientHandlePositions?: Array<{ x: number; y: number }>;
  scaleMode?: string;
  imageHash?: string | null;
}

export interface RawEffect {
  type: string;
  visible?: boolean;
  radius: number;
  color?: RawColor;
  offset?: { x: number; y: number };
  spread?: number;
  blendMode?: string;
  /** radius, spread, offsetX, offsetY, color → variable id */
  bound: Record<string, string>;
}

export type RawLineHeight = { unit: 'AUTO' } | { unit: 'PIXELS' | 'PERCENT'; value: number };

/** The character style of a run of text, complete (not a difference). */
export interface RawCharacterStyle {
  fontName?: { family: string; style: string };
  fontSize?: number;
  fontWeight?: number;
  lineHeight?: RawLineHeight;
  letterSpacing?: { unit: 'PIXELS' | 'PERCENT'; value: number };
  textCase?: string;
  textDecoration?: string;
  fills?: RawPaint[];
}

export interface RawText {
  characters: string;
  /** runs of characters with one style each, in order, covering the text */
  runs: Array<{ start: number; end: number; style: RawCharacterStyle }>;
  textAlignHorizontal?: string;
  textAlignVertical?: string;
  textAutoResize?: string;
  textTruncation?: string;
  maxLines?: number | null;
  paragraphSpacing?: number;
}

export interface RawLayer {
  id: string;
  name: string;
  type: string;
  /** absolute bounding box; null when Figma gives none */
  box: RawRect | null;
  visible: boolean;
  /** Figma's componentPropertyReferences: field → property key ("Label#1:2") */
  propertyReferences?: Readonly<Record<string, string>>;
  /** single-valued layout and style fields by Plugin API name (paddingLeft, cornerRadius, constraints, …) */
  values: Record<string, unknown>;
  /** single-valued field (Plugin API name, text fields included) → variable id */
  bound: Record<string, string>;
  fills?: RawPaint[];
  strokes?: RawPaint[];
  effects?: RawEffect[];
  /** style ids in the Plugin API form "S:<key>,<nodeId>" */
  fillStyle?: string;
  strokeStyle?: string;
  effectStyle?: string;
  textStyle?: string;
  text?: RawText;
  fillGeometry?: VectorPath[];
  strokeGeometry?: VectorPath[];
  instance?: LayerInstance;
}

/** One Figma API's view of a node tree. */
export interface LayerSource<N> {
  read(node: N): RawLayer;
  children(node: N): readonly N[];
}
