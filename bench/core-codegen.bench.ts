/**
 * Codegen throughput: 200 components (3 variants each, every pattern) against a 2,000-token
 * set, and tokens.css for that set. Inputs are synthetic and built before timing.
 */
import { generateComponent, generateTokensCss } from '../core/codegen/index.js';
import type { ComponentSpec } from '../core/contract/specs.js';
import type { Token, TokenSet } from '../core/contract/tokens.js';
import type { Bench } from './types.js';

const TOKEN_COUNT = 2000;
const COMPONENT_COUNT = 200;
const NAMES = ['Button', 'Text Field', 'Checkbox', 'Status Badge', 'Product Card', 'Banner', 'Icon Button', 'Tag'];

function tokenSet(): TokenSet {
  const tokens: Token[] = [];
  for (let i = 0; i < TOKEN_COUNT; i++) {
    const kind = i % 5;
    const id = `VariableID:${i}`;
    if (kind === 0) {
      tokens.push({
        id,
        name: `color/c${i}`,
        collectionId: 'prim',
        type: 'color',
        valuesByMode: { p: { colorSpace: 'srgb', components: [(i % 255) / 255, 0.5, 0.25] } },
      });
    } else if (kind === 1) {
      tokens.push({
        id,
        name: `semantic/c${i}`,
        collectionId: 'sem',
        type: 'color',
        valuesByMode: { l: { alias: `VariableID:${i - 1}` }, d: { alias: `VariableID:${(i + 4) % TOKEN_COUNT}` } },
      });
    } else if (kind === 2) {
      tokens.push({
        id,
        name: `spacing/s${i}`,
        collectionId: 'prim',
        type: 'dimension',
        valuesByMode: { p: { value: i % 64, unit: 'px' } },
      });
    } else if (kind === 3) {
      tokens.push({
        id,
        name: `typography/t${i}`,
        collectionId: 'prim',
        type: 'typography',
        valuesByMode: {
          p: {
            fontFamily: 'Inter',
            fontSize: { value: 12 + (i % 12), unit: 'px' },
            fontWeight: 400,
            lineHeight: 1.4,
            letterSpacing: { value: 0, unit: 'px' },
          },
        },
      });
    } else {
      tokens.push({
        id,
        name: `shadow/s${i}`,
        collectionId: 'prim',
        type: 'shadow',
        valuesByMode: {
          p: {
            color: { alias: `VariableID:${i - 4}` },
            offsetX: { value: 0, unit: 'px' },
            offsetY: { value: 2, unit: 'px' },
            blur: { value: 4, unit: 'px' },
            spread: { value: 0, unit: 'px' },
          },
        },
      });
    }
  }
  return {
    collections: [
      { id: 'prim', name: 'Primitives', modes: [{ id: 'p', name: 'Value' }], defaultModeId: 'p' },
      {
        id: 'sem',
        name: 'Semantic',
        modes: [
          { id: 'l', name: 'Light' },
          { id: 'd', name: 'Dark' },
        ],
        defaultModeId: 'l',
      },
    ],
    tokens,
  };
}

function specs(): ComponentSpec[] {
  const tokenOf = (kind: number, n: number): string => `VariableID:${(n * 5 + kind) % TOKEN_COUNT}`;
  return Array.from({ length: COMPONENT_COUNT }, (_, c) => ({
    id: `${c}:1`,
    name: `${NAMES[c % NAMES.length]} ${c}`,
    props: [
      { name: 'Size', kind: 'variant', default: 'sm', options: ['sm', 'md', 'lg'] },
      { name: 'Label', kind: 'text', default: 'Label' },
      { name: 'Disabled', kind: 'boolean', default: false },
      { name: 'Icon', kind: 'instanceSwap', default: '1:1' },
    ],
    variants: ['sm', 'md', 'lg'].map((size, v) => ({
      id: `${c}:${v + 2}`,
      values: { Size: size },
      bindings: {
        fill: tokenOf(1, c + v),
        stroke: tokenOf(0, c),
        paddingLeft: tokenOf(2, c + v),
        paddingRight: tokenOf(2, c + v),
        gap: tokenOf(2, c),
        radius: tokenOf(2, c + 1),
        'label.typography': tokenOf(3, c + v),
        'label.fill': tokenOf(1, c),
        effects: tokenOf(4, c + (v === 2 ? 1 : 0)),
      },
    })),
  }));
}

const bench: Bench = async (report) => {
  const set = tokenSet();
  const all = specs();

  let start = performance.now();
  generateTokensCss(set);
  report('codegen: tokens.css, 2,000 tokens', performance.now() - start, 'ms');

  // First pass pays for naming the token set once (cached per set); later passes do not.
  const fresh = tokenSet();
  start = performance.now();
  for (const spec of all) generateComponent(spec, fresh);
  const cold = performance.now() - start;
  report('codegen: 200 components, first pass (2,000-token set)', cold, 'ms');

  const runs = 5;
  start = performance.now();
  for (let r = 0; r < runs; r++) for (const spec of all) generateComponent(spec, set);
  const warm = (performance.now() - start) / runs;
  report('codegen: 200 components (mean of 5)', warm, 'ms');
  report('codegen: per component', warm / COMPONENT_COUNT, 'ms');
};

export default bench;
