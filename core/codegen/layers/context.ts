/**
 * What codegen knows beyond the spec: the project's other components, so that an instance of
 * one is imported rather than inlined (DESIGN.md "Dependencies").
 */
import type { LayerInstance } from '../../contract/layers.js';
import type { PropDef } from '../../contract/specs.js';
import { instanceRefOf, refersTo } from '../../specs/dependencies.js';
import { canonicalHash } from '../../tokens/hash.js';

export interface CodegenComponent {
  /** Figma node id of the component set (or lone component) */
  readonly id: string;
  readonly key?: string | undefined;
  readonly name: string;
  readonly codeName?: string | undefined;
  readonly props: readonly PropDef[];
  /** node ids of its variants: an instance may name the variant it shows */
  readonly variantIds?: readonly string[] | undefined;
}

export interface CodegenContext {
  /** the project's components (those of the same sync and those already stored) */
  readonly components?: readonly CodegenComponent[];
}

const byId = (a: CodegenComponent, b: CodegenComponent): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The project component an instance is of, matched as dependency edges are (core/specs
 * refersTo; the file was checked when the context was chosen), in id order.
 */
export function projectComponentOf(
  instance: LayerInstance,
  context: CodegenContext,
  self: { id: string; key?: string | undefined },
): CodegenComponent | undefined {
  const ref = instanceRefOf(instance);
  const found = [...(context.components ?? [])]
    .sort(byId)
    .find((c) => refersTo(ref, null, { figmaId: c.id, key: c.key, variantIds: c.variantIds }));
  if (!found) return undefined;
  // A component never imports itself (a recursive design is inlined).
  if (found.id === self.id || (found.key !== undefined && found.key === self.key)) return undefined;
  return found;
}

/**
 * Identity of what a context gives generated code (the names and props of the components it
 * imports): part of a version's inputs, so that an import appearing, renamed or with other
 * props regenerates the component. "" for no context, as versions made before it had none.
 */
export function contextHash(context: CodegenContext | undefined): string {
  const components = [...(context?.components ?? [])].sort(byId);
  if (!components.length) return '';
  return canonicalHash(
    components.map((c) => ({
      id: c.id,
      key: c.key ?? null,
      name: c.name,
      codeName: c.codeName ?? null,
      props: c.props,
    })),
  );
}
