import { describe, expect, it } from 'vitest';
import type { Layer } from '../../../core/contract/layers.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { instanceRefs } from '../../../core/specs/index.js';

const box = { x: 0, y: 0, width: 10, height: 10 };
const instance = (id: string, i: Layer['instance']): Layer => ({ id, name: id, type: 'INSTANCE', box, instance: i });

describe('instanceRefs', () => {
  it('names each instantiated component once, by its set (else itself), never the spec itself', () => {
    const spec: ComponentSpec = {
      id: '1:1',
      key: 'own',
      name: 'Card',
      props: [],
      variants: [
        {
          id: '1:2',
          values: {},
          bindings: {},
          layers: {
            id: '1:2',
            name: 'Card',
            type: 'COMPONENT',
            box,
            children: [
              instance('a', {
                componentId: '9:2',
                componentKey: 'kv',
                componentName: 'Size=md',
                componentSetId: '9:1',
                componentSetKey: 'ks',
              }),
              instance('b', {
                componentId: '9:3',
                componentName: 'Size=lg',
                componentSetId: '9:1',
                componentSetKey: 'ks',
              }),
              instance('c', { componentId: '7:1', componentKey: 'k7', componentName: 'Divider' }),
              instance('d', { componentId: '1:3', componentName: 'State=x', componentSetId: '1:1' }),
              {
                id: 'e',
                name: 'Frame',
                type: 'FRAME',
                box,
                children: [instance('f', { componentId: '5:5', componentName: 'Dot' })],
              },
            ],
          },
        },
        { id: '1:4', values: {}, bindings: {} },
      ],
    };
    expect(instanceRefs(spec)).toEqual([
      { figmaId: '5:5', key: null },
      { figmaId: '7:1', key: 'k7' },
      { figmaId: '9:1', key: 'ks' },
    ]);
  });
});
