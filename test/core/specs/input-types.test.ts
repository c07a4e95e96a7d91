// The structural inputs of core/specs must accept the real Figma types. tsc checks this file
// (tsconfig.test.json loads @figma/plugin-typings); at run time there is nothing to test.
import type * as Rest from '@figma/rest-api-spec';
import { describe, expect, it } from 'vitest';
import type {
  PluginComponentLike,
  PluginComponentSetLike,
  PluginNodeLike,
  RestComponentLike,
  RestComponentSetLike,
  RestNodeLike,
  RestNodesResponseLike,
} from '../../../core/specs/index.js';

// Each arrow compiles only if its parameter type is assignable to its return type.
const pluginChecks = [
  (n: ComponentSetNode): PluginComponentSetLike => n,
  (n: ComponentNode): PluginComponentLike => n,
  (n: SceneNode): PluginNodeLike => n,
  (n: TextNode): PluginNodeLike => n,
  (n: InstanceNode): PluginNodeLike => n,
];

const restChecks = [
  (n: Rest.ComponentSetNode): RestComponentSetLike => n,
  (n: Rest.ComponentNode): RestComponentLike => n,
  (n: Rest.SubcanvasNode): RestNodeLike => n,
  (n: Rest.TextNode): RestNodeLike => n,
  (r: Rest.GetFileNodesResponse): RestNodesResponseLike => r,
];

describe('structural Figma inputs', () => {
  it('accept the Plugin API node types (checked by tsc)', () => {
    expect(pluginChecks).toHaveLength(5);
  });
  it('accept the REST API node types and the nodes response (checked by tsc)', () => {
    expect(restChecks).toHaveLength(5);
  });
});
