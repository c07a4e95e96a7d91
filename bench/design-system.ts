import type { ComponentSpec } from '../core/contract/specs.js';
import type { ModeValue, TokenSet } from '../core/contract/tokens.js';

/**
 * A synthetic design system for the sync benchmarks: 60 % primitives (colors and dimensions),
 * 40 % semantic tokens aliasing them, in `modes` modes; components with 3 size variants bound
 * to colors and spacings. Deterministic: the same size gives the same data on every run.
 */
export interface DesignSystemSize {
  components: number;
  tokens: number;
  modes: number;
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
      variants: ['sm', 'md', 'lg'].map((sz, v) => ({
        id: `${c}:${v + 2}`,
        values: { size: sz },
        bindings: {
          fill: colorIds[(c * 13 + v) % colorIds.length]!,
          stroke: colorIds[(c * 17 + v * 5) % colorIds.length]!,
          paddingLeft: spaceIds[(c * 3 + v) % spaceIds.length]!,
          paddingRight: spaceIds[(c * 3 + v) % spaceIds.length]!,
          gap: spaceIds[(c * 5 + v) % spaceIds.length]!,
        },
      })),
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
