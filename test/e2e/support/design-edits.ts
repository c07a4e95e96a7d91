// What a designer does to the harness' file between two syncs, with what Figma recomputes for it.
import type { FakeFile, FakeSceneSeed } from '../../fakes/figma/index.js';

/**
 * A designer types a padding into a horizontal auto-layout frame that hugs its content (and so
 * detaches a variable bound to it): Figma widens the frame by the difference and moves its
 * content along, keeping the frame's left edge.
 */
export interface PaddingLeftEdit {
  node: string;
  paddingLeft: number;
}

type Editable = {
  id: string;
  paddingLeft?: number;
  boundVariables?: Record<string, unknown>;
  absoluteBoundingBox?: { x: number; y: number; width: number; height: number };
  children?: Editable[];
};

function find(nodes: readonly Editable[], id: string): Editable | null {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inside = find(node.children ?? [], id);
    if (inside) return inside;
  }
  return null;
}

function shift(node: Editable, dx: number): void {
  if (node.absoluteBoundingBox)
    node.absoluteBoundingBox = { ...node.absoluteBoundingBox, x: node.absoluteBoundingBox.x + dx };
  for (const child of node.children ?? []) shift(child, dx);
}

/** Applies the edits to a fresh seed (before the fake freezes it). */
export function applyEdits(seed: FakeFile, edits: readonly PaddingLeftEdit[]): FakeFile {
  for (const edit of edits) {
    const node = find(
      seed.pages.flatMap((p) => p.children as FakeSceneSeed[] as Editable[]),
      edit.node,
    );
    if (!node || typeof node.paddingLeft !== 'number' || !node.absoluteBoundingBox)
      throw new Error(`harness: no auto-layout frame ${edit.node} with a paddingLeft to edit`);
    const dx = edit.paddingLeft - node.paddingLeft;
    node.paddingLeft = edit.paddingLeft;
    if (node.boundVariables && 'paddingLeft' in node.boundVariables) {
      const { paddingLeft: _detached, ...rest } = node.boundVariables;
      node.boundVariables = rest;
    }
    node.absoluteBoundingBox = { ...node.absoluteBoundingBox, width: node.absoluteBoundingBox.width + dx };
    for (const child of node.children ?? []) shift(child, dx);
  }
  return seed;
}
