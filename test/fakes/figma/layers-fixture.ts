/**
 * Components whose layer trees exercise every part of the tree (DESIGN.md "Layer tree"): a
 * button (auto layout with padding, gap and radius bound to variables, an icon instance wired
 * to a boolean and an instance-swap prop, a label wired to a text prop with a text style), a
 * card (vertical header / body / footer, a gradient, a shadow, mixed text styles), an input
 * (helper text, per-side strokes, per-corner radii), a badge laid out by constraints (no auto
 * layout, rotation, an image fill) and the icon component the others use. Geometry sits off
 * the origin with float32-unfriendly fractions, as on a real canvas.
 */
import { alias, rgba, solid, type FakeFile, type FakeSceneSeed } from './seed.js';

export const LAYER_VARS = {
  spaceSm: 'VariableID:60:1',
  spaceMd: 'VariableID:60:2',
  radius: 'VariableID:60:3',
  brand: 'VariableID:60:4',
  text: 'VariableID:60:5',
  fontSize: 'VariableID:60:6',
} as const;
export const LAYER_STYLES = { body: 'S:bodystylekey,61:1', surface: 'S:surfacestylekey,61:2' } as const;

const star = 'M 8 0 L 10.4 5.6 L 16 6.1 L 11.8 9.8 L 13 15.4 L 8 12.5 L 3 15.4 L 4.2 9.8 L 0 6.1 L 5.6 5.6 Z';
const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

function icon(id: string, x: number, y: number): FakeSceneSeed {
  return {
    id,
    name: 'Star',
    type: 'VECTOR',
    absoluteBoundingBox: box(x, y, 16, 16),
    fills: [solid('#1a1a1a', LAYER_VARS.text)],
    fillGeometry: [{ windingRule: 'NONZERO', data: star }],
    strokes: [solid('#000000')],
    strokeWeight: 1.5,
    strokeGeometry: [{ windingRule: 'NONZERO', data: 'M 0 0 L 16 16' }],
  };
}

function button(id: number, size: 'Small' | 'Large', x0: number, y0: number): FakeSceneSeed {
  const pad = size === 'Small' ? 8 : 12;
  const width = size === 'Small' ? 96.33 : 120.67;
  return {
    id: `70:${id}`,
    name: `Size=${size}`,
    type: 'COMPONENT',
    absoluteBoundingBox: box(x0, y0, width, 32.5),
    layoutMode: 'HORIZONTAL',
    paddingLeft: pad,
    paddingRight: pad,
    paddingTop: 6,
    paddingBottom: 6,
    itemSpacing: 8,
    primaryAxisAlignItems: 'CENTER',
    counterAxisAlignItems: 'CENTER',
    layoutSizingHorizontal: 'HUG',
    layoutSizingVertical: 'HUG',
    cornerRadius: 6,
    fills: [solid('#0a66e5', LAYER_VARS.brand)],
    boundVariables: {
      paddingLeft: alias(size === 'Small' ? LAYER_VARS.spaceSm : LAYER_VARS.spaceMd),
      paddingRight: alias(size === 'Small' ? LAYER_VARS.spaceSm : LAYER_VARS.spaceMd),
      itemSpacing: alias(LAYER_VARS.spaceSm),
      topLeftRadius: alias(LAYER_VARS.radius),
      topRightRadius: alias(LAYER_VARS.radius),
      bottomLeftRadius: alias(LAYER_VARS.radius),
      bottomRightRadius: alias(LAYER_VARS.radius),
    },
    children: [
      {
        id: `70:${id}1`,
        name: 'Icon',
        type: 'INSTANCE',
        mainComponentId: '72:1',
        absoluteBoundingBox: box(x0 + pad, y0 + 8.25, 16, 16),
        componentPropertyReferences: { visible: 'Show icon#71:0', mainComponent: 'Icon#71:2' },
        componentProperties: { 'Filled#72:9': { type: 'BOOLEAN', value: true } },
        children: [icon(`I70:${id}1;72:2`, x0 + pad, y0 + 8.25)],
      },
      {
        id: `70:${id}2`,
        name: 'Label',
        type: 'TEXT',
        absoluteBoundingBox: box(x0 + pad + 24, y0 + 6, width - 2 * pad - 24, 20.5),
        characters: 'Button',
        textStyleId: LAYER_STYLES.body,
        fontName: { family: 'Inter', style: 'Semi Bold' },
        fontSize: 14,
        fontWeight: 600,
        lineHeight: { unit: 'PERCENT', value: 145 },
        letterSpacing: { unit: 'PERCENT', value: 2 },
        textAutoResize: 'WIDTH_AND_HEIGHT',
        layoutSizingHorizontal: 'HUG',
        layoutSizingVertical: 'HUG',
        fills: [solid('#ffffff')],
        boundVariables: { fontSize: [alias(LAYER_VARS.fontSize)] },
        componentPropertyReferences: { characters: 'Label#71:1' },
      },
    ],
  };
}

function input(id: number, state: 'Default' | 'Error', x0: number, y0: number): FakeSceneSeed {
  return {
    id: `73:${id}`,
    name: `State=${state}`,
    type: 'COMPONENT',
    absoluteBoundingBox: box(x0, y0, 240, 64.8),
    layoutMode: 'VERTICAL',
    itemSpacing: 4,
    layoutSizingVertical: 'HUG',
    children: [
      {
        id: `73:${id}1`,
        name: 'Field',
        type: 'FRAME',
        absoluteBoundingBox: box(x0, y0, 240, 40),
        layoutMode: 'HORIZONTAL',
        paddingLeft: 12,
        paddingRight: 12,
        layoutSizingHorizontal: 'FILL',
        counterAxisAlignItems: 'CENTER',
        strokes: [solid(state === 'Error' ? '#d92d20' : '#c4c4c4')],
        strokeTopWeight: 1,
        strokeRightWeight: 1,
        strokeBottomWeight: 2,
        strokeLeftWeight: 1,
        topLeftRadius: 4,
        topRightRadius: 4,
        bottomRightRadius: 0,
        bottomLeftRadius: 0,
        fillStyleId: LAYER_STYLES.surface,
        fills: [solid('#fafafa')],
        children: [
          {
            id: `73:${id}2`,
            name: 'Value',
            type: 'TEXT',
            characters: 'Placeholder',
            absoluteBoundingBox: box(x0 + 12, y0 + 11.2, 216, 17.6),
            layoutGrow: 1,
            textAutoResize: 'HEIGHT',
            textTruncation: 'ENDING',
            maxLines: 1,
            fills: [solid('#8a8a8a')],
          },
        ],
      },
      {
        id: `73:${id}3`,
        name: 'Helper text',
        type: 'TEXT',
        characters: state === 'Error' ? 'Required' : 'We never share it',
        absoluteBoundingBox: box(x0, y0 + 44, 240, 20.8),
        layoutSizingHorizontal: 'FILL',
        fontSize: 12,
        fills: [solid(state === 'Error' ? '#d92d20' : '#6b6b6b')],
        componentPropertyReferences: { characters: 'Hint#74:0' },
      },
    ],
  };
}

export function layerTreeDesign(): FakeFile {
  const cardX = 400.1;
  const cardY = -250.35;
  return {
    name: 'Layer trees',
    collections: [{ id: 'VariableCollectionId:60:0', name: 'Base', modes: [{ modeId: '60:0', name: 'Default' }] }],
    variables: [
      {
        id: LAYER_VARS.spaceSm,
        name: 'space/sm',
        variableCollectionId: 'VariableCollectionId:60:0',
        resolvedType: 'FLOAT',
        valuesByMode: { '60:0': 8 },
      },
      {
        id: LAYER_VARS.spaceMd,
        name: 'space/md',
        variableCollectionId: 'VariableCollectionId:60:0',
        resolvedType: 'FLOAT',
        valuesByMode: { '60:0': 12 },
      },
      {
        id: LAYER_VARS.radius,
        name: 'radius/md',
        variableCollectionId: 'VariableCollectionId:60:0',
        resolvedType: 'FLOAT',
        valuesByMode: { '60:0': 6 },
      },
      {
        id: LAYER_VARS.brand,
        name: 'color/brand',
        variableCollectionId: 'VariableCollectionId:60:0',
        resolvedType: 'COLOR',
        valuesByMode: { '60:0': rgba('#0a66e5') },
      },
      {
        id: LAYER_VARS.text,
        name: 'color/text',
        variableCollectionId: 'VariableCollectionId:60:0',
        resolvedType: 'COLOR',
        valuesByMode: { '60:0': rgba('#1a1a1a') },
      },
      {
        id: LAYER_VARS.fontSize,
        name: 'font/size/md',
        variableCollectionId: 'VariableCollectionId:60:0',
        resolvedType: 'FLOAT',
        valuesByMode: { '60:0': 14 },
      },
    ],
    paintStyles: [{ id: LAYER_STYLES.surface, name: 'Surface', paints: [solid('#fafafa')] }],
    textStyles: [
      {
        id: LAYER_STYLES.body,
        name: 'Body/Strong',
        fontName: { family: 'Inter', style: 'Semi Bold' },
        fontSize: 14,
        lineHeight: { unit: 'PERCENT', value: 145 },
        letterSpacing: { unit: 'PERCENT', value: 2 },
      },
    ],
    pages: [
      {
        id: '0:1',
        name: 'Components',
        children: [
          {
            id: '72:1',
            name: 'Icon/Star',
            type: 'COMPONENT',
            absoluteBoundingBox: box(-100, -100, 16, 16),
            componentPropertyDefinitions: { 'Filled#72:9': { type: 'BOOLEAN', defaultValue: true } },
            children: [icon('72:2', -100, -100)],
          },
          {
            id: '70:0',
            name: 'Button',
            type: 'COMPONENT_SET',
            absoluteBoundingBox: box(0, 0, 300, 100),
            componentPropertyDefinitions: {
              Size: { type: 'VARIANT', defaultValue: 'Small' },
              'Show icon#71:0': { type: 'BOOLEAN', defaultValue: true },
              'Label#71:1': { type: 'TEXT', defaultValue: 'Button' },
              'Icon#71:2': { type: 'INSTANCE_SWAP', defaultValue: '72:1' },
            },
            children: [button(1, 'Small', 20.1, 20.7) as never, button(2, 'Large', 140.33, 20.7) as never],
          },
          {
            id: '73:0',
            name: 'Input',
            type: 'COMPONENT_SET',
            absoluteBoundingBox: box(0, 200, 600, 100),
            componentPropertyDefinitions: {
              State: { type: 'VARIANT', defaultValue: 'Default' },
              'Hint#74:0': { type: 'TEXT', defaultValue: 'We never share it' },
            },
            children: [input(1, 'Default', 16, 216.4) as never, input(2, 'Error', 300.5, 216.4) as never],
          },
          {
            id: '75:1',
            name: 'Card',
            type: 'COMPONENT',
            absoluteBoundingBox: box(cardX, cardY, 320, 240),
            layoutMode: 'VERTICAL',
            clipsContent: true,
            cornerRadius: 12,
            fills: [solid('#ffffff')],
            effects: [
              {
                type: 'DROP_SHADOW',
                color: { r: 0, g: 0, b: 0, a: 0.25 },
                offset: { x: 0, y: 2 },
                radius: 8,
                spread: 0,
                visible: true,
                blendMode: 'NORMAL',
                showShadowBehindNode: false,
              },
            ],
            children: [
              {
                id: '75:2',
                name: 'Header',
                type: 'FRAME',
                absoluteBoundingBox: box(cardX, cardY, 320, 64),
                layoutMode: 'HORIZONTAL',
                paddingLeft: 16,
                paddingRight: 16,
                paddingTop: 16,
                paddingBottom: 16,
                layoutSizingHorizontal: 'FILL',
                fills: [
                  {
                    type: 'GRADIENT_LINEAR',
                    gradientTransform: [
                      [1, 0, 0],
                      [0, 1, 0],
                    ],
                    gradientStops: [
                      { position: 0, color: { r: 1, g: 0.6, b: 0, a: 1 } },
                      {
                        position: 1,
                        color: { r: 0.04, g: 0.4, b: 0.9, a: 1 },
                        boundVariables: { color: alias(LAYER_VARS.brand) },
                      },
                    ],
                    visible: true,
                    opacity: 1,
                    blendMode: 'NORMAL',
                  },
                ],
                children: [
                  {
                    id: '75:3',
                    name: 'Title',
                    type: 'TEXT',
                    absoluteBoundingBox: box(cardX + 16, cardY + 16, 120, 24),
                    segments: [
                      {
                        characters: 'Bold ',
                        fills: [solid('#111111')],
                        fontName: { family: 'Inter', style: 'Bold' },
                        fontWeight: 700,
                      },
                      { characters: 'and plain', fills: [solid('#111111')] },
                      {
                        characters: ' UPPER',
                        fills: [solid('#0a66e5', LAYER_VARS.brand)],
                        textCase: 'UPPER',
                        textDecoration: 'UNDERLINE',
                      },
                    ],
                    fontSize: 18,
                    lineHeight: { unit: 'PIXELS', value: 24 },
                  },
                ],
              },
              {
                id: '75:4',
                name: 'Body',
                type: 'FRAME',
                absoluteBoundingBox: box(cardX, cardY + 64, 320, 120),
                layoutMode: 'VERTICAL',
                paddingLeft: 16,
                paddingRight: 16,
                itemSpacing: 8,
                layoutSizingHorizontal: 'FILL',
                layoutGrow: 1,
              },
              {
                id: '75:5',
                name: 'Footer',
                type: 'FRAME',
                absoluteBoundingBox: box(cardX, cardY + 184, 320, 56),
                layoutMode: 'HORIZONTAL',
                primaryAxisAlignItems: 'MAX',
                layoutSizingHorizontal: 'FILL',
                strokes: [solid('#e5e5e5')],
                strokeTopWeight: 1,
                strokeRightWeight: 0,
                strokeBottomWeight: 0,
                strokeLeftWeight: 0,
                children: [
                  {
                    id: '75:6',
                    name: 'Badge',
                    type: 'FRAME',
                    absoluteBoundingBox: box(cardX + 280, cardY + 184, 24, 24),
                    layoutPositioning: 'ABSOLUTE',
                    constraints: { horizontal: 'MAX', vertical: 'MIN' },
                    fills: [solid('#d92d20')],
                    cornerRadius: 12,
                  },
                ],
              },
            ],
          },
          {
            id: '76:1',
            name: 'Poster',
            type: 'COMPONENT',
            absoluteBoundingBox: box(1000.25, 1000.75, 200, 120),
            fills: [
              {
                type: 'IMAGE',
                scaleMode: 'FILL',
                imageHash: 'abc123',
                visible: true,
                opacity: 1,
                blendMode: 'NORMAL',
              } as never,
            ],
            children: [
              {
                id: '76:2',
                name: 'Centered',
                type: 'RECTANGLE',
                absoluteBoundingBox: box(1080.25, 1040.75, 40, 40),
                constraints: { horizontal: 'CENTER', vertical: 'CENTER' },
                rotation: 45,
                opacity: 0.5,
                fills: [solid('#00aa55')],
              },
              {
                id: '76:3',
                name: 'Stretch',
                type: 'RECTANGLE',
                absoluteBoundingBox: box(1000.25, 1100.75, 200, 20),
                constraints: { horizontal: 'STRETCH', vertical: 'MAX' },
                visible: false,
                fills: [solid('#000000', undefined, 0.4)],
              },
              {
                id: '76:4',
                name: 'Dot',
                type: 'ELLIPSE',
                absoluteBoundingBox: box(1190.25, 1000.75, 8, 8),
                constraints: { horizontal: 'SCALE', vertical: 'MIN' },
                fills: [solid('#ff0000')],
                fillGeometry: [
                  {
                    windingRule: 'NONZERO',
                    data: 'M 8 4 C 8 6.2 6.2 8 4 8 C 1.8 8 0 6.2 0 4 C 0 1.8 1.8 0 4 0 C 6.2 0 8 1.8 8 4 Z',
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}
