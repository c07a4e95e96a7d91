import { z } from 'zod';

export const Bump = z.enum(['major', 'minor', 'patch']);
export type Bump = z.infer<typeof Bump>;
export const BumpOrNone = z.enum(['major', 'minor', 'patch', 'none']);
export type BumpOrNone = z.infer<typeof BumpOrNone>;

export const TokenChangeKinds = [
  'added',
  'removed',
  'modified',
  'renamed',
  'typeChanged',
  'descriptionChanged',
] as const;
export const TokenChange = z.object({
  kind: z.enum(TokenChangeKinds),
  tokenId: z.string(),
  /** current slash path (old path for removed tokens) */
  name: z.string(),
  previousName: z.string().optional(),
  /** mode name, for per-mode value changes */
  mode: z.string().optional(),
  before: z.json().optional(),
  after: z.json().optional(),
});
export type TokenChange = z.infer<typeof TokenChange>;

export const SpecChangeKinds = [
  'propAdded',
  'propRemoved',
  'propTypeChanged',
  'propRenamed',
  'optionAdded',
  'optionRemoved',
  'defaultChanged',
  'variantAdded',
  'variantRemoved',
  'bindingChanged',
  'descriptionChanged',
  'nameChanged',
  'layerAdded',
  'layerRemoved',
  'layerChanged',
] as const;
export const SpecChange = z.object({
  kind: z.enum(SpecChangeKinds),
  prop: z.string().optional(),
  option: z.string().optional(),
  /** variant key, e.g. "size=lg, state=hover" */
  variant: z.string().optional(),
  /** binding slot, e.g. "fill" */
  binding: z.string().optional(),
  before: z.json().optional(),
  after: z.json().optional(),
  /** layer changes: the layer's name (the component's name for a variant's root layer) */
  layer: z.string().optional(),
  /** layer changes: the layer's id in the variant named by `variant` */
  layerId: z.string().optional(),
  /** layerChanged: the property ("paddingLeft", "fills", "characters", …) */
  property: z.string().optional(),
  /** layerRemoved: the props the removed layer was wired to (the prop loses its effect: major) */
  wiredTo: z.array(z.string()).optional(),
  /** layer changes: every variant key the same change was found in (one change, not one per variant) */
  variants: z.array(z.string()).optional(),
});
export type SpecChange = z.infer<typeof SpecChange>;

export const PatternChange = z.object({
  kind: z.literal('patternChanged'),
  before: z.object({ id: z.string(), version: z.string() }).nullable(),
  after: z.object({ id: z.string(), version: z.string() }),
});
export type PatternChange = z.infer<typeof PatternChange>;

/**
 * A change of a collection the component uses (matched by id): its modes are `[data-theme]`
 * selectors and its default mode is `:root` in tokens.css. Names, not ids, as people read them.
 */
export const CollectionChangeKinds = [
  'modeRenamed',
  'modeRemoved',
  'modeAdded',
  'defaultModeChanged',
  'collectionRenamed',
] as const;
export const CollectionChange = z.object({
  kind: z.enum(CollectionChangeKinds),
  collectionId: z.string(),
  /** current name (the old one when only the old side has it) */
  collection: z.string(),
  /** the mode concerned (its old name when renamed or removed) */
  mode: z.string().optional(),
  /** whether that mode was the default one before the change (a default mode has no selector) */
  wasDefault: z.boolean().optional(),
  /** renamed / default changed: old and new names */
  before: z.string().optional(),
  after: z.string().optional(),
});
export type CollectionChange = z.infer<typeof CollectionChange>;
