import type { Layer } from '../core/contract/layers.js';
import type { ComponentSpec } from '../core/contract/specs.js';
import type { ModeValue, TokenSet } from '../core/contract/tokens.js';

/**
 * A synthetic design system for the sync benchmarks: 60 % primitives (colors and dimensions),
 * 40 % semantic tokens aliasing them, in `modes` modes; components with 3 size variants bound
 * to colors and spacings, each variant with a layer tree of 16 layers (auto layout frames with
 * bound padding and fills, texts wired to the label prop, an icon instance, vectors), as the
 * plugin extracts one. Deterministic: the same size gives the same data on every run.
 */
export interface DesignSystemSize {
  components: number;
  tokens: number;
  modes: number;
  /** layer trees on every variant (the default) */
  layers?: boolean;
}

export interface DesignSystem {
  tokens: TokenSet;
  components: ComponentSpec[];
}

function hex(n: number): string {
  return `#${(n & 0xffffff).toString(16).padStart(6, '0')}`;
}

export function color(n: number) {
  return {
    colorSpace: 'srgb',
    components: [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255],
    alpha: 1,
    hex: hex(n),
  };
}

const MODE_NAMES = ['Light', 'Dark', 'High contrast', 'Dim'];
const KINDS = ['Button', 'Badge', 'Card', 'Input', 'Checkbox', 'Panel', 'Chip', 'Toolbar'];

const rgba = (n: number) => ({ r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255, a: 1 });
const ICON_PATH = 'M2 8L6 12L14 4L12.6 2.6L6 9.2L3.4 6.6Z';

/** A variant's layer tree: 16 layers, with the variant's bound spacings and colors. */
function layerTree(
  c: number,
  v: number,
  label: string,
  b: { fill: string; stroke: string; padding: string; gap: string },
  values: (token: string) => { color: ReturnType<typeof rgba>; length: number },
): Layer {
  let n = 0;
  const id = () => `${c}:${v + 2};${++n}`;
  const scale = 1 + v * 0.25;
  const pad = values(b.padding).length;
  const gap = values(b.gap).length;
  const text = (name: string, characters: string, x: number, y: number, wired: boolean): Layer => ({
    id: id(),
    name,
    type: 'TEXT',
    box: { x, y, width: 8 * characters.length * scale, height: 20 * scale },
    ...(wired ? { props: { characters: 'label' } } : {}),
    layout: { layoutSizingHorizontal: 'HUG', layoutSizingVertical: 'HUG' },
    style: { fills: [{ type: 'SOLID', color: rgba(0x111111 + c), token: b.stroke }] },
    text: {
      characters,
      fontName: { family: 'Inter', style: 'Medium' },
      fontSize: 14 * scale,
      fontWeight: 500,
      lineHeight: { unit: 'PIXELS', value: 20 * scale },
      letterSpacing: { unit: 'PERCENT', value: 0 },
      textAutoResize: 'WIDTH_AND_HEIGHT',
    },
  });
  const icon = (name: string, x: number, y: number): Layer => ({
    id: id(),
    name,
    type: 'INSTANCE',
    box: { x, y, width: 16 * scale, height: 16 * scale },
    props: { visible: 'disabled' },
    instance: { componentId: '9:1', componentName: 'Icon/Check', componentKey: 'k'.repeat(40) },
    children: [
      {
        id: id(),
        name: 'Glyph',
        type: 'VECTOR',
        box: { x: x + 2, y: y + 2, width: 12 * scale, height: 12 * scale },
        style: { fills: [{ type: 'SOLID', color: rgba(0x222222), token: b.fill }] },
        vector: { fillGeometry: [{ path: ICON_PATH, windingRule: 'NONZERO' }] },
      },
    ],
  });
  const frame = (name: string, y: number, children: Layer[], mode: 'HORIZONTAL' | 'VERTICAL'): Layer => ({
    id: id(),
    name,
    type: 'FRAME',
    box: { x: pad, y, width: 200 * scale, height: 32 * scale },
    layout: {
      layoutMode: mode,
      paddingLeft: { token: b.padding, value: pad },
      paddingRight: { token: b.padding, value: pad },
      paddingTop: 4,
      paddingBottom: 4,
      itemSpacing: { token: b.gap, value: gap },
      counterAxisAlignItems: 'CENTER',
      layoutSizingHorizontal: 'FILL',
      layoutSizingVertical: 'HUG',
    },
    style: {
      cornerRadius: 4,
      strokes: [{ type: 'SOLID', color: values(b.stroke).color, token: b.stroke }],
      strokeWeight: 1,
    },
    children,
  });
  return {
    id: `${c}:${v + 2}`,
    name: `size=${['sm', 'md', 'lg'][v]}`,
    type: 'COMPONENT',
    box: { x: v * 300, y: c * 200, width: 240 * scale, height: 120 * scale },
    layout: {
      layoutMode: 'VERTICAL',
      paddingLeft: { token: b.padding, value: pad },
      paddingRight: { token: b.padding, value: pad },
      paddingTop: 8,
      paddingBottom: 8,
      itemSpacing: { token: b.gap, value: gap },
      primaryAxisAlignItems: 'MIN',
      counterAxisAlignItems: 'MIN',
    },
    style: {
      fills: [{ type: 'SOLID', color: values(b.fill).color, token: b.fill }],
      strokes: [{ type: 'SOLID', color: values(b.stroke).color, token: b.stroke }],
      strokeWeight: 1,
      strokeAlign: 'INSIDE',
      cornerRadius: 8,
      effects: [
        { type: 'DROP_SHADOW', radius: 4, color: { r: 0, g: 0, b: 0, a: 0.1 }, offset: { x: 0, y: 2 }, spread: 0 },
      ],
    },
    children: [
      frame(
        'Header',
        8,
        [icon('Leading icon', pad, 12), text('Label', label, pad + 20, 12, true), icon('Trailing icon', 180, 12)],
        'HORIZONTAL',
      ),
      frame(
        'Body',
        44,
        [
          text('Description', 'Supporting text for the body', pad, 48, false),
          text('Meta', '2 min ago', pad, 70, false),
        ],
        'VERTICAL',
      ),
      frame('Footer', 92, [text('Action', 'Open', pad, 96, false), icon('Chevron', 200, 96)], 'HORIZONTAL'),
    ],
  };
}

export function designSystem(size: DesignSystemSize): DesignSystem {
  const modes = MODE_NAMES.slice(0, size.modes).map((name, i) => ({ id: `m${i}`, name }));
  const tokens: TokenSet = { collections: [{ id: 'c', name: 'Theme', modes, defaultModeId: 'm0' }], tokens: [] };
  const primitives = Math.round(size.tokens * 0.6);
  const primitive = (i: number): Record<string, ModeValue> => {
    const isColor = i % 3 !== 0;
    return Object.fromEntries(
      modes.map((m, k) => [
        m.id,
        isColor ? color(i * [9973, 7919, 6007, 5003][k]!) : { value: (i + k) % 64, unit: 'px' },
      ]),
    ) as Record<string, ModeValue>;
  };
  for (let i = 0; i < primitives; i++) {
    const isColor = i % 3 !== 0;
    tokens.tokens.push({
      id: `p${i}`,
      name: isColor ? `color/palette/c${i}` : `space/s${i}`,
      collectionId: 'c',
      type: isColor ? 'color' : 'dimension',
      valuesByMode: primitive(i),
      ...(isColor ? {} : { scopes: ['GAP'] }),
    });
  }
  for (let i = 0; i < size.tokens - primitives; i++) {
    const target = (i * 7) % primitives;
    const isColor = target % 3 !== 0;
    tokens.tokens.push({
      id: `s${i}`,
      name: isColor ? `color/semantic/role${i}` : `space/semantic/gap${i}`,
      collectionId: 'c',
      type: isColor ? 'color' : 'dimension',
      // Same kind in every mode: targets 3 apart keep `target % 3`.
      valuesByMode: Object.fromEntries(
        modes.map((m, k) => [m.id, { alias: `p${(target + 3 * k) % (primitives - (primitives % 3))}` }]),
      ),
    });
  }
  const colorIds = tokens.tokens.filter((t) => t.type === 'color').map((t) => t.id);
  const spaceIds = tokens.tokens.filter((t) => t.type === 'dimension').map((t) => t.id);
  const byId = new Map(tokens.tokens.map((t) => [t.id, t]));
  // The first mode's resolved value, as Figma resolves bound values in a layer tree.
  const values = (token: string) => {
    let t = byId.get(token)!;
    for (let hops = 0; hops < 10; hops++) {
      const value = t.valuesByMode.m0 as { alias?: string };
      if (!value.alias) break;
      t = byId.get(value.alias)!;
    }
    const value = t.valuesByMode.m0 as { value?: number; components?: number[] };
    const [r = 0, g = 0, bl = 0] = value.components ?? [];
    return {
      color: { r, g, b: bl, a: 1 },
      length: typeof value.value === 'number' ? value.value : 0,
    };
  };
  const components: ComponentSpec[] = [];
  for (let c = 0; c < size.components; c++) {
    const name = `${KINDS[c % KINDS.length]} ${c}`;
    components.push({
      id: `${c}:1`,
      name,
      props: [
        { name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['sm', 'md', 'lg'] },
        { name: 'disabled', id: 'disabled#1:0', kind: 'boolean', default: false },
        { name: 'label', id: 'label#1:1', kind: 'text', default: name },
      ],
      variants: ['sm', 'md', 'lg'].map((sz, v) => {
        const fill = colorIds[(c * 13 + v) % colorIds.length]!;
        const stroke = colorIds[(c * 17 + v * 5) % colorIds.length]!;
        const padding = spaceIds[(c * 3 + v) % spaceIds.length]!;
        const gap = spaceIds[(c * 5 + v) % spaceIds.length]!;
        return {
          id: `${c}:${v + 2}`,
          values: { size: sz },
          bindings: { fill, stroke, paddingLeft: padding, paddingRight: padding, gap },
          ...(size.layers === false ? {} : { layers: layerTree(c, v, name, { fill, stroke, padding, gap }, values) }),
        };
      }),
    });
  }
  return { tokens, components };
}

/** The same design system with `count` primitive color values changed in the first mode. */
export function withChangedColors(ds: DesignSystem, count: number, round = 0): DesignSystem {
  const changed = structuredClone(ds);
  const colors = changed.tokens.tokens.filter((t) => t.id.startsWith('p') && t.type === 'color');
  // Each round changes other tokens to other values: a new set of drafts every time.
  for (let i = 0; i < count; i++)
    colors[(i * 37 + round * 13) % colors.length]!.valuesByMode.m0 = color(0xabcdef + i + round * 4099);
  return changed;
}

/**
 * The same design system with one component's paddingLeft moved to another token (its
 * binding and every bound paddingLeft in its layer trees): a designer's one-field edit.
 */
export function withChangedPadding(ds: DesignSystem, component: number, round = 0): DesignSystem {
  const changed = structuredClone(ds);
  const spaces = changed.tokens.tokens.filter((t) => t.type === 'dimension' && t.id.startsWith('p'));
  const target = spaces[(component * 11 + round * 7 + 1) % spaces.length]!;
  const value = (target.valuesByMode.m0 as { value: number }).value;
  const spec = changed.components[component]!;
  for (const variant of spec.variants) {
    variant.bindings = { ...variant.bindings, paddingLeft: target.id };
    const walk = (layer: Layer) => {
      if (layer.layout && typeof layer.layout.paddingLeft === 'object')
        layer.layout.paddingLeft = { token: target.id, value };
      for (const child of layer.children ?? []) walk(child);
    };
    if (variant.layers) walk(variant.layers);
  }
  return changed;
}
