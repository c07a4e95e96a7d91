/**
 * Figma's find* semantics over the fake's node trees: depth-first, parents before children,
 * siblings in layer order, nested nodes included (variants in sets, sets in frames).
 */
import { figmaError, expectedType } from './errors.js';
import { peekStore } from './plugin-data.js';

/** Every NodeType of the typings; tsc keeps it complete. */
const NODE_TYPES = {
  DOCUMENT: true,
  PAGE: true,
  SLICE: true,
  FRAME: true,
  GROUP: true,
  COMPONENT_SET: true,
  COMPONENT: true,
  INSTANCE: true,
  BOOLEAN_OPERATION: true,
  VECTOR: true,
  STAR: true,
  LINE: true,
  ELLIPSE: true,
  POLYGON: true,
  RECTANGLE: true,
  TEXT: true,
  TEXT_PATH: true,
  TRANSFORM_GROUP: true,
  STICKY: true,
  CONNECTOR: true,
  SHAPE_WITH_TEXT: true,
  CODE_BLOCK: true,
  STAMP: true,
  WIDGET: true,
  EMBED: true,
  LINK_UNFURL: true,
  MEDIA: true,
  SECTION: true,
  HIGHLIGHT: true,
  WASHI_TAPE: true,
  TABLE: true,
  SLIDE: true,
  SLIDE_ROW: true,
  SLIDE_GRID: true,
  SLOT: true,
  INTERACTIVE_SLIDE_ELEMENT: true,
} satisfies Record<NodeType, true>;

export interface TreeNode {
  readonly type: string;
  readonly children?: readonly TreeNode[];
}

/** Children without the page-loading check (the fake's own traversal). */
export type ChildrenOf = (node: TreeNode) => readonly TreeNode[] | undefined;

export function collect(
  nodes: readonly TreeNode[],
  childrenOf: ChildrenOf,
  keep: (n: TreeNode) => boolean,
  out: TreeNode[],
  firstOnly = false,
): TreeNode[] {
  for (const node of nodes) {
    if (keep(node)) {
      out.push(node);
      if (firstOnly) return out;
    }
    const kids = childrenOf(node);
    if (kids && kids.length > 0) {
      collect(kids, childrenOf, keep, out, firstOnly);
      if (firstOnly && out.length > 0) return out;
    }
  }
  return out;
}

export function callbackPredicate(member: string, callback: unknown, required: boolean): (n: TreeNode) => boolean {
  if (callback === undefined && !required) return () => true;
  if (typeof callback !== 'function') throw expectedType(member, 'callback', 'function', callback);
  return (n) => Boolean((callback as (n: TreeNode) => unknown)(n));
}

const CRITERIA_KEYS = new Set(['types', 'pluginData', 'sharedPluginData']);

function stringList(member: string, property: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw expectedType(member, property, '[array of string]', value);
  value.forEach((v, i) => {
    if (typeof v !== 'string') throw expectedType(member, `${property}.[${i}]`, 'string', v);
  });
  return value as string[];
}

/** `findAllWithCriteria` criteria → predicate, validated as strictly as Figma does. */
export function criteriaPredicate(member: string, criteria: unknown): (n: TreeNode) => boolean {
  if (typeof criteria !== 'object' || criteria === null || Array.isArray(criteria))
    throw expectedType(member, 'criteria', 'object', criteria);
  for (const key of Object.keys(criteria)) {
    if (!CRITERIA_KEYS.has(key)) throw figmaError(member, `Unrecognized key(s) in object: '${key}'`);
  }
  const c = criteria as {
    types?: unknown;
    pluginData?: { keys?: unknown };
    sharedPluginData?: { namespace?: unknown; keys?: unknown };
  };
  const types = stringList(member, 'criteria.types', c.types);
  types?.forEach((t, i) => {
    if (!(t in NODE_TYPES))
      throw figmaError(member, `Expected "criteria.types.[${i}]" to be one of the allowed values for this property`);
  });
  const typeSet = types ? new Set(types) : undefined;
  const pluginKeys = c.pluginData
    ? (stringList(member, 'criteria.pluginData.keys', c.pluginData.keys) ?? null)
    : undefined;
  const shared = c.sharedPluginData;
  if (shared && typeof shared.namespace !== 'string')
    throw expectedType(member, 'criteria.sharedPluginData.namespace', 'string', shared.namespace);
  const sharedKeys = shared ? (stringList(member, 'criteria.sharedPluginData.keys', shared.keys) ?? null) : undefined;

  return (node) => {
    if (typeSet && !typeSet.has(node.type)) return false;
    const store = peekStore(node);
    if (pluginKeys !== undefined) {
      const keys = store?.keys() ?? [];
      if (pluginKeys === null ? keys.length === 0 : !pluginKeys.some((k) => keys.includes(k))) return false;
    }
    if (sharedKeys !== undefined && shared) {
      const keys = store?.sharedKeys(shared.namespace) ?? [];
      if (sharedKeys === null ? keys.length === 0 : !sharedKeys.some((k) => keys.includes(k))) return false;
    }
    return true;
  };
}
