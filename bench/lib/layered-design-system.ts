/**
 * A file of component sets with real-sized layer trees for the extraction benchmark: `sets`
 * component sets of 10 variants (Size × State), each variant 20 layers deep and wide as a
 * button-with-card design is (frames, texts wired to a text prop, an icon instance wired to a
 * boolean and an instance-swap prop, vectors, rectangles). Deterministic; 30 sets a page.
 */
import {
  solid,
  type FakeComponentSeed,
  type FakeFile,
  type FakePageSeed,
  type FakeSceneSeed,
} from '../../test/fakes/figma/index.js';

const SETS_PER_PAGE = 30;
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const STATES = ['Default', 'Hover'];

export const LAYERS_PER_VARIANT = 20;
export const VARIANTS_PER_SET = SIZES.length * STATES.length;

type Rect = { x: number; y: number; width: number; height: number };

/**
 * Boxes for a seed subtree, as Figma computes them for the auto layout the frames declare:
 * the root and frames stack their children vertically (padding 8, gap 4), leaves are 24 high.
 * Without `absoluteBoundingBox` the readers give no tree at all.
 */
function withBoxes(node: FakeSceneSeed, x: number, y: number, width: number): { node: FakeSceneSeed; height: number } {
  const kids = 'children' in node && Array.isArray(node.children) ? (node.children as FakeSceneSeed[]) : [];
  if (kids.length === 0 || node.type === 'INSTANCE') {
    const box: Rect = {
      x,
      y,
      width: node.type === 'INSTANCE' ? 16 : width,
      height: node.type === 'INSTANCE' ? 16 : 24,
    };
    const children = kids.map((k) => withBoxes(k, x, y, 16).node);
    return {
      node: { ...node, absoluteBoundingBox: box, ...(kids.length ? { children } : {}) } as FakeSceneSeed,
      height: box.height,
    };
  }
  let cursor = y + 8;
  const children: FakeSceneSeed[] = [];
  for (const k of kids) {
    const placed = withBoxes(k, x + 8, cursor, width - 16);
    children.push(placed.node);
    cursor += placed.height + 4;
  }
  const height = cursor - 4 + 8 - y;
  const layout = {
    layoutMode: 'VERTICAL' as const,
    paddingLeft: 8,
    paddingRight: 8,
    paddingTop: 8,
    paddingBottom: 8,
    itemSpacing: 4,
  };
  return {
    node: { ...node, ...layout, absoluteBoundingBox: { x, y, width, height }, children } as FakeSceneSeed,
    height,
  };
}

export function layeredDesignSystem(sets: number): FakeFile {
  const pages: FakePageSeed[] = [];
  for (let p = 0; p * SETS_PER_PAGE < sets; p++) {
    const pageNo = p + 100;
    let n = 0;
    const nid = () => `${pageNo}:${++n}`;
    const iconId = nid();
    const children: FakeSceneSeed[] = [
      {
        type: 'COMPONENT',
        id: iconId,
        name: `Icon/${p}`,
        children: [{ type: 'VECTOR', id: nid(), name: 'Glyph', fills: [solid('#000000')] }],
      },
    ];
    for (let s = p * SETS_PER_PAGE; s < Math.min(sets, (p + 1) * SETS_PER_PAGE); s++) {
      const setId = nid();
      const variants: FakeComponentSeed[] = [];
      for (const size of SIZES) {
        for (const state of STATES) {
          const text = (name: string, characters: string, wired: boolean): FakeSceneSeed => ({
            type: 'TEXT',
            id: nid(),
            name,
            characters,
            fills: [solid('#111111')],
            ...(wired ? { componentPropertyReferences: { characters: `Label#${setId}` } } : {}),
          });
          const icon = (name: string): FakeSceneSeed => ({
            type: 'INSTANCE',
            id: nid(),
            name,
            mainComponentId: iconId,
            componentPropertyReferences: { visible: `Show icon#${setId}`, mainComponent: `Icon#${setId}` },
          });
          const rect = (name: string): FakeSceneSeed => ({
            type: 'RECTANGLE',
            id: nid(),
            name,
            fills: [solid('#eeeeee')],
          });
          // 1 root + 19 descendants: Header 5, Body 9, Footer 4, Background 1
          const index = variants.length;
          variants.push(
            withBoxes(
              {
                type: 'COMPONENT',
                id: nid(),
                name: `Size=${size}, State=${state}`,
                fills: [solid(state === 'Hover' ? '#f0f4ff' : '#ffffff')],
                children: [
                  {
                    type: 'FRAME',
                    id: nid(),
                    name: 'Header',
                    children: [
                      icon('Leading icon'),
                      text('Title', 'Title', true),
                      rect('Badge'),
                      icon('Trailing icon'),
                    ],
                  },
                  {
                    type: 'FRAME',
                    id: nid(),
                    name: 'Body',
                    children: [
                      text('Description', 'Supporting text for the card body', false),
                      { type: 'FRAME', id: nid(), name: 'Media', children: [rect('Image'), rect('Overlay')] },
                      {
                        type: 'FRAME',
                        id: nid(),
                        name: 'Tags',
                        children: [rect('Tag 1'), rect('Tag 2'), rect('Tag 3')],
                      },
                    ],
                  },
                  {
                    type: 'FRAME',
                    id: nid(),
                    name: 'Footer',
                    children: [text('Meta', '2 min ago', false), rect('Divider'), text('Action', 'Open', false)],
                  },
                  rect('Background'),
                ],
              },
              index * 400,
              s * 600,
              320,
            ).node as FakeComponentSeed,
          );
        }
      }
      children.push({
        type: 'COMPONENT_SET',
        id: setId,
        name: `Card ${s}`,
        componentPropertyDefinitions: {
          Size: { type: 'VARIANT', defaultValue: 'M' },
          State: { type: 'VARIANT', defaultValue: 'Default' },
          [`Label#${setId}`]: { type: 'TEXT', defaultValue: 'Title' },
          [`Show icon#${setId}`]: { type: 'BOOLEAN', defaultValue: true },
          [`Icon#${setId}`]: { type: 'INSTANCE_SWAP', defaultValue: iconId },
        },
        children: variants,
      });
    }
    pages.push({ id: `0:${p + 2}`, name: `Components ${p + 1}`, children });
  }
  return { name: 'Layered Design System', pages, collections: [], variables: [] };
}

/** Layers of a seed node and its descendants. */
export function countLayers(node: FakeSceneSeed): number {
  const children = 'children' in node && Array.isArray(node.children) ? (node.children as FakeSceneSeed[]) : [];
  return 1 + children.reduce((sum, c) => sum + countLayers(c), 0);
}
