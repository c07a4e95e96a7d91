/**
 * The test design system (test/helpers/sync-fixtures) plus what it lacks to exercise the REST
 * path fully: style tokens of each kind the reader turns into tokens (paint, text, effect),
 * a component that binds them, child layers, a width and a gradient.
 */
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { Token } from '../../../core/contract/tokens.js';
import { stylesCollection } from '../../../core/tokens/token-index.js';
import { designSystem } from '../../helpers/sync-fixtures.js';
import type { Design } from './design-to-rest.js';

export const STYLE_IDS = {
  brand: 'S:brandkey1,5:1',
  body: 'S:bodykey2,5:2',
  shadow: 'S:shadowkey3,5:3',
  sunrise: 'S:sunrisekey4,5:4',
} as const;

const srgb = (r: number, g: number, b: number, alpha = 1) => ({
  colorSpace: 'srgb',
  components: [r, g, b],
  alpha,
  hex: `#${[r, g, b]
    .map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`,
});

export function designWithStyles(): Design {
  const design = designSystem();
  const styleToken = (
    id: string,
    name: string,
    type: Token['type'],
    value: unknown,
    extra: Partial<Token> = {},
  ): Token => ({
    id,
    name,
    collectionId: 'styles',
    type,
    valuesByMode: { default: value as Token['valuesByMode'][string] },
    ...extra,
  });
  design.tokens.collections.push(stylesCollection());
  design.tokens.tokens.push(
    styleToken(STYLE_IDS.brand, 'Brand/Primary', 'color', srgb(0, 0.2, 1), { description: 'The brand color' }),
    styleToken(STYLE_IDS.body, 'Text/Body', 'typography', {
      fontFamily: 'Inter',
      fontSize: { value: 16, unit: 'px' },
      fontWeight: 600,
      lineHeight: 1.5,
      letterSpacing: { value: 0.5, unit: 'px' },
    }),
    styleToken(STYLE_IDS.shadow, 'Elevation/1', 'shadow', {
      color: srgb(0, 0, 0, 0.25),
      offsetX: { value: 0, unit: 'px' },
      offsetY: { value: 2, unit: 'px' },
      blur: { value: 4, unit: 'px' },
      spread: { value: 0, unit: 'px' },
      inset: false,
    }),
    styleToken(
      STYLE_IDS.sunrise,
      'Gradient/Sunrise',
      'gradient',
      [
        { color: srgb(1, 0.6, 0), position: 0 },
        { color: { alias: 'VariableID:1:1' }, position: 1 },
      ],
      { extensions: { 'com.figma': { paintType: 'GRADIENT_RADIAL' } } },
    ),
  );
  const input: ComponentSpec = {
    id: '40:1',
    key: 'input-key',
    name: 'Input',
    description: 'Text field',
    props: [
      { name: 'state', id: 'state', kind: 'variant', default: 'default', options: ['default', 'error'] },
      { name: 'hint', id: 'hint#4:0', kind: 'text', default: 'Hint' },
      { name: 'icon', id: 'icon#4:1', kind: 'instanceSwap', default: '9:9' },
    ],
    variants: [
      {
        id: '40:2',
        values: { state: 'default' },
        bindings: {
          fill: STYLE_IDS.brand,
          effects: STYLE_IDS.shadow,
          width: 'VariableID:1:6',
          'label.typography': STYLE_IDS.body,
          'label.fill': 'VariableID:2:1',
          'helperText.fill': 'VariableID:1:4',
        },
      },
      {
        id: '40:3',
        values: { state: 'error' },
        bindings: {
          fill: STYLE_IDS.sunrise,
          stroke: 'VariableID:2:2',
          'stroke.2': 'VariableID:1:3',
          radiusTopLeft: 'VariableID:1:7',
          'label.typography': STYLE_IDS.body,
        },
      },
    ],
  };
  design.components.push(input);
  return design;
}
