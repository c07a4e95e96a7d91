import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { Layer } from '../../../core/contract/layers.js';
import type { TokenSet } from '../../../core/contract/tokens.js';

/**
 * A small layer tree per variant of the fixture Button, as a reader gives it: the variant's
 * bindings appear on its layers (the fill on the root, the label wired to the `label` prop),
 * a text label and a hidden icon.
 */
export function buttonTree(variantId: string, width: number, bindings: Record<string, string> = {}): Layer {
  return {
    id: variantId,
    name: 'Button',
    type: 'COMPONENT',
    box: { x: 0, y: 0, width, height: 32 },
    ...(bindings.fill
      ? { style: { fills: [{ type: 'SOLID' as const, color: { r: 0, g: 1 / 3, b: 1, a: 1 }, token: bindings.fill }] } }
      : {}),
    children: [
      {
        id: `${variantId}:label`,
        name: 'Label',
        type: 'TEXT',
        box: { x: 12, y: 8, width: width - 24, height: 16 },
        props: { characters: 'label' },
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
  button.variants = button.variants.map((v, i) => ({ ...v, layers: buttonTree(v.id, 64 + 16 * i, v.bindings) }));
}
