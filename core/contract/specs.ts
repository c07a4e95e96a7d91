import { z } from 'zod';

export const PropKinds = ['variant', 'boolean', 'text', 'instanceSwap', 'slot'] as const;
export const PropKind = z.enum(PropKinds);
export type PropKind = z.infer<typeof PropKind>;

export const PropDef = z.object({
  /** display name without Figma's "#id" suffix */
  name: z.string().min(1),
  /** Figma's full property key ("Label#12:3"), kept for identity across renames */
  id: z.string().optional(),
  kind: PropKind,
  default: z.union([z.string(), z.boolean()]),
  options: z.array(z.string()).optional(),
});
export type PropDef = z.infer<typeof PropDef>;

export const Variant = z.object({
  id: z.string().min(1),
  values: z.record(z.string(), z.string()),
  /** binding slot ("fill", "paddingLeft", "typography", …) → token id */
  bindings: z.record(z.string(), z.string()),
});
export type Variant = z.infer<typeof Variant>;

export const ComponentSpec = z.object({
  /** Figma node id of the component set (or lone component) */
  id: z.string().min(1),
  key: z.string().optional(),
  name: z.string().min(1),
  /**
   * Code name (file and export) when it is not the name's own: a sync sets it for names that
   * collide after normalisation ("Button" and "button": the second becomes `Button2`).
   */
  codeName: z.string().min(1).max(200).optional(),
  description: z.string().optional(),
  pattern: z.string().optional(),
  props: z.array(PropDef),
  variants: z.array(Variant),
  /** union of all bound token ids; computed by core/specs when absent */
  tokenRefs: z.array(z.string()).optional(),
});
export type ComponentSpec = z.infer<typeof ComponentSpec>;
