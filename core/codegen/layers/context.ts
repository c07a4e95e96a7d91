/**
 * What codegen knows beyond the spec: the project's other components, so that an instance of
 * one is imported rather than inlined (DESIGN.md "Dependencies").
 */
import type { LayerInstance } from '../../contract/layers.js';
import type { PropDef } from '../../contract/specs.js';

export interface CodegenComponent {
  /** Figma node id of the component set (or lone component) */
  readonly id: string;
  readonly key?: string | undefined;
  readonly name: string;
  readonly codeName?: string | undefined;
  readonly props: readonly PropDef[];
}

export interface CodegenContext {
  /** the project's components (those of the same sync and those already stored) */
  readonly components?: readonly CodegenComponent[];
}

/** The project component an instance is of: by key first (stable across files), else by id. */
export function projectComponentOf(
  instance: LayerInstance,
  context: CodegenContext,
  self: { id: string; key?: string | undefined },
): CodegenComponent | undefined {
  const components = context.components ?? [];
  const keys = [instance.componentSetKey, instance.componentKey].filter((k): k is string => !!k);
  const ids = [instance.componentSetId, instance.componentId].filter((k): k is string => !!k);
  const sorted = [...components].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const found =
    sorted.find((c) => c.key !== undefined && keys.includes(c.key)) ?? sorted.find((c) => ids.includes(c.id));
  if (!found) return undefined;
  // A component never imports itself (a recursive design is inlined).
  if (found.id === self.id || (found.key !== undefined && found.key === self.key)) return undefined;
  return found;
}
