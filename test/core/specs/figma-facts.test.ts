import type {
  BooleanOperationNode,
  Paint,
  RegularPolygonNode,
  StarNode,
  TextNode,
  TypeStyle,
} from '@figma/rest-api-spec';
import { afterEach, describe, expect, it } from 'vitest';
import {
  specFromPluginNode,
  specFromRestNode,
  type PluginComponentSetLike,
  type RestComponentSetLike,
} from '../../../core/specs/index.js';
import { createFakeFigma, FACTS, figmaFactsDesign } from '../../fakes/figma/index.js';

// Node kinds tidy fixtures lack, as each API gives them: both readers must agree, and not crash.
const bound = (id: string, hex: string): Paint => {
  const n = parseInt(hex.slice(1), 16);
  return {
    type: 'SOLID',
    visible: true,
    blendMode: 'NORMAL',
    color: { r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255, a: 1 },
    boundVariables: { color: { type: 'VARIABLE_ALIAS', id } },
  };
};
type Pick2<T, K extends keyof T> = Pick<T, K> & { children?: unknown[] };

/** The Badge set of figmaFactsDesign as `GET /v1/files/:key/nodes` gives it (the fields the reader reads). */
function restBadge(): RestComponentSetLike {
  const star: Pick2<StarNode, 'id' | 'name' | 'type' | 'fills'> = {
    id: FACTS.star,
    name: 'Star',
    type: 'STAR',
    fills: [bound(FACTS.contrastLive, '#e14d00')],
  };
  const hole: Pick2<RegularPolygonNode, 'id' | 'name' | 'type' | 'fills'> = {
    id: '40:5',
    name: 'Hole',
    type: 'REGULAR_POLYGON',
    fills: [{ type: 'SOLID', visible: true, blendMode: 'NORMAL', color: { r: 1, g: 1, b: 1, a: 1 } }],
  };
  const icon: Pick2<BooleanOperationNode, 'id' | 'name' | 'type' | 'booleanOperation' | 'fills'> = {
    id: '40:3',
    name: 'Icon',
    type: 'BOOLEAN_OPERATION',
    booleanOperation: 'SUBTRACT',
    fills: [],
    children: [star, hole],
  };
  // REST gives a text layer the first range's fills, the others through characterStyleOverrides
  // and styleOverrideTable, and every range's variables as boundVariables.textRangeFills.
  const overrides: Record<string, TypeStyle> = { 1: { fills: [bound(FACTS.contrastDeleted, '#862b00')] } };
  const label: Pick2<
    TextNode,
    | 'id'
    | 'name'
    | 'type'
    | 'characters'
    | 'fills'
    | 'characterStyleOverrides'
    | 'styleOverrideTable'
    | 'boundVariables'
  > = {
    id: FACTS.label,
    name: 'Label',
    type: 'TEXT',
    characters: 'New item',
    fills: [bound(FACTS.brand, '#e14d00')],
    characterStyleOverrides: [0, 0, 0, 1, 1, 1, 1, 1],
    styleOverrideTable: overrides,
    boundVariables: {
      textRangeFills: [
        { type: 'VARIABLE_ALIAS', id: FACTS.brand },
        { type: 'VARIABLE_ALIAS', id: FACTS.contrastDeleted },
      ],
    },
  };
  return {
    id: FACTS.badge,
    name: 'Badge',
    type: 'COMPONENT_SET',
    componentPropertyDefinitions: {
      State: { type: 'VARIANT', defaultValue: 'Default', variantOptions: ['Default', 'Strong'] },
    },
    children: [
      {
        id: '40:2',
        name: 'State=Default',
        type: 'COMPONENT',
        fills: [bound(FACTS.brand, '#e14d00')],
        children: [icon, label],
      },
      {
        id: '40:7',
        name: 'State=Strong',
        type: 'COMPONENT',
        fills: [bound(FACTS.contrastLive, '#e14d00')],
        styles: { fill: '5:1' },
      },
    ],
  } as unknown as RestComponentSetLike;
}

describe('component specs from boolean operations, stars, polygons and per-range text fills', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('the Plugin API and REST give the same spec', async () => {
    restore = createFakeFigma(figmaFactsDesign()).install();
    await figma.loadAllPagesAsync();
    const set = (await figma.getNodeByIdAsync(FACTS.badge)) as unknown as PluginComponentSetLike;
    const warnings: string[] = [];
    const fromPlugin = specFromPluginNode(set, { warn: (m) => warnings.push(m) });
    const fromRest = specFromRestNode(restBadge(), {
      styles: { '5:1': { key: FACTS.stylePrimaryA.slice(2, FACTS.stylePrimaryA.indexOf(',')) } },
    });

    expect(warnings).toEqual([]);
    expect(fromRest.variants).toEqual(fromPlugin.variants);
    expect(fromRest.variants[0]!.bindings).toEqual({
      fill: FACTS.brand,
      'star.fill': FACTS.contrastLive,
      'label.fill': FACTS.brand,
      'label.fill.2': FACTS.contrastDeleted,
    });
    expect(fromRest.variants[1]!.bindings).toEqual({ fill: FACTS.stylePrimaryA });
  });
});
