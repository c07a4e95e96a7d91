// Components that use each other through instance layers (DESIGN.md "Dependencies").
import type { Layer } from '../../core/contract/layers.js';
import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';

export type Design = { tokens: TokenSet; components: ComponentSpec[] };

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

/** An instance layer of a variant of `set` (as both readers give it: the variant's and its set's ids). */
const instanceOf = (id: string, name: string, set: { id: string; key: string; name: string }): Layer => ({
  id,
  name,
  type: 'INSTANCE',
  box: box(0, 0, 16, 16),
  instance: {
    componentId: `${set.id}-v`,
    componentKey: `${set.key}-v`,
    componentName: 'Size=md',
    componentSetId: set.id,
    componentSetKey: set.key,
    componentSetName: set.name,
  },
});

export const ICON = { id: '40:1', key: 'key-icon', name: 'Icon' };

/** Icon (a component set); the design system's Button holds an Icon instance, its Card a Button. */
export function withDependencies(ds: Design, edit?: { buttonPadding?: number; shift?: number }): void {
  const shift = edit?.shift ?? 0;
  const button = ds.components.find((c) => c.name === 'Button')!;
  const card = ds.components.find((c) => c.name === 'Card')!;
  button.key = 'key-button';
  card.key = 'key-card';
  ds.components.push({
    id: ICON.id,
    key: ICON.key,
    name: ICON.name,
    props: [
      { name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['md'] },
      { name: 'filled', id: 'filled#4:0', kind: 'boolean', default: false },
    ],
    variants: [
      {
        id: '40:2',
        values: { size: 'md' },
        bindings: {},
        layers: { id: '40:2', name: 'size=md', type: 'COMPONENT', box: box(0, 0, 16 + shift, 16) },
      },
    ],
  });
  for (const v of button.variants) {
    v.layers = {
      id: v.id,
      name: `size=${v.values.size}`,
      type: 'COMPONENT',
      box: box(0, 0, 100 + shift, 40),
      layout: { layoutMode: 'HORIZONTAL', itemSpacing: 4 },
      children: [
        {
          id: `${v.id}:c`,
          name: 'Container',
          type: 'FRAME',
          box: box(8, 8, 84 + shift, 24),
          layout: { layoutMode: 'HORIZONTAL', paddingLeft: edit?.buttonPadding ?? 8 },
          children: [instanceOf(`${v.id}:i`, 'Icon', ICON)],
        },
      ],
    };
  }
  card.variants[0]!.layers = {
    id: card.variants[0]!.id,
    name: 'Card',
    type: 'COMPONENT',
    box: box(0, 0, 300, 200 + shift),
    children: [instanceOf('30:9', 'Action', { id: button.id, key: 'key-button', name: 'Button' })],
  };
}
