/**
 * A small file with what real Figma files hold and tidy fixtures lack (DESIGN.md "Figma facts";
 * names, ids and values after daangn's SEED Design, test/fixtures/figma/real):
 *
 * - a library collection whose variables the file's own ones alias (`fg/brand` → library
 *   `palette/carrot-700`), and a library variable nothing uses;
 * - two variables called `fg/brand-contrast`: the live one and one deleted in Figma that a text
 *   range still refers to, with the lower id (so "first id keeps the name" would pick it);
 * - two paint styles both called `Brand/Primary`;
 * - a FLOAT typed as 111.33 (Figma stores float32: 111.33000183105469), a STRING scoped
 *   FONT_STYLE ("Medium"), the FONT_VARIATIONS scope, a mode called `iOS-xxxlarge`;
 * - an extended collection (Enterprise) overriding one value of its parent;
 * - a component whose variants hold a BOOLEAN_OPERATION of a STAR and a POLYGON, and a text
 *   layer whose fills differ per character range.
 */
import { fakeKey } from './keys.js';
import { alias, solid, type FakeFile } from './seed.js';

const LIB = 'c9a1e0f4d2b3a5968778';
export const FACTS = {
  library: `VariableCollectionId:${LIB}/2:0`,
  libraryCarrot: `VariableID:${LIB}/3:2`,
  libraryUnused: `VariableID:${LIB}/3:9`,
  color: 'VariableCollectionId:1:3',
  platform: 'VariableCollectionId:1:197',
  brandB: 'VariableCollectionId:7:0',
  brand: 'VariableID:6782:76317',
  contrastLive: 'VariableID:36929:111144',
  contrastDeleted: 'VariableID:1:133',
  selectBox: 'VariableID:58766:15457',
  medium: 'VariableID:1886:93038',
  x1: 'VariableID:1:175',
  stylePrimaryA: `S:${fakeKey('brand primary a')},5:1`,
  stylePrimaryB: `S:${fakeKey('brand primary b')},5:2`,
  badge: '40:1',
  star: '40:4',
  label: '40:6',
} as const;

export function figmaFactsDesign(): FakeFile {
  const light = '1928:7';
  const dark = '1928:8';
  return {
    name: 'Figma facts',
    collections: [
      {
        id: FACTS.library,
        name: 'Core Library',
        key: fakeKey('core library'),
        remote: true,
        modes: [{ modeId: '2:0', name: 'Default' }],
      },
      {
        id: FACTS.color,
        name: 'Color',
        modes: [
          { modeId: light, name: 'theme-light' },
          { modeId: dark, name: 'theme-dark' },
        ],
      },
      {
        id: FACTS.platform,
        name: 'Platform',
        modes: [
          { modeId: '1:5', name: 'iOS' },
          { modeId: '1:6', name: 'iOS-xxxlarge' },
        ],
      },
      {
        id: FACTS.brandB,
        name: 'Brand B',
        isExtension: true,
        parentVariableCollectionId: FACTS.color,
        modes: [
          { modeId: '7:1', name: 'theme-light', parentModeId: light },
          { modeId: '7:2', name: 'theme-dark', parentModeId: dark },
        ],
        variableOverrides: { [FACTS.brand]: { '7:1': alias(FACTS.contrastLive) } },
      },
    ],
    variables: [
      {
        id: FACTS.libraryCarrot,
        name: 'palette/carrot-700',
        variableCollectionId: FACTS.library,
        resolvedType: 'COLOR',
        valuesByMode: { '2:0': { r: 0.8823529481887817, g: 0.3019607961177826, b: 0, a: 1 } },
      },
      {
        id: FACTS.libraryUnused,
        name: 'palette/unused',
        variableCollectionId: FACTS.library,
        resolvedType: 'COLOR',
        valuesByMode: { '2:0': { r: 0, g: 0, b: 0, a: 1 } },
      },
      {
        id: FACTS.brand,
        name: 'fg/brand',
        variableCollectionId: FACTS.color,
        resolvedType: 'COLOR',
        valuesByMode: { [light]: alias(FACTS.libraryCarrot), [dark]: alias(FACTS.libraryCarrot) },
      },
      {
        id: FACTS.contrastLive,
        name: 'fg/brand-contrast',
        variableCollectionId: FACTS.color,
        resolvedType: 'COLOR',
        valuesByMode: { [light]: alias(FACTS.libraryCarrot), [dark]: alias(FACTS.libraryCarrot) },
      },
      {
        id: FACTS.contrastDeleted,
        name: 'fg/brand-contrast',
        variableCollectionId: FACTS.color,
        resolvedType: 'COLOR',
        deletedButReferenced: true,
        scopes: ['SHAPE_FILL', 'TEXT_FILL'],
        valuesByMode: {
          [light]: alias(FACTS.libraryCarrot),
          [dark]: { r: 0.5254902243614197, g: 0.16862745583057404, b: 0, a: 1 },
        },
      },
      {
        id: FACTS.selectBox,
        name: 'Component utility (Figma Only)/Select Box/3-column',
        variableCollectionId: FACTS.platform,
        resolvedType: 'FLOAT',
        valuesByMode: { '1:5': 111.33, '1:6': 111.33 },
      },
      {
        id: FACTS.medium,
        name: 'font-weight/medium',
        variableCollectionId: FACTS.platform,
        resolvedType: 'STRING',
        scopes: ['FONT_STYLE'],
        valuesByMode: { '1:5': 'Medium', '1:6': 'Semi Bold' },
      },
      {
        id: FACTS.x1,
        name: 'dimension/x1',
        variableCollectionId: FACTS.platform,
        resolvedType: 'FLOAT',
        scopes: ['WIDTH_HEIGHT', 'GAP', 'FONT_VARIATIONS'],
        valuesByMode: { '1:5': 4, '1:6': 6 },
      },
    ],
    paintStyles: [
      { id: FACTS.stylePrimaryB, name: 'Brand/Primary', key: fakeKey('brand primary b'), paints: [solid('#ff6600')] },
      { id: FACTS.stylePrimaryA, name: 'Brand/Primary', key: fakeKey('brand primary a'), paints: [solid('#e14d00')] },
    ],
    pages: [
      {
        id: '0:1',
        name: 'Components',
        children: [
          {
            type: 'COMPONENT_SET',
            id: FACTS.badge,
            name: 'Badge',
            key: fakeKey('badge'),
            componentPropertyDefinitions: { State: { type: 'VARIANT', defaultValue: 'Default' } },
            children: [
              {
                type: 'COMPONENT',
                id: '40:2',
                name: 'State=Default',
                fills: [solid('#e14d00', FACTS.brand)],
                children: [
                  {
                    type: 'BOOLEAN_OPERATION',
                    id: '40:3',
                    name: 'Icon',
                    booleanOperation: 'SUBTRACT',
                    children: [
                      { type: 'STAR', id: FACTS.star, name: 'Star', fills: [solid('#e14d00', FACTS.contrastLive)] },
                      { type: 'POLYGON', id: '40:5', name: 'Hole', fills: [solid('#ffffff')] },
                    ],
                  },
                  {
                    type: 'TEXT',
                    id: FACTS.label,
                    name: 'Label',
                    segments: [
                      { characters: 'New', fills: [solid('#e14d00', FACTS.brand)] },
                      { characters: ' item', fills: [solid('#862b00', FACTS.contrastDeleted)] },
                    ],
                  },
                ],
              },
              {
                type: 'COMPONENT',
                id: '40:7',
                name: 'State=Strong',
                fills: [solid('#e14d00', FACTS.contrastLive)],
                fillStyleId: FACTS.stylePrimaryA,
              },
            ],
          },
        ],
      },
    ],
  };
}
