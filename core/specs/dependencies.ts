import type { Layer, LayerInstance } from '../contract/layers.js';
import type { ComponentSpec } from '../contract/specs.js';

/** A component a spec's layer trees instantiate, as Figma names it: its set's node id and key, else its own. */
export interface InstanceRef {
  figmaId: string;
  key: string | null;
}

/** A project component as an instance may name it. */
export interface ComponentIdentity {
  /** node id of the component set (or lone component) */
  figmaId: string;
  key?: string | null | undefined;
  /** the Figma file it lives in, when known */
  fileKey?: string | null | undefined;
  /** node ids of its variants (an instance may name the variant it shows) */
  variantIds?: readonly string[] | undefined;
}

/** What an instance names: its set when it has one, else its own component. */
export function instanceRefOf(i: LayerInstance): InstanceRef {
  const figmaId = i.componentSetId ?? i.componentId;
  const key = (i.componentSetId ? i.componentSetKey : i.componentKey) ?? null;
  return { figmaId, key };
}

/**
 * Whether `ref` (an instance in file `fileKey`) names component `c` (DESIGN.md "Dependencies"):
 * by key when both have one (keys are unique across files; a library component's node id is
 * not), else by the node id of the set or of one of its variants, within the same file (an
 * unknown file does not rule it out). Dependency edges match the same way
 * (server/services/versions/dependencies.ts says it in SQL).
 */
export function refersTo(ref: InstanceRef, fileKey: string | null | undefined, c: ComponentIdentity): boolean {
  if (ref.key && c.key) return ref.key === c.key;
  if (fileKey && c.fileKey && fileKey !== c.fileKey) return false;
  return ref.figmaId === c.figmaId || (c.variantIds ?? []).includes(ref.figmaId);
}

/**
 * The components a spec instantiates (DESIGN.md "Dependencies"), once each, by node id; its
 * own set is not among them (a variant may show another variant of itself). Sorted by id, so
 * that what is stored is deterministic.
 */
export function instanceRefs(spec: Pick<ComponentSpec, 'id' | 'key' | 'variants'>): InstanceRef[] {
  const byId = new Map<string, InstanceRef>();
  const self: ComponentIdentity = { figmaId: spec.id, key: spec.key, variantIds: spec.variants.map((v) => v.id) };
  const walk = (layer: Layer): void => {
    if (layer.instance) {
      const ref = instanceRefOf(layer.instance);
      if (!refersTo(ref, null, self) && !byId.has(ref.figmaId)) byId.set(ref.figmaId, ref);
    }
    for (const child of layer.children ?? []) walk(child);
  };
  for (const v of spec.variants) if (v.layers) walk(v.layers);
  return [...byId.values()].sort((a, b) => (a.figmaId < b.figmaId ? -1 : a.figmaId > b.figmaId ? 1 : 0));
}
