// One design (a fake-figma seed) read by the plugin through the fake `figma` global and by a
// poll through the fake REST API (nodes?geometry=paths): the same layer trees, spec hashes and
// generated files.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateComponent } from '../../../core/codegen/index.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { specHash } from '../../../core/specs/spec-hash.js';
import { FigmaClient, type FigmaCredentials } from '../../../server/figma/client.js';
import { readFileDesign } from '../../../server/figma/read-file.js';
import { extractFile } from '../../../plugin/main/extract/index.js';
import { createFakeFigma, layerTreeDesign, type FakeFile } from '../../fakes/figma/index.js';
import {
  restFileFromDesign,
  restNodesFromSeed,
  restVariablesFromSeed,
  startFakeFigmaRest,
  type FakeFigmaRest,
} from '../../fakes/figma-rest/index.js';

let fake: FakeFigmaRest;
let client: FigmaClient;
let pat: FigmaCredentials;
let files = 0;

beforeAll(async () => {
  fake = await startFakeFigmaRest();
  client = new FigmaClient({ baseUrl: fake.url, timeoutMs: 5000 });
  pat = fake.credentials.pat;
});
afterAll(() => fake.close());

async function pluginRead(seed: FakeFile) {
  const restore = createFakeFigma(seed, { fileKey: 'LayersFile1' }).install();
  try {
    return await extractFile('LayersFile1', () => undefined);
  } finally {
    restore();
  }
}

async function restRead(seed: FakeFile) {
  const key = `LayersRest${++files}`;
  const rest = restNodesFromSeed(seed);
  fake.setFile(key, { name: seed.name, version: '1', variables: restVariablesFromSeed(seed), ...rest });
  return readFileDesign(client, key, pat, { knownComponentIds: Object.keys(rest.nodes) });
}

const byId = (specs: ComponentSpec[]) => [...specs].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('layer trees: the plugin and a poll read the same design alike', () => {
  it('gives identical trees, spec hashes and generated files for the fixture components', async () => {
    const seed = layerTreeDesign();
    const plugin = await pluginRead(seed);
    const rest = await restRead(seed);
    const fromPlugin = byId(plugin.request.components);
    const fromRest = byId(rest.request.components);
    expect(fromPlugin.map((c) => c.name)).toEqual(
      ['Button', 'Icon/Star', 'Input', 'Card', 'Poster'].sort(
        (a, b) => fromPlugin.findIndex((c) => c.name === a) - fromPlugin.findIndex((c) => c.name === b),
      ),
    );
    expect(fromRest.map((c) => c.id)).toEqual(fromPlugin.map((c) => c.id));
    for (const [i, spec] of fromPlugin.entries()) {
      const other = fromRest[i]!;
      for (const variant of spec.variants) expect(variant.layers, `${spec.name} ${variant.id}`).toBeDefined();
      expect(other.variants.map((v) => v.layers)).toEqual(spec.variants.map((v) => v.layers));
      expect({ ...other, variants: other.variants.map((v) => ({ ...v, layers: undefined })) }).toEqual({
        ...spec,
        variants: spec.variants.map((v) => ({ ...v, layers: undefined })),
      });
      expect(specHash(other)).toBe(specHash(spec));
      const a = generateComponent(spec, plugin.request.tokens).files;
      const b = generateComponent(other, plugin.request.tokens).files;
      expect(b).toEqual(a);
    }
    // The same warnings about what the tree cannot carry, from both readers.
    const imageWarning = plugin.warnings.filter((w) => /placeholder/.test(w));
    expect(imageWarning).toHaveLength(1);
    expect(rest.warnings).toEqual(expect.arrayContaining(imageWarning));
  });

  it('reads what the design holds: bound values, props, instances, text runs, vectors, constraints', async () => {
    const plugin = await pluginRead(layerTreeDesign());
    const button = plugin.request.components.find((c) => c.name === 'Button')!;
    const small = button.variants.find((v) => v.values.Size === 'Small')!.layers!;
    expect(small.box).toEqual({ x: 0, y: 0, width: 96.33, height: 32.5 });
    expect(small.layout).toEqual({
      layoutMode: 'HORIZONTAL',
      paddingLeft: { token: 'VariableID:60:1', value: 8 },
      paddingRight: { token: 'VariableID:60:1', value: 8 },
      paddingTop: 6,
      paddingBottom: 6,
      itemSpacing: { token: 'VariableID:60:1', value: 8 },
      primaryAxisAlignItems: 'CENTER',
      counterAxisAlignItems: 'CENTER',
      layoutSizingHorizontal: 'HUG',
      layoutSizingVertical: 'HUG',
    });
    expect(small.style).toMatchObject({
      cornerRadius: { token: 'VariableID:60:3', value: 6 },
      fills: [{ type: 'SOLID', token: 'VariableID:60:4' }],
    });
    const [iconLayer, label] = small.children!;
    expect(iconLayer!.props).toEqual({ visible: 'Show icon', mainComponent: 'Icon' });
    expect(iconLayer!.instance).toEqual({
      componentId: '72:1',
      componentKey: expect.any(String),
      componentName: 'Icon/Star',
      properties: { Filled: true },
    });
    expect(iconLayer!.box).toEqual({ x: 8, y: 8.25, width: 16, height: 16 });
    const vector = iconLayer!.children![0]!;
    expect(vector.layout).toBeUndefined();
    expect(vector.vector?.fillGeometry?.[0]?.path).toMatch(/^M 8 0/);
    expect(label!.props).toEqual({ characters: 'Label' });
    expect(label!.style?.fillStyle).toBeUndefined();
    expect(label!.text).toMatchObject({
      characters: 'Button',
      fontSize: { token: 'VariableID:60:6', value: 14 },
      letterSpacing: { unit: 'PIXELS', value: 0.28 },
      lineHeight: { unit: 'PERCENT', value: 145 },
    });
    const card = plugin.request.components.find((c) => c.name === 'Card')!.variants[0]!.layers!;
    const title = card.children![0]!.children![0]!;
    expect(title.text?.segments?.map((s) => [s.start, s.end])).toEqual([
      [0, 5],
      [5, 14],
      [14, 20],
    ]);
    expect(title.text?.segments?.[2]).toMatchObject({ textCase: 'UPPER', textDecoration: 'UNDERLINE' });
    expect(card.children![0]!.style?.fills?.[0]).toMatchObject({ type: 'GRADIENT_LINEAR' });
    const badge = card.children![2]!.children![0]!;
    expect(badge.layout).toEqual({
      layoutPositioning: 'ABSOLUTE',
      constraints: { horizontal: 'MAX', vertical: 'MIN' },
    });
    const poster = plugin.request.components.find((c) => c.name === 'Poster')!.variants[0]!.layers!;
    expect(poster.children!.map((c) => c.layout?.constraints)).toEqual([
      { horizontal: 'CENTER', vertical: 'CENTER' },
      { horizontal: 'STRETCH', vertical: 'MAX' },
      { horizontal: 'SCALE', vertical: 'MIN' },
    ]);
    expect(poster.children![1]!.visible).toBe(false);
  });

  it('stays equal for any geometry and spacing (float32 noise included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          x: fc.double({ min: -5000, max: 5000, noNaN: true }),
          y: fc.double({ min: -5000, max: 5000, noNaN: true }),
          pad: fc.integer({ min: 0, max: 64 }),
          gap: fc.integer({ min: -8, max: 48 }),
          radius: fc.constantFrom(0, 2, 4.5, 999),
        }),
        async ({ x, y, pad, gap, radius }) => {
          const seed = layerTreeDesign();
          const set = seed.pages[0]!.children.find((n) => n.name === 'Button')! as unknown as {
            children: Array<Record<string, unknown>>;
          };
          const v = set.children[0]!;
          const dx = x - 20.1;
          const dy = y - 20.7;
          const shift = (n: Record<string, unknown>) => {
            const b = n.absoluteBoundingBox as { x: number; y: number } | undefined;
            if (b) n.absoluteBoundingBox = { ...b, x: b.x + dx, y: b.y + dy };
            for (const c of (n.children as Array<Record<string, unknown>> | undefined) ?? []) shift(c);
          };
          shift(v);
          Object.assign(v, { paddingTop: pad, paddingBottom: pad, itemSpacing: gap, cornerRadius: radius });
          delete (v.boundVariables as Record<string, unknown>).itemSpacing;
          for (const corner of ['topLeftRadius', 'topRightRadius', 'bottomLeftRadius', 'bottomRightRadius'])
            delete (v.boundVariables as Record<string, unknown>)[corner];
          const plugin = (await pluginRead(seed)).request.components.find((c) => c.name === 'Button')!;
          const rest = (await restRead(seed)).request.components.find((c) => c.name === 'Button')!;
          expect(rest.variants.map((w) => w.layers)).toEqual(plugin.variants.map((w) => w.layers));
          expect(specHash(rest)).toBe(specHash(plugin));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('warns alike about an instance whose main component neither reader can find, and keeps its own layers', async () => {
    const seed = layerTreeDesign();
    const set = seed.pages[0]!.children.find((n) => n.name === 'Button')! as unknown as {
      children: Array<{ children: Array<Record<string, unknown>> }>;
    };
    const icon = set.children[0]!.children[0]!;
    expect(icon.type).toBe('INSTANCE');
    icon.mainComponentId = '99:9';
    const plugin = await pluginRead(seed);
    const rest = await restRead(seed);
    const warning = `instance "Icon" (${String(icon.id)}): its main component is not in this file; rendered from its own layers`;
    expect(plugin.warnings).toContain(warning);
    expect(rest.warnings).toContain(warning);
    const layerOf = (specs: ComponentSpec[]) =>
      specs.find((c) => c.name === 'Button')!.variants[0]!.layers!.children![0]!;
    const fromPlugin = layerOf(plugin.request.components);
    expect(fromPlugin.instance).toBeUndefined();
    expect(fromPlugin.children?.[0]?.vector?.fillGeometry?.[0]?.path).toMatch(/^M 8 0/);
    expect(layerOf(rest.request.components)).toEqual(fromPlugin);
  });

  it('writes a synced design with its trees as REST answers (design-to-rest) that a poll reads back alike', async () => {
    const plugin = await pluginRead(layerTreeDesign());
    const design = { tokens: plugin.request.tokens, components: plugin.request.components };
    const rest = restFileFromDesign(design);
    expect(rest.notCarried.filter((n) => !/codeName|pattern/.test(n))).toEqual([]);
    const key = `LayersRest${++files}`;
    fake.setFile(key, { name: 'Layers', version: '1', ...rest });
    const read = await readFileDesign(client, key, pat, { knownComponentIds: Object.keys(rest.nodes) });
    const fromPlugin = byId(plugin.request.components);
    const fromRest = byId(read.request.components);
    expect(fromRest.map((c) => c.id)).toEqual(fromPlugin.map((c) => c.id));
    for (const [i, spec] of fromPlugin.entries()) {
      const trees = spec.variants.map((v) => v.layers);
      expect(trees.every(Boolean), spec.name).toBe(true);
      expect(
        fromRest[i]!.variants.map((v) => v.layers),
        spec.name,
      ).toEqual(trees);
      // The bindings come from the trees, as Figma derives them.
      expect(
        fromRest[i]!.variants.map((v) => v.bindings),
        spec.name,
      ).toEqual(spec.variants.map((v) => v.bindings));
    }
  });
});
