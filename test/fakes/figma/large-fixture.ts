/**
 * A large design system for benchmarks, the same on every run (a seeded PRNG, no Math.random):
 * Primitives (1 mode), Theme and Density (`modes` modes each) and Components (1 mode), with
 * alias chains component → theme/density → primitive; paint/text/effect/grid styles bound to
 * variables; component sets with every property kind, spread over pages of 30 sets. The result
 * is frozen and trusted (createFakeFigma does not re-check it; a test validates it instead).
 */
import {
  alias,
  solid,
  type FakeComponentSeed,
  type FakeFile,
  type FakePageSeed,
  type FakeVariableSeed,
  type NodeBoundVariables,
} from './seed.js';
import { deepFreeze } from './strict.js';
import { markTrusted } from './trust.js';

export interface LargeDesignSystemOptions {
  variables?: number;
  modes?: number;
  styles?: number;
  componentSets?: number;
  seed?: number;
}

/** mulberry32: small, fast, good enough for fixtures */
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

const SETS_PER_PAGE = 30;
const LAYER_POOL = 256;
// Shared scope lists (the fake freezes them).
const SCOPES = {
  none: [] as VariableScope[],
  fontFamily: ['FONT_FAMILY'] as VariableScope[],
  fills: ['ALL_FILLS'] as VariableScope[],
  theme: ['ALL_FILLS', 'STROKE_COLOR'] as VariableScope[],
  space: ['GAP', 'WIDTH_HEIGHT'] as VariableScope[],
  gap: ['GAP'] as VariableScope[],
  dimension: [['GAP'], ['CORNER_RADIUS'], ['FONT_SIZE'], ['WIDTH_HEIGHT']] as VariableScope[][],
};

export function largeDesignSystem(options: LargeDesignSystemOptions = {}): FakeFile {
  const { variables: total = 5000, modes = 4, styles = 300, componentSets = 300, seed = 1 } = options;
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const color = (): RGBA => ({ r: round(random()), g: round(random()), b: round(random()), a: 1 });

  const modeIds = (c: number, n: number) => Array.from({ length: n }, (_, m) => `${c}:${m}`);
  const collections: FakeFile['collections'] = [
    { id: 'VariableCollectionId:1:0', name: 'Primitives', modes: [{ modeId: '1:0', name: 'Value' }] },
    {
      id: 'VariableCollectionId:2:0',
      name: 'Theme',
      modes: modeIds(2, modes).map((modeId, m) => ({ modeId, name: `Theme ${m + 1}` })),
    },
    {
      id: 'VariableCollectionId:3:0',
      name: 'Density',
      modes: modeIds(3, modes).map((modeId, m) => ({ modeId, name: `Density ${m + 1}` })),
    },
    { id: 'VariableCollectionId:4:0', name: 'Components', modes: [{ modeId: '4:0', name: 'Default' }] },
  ];
  const counts = [0.4, 0.3, 0.15].map((share) => Math.floor(total * share));
  const sizes = [...counts, total - counts.reduce((a, b) => a + b, 0)];

  const variables: FakeVariableSeed[] = [];
  const primColor: string[] = [];
  const primFloat: string[] = [];
  const themeColor: string[] = [];
  const density: string[] = [];
  const compColor: string[] = [];
  const compFloat: string[] = [];
  let n = 0;
  const add = (
    c: number,
    name: string,
    resolvedType: FakeVariableSeed['resolvedType'],
    scopes: VariableScope[],
    values: VariableValue[],
  ) => {
    const id = `VariableID:${c}:${++n}`;
    const valuesByMode: Record<string, VariableValue> = {};
    collections[c - 1]?.modes.forEach((m, i) => {
      valuesByMode[m.modeId] = values[i % values.length] as VariableValue;
    });
    variables.push({
      id,
      name,
      variableCollectionId: `VariableCollectionId:${c}:0`,
      resolvedType,
      scopes,
      valuesByMode,
    });
    return id;
  };
  // One alias object per variable, shared (the fake freezes them): large files stay cheap to build.
  const aliases = new Map<string, VariableAlias>();
  const ref = (id: string): VariableAlias => {
    let a = aliases.get(id);
    if (!a) aliases.set(id, (a = alias(id)));
    return a;
  };
  // An alias to one of `targets`, or a literal when there is none (tiny fixtures).
  const aliasOr = (targets: string[], literal: () => VariableValue): VariableValue =>
    targets.length > 0 ? ref(pick(targets)) : literal();

  for (let i = 0; i < (sizes[0] ?? 0); i++) {
    const r = random();
    if (r < 0.6) primColor.push(add(1, `color/hue-${i % 24}/${i}`, 'COLOR', SCOPES.none, [color()]));
    else if (r < 0.9) primFloat.push(add(1, `dimension/${i}`, 'FLOAT', pick(SCOPES.dimension), [int(64)]));
    else if (r < 0.95) add(1, `font/family/${i}`, 'STRING', SCOPES.fontFamily, [pick(['Inter', 'Roboto', 'Georgia'])]);
    else add(1, `flag/${i}`, 'BOOLEAN', SCOPES.none, [random() < 0.5]);
  }
  for (let i = 0; i < (sizes[1] ?? 0); i++) {
    const values = Array.from({ length: modes }, () => (random() < 0.85 ? aliasOr(primColor, color) : color()));
    themeColor.push(add(2, `theme/color/${i}`, 'COLOR', SCOPES.theme, values));
  }
  for (let i = 0; i < (sizes[2] ?? 0); i++) {
    const values = Array.from({ length: modes }, (_, m) =>
      random() < 0.5 ? aliasOr(primFloat, () => 4 * (m + 1)) : 4 * (m + 1) + int(8),
    );
    density.push(add(3, `density/space/${i}`, 'FLOAT', SCOPES.space, values));
  }
  for (let i = 0; i < (sizes[3] ?? 0); i++) {
    if (random() < 0.6)
      compColor.push(
        add(4, `component/${i}/color`, 'COLOR', SCOPES.fills, [
          aliasOr(themeColor.length > 0 ? themeColor : primColor, color),
        ]),
      );
    else
      compFloat.push(
        add(4, `component/${i}/space`, 'FLOAT', SCOPES.gap, [
          aliasOr(density.length > 0 ? density : primFloat, () => 8),
        ]),
      );
  }
  const colorIds = [...compColor, ...themeColor, ...primColor];
  const floatIds = [...compFloat, ...density, ...primFloat];
  const unbound = new Map<string, SolidPaint>();
  const paint = (hex: string): SolidPaint => {
    let base = unbound.get(hex);
    if (!base) unbound.set(hex, (base = solid(hex)));
    return colorIds.length > 0 ? { ...base, boundVariables: { color: ref(pick(colorIds)) } } : base;
  };
  const floatRef = (): VariableAlias | undefined => (floatIds.length > 0 ? ref(pick(floatIds)) : undefined);
  /** a layer's paints and bindings; the paints' bound colors listed on the node too, as Figma does */
  const makeLayer = (fill: string, stroke: string | null, fields: readonly VariableBindableNodeField[]) => {
    const fills = [paint(fill)];
    const strokes = stroke === null ? [] : [paint(stroke)];
    const boundVariables: Record<string, unknown> = {};
    for (const field of fields) {
      const ref = floatRef();
      if (ref) boundVariables[field] = ref;
    }
    const fillColor = fills[0]?.boundVariables?.color;
    const strokeColor = strokes[0]?.boundVariables?.color;
    if (fillColor) boundVariables.fills = [fillColor];
    if (strokeColor) boundVariables.strokes = [strokeColor];
    return { fills, strokes, boundVariables: boundVariables as NodeBoundVariables };
  };
  // Layers come from pools of LAYER_POOL per shape, shared between nodes: thousands of distinct
  // bindings still, with far fewer objects to build, freeze and collect.
  const layers = new Map<string, ReturnType<typeof makeLayer>[]>();
  const layer = (fill: string, stroke: string | null, fields: readonly VariableBindableNodeField[]) => {
    const key = `${fill}|${stroke}|${fields.join()}`;
    let pool = layers.get(key);
    if (!pool) layers.set(key, (pool = []));
    if (pool.length >= LAYER_POOL) return pick(pool);
    const made = makeLayer(fill, stroke, fields);
    pool.push(made);
    return made;
  };
  const bound = <K extends string>(fields: readonly K[]): { [key in K]?: VariableAlias } => {
    const out: { [key in K]?: VariableAlias } = {};
    for (const field of fields) {
      const ref = floatRef();
      if (ref) out[field] = ref;
    }
    return out;
  };

  const styleId = (i: number) => `S:${(i + 1).toString(16).padStart(40, '0')},9:${i}`;
  const paintStyles: NonNullable<FakeFile['paintStyles']> = [];
  const textStyles: NonNullable<FakeFile['textStyles']> = [];
  const effectStyles: NonNullable<FakeFile['effectStyles']> = [];
  const gridStyles: NonNullable<FakeFile['gridStyles']> = [];
  for (let i = 0; i < styles; i++) {
    const kind = i % 10;
    if (kind < 4) paintStyles.push({ id: styleId(i), name: `Paint/${i}`, paints: [paint('#336699')] });
    else if (kind < 7) {
      textStyles.push({
        id: styleId(i),
        name: `Text/${i}`,
        fontName: { family: 'Inter', style: pick(['Regular', 'Medium', 'Bold']) },
        fontSize: 12 + int(24),
        lineHeight: { unit: 'PIXELS', value: 16 + int(24) },
        boundVariables: bound(['fontSize']),
      });
    } else if (kind < 9) {
      effectStyles.push({
        id: styleId(i),
        name: `Effect/${i}`,
        effects: [
          {
            type: 'DROP_SHADOW',
            color: { r: 0, g: 0, b: 0, a: 0.2 },
            offset: { x: 0, y: 2 },
            radius: 4 + int(12),
            spread: 0,
            visible: true,
            blendMode: 'NORMAL',
            ...(colorIds.length > 0 ? { boundVariables: { color: ref(pick(colorIds)) } } : {}),
          },
        ],
      });
    } else {
      gridStyles.push({
        id: styleId(i),
        name: `Grid/${i}`,
        layoutGrids: [
          {
            pattern: 'COLUMNS',
            alignment: 'STRETCH',
            gutterSize: 16,
            count: 12,
            boundVariables: bound(['gutterSize']),
          },
        ],
      });
    }
  }
  const anyStyle = <T extends { id: string }>(list: readonly T[]) => (list.length > 0 ? pick(list).id : '');

  const pageCount = Math.max(1, Math.ceil(componentSets / SETS_PER_PAGE));
  const pages: FakePageSeed[] = [{ id: '0:1', name: 'Cover', children: [] }];
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
        children: [{ type: 'VECTOR', id: nid(), name: 'Glyph', ...layer('#000000', null, []) }],
      },
    ];
    for (let s = p * SETS_PER_PAGE; s < Math.min(componentSets, (p + 1) * SETS_PER_PAGE); s++) {
      const setId = nid();
      const sizeOptions = ['Small', 'Medium', 'Large'].slice(0, 2 + int(2));
      const states = ['Default', 'Hover'];
      const variants: FakeComponentSeed[] = [];
      for (const size of sizeOptions) {
        for (const state of states) {
          variants.push({
            type: 'COMPONENT',
            id: nid(),
            name: `Size=${size}, State=${state}`,
            ...layer('#ffffff', '#000000', [
              'paddingLeft',
              'paddingRight',
              'paddingTop',
              'paddingBottom',
              'itemSpacing',
              'topLeftRadius',
            ]),
            fillStyleId: random() < 0.3 ? anyStyle(paintStyles) : '',
            effectStyleId: random() < 0.2 ? anyStyle(effectStyles) : '',
            children: [
              {
                type: 'TEXT',
                id: nid(),
                name: 'Label',
                characters: 'Label',
                textStyleId: anyStyle(textStyles),
                ...layer('#111111', null, []),
                componentPropertyReferences: { characters: `Label#${setId}` },
              },
              {
                type: 'INSTANCE',
                id: nid(),
                name: 'Icon',
                mainComponentId: iconId,
                componentPropertyReferences: { visible: `Show icon#${setId}`, mainComponent: `Icon#${setId}` },
              },
              { type: 'RECTANGLE', id: nid(), name: 'Background', ...layer('#eeeeee', null, ['topLeftRadius']) },
            ],
          });
        }
      }
      children.push({
        type: 'COMPONENT_SET',
        id: setId,
        name: `Component ${s}`,
        description: `Generated component ${s}`,
        componentPropertyDefinitions: {
          Size: { type: 'VARIANT', defaultValue: sizeOptions[0] ?? 'Small' },
          State: { type: 'VARIANT', defaultValue: 'Default' },
          [`Label#${setId}`]: { type: 'TEXT', defaultValue: 'Label' },
          [`Show icon#${setId}`]: { type: 'BOOLEAN', defaultValue: true },
          [`Icon#${setId}`]: { type: 'INSTANCE_SWAP', defaultValue: iconId },
          [`Content#${setId}`]: { type: 'SLOT', defaultValue: '' },
        },
        children: variants,
      });
    }
    pages.push({ id: `0:${p + 2}`, name: `Components ${p + 1}`, children });
  }

  const file: FakeFile = {
    name: 'Large Design System',
    pages,
    collections,
    variables,
    paintStyles,
    textStyles,
    effectStyles,
    gridStyles,
  };
  return markTrusted(deepFreeze(file));
}
