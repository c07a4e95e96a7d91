/**
 * Size limits of what the API accepts. They bound the work one request can cause (memory,
 * recursion, database rows); each refusal is a 400 naming the field and the limit.
 */
export const LIMITS = {
  /**
   * Nesting of any JSON request body (objects and arrays), checked before it is parsed. Room
   * for a layer tree 64 levels deep (two JSON levels a layer) inside a sync, so that a 65th
   * level is refused by the schema, naming its path.
   */
  jsonDepth: 160,
  /** Items of any one JSON array, and entries of any one JSON object, in a request; checked before validation. */
  listItems: 50000,
  /** Components in one sync. */
  componentsPerSync: 2000,
  /** Tokens in one sync or regeneration (TokenSet tokens, or DTCG tokens across all documents). */
  tokensPerSync: 50000,
  /** Tokens one component reaches through its bindings and alias chains (its closure: its tokens.css). */
  closureTokens: 5000,
  /** Closure tokens of all components of one sync or regeneration, added up: the work they cause. */
  closureTokensPerSync: 500000,
  /** Props of one component spec. */
  propsPerComponent: 500,
  /** Prop names and option values of a component spec. */
  propName: 200,
  /** Options of one variant prop. */
  optionsPerProp: 1000,
  /** Variants of one component spec (Figma component sets can be large). */
  variantsPerComponent: 5000,
  /** Component names, everywhere (sync, create, rename). */
  componentName: 200,
  /** Token names and ids (slash or dot paths). */
  tokenName: 500,
  /** Figma file keys, everywhere (sync, tracked files, components). */
  fileKey: 128,
  /** One segment of a version file path, in UTF-8 bytes (what file systems allow). */
  filePathSegmentBytes: 255,
  /** A whole version file path, in characters. */
  filePath: 1024,
  /** Files in one version (drafts, replaced files, merge resolutions). */
  filesPerVersion: 500,
  /** Files in one customization upload. */
  filesPerCustomization: 200,
  /** Variant values of a component spec (the prop names they are keyed by: propName), as prop options. */
  variantValue: 200,
  /** Collection and mode names of a token set (DTCG: the collection name and mode names), as prop options. */
  modeName: 200,
} as const;
