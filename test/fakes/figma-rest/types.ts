import type { GetLocalVariablesResponse, StyleType } from '@figma/rest-api-spec';

/**
 * A node as the fake stores it: the fields a test or the builder sets, nothing more. Figma's
 * full node types require dozens of layout fields nobody here reads; answers cast these to
 * `Node` (DESIGN: the reader relies on ids, names, types, bindings, styles and properties).
 */
export interface FakeNode {
  id: string;
  name: string;
  type: string;
  children?: FakeNode[];
  [field: string]: unknown;
}

export interface FakeComponentMeta {
  key: string;
  description?: string;
  /** listed by `GET /v1/files/:key/components` (default true) */
  published?: boolean;
}

/**
 * A main component that lives in another file (a library), named by an instance of this one:
 * Figma lists it in a node's `components` map (and its set in `componentSets`) as remote.
 */
export interface FakeLibraryComponent {
  key: string;
  name: string;
  componentSetId?: string;
  componentSetKey?: string;
  componentSetName?: string;
}

export interface FakeComponentSetMeta {
  key: string;
  description?: string;
  /** listed by `GET /v1/files/:key/component_sets` (default true) */
  published?: boolean;
}

export interface FakeStyleMeta {
  key: string;
  name: string;
  styleType: StyleType;
  description?: string;
  remote?: boolean;
  /** listed by `GET /v1/files/:key/styles` (default true for local styles) */
  published?: boolean;
}

export interface FakeCredentials {
  kind: 'pat' | 'oauth';
  token: string;
}

export interface FakeFileInput {
  name: string;
  version: string;
  /** `'forbidden'`: the variables endpoint answers 403 as it does outside Enterprise plans */
  variables?: GetLocalVariablesResponse | 'forbidden';
  /** top-level nodes of the file's one page (component sets, lone components, frames) and style definition nodes */
  nodes?: Record<string, FakeNode>;
  /** metadata of COMPONENT nodes by node id */
  components?: Record<string, FakeComponentMeta>;
  /** main components of instances that are not in this file, by component id */
  libraryComponents?: Record<string, FakeLibraryComponent>;
  /** metadata of COMPONENT_SET nodes by node id */
  componentSets?: Record<string, FakeComponentSetMeta>;
  /** styles by the node id of their definition node (which lives in `nodes` but on no page) */
  styles?: Record<string, FakeStyleMeta>;
  /**
   * How `GET /v1/files/:key/components` names a variant's set: `'current'` (default) as
   * `containing_frame.containingComponentSet`, `'state-group'` only as the older
   * `containing_frame.containingStateGroup` (what Figma answered before the rename).
   */
  componentsShape?: 'current' | 'state-group';
  /** shared plugin data of the document node 0:0: namespace → key → value */
  sharedPluginData?: Record<string, Record<string, string>>;
  /** tokens that may read this file; default: the fake's own PAT and OAuth token */
  access?: FakeCredentials[];
}

export const ENDPOINTS = ['meta', 'variables', 'nodes', 'component_sets', 'components', 'styles', 'webhooks'] as const;
export type FakeEndpoint = (typeof ENDPOINTS)[number];
