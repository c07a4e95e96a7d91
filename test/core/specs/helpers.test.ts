import { describe, expect, it } from 'vitest';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import {
  collectTokenRefs,
  layerNamespace,
  normalizeSpec,
  parseVariantName,
  propsFromDefinitions,
  specFromRestNode,
  specHash,
  sortVariants,
  stripPropSuffix,
  variantKey,
  withTokenRefs,
} from '../../../core/specs/index.js';

const alias = (id: string) => ({ type: 'VARIABLE_ALIAS', id });

describe('props', () => {
  it('strips only the trailing #id suffix', () => {
    expect(stripPropSuffix('Show icon#12:3')).toBe('Show icon');
    expect(stripPropSuffix('C#/sharp#1:2')).toBe('C#/sharp');
    expect(stripPropSuffix('Size')).toBe('Size');
    expect(stripPropSuffix('#1:2')).toBe('#1:2');
  });
  it('keeps definition order and reports unknown types', () => {
    const { props, skipped } = propsFromDefinitions({
      'B#1:1': { type: 'BOOLEAN', defaultValue: false },
      X: { type: 'FUTURE', defaultValue: 'x' },
      Size: { type: 'VARIANT', defaultValue: 'md', variantOptions: ['md', 'sm'] },
    });
    expect(props.map((p) => p.name)).toEqual(['B', 'Size']);
    expect(props[1]!.options).toEqual(['md', 'sm']);
    expect(skipped).toEqual(['X (FUTURE)']);
  });
});

describe('variants', () => {
  it('parses Figma variant names', () => {
    expect(parseVariantName('Size=lg, State=hover')).toEqual({ Size: 'lg', State: 'hover' });
    expect(parseVariantName(' Size = lg ,junk, =x')).toEqual({ Size: 'lg' });
    expect(parseVariantName('Component 1')).toEqual({});
  });
  it('keys variants by sorted property names', () => {
    expect(variantKey({ State: 'hover', Size: 'lg' })).toBe('Size=lg, State=hover');
    expect(variantKey({})).toBe('');
  });
  it('sorts by option order, then unknown values by text', () => {
    const props = [{ name: 'Size', kind: 'variant' as const, default: 'md', options: ['sm', 'md', 'lg'] }];
    const v = (id: string, Size: string) => ({ id, values: { Size }, bindings: {} });
    expect(
      sortVariants([v('1', 'lg'), v('2', 'zz'), v('3', 'sm'), v('4', 'aa'), v('5', 'md')], props).map(
        (x) => x.values.Size,
      ),
    ).toEqual(['sm', 'md', 'lg', 'aa', 'zz']);
  });
});

describe('layer namespaces', () => {
  it.each([
    ['Label', 'label'],
    ['Helper text', 'helperText'],
    ['icon-left', 'iconLeft'],
    ['2nd line', 'layer2ndLine'],
    ['---', 'layer'],
    ['Größe', 'größe'],
  ])('%s → %s', (name, ns) => expect(layerNamespace(name)).toBe(ns));
});

describe('bindings', () => {
  const set = (variant: object) =>
    specFromRestNode({
      id: '1:0',
      name: 'X',
      type: 'COMPONENT_SET',
      children: [{ id: '1:1', name: 'Size=sm', type: 'COMPONENT', ...variant }],
    });

  it('numbers extra tokens in one slot and drops duplicates', () => {
    const spec = set({ boundVariables: { fills: [alias('A'), alias('B'), alias('A')] } });
    expect(spec.variants[0]!.bindings).toEqual({ fill: 'A', 'fill.2': 'B' });
  });

  it('lets a text style supersede bound font variables but keeps the text fill', () => {
    const spec = set({
      children: [
        {
          id: '1:2',
          name: 'Title',
          type: 'TEXT',
          styles: { text: 'S:k,1:9' },
          boundVariables: { fontSize: [alias('F')], fills: [alias('C')] },
        },
      ],
    });
    expect(spec.variants[0]!.bindings).toEqual({ 'title.typography': 'S:k,1:9', 'title.fill': 'C' });
  });

  it('maps layout fields to slot names and keeps unknown future fields', () => {
    const spec = set({
      boundVariables: {
        itemSpacing: alias('G'),
        counterAxisSpacing: alias('H'),
        gridRowGap: alias('R'),
        cornerRadius: alias('K'),
        strokeWeight: alias('W'),
        futureField: alias('Z'),
        componentProperties: { p: alias('P') },
        notAnAlias: { id: 'x' },
      },
    });
    expect(spec.variants[0]!.bindings).toEqual({
      gap: 'G',
      counterAxisSpacing: 'H',
      rowGap: 'R',
      radius: 'K',
      strokeWeight: 'W',
      futureField: 'Z',
    });
  });

  it('gives unbound layers no namespace, so adding one renames nothing', () => {
    const spec = set({
      children: [
        { id: '1:2', name: 'Label', type: 'TEXT' },
        { id: '1:3', name: 'Label', type: 'TEXT', boundVariables: { fills: [alias('A')] } },
      ],
    });
    expect(spec.variants[0]!.bindings).toEqual({ 'label.fill': 'A' });
  });
});

describe('tokenRefs and hashing', () => {
  const spec: ComponentSpec = {
    id: '1',
    name: 'X',
    description: '',
    props: [{ name: 'Size', kind: 'variant', default: 'b', options: ['b', 'a'] }],
    variants: [
      { id: '2', values: { Size: 'a' }, bindings: { fill: 'T2', stroke: 'T1' } },
      { id: '3', values: { Size: 'b' }, bindings: { fill: 'T2' } },
    ],
  };
  it('collects sorted unique refs, and keeps refs a client sent', () => {
    expect(collectTokenRefs(spec)).toEqual(['T1', 'T2']);
    expect(withTokenRefs(spec).tokenRefs).toEqual(['T1', 'T2']);
    expect(withTokenRefs({ ...spec, tokenRefs: ['T9', 'T1', 'T9'] }).tokenRefs).toEqual(['T1', 'T2', 'T9']);
  });
  it('bindings are the truth: client refs add to the bound ids, never replace them', () => {
    expect(withTokenRefs({ ...spec, tokenRefs: [] }).tokenRefs).toEqual(['T1', 'T2']);
    expect(normalizeSpec({ ...spec, tokenRefs: ['T0'] }).tokenRefs).toEqual(['T0', 'T1', 'T2']);
    expect(specHash({ ...spec, tokenRefs: ['T2'] })).toBe(specHash(spec));
  });
  it('normalizes variant order and an empty description', () => {
    const n = normalizeSpec(spec);
    expect(n.variants.map((v) => v.id)).toEqual(['3', '2']);
    expect('description' in n).toBe(false);
    expect(specHash(spec)).toBe(specHash(n));
    expect(specHash(spec)).toMatch(/^[0-9a-f]{64}$/);
  });
});
