/**
 * A large design system whose variants carry layer trees: `componentSets` sets of
 * `variantsPerSet` variants, each variant `layersPerVariant` layers (its own node included) with
 * real-looking geometry (fractional boxes off the origin), auto layout, bound spacing and
 * colours, text, vectors with SVG paths and icon instances. The same on every run (a seeded
 * PRNG), for the plugin snapshot's size and the extraction bench.
 */
import { alias, solid, type FakeComponentSeed, type FakeFile, type FakePageSeed, type FakeSceneSeed } from './seed.js';

export interface LayeredDesignSystemOptions {
  componentSets?: number;
  variantsPerSet?: number;
  layersPerVariant?: number;
  seed?: number;
}

const SETS_PER_PAGE = 30;
const SIZES = ['XS', 'Small', 'Medium', 'Large', 'XL', 'XXL', 'Huge', 'Giant'];
const STATES = ['Default', 'Hover', 'Pressed', 'Disabled'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function layeredDesignSystem(options: LayeredDesignSystemOptions = {}): FakeFile {
  const { componentSets = 300, variantsPerSet = 10, layersPerVariant = 20, seed = 1 } = options;
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const frac = (n: number) => Math.round(random() * n * 100) / 100;
  const hex = () => `#${int(0xffffff).toString(16).padStart(6, '0')}`;
  const COLLECTION = 'VariableCollectionId:1:0';
  const variables: FakeFile['variables'] = [];
  for (let i = 0; i < 40; i++) {
    const color = i % 2 === 0;
    variables.push({
      id: `VariableID:1:${i + 1}`,
      name: color ? `color/${i}` : `space/${i}`,
      variableCollectionId: COLLECTION,
      resolvedType: color ? 'COLOR' : 'FLOAT',
      valuesByMode: { '1:0': color ? { r: random(), g: random(), b: random(), a: 1 } : 2 + int(30) },
    });
  }
  const colorVar = () => `VariableID:1:${2 * int(20) + 1}`;
  const spaceVar = () => `VariableID:1:${2 * int(20) + 2}`;
  const path = () => {
    const points = Array.from({ length: 6 + int(10) }, () => `L ${frac(24)} ${frac(24)}`);
    return `M ${frac(24)} ${frac(24)} ${points.join(' ')} Z`;
  };

  const variantsOf = (setId: string, iconId: string, nid: () => string, x0: number, y0: number) => {
    const names: string[] = [];
    for (const size of SIZES) for (const state of STATES) names.push(`Size=${size}, State=${state}`);
    return names.slice(0, variantsPerSet).map((name, v): FakeComponentSeed => {
      const x = x0 + v * 400 + frac(1);
      const y = y0 + frac(1);
      const pad = 4 + int(16);
      const children: FakeSceneSeed[] = [];
      let left = layersPerVariant - 1;
      let cursor = y + pad;
      const leaf = (i: number, rowX: number, rowY: number): FakeSceneSeed => {
        const box = { x: rowX + i * 28 + frac(2), y: rowY + frac(2), width: 16 + frac(60), height: 12 + frac(12) };
        switch (i % 4) {
          case 0:
            return {
              type: 'INSTANCE',
              id: nid(),
              name: 'Icon',
              mainComponentId: iconId,
              absoluteBoundingBox: { ...box, width: 16, height: 16 },
              componentPropertyReferences: { visible: `Show icon#${setId}` },
            };
          case 1:
            return {
              type: 'TEXT',
              id: nid(),
              name: `Label ${i}`,
              characters: `Label ${int(1000)}`,
              absoluteBoundingBox: box,
              fontSize: 11 + int(10),
              fills: [solid(hex(), colorVar())],
              layoutSizingHorizontal: 'HUG',
              layoutSizingVertical: 'HUG',
              textAutoResize: 'WIDTH_AND_HEIGHT',
            };
          case 2:
            return {
              type: 'VECTOR',
              id: nid(),
              name: 'Glyph',
              absoluteBoundingBox: box,
              fills: [solid(hex())],
              fillGeometry: [{ windingRule: 'NONZERO', data: path() }],
            };
          default:
            return {
              type: 'RECTANGLE',
              id: nid(),
              name: 'Divider',
              absoluteBoundingBox: box,
              fills: [solid(hex())],
              cornerRadius: int(8),
            };
        }
      };
      while (left > 0) {
        if (left >= 5) {
          const rowY = cursor;
          cursor += 36 + frac(4);
          left -= 5;
          children.push({
            type: 'FRAME',
            id: nid(),
            name: 'Row',
            absoluteBoundingBox: { x: x + pad, y: rowY, width: 300 + frac(20), height: 32 + frac(4) },
            layoutMode: 'HORIZONTAL',
            itemSpacing: 8,
            counterAxisAlignItems: 'CENTER',
            layoutSizingHorizontal: 'FILL',
            boundVariables: { itemSpacing: alias(spaceVar()) },
            children: [0, 1, 2, 3].map((i) => leaf(i, x + pad, rowY)),
          });
        } else {
          left -= 1;
          children.push(leaf(1, x + pad, cursor));
          cursor += 20;
        }
      }
      return {
        type: 'COMPONENT',
        id: nid(),
        name,
        absoluteBoundingBox: { x, y, width: 320 + frac(40), height: cursor - y + pad },
        layoutMode: 'VERTICAL',
        paddingLeft: pad,
        paddingRight: pad,
        paddingTop: pad,
        paddingBottom: pad,
        itemSpacing: 4,
        cornerRadius: int(12),
        fills: [solid(hex(), colorVar())],
        strokes: [solid(hex())],
        strokeWeight: 1,
        boundVariables: { paddingLeft: alias(spaceVar()), paddingRight: alias(spaceVar()) },
        children,
      };
    });
  };

  const pages: FakePageSeed[] = [];
  const pageCount = Math.max(1, Math.ceil(componentSets / SETS_PER_PAGE));
  for (let p = 0; p < pageCount; p++) {
    const page = p + 100;
    let node = 0;
    const nid = () => `${page}:${++node}`;
    const iconId = nid();
    const children: FakePageSeed['children'] = [
      {
        type: 'COMPONENT',
        id: iconId,
        name: `Icon/${p}`,
        absoluteBoundingBox: { x: -100, y: -100, width: 16, height: 16 },
        children: [
          {
            type: 'VECTOR',
            id: nid(),
            name: 'Glyph',
            absoluteBoundingBox: { x: -100, y: -100, width: 16, height: 16 },
            fills: [solid('#000000')],
            fillGeometry: [{ windingRule: 'NONZERO', data: path() }],
          },
        ],
      },
    ];
    for (let s = p * SETS_PER_PAGE; s < Math.min(componentSets, (p + 1) * SETS_PER_PAGE); s++) {
      const setId = nid();
      const variants = variantsOf(setId, iconId, nid, 0, (s - p * SETS_PER_PAGE) * 800);
      children.push({
        type: 'COMPONENT_SET',
        id: setId,
        name: `Component ${s}`,
        componentPropertyDefinitions: {
          Size: { type: 'VARIANT', defaultValue: 'XS' },
          State: { type: 'VARIANT', defaultValue: 'Default' },
          [`Show icon#${setId}`]: { type: 'BOOLEAN', defaultValue: true },
        },
        children: variants,
      });
    }
    pages.push({ id: `0:${p + 1}`, name: `Components ${p + 1}`, children });
  }
  return {
    name: 'Layered Design System',
    pages,
    collections: [{ id: COLLECTION, name: 'Base', modes: [{ modeId: '1:0', name: 'Default' }] }],
    variables,
  };
}
