/**
 * The layer trees of all variants as one tree. A layer is "the same layer" across variants
 * when it has the same name path (with an occurrence number among same-named siblings, and
 * its kind: a text and a frame both called "Label" are two layers). Each gets one stable CSS
 * class from its name.
 */
import type { Layer } from '../../contract/layers.js';
import type { ComponentSpec } from '../../contract/specs.js';
import type { ComponentModel } from '../component-model.js';
import { allocateNames, cssSlug, joinHyphen, type NameRequest } from '../names.js';

export type NodeKind = 'box' | 'text' | 'vector' | 'instance' | 'slot';

export interface LayerNode {
  readonly key: string;
  readonly kind: NodeKind;
  readonly depth: number;
  /** the class that renders it: "root" for the variant itself */
  className: string;
  /** the layer in each variant (model.variants order), absent where the variant lacks it */
  readonly layers: (Layer | undefined)[];
  /** its parent layer in each variant */
  readonly parents: (Layer | undefined)[];
  readonly children: LayerNode[];
}

const VECTOR_TYPES = new Set([
  'VECTOR',
  'LINE',
  'STAR',
  'REGULAR_POLYGON',
  'POLYGON',
  'BOOLEAN_OPERATION',
  'ELLIPSE',
  'RECTANGLE',
]);

export function hasLayers(spec: ComponentSpec): boolean {
  return spec.variants.some((v) => v.layers !== undefined);
}

export function kindOf(layer: Layer): NodeKind {
  if (layer.type === 'TEXT' && layer.text) return 'text';
  if (layer.type === 'INSTANCE') return 'instance';
  if (layer.type === 'SLOT') return 'slot';
  const geometry = (layer.vector?.fillGeometry?.length ?? 0) + (layer.vector?.strokeGeometry?.length ?? 0);
  if (VECTOR_TYPES.has(layer.type) && geometry > 0 && (layer.children ?? []).length === 0) return 'vector';
  return 'box';
}

/** Builds the union tree; variants' children are merged in order, a later variant's new layer after its predecessor. */
export function unionTree(spec: ComponentSpec, model: ComponentModel): LayerNode {
  const count = model.variants.length;
  const byId = new Map(spec.variants.map((v) => [v.id, v]));
  const root: LayerNode = {
    key: '',
    kind: 'box',
    depth: 0,
    className: model.rootClass,
    layers: model.variants.map((v) => byId.get(v.id)?.layers),
    parents: new Array<Layer | undefined>(count).fill(undefined),
    children: [],
  };
  const grow = (node: LayerNode): void => {
    const byKey = new Map<string, LayerNode>();
    node.layers.forEach((layer, vi) => {
      if (!layer) return;
      const seen = new Map<string, number>();
      let previous = -1;
      for (const child of layer.children ?? []) {
        const kind = kindOf(child);
        const base = `${child.name}\u0000${kind}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const key = `${node.key}/${base}\u0000${n}`;
        let target = byKey.get(key);
        if (!target) {
          target = {
            key,
            kind,
            depth: node.depth + 1,
            className: '',
            layers: new Array<Layer | undefined>(count).fill(undefined),
            parents: new Array<Layer | undefined>(count).fill(undefined),
            children: [],
          };
          byKey.set(key, target);
          node.children.splice(previous + 1, 0, target);
        }
        previous = node.children.indexOf(target);
        target.layers[vi] = child;
        target.parents[vi] = layer;
      }
    });
    for (const child of node.children) grow(child);
  };
  grow(root);
  return root;
}

export function walk(node: LayerNode, visit: (node: LayerNode) => void): void {
  visit(node);
  for (const child of node.children) walk(child, visit);
}

const pad = (n: number): string => String(n).padStart(6, '0');

/** Readable, unique class names from layer names, never one the component already uses. */
export function nameClasses(root: LayerNode, taken: Set<string>): void {
  const nodes: LayerNode[] = [];
  walk(root, (n) => {
    if (n !== root) nodes.push(n);
  });
  const requests = nodes.map((node, i): NameRequest<number> => {
    const name = node.layers.find((l) => l !== undefined)?.name ?? '';
    const slug = cssSlug(name);
    const desired = slug === '' ? node.kind : /^[a-z]/.test(slug) ? slug : `layer-${slug}`;
    return { key: i, desired, rank: [pad(node.depth), pad(i)] };
  });
  const names = allocateNames(requests, taken, joinHyphen);
  nodes.forEach((node, i) => {
    node.className = names.get(i) ?? `layer-${i}`;
  });
}
