import type { ComponentSpec } from '../../core/contract/specs.js';
import type { TokenSet } from '../../core/contract/tokens.js';
import type { SyncRequest } from '../../core/contract/sync.js';

/**
 * A small design system as the plugin would send it: primitives (one mode), semantic colors
 * aliasing them (Light/Dark), spacing and radius, and three components that bind them.
 * Button binds color/action/primary, which aliases color/blue/500 — so changing the blue
 * primitive must reach Button through the alias, and must not touch Badge.
 */
export function designSystem(): { tokens: TokenSet; components: ComponentSpec[] } {
  const color = (hex: string) => {
    const n = parseInt(hex.slice(1), 16);
    return {
      colorSpace: 'srgb',
      components: [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255],
      alpha: 1,
      hex,
    };
  };
  const tokens: TokenSet = {
    collections: [
      {
        id: 'VariableCollectionId:1:0',
        name: 'Primitives',
        modes: [{ id: '1:0', name: 'Value' }],
        defaultModeId: '1:0',
      },
      {
        id: 'VariableCollectionId:2:0',
        name: 'Semantic',
        modes: [
          { id: '2:0', name: 'Light' },
          { id: '2:1', name: 'Dark' },
        ],
        defaultModeId: '2:0',
      },
    ],
    tokens: [
      {
        id: 'VariableID:1:1',
        name: 'color/blue/500',
        collectionId: 'VariableCollectionId:1:0',
        type: 'color',
        valuesByMode: { '1:0': color('#0055ff') },
      },
      {
        id: 'VariableID:1:2',
        name: 'color/blue/700',
        collectionId: 'VariableCollectionId:1:0',
        type: 'color',
        valuesByMode: { '1:0': color('#003399') },
      },
      {
        id: 'VariableID:1:3',
        name: 'color/green/500',
        collectionId: 'VariableCollectionId:1:0',
        type: 'color',
        valuesByMode: { '1:0': color('#00aa55') },
      },
      {
        id: 'VariableID:1:4',
        name: 'color/gray/100',
        collectionId: 'VariableCollectionId:1:0',
        type: 'color',
        valuesByMode: { '1:0': color('#f2f2f2') },
      },
      {
        id: 'VariableID:1:5',
        name: 'space/200',
        collectionId: 'VariableCollectionId:1:0',
        type: 'dimension',
        valuesByMode: { '1:0': { value: 8, unit: 'px' } },
        scopes: ['GAP'],
      },
      {
        id: 'VariableID:1:6',
        name: 'space/300',
        collectionId: 'VariableCollectionId:1:0',
        type: 'dimension',
        valuesByMode: { '1:0': { value: 12, unit: 'px' } },
        scopes: ['GAP'],
      },
      {
        id: 'VariableID:1:7',
        name: 'radius/md',
        collectionId: 'VariableCollectionId:1:0',
        type: 'dimension',
        valuesByMode: { '1:0': { value: 6, unit: 'px' } },
        scopes: ['CORNER_RADIUS'],
      },
      {
        id: 'VariableID:2:1',
        name: 'color/action/primary',
        collectionId: 'VariableCollectionId:2:0',
        type: 'color',
        valuesByMode: { '2:0': { alias: 'VariableID:1:1' }, '2:1': { alias: 'VariableID:1:2' } },
      },
      {
        id: 'VariableID:2:2',
        name: 'color/status/success',
        collectionId: 'VariableCollectionId:2:0',
        type: 'color',
        valuesByMode: { '2:0': { alias: 'VariableID:1:3' }, '2:1': { alias: 'VariableID:1:3' } },
      },
      {
        id: 'VariableID:2:3',
        name: 'color/surface/raised',
        collectionId: 'VariableCollectionId:2:0',
        type: 'color',
        valuesByMode: { '2:0': { alias: 'VariableID:1:4' }, '2:1': color('#222222') },
      },
    ],
  };
  const button: ComponentSpec = {
    id: '10:1',
    key: 'button-key',
    name: 'Button',
    description: 'Primary action',
    props: [
      { name: 'size', id: 'size', kind: 'variant', default: 'md', options: ['sm', 'md', 'lg'] },
      { name: 'disabled', id: 'disabled#1:0', kind: 'boolean', default: false },
      { name: 'label', id: 'label#1:1', kind: 'text', default: 'Button' },
    ],
    variants: [
      {
        id: '10:2',
        values: { size: 'sm' },
        bindings: { fill: 'VariableID:2:1', paddingLeft: 'VariableID:1:5', radius: 'VariableID:1:7' },
      },
      {
        id: '10:3',
        values: { size: 'md' },
        bindings: { fill: 'VariableID:2:1', paddingLeft: 'VariableID:1:6', radius: 'VariableID:1:7' },
      },
      {
        id: '10:4',
        values: { size: 'lg' },
        bindings: { fill: 'VariableID:2:1', paddingLeft: 'VariableID:1:6', radius: 'VariableID:1:7' },
      },
    ],
  };
  const badge: ComponentSpec = {
    id: '20:1',
    name: 'Badge',
    props: [{ name: 'tone', id: 'tone', kind: 'variant', default: 'success', options: ['success', 'neutral'] }],
    variants: [
      { id: '20:2', values: { tone: 'success' }, bindings: { fill: 'VariableID:2:2', paddingLeft: 'VariableID:1:5' } },
      { id: '20:3', values: { tone: 'neutral' }, bindings: { fill: 'VariableID:2:3', paddingLeft: 'VariableID:1:5' } },
    ],
  };
  const card: ComponentSpec = {
    id: '30:1',
    name: 'Card',
    props: [
      { name: 'elevated', id: 'elevated#3:0', kind: 'boolean', default: true },
      { name: 'content', id: 'content#3:1', kind: 'slot', default: '' },
    ],
    variants: [
      { id: '30:2', values: {}, bindings: { fill: 'VariableID:2:3', gap: 'VariableID:1:6', radius: 'VariableID:1:7' } },
    ],
  };
  return { tokens, components: [button, badge, card] };
}

export function syncRequest(
  mutate?: (ds: { tokens: TokenSet; components: ComponentSpec[] }) => void,
  fileKey = 'FILE123',
): SyncRequest {
  const ds = designSystem();
  mutate?.(ds);
  return { fileKey, fileName: 'Design System', tokens: ds.tokens, components: ds.components };
}

export function setColor(tokens: TokenSet, id: string, hex: string): void {
  const t = tokens.tokens.find((x) => x.id === id)!;
  const n = parseInt(hex.slice(1), 16);
  for (const mode of Object.keys(t.valuesByMode)) {
    t.valuesByMode[mode] = {
      colorSpace: 'srgb',
      components: [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255],
      alpha: 1,
      hex,
    };
  }
}
