/**
 * Caps of a variant's layer tree. Apart from the schema so that the plugin's sandbox, which
 * reads trees within them, does not bundle zod.
 */
export const LAYER_LIMITS = {
  /** Levels of one variant's tree, its root included. */
  depth: 64,
  /** Layers of one variant, its root included. */
  layersPerVariant: 2000,
  /** Characters of one SVG path (an icon's path is a few kB; a whole illustration is not an icon). */
  pathChars: 100_000,
  /** Paths of one vector layer. */
  pathsPerVector: 100,
  /** Characters of one text layer. */
  characters: 10_000,
  /** Styled segments of one text layer (mixed styles). */
  segmentsPerText: 200,
  /** Fills, strokes or effects of one layer. */
  paintsPerLayer: 50,
  /** Stops of one gradient. */
  stopsPerGradient: 64,
  /** Largest absolute coordinate or length, in px: Figma's canvas is far smaller; 1e308 is not geometry. */
  coordinate: 1_000_000,
  /** Layer names and ids. */
  name: 500,
} as const;
