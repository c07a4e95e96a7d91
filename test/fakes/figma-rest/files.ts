/**
 * The files the fake holds and Figma's answers about them, typed with @figma/rest-api-spec.
 * Nodes live on one page ("0:1") under the document ("0:0"); style definition nodes are
 * reachable by id only, as in Figma.
 */
import type {
  Component,
  ComponentSet,
  FrameInfo,
  GetFileComponentSetsResponse,
  GetFileComponentsResponse,
  GetFileMetaResponse,
  GetFileNodesResponse,
  GetFileStylesResponse,
  Node,
  Style,
  User,
} from '@figma/rest-api-spec';
import type { FakeFileInput, FakeNode } from './types.js';

export const FAKE_USER: User = { id: '1000', handle: 'Fake Designer', img_url: 'https://example.invalid/avatar.png' };
export const DOCUMENT_ID = '0:0';
export const PAGE_ID = '0:1';
const CREATED_AT = '2026-01-01T00:00:00Z';

export interface StoredFile extends FakeFileInput {
  key: string;
  lastModified: string;
}

const NODE_ID = /^I?-?\d+:-?\d+(;-?\d+:-?\d+)*$/;

export function isNodeId(id: string): boolean {
  return NODE_ID.test(id);
}

export function nextVersion(version: string): string {
  return /^\d+$/.test(version) ? (BigInt(version) + 1n).toString() : `${version}.1`;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export function metaAnswer(file: StoredFile): GetFileMetaResponse {
  return {
    file: {
      name: file.name,
      folder_name: 'Design System',
      last_touched_at: file.lastModified,
      creator: FAKE_USER,
      last_touched_by: FAKE_USER,
      thumbnail_url: 'https://example.invalid/thumbnail.png',
      editorType: 'figma',
      role: 'owner',
      link_access: 'inherit',
      url: `https://www.figma.com/design/${file.key}/${encodeURIComponent(file.name)}`,
      version: file.version,
    },
  };
}

function pageChildren(file: StoredFile): FakeNode[] {
  const styleIds = new Set(Object.keys(file.styles ?? {}));
  return Object.values(file.nodes ?? {}).filter((n) => !styleIds.has(n.id));
}

function documentNode(file: StoredFile, withSharedData: boolean): FakeNode {
  const page: FakeNode = {
    id: PAGE_ID,
    name: 'Page 1',
    type: 'CANVAS',
    scrollBehavior: 'SCROLLS',
    backgroundColor: { r: 0.96, g: 0.96, b: 0.96, a: 1 },
    prototypeStartNodeID: null,
    flowStartingPoints: [],
    prototypeDevice: { type: 'NONE', rotation: 'NONE' },
    children: clone(pageChildren(file)),
  };
  const doc: FakeNode = {
    id: DOCUMENT_ID,
    name: 'Document',
    type: 'DOCUMENT',
    scrollBehavior: 'SCROLLS',
    children: [page],
  };
  if (withSharedData) doc.sharedPluginData = clone(file.sharedPluginData ?? {});
  return doc;
}

/** Every node by id with its parent, styles' definition nodes included. */
function indexNodes(file: StoredFile): Map<string, { node: FakeNode; parent?: FakeNode }> {
  const index = new Map<string, { node: FakeNode; parent?: FakeNode }>();
  const walk = (node: FakeNode, parent?: FakeNode) => {
    index.set(node.id, { node, parent });
    for (const child of node.children ?? []) walk(child, node);
  };
  for (const node of Object.values(file.nodes ?? {})) walk(node);
  return index;
}

function cut(node: FakeNode, depth: number | undefined): FakeNode {
  if (depth === undefined) return node;
  if (depth <= 0) return node.children ? { ...node, children: [] } : node;
  return node.children ? { ...node, children: node.children.map((c) => cut(c, depth - 1)) } : node;
}

/** Vector paths come only with `geometry=paths`, as in Figma's answers. */
function withGeometry(node: FakeNode, paths: boolean): FakeNode {
  if (paths) return node;
  const { fillGeometry: _f, strokeGeometry: _s, ...rest } = node;
  const out: FakeNode = rest as FakeNode;
  if (node.children) out.children = node.children.map((c) => withGeometry(c, false));
  return out;
}

type NodeEntry = NonNullable<GetFileNodesResponse['nodes'][string]>;

/** The maps Figma sends with each node: components, sets and styles used in its subtree. */
function entryFor(
  file: StoredFile,
  document: FakeNode,
  parentOf: (id: string) => FakeNode | undefined,
  index: ReturnType<typeof indexNodes>,
): NodeEntry {
  const components: Record<string, Component> = {};
  const componentSets: Record<string, ComponentSet> = {};
  const styles: Record<string, Style> = {};
  const addComponent = (id: string) => {
    const main = index.get(id);
    if (components[id]) return;
    const library = main ? undefined : file.libraryComponents?.[id];
    if (library) {
      components[id] = {
        key: library.key,
        name: library.name,
        description: '',
        documentationLinks: [],
        remote: true,
        ...(library.componentSetId ? { componentSetId: library.componentSetId } : {}),
      };
      const setId = library.componentSetId;
      if (setId)
        componentSets[setId] ??= {
          key: library.componentSetKey ?? '',
          name: library.componentSetName ?? '',
          description: '',
          documentationLinks: [],
          remote: true,
        };
      return;
    }
    if (!main || main.node.type !== 'COMPONENT') return;
    const meta = file.components?.[id];
    const component: Component = {
      key: meta?.key ?? '',
      name: main.node.name,
      description: meta?.description ?? '',
      documentationLinks: [],
      remote: false,
    };
    const set = main.parent;
    if (set?.type === 'COMPONENT_SET') {
      component.componentSetId = set.id;
      componentSets[set.id] ??= {
        key: file.componentSets?.[set.id]?.key ?? '',
        name: set.name,
        description: file.componentSets?.[set.id]?.description ?? '',
        documentationLinks: [],
        remote: false,
      };
    }
    components[id] = component;
  };
  const walk = (node: FakeNode) => {
    // As Figma does, an instance brings its main component (and that one's set) into the maps.
    if (node.type === 'INSTANCE' && typeof node.componentId === 'string') addComponent(node.componentId);
    if (node.type === 'COMPONENT') {
      const meta = file.components?.[node.id];
      const parent = parentOf(node.id);
      const component: Component = {
        key: meta?.key ?? '',
        name: node.name,
        description: meta?.description ?? '',
        documentationLinks: [],
        remote: false,
      };
      if (parent?.type === 'COMPONENT_SET') component.componentSetId = parent.id;
      components[node.id] = component;
    } else if (node.type === 'COMPONENT_SET') {
      const meta = file.componentSets?.[node.id];
      componentSets[node.id] = {
        key: meta?.key ?? '',
        name: node.name,
        description: meta?.description ?? '',
        documentationLinks: [],
        remote: false,
      };
    }
    const used = node.styles;
    if (used && typeof used === 'object') {
      for (const styleId of Object.values(used as Record<string, string>)) {
        const meta = file.styles?.[styleId];
        if (meta)
          styles[styleId] = {
            key: meta.key,
            name: meta.name,
            description: meta.description ?? '',
            remote: meta.remote ?? false,
            styleType: meta.styleType,
          };
      }
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(document);
  return { document: document as unknown as Node, components, componentSets, schemaVersion: 0, styles };
}

export function nodesAnswer(
  file: StoredFile,
  ids: readonly string[],
  options: { depth?: number; sharedPluginData: boolean; geometry?: string },
): GetFileNodesResponse {
  const index = indexNodes(file);
  const parentOf = (id: string) => index.get(id)?.parent;
  const nodes: GetFileNodesResponse['nodes'] = {};
  for (const id of ids) {
    if (id === DOCUMENT_ID) {
      nodes[id] = entryFor(file, cut(documentNode(file, options.sharedPluginData), options.depth), parentOf, index);
      continue;
    }
    const found = index.get(id);
    // Figma answers null for an id the file does not have.
    nodes[id] = found
      ? entryFor(
          file,
          withGeometry(cut(clone(found.node), options.depth), options.geometry === 'paths'),
          parentOf,
          index,
        )
      : (null as unknown as NodeEntry);
  }
  return {
    name: file.name,
    role: 'owner',
    lastModified: file.lastModified,
    editorType: 'figma',
    thumbnailUrl: 'https://example.invalid/thumbnail.png',
    version: file.version,
    nodes,
  };
}

export function componentSetsAnswer(file: StoredFile): GetFileComponentSetsResponse {
  const nodes = file.nodes ?? {};
  const index = indexNodes(file);
  const sets = Object.entries(file.componentSets ?? {})
    .filter(([id, meta]) => meta.published !== false && index.get(id)?.node.type === 'COMPONENT_SET')
    .map(([id, meta]) => ({
      key: meta.key,
      file_key: file.key,
      node_id: id,
      thumbnail_url: 'https://example.invalid/set.png',
      name: index.get(id)!.node.name ?? nodes[id]?.name ?? '',
      description: meta.description ?? '',
      created_at: CREATED_AT,
      updated_at: file.lastModified,
      user: FAKE_USER,
    }));
  return { status: 200, error: false, meta: { component_sets: sets } };
}

/**
 * Published COMPONENT nodes, variants included; a variant's containing frame names its set, as
 * Figma's does (as `containingComponentSet`, or only as `containingStateGroup` in the older shape).
 */
export function componentsAnswer(file: StoredFile): GetFileComponentsResponse {
  const index = indexNodes(file);
  const components = Object.entries(file.components ?? {})
    .filter(([id, meta]) => meta.published !== false && index.get(id)?.node.type === 'COMPONENT')
    .map(([id, meta]) => {
      const { node, parent } = index.get(id)!;
      const inSet = parent?.type === 'COMPONENT_SET';
      return {
        key: meta.key,
        file_key: file.key,
        node_id: id,
        thumbnail_url: 'https://example.invalid/component.png',
        name: node.name ?? '',
        description: meta.description ?? '',
        created_at: CREATED_AT,
        updated_at: file.lastModified,
        user: FAKE_USER,
        containing_frame: {
          pageId: PAGE_ID,
          pageName: 'Page 1',
          ...(inSet
            ? { nodeId: parent.id, name: parent.name, ...setReference(file, { nodeId: parent.id, name: parent.name }) }
            : {}),
        },
      };
    });
  return { status: 200, error: false, meta: { components } };
}

function setReference(
  file: StoredFile,
  set: { nodeId: string; name: string },
): Pick<FrameInfo, 'containingComponentSet' | 'containingStateGroup'> {
  return file.componentsShape === 'state-group' ? { containingStateGroup: set } : { containingComponentSet: set };
}

export function stylesAnswer(file: StoredFile): GetFileStylesResponse {
  const styles = Object.entries(file.styles ?? {})
    .filter(([, meta]) => !meta.remote && meta.published !== false)
    .map(([id, meta], i) => ({
      key: meta.key,
      file_key: file.key,
      node_id: id,
      style_type: meta.styleType,
      thumbnail_url: 'https://example.invalid/style.png',
      name: meta.name,
      description: meta.description ?? '',
      created_at: CREATED_AT,
      updated_at: file.lastModified,
      user: FAKE_USER,
      sort_position: String(i),
    }));
  return { status: 200, error: false, meta: { styles } };
}
