import { z } from 'zod';
import { LayerTree } from './layers.js';
import { LIMITS } from './limits.js';

export const PropKinds = ['variant', 'boolean', 'text', 'instanceSwap', 'slot'] as const;
export const PropKind = z.enum(PropKinds);
export type PropKind = z.infer<typeof PropKind>;

export const PropDef = z.object({
  /** display name without Figma's "#id" suffix */
  name: z.string().min(1).max(LIMITS.propName),
  /** Figma's full property key ("Label#12:3"), kept for identity across renames */
  id: z
    .string()
    .max(LIMITS.propName + 100)
    .optional(),
  kind: PropKind,
  default: z.union([z.string().max(5000), z.boolean()]),
  options: z.array(z.string().max(LIMITS.propName)).max(LIMITS.optionsPerProp).optional(),
});
export type PropDef = z.infer<typeof PropDef>;

export const Variant = z.object({
  id: z.string().min(1).max(200),
  /** prop name → option (what names and options of props may be, never more: they become CSS selectors and story names) */
  values: z.record(z.string().max(LIMITS.propName), z.string().max(LIMITS.variantValue), {
    error: (issue) =>
      issue.code === 'invalid_key' ? `prop names are at most ${LIMITS.propName} characters` : undefined,
  }),
  /** binding slot ("fill", "paddingLeft", "typography", …) → token id */
  bindings: z.record(z.string(), z.string()),
  /**
   * The variant's layer tree (DESIGN.md "Layer tree"), its own node as the root. Absent for
   * specs from clients that predate it and for specs not read from Figma.
   */
  layers: LayerTree.optional(),
});
export type Variant = z.infer<typeof Variant>;

export const ComponentSpec = z.object({
  /** Figma node id of the component set (or lone component) */
  id: z.string().min(1).max(200),
  key: z.string().max(200).optional(),
  name: z.string().min(1).max(LIMITS.componentName),
  /**
   * Code name (file and export) when it is not the name's own: a sync sets it for names that
   * collide after normalisation ("Button" and "button": the second becomes `Button2`).
   */
  codeName: z.string().min(1).max(LIMITS.componentName).optional(),
  description: z.string().max(5000).optional(),
  pattern: z.string().max(100).optional(),
  props: z.array(PropDef).max(LIMITS.propsPerComponent),
  variants: z.array(Variant).max(LIMITS.variantsPerComponent),
  /** union of all bound token ids; computed by core/specs when absent */
  tokenRefs: z.array(z.string()).max(LIMITS.tokensPerSync).optional(),
});
export type ComponentSpec = z.infer<typeof ComponentSpec>;
