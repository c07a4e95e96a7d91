import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { Layer } from '../../../core/contract/layers.js';
import type { TokenSet } from '../../../core/contract/tokens.js';

/** A small layer tree per variant of the fixture Button: a frame with a text label and a hidden icon. */
export function buttonTree(variantId: string, width: number): Layer {
  return {
    id: variantId,
    name: 'Button',
    type: 'COMPONENT',
    box: { x: 0, y: 0, width, height: 32 },
    children: [
      {
        id: `${variantId}:label`,
        name: 'Label',
        type: 'TEXT',
        box: { x: 12, y: 8, width: width - 24, height: 16 },
        text: { characters: 'Button' },
      },
      {
        id: `${variantId}:icon`,
        name: 'Icon',
        type: 'FRAME',
        visible: false,
        box: { x: 0, y: 0, width: 16, height: 16 },
      },
    ],
  };
}

/** The fixture design system with layer trees on Button's variants. */
export function withButtonTrees(ds: { tokens: TokenSet; components: ComponentSpec[] }): void {
  const button = ds.components.find((c) => c.name === 'Button')!;
  button.variants = button.variants.map((v, i) => ({ ...v, layers: buttonTree(v.id, 64 + 16 * i) }));
}
