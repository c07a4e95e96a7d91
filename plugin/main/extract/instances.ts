// The main component of every instance inside a component, read before the (pure, sync)
// normalizer runs: under documentAccess: dynamic-page, `instance.mainComponent` throws and
// only `await getMainComponentAsync()` answers.
import type { PluginInstanceInfo } from '../../../core/specs/index.js';

export async function collectInstances(root: SceneNode): Promise<Map<string, PluginInstanceInfo>> {
  const found = new Map<string, PluginInstanceInfo>();
  const stack: SceneNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'INSTANCE') {
      const main = await node.getMainComponentAsync();
      if (main) {
        const info: PluginInstanceInfo = { componentId: main.id, componentName: main.name };
        if (main.key) info.componentKey = main.key;
        const set = main.parent;
        if (set?.type === 'COMPONENT_SET') {
          info.componentSetId = set.id;
          if (set.key) info.componentSetKey = set.key;
          info.componentSetName = set.name;
        }
        found.set(node.id, info);
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return found;
}
