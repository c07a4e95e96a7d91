import type { Layer } from '../contract/layers.js';
import type { ComponentSpec } from '../contract/specs.js';

/** A component a spec's layer trees instantiate, as Figma names it: its set's node id and key, else its own. */
export interface InstanceRef {
  figmaId: string;
  key: string | null;
}

/**
 * The components a spec instantiates (DESIGN.md "Dependencies"), once each, by node id; its
 * own set is not among them (a variant may show another variant of itself). Sorted by id, so
 * that what is stored is deterministic.
 */
export function instanceRefs(spec: Pick<ComponentSpec, 'id' | 'key' | 'variants'>): InstanceRef[] {
  const byId = new Map<string, InstanceRef>();
  const walk = (layer: Layer): void => {
    const i = layer.instance;
    if (i) {
      const figmaId = i.componentSetId ?? i.componentId;
      const key = (i.componentSetId ? i.componentSetKey : i.componentKey) ?? null;
      const own = figmaId === spec.id || (key !== null && key === spec.key);
      if (!own && !byId.has(figmaId)) byId.set(figmaId, { figmaId, key });
    }
    for (const child of layer.children ?? []) walk(child);
  };
  for (const v of spec.variants) if (v.layers) walk(v.layers);
  return [...byId.values()].sort((a, b) => (a.figmaId < b.figmaId ? -1 : a.figmaId > b.figmaId ? 1 : 0));
}
