// The fake `figma` global must be as strict as Figma under "documentAccess": "dynamic-page",
// serve what its seed holds, and hand core objects it accepts. Messages asserted verbatim are
// Figma's own wording.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  specFromPluginNode,
  type PluginComponentLike,
  type PluginComponentSetLike,
  type PluginNodeLike,
} from '../../core/specs/index.js';
import {
  normalizeFromPluginApi,
  type PluginApiInput,
  type PluginCollectionInput,
  type PluginEffectStyleInput,
  type PluginGridStyleInput,
  type PluginPaintStyleInput,
  type PluginTextStyleInput,
  type PluginVariableInput,
} from '../../core/tokens/index.js';
import {
  alias,
  createFakeFigma,
  FORBIDDEN_SYNC_CALLS,
  largeDesignSystem,
  PLUGIN_DATA_ENTRY_LIMIT_BYTES,
  realisticDesignSystem,
  REMOTE_COLLECTION_ID,
  REMOTE_PAINT_STYLE_ID,
  REMOTE_VARIABLE_ID,
  rgba,
  solid,
  type FakeCollectionView,
  type FakeComponentSetView,
  type FakeComponentView,
  type FakeEffectStyleView,
  type FakeFile,
  type FakeGridStyleView,
  type FakeInstanceView,
  type FakePaintStyleView,
  type FakeTextStyleView,
  type FakeTextView,
  type FakeVariableView,
} from '../fakes/figma/index.js';
import { validateSeed } from '../fakes/figma/validate-seed.js';

const open = (seed: FakeFile = realisticDesignSystem(), options = {}) => {
  const fake = createFakeFigma(seed, options);
  return { fake, figma: fake.api };
};

async function loaded(seed?: FakeFile) {
  const env = open(seed);
  await env.figma.loadAllPagesAsync();
  return env;
}

function byName<T extends { name: string }>(list: readonly T[], name: string): T {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`no "${name}"`);
  return found;
}

const componentSets = (figma: PluginAPI) => figma.root.findAllWithCriteria({ types: ['COMPONENT_SET'] });

/** A minimal file for rules that need a specific shape. */
function tinyFile(overrides: Partial<FakeFile> = {}): FakeFile {
  return {
    name: 'Tiny',
    collections: [
      {
        id: 'VariableCollectionId:1:0',
        name: 'C',
        modes: [
          { modeId: '1:0', name: 'Light' },
          { modeId: '1:1', name: 'Dark' },
        ],
      },
    ],
    variables: [
      {
        id: 'VariableID:1:1',
        name: 'color/bg',
        variableCollectionId: 'VariableCollectionId:1:0',
        resolvedType: 'COLOR',
        valuesByMode: { '1:0': rgba('#ffffff'), '1:1': rgba('#000000') },
      },
    ],
    pages: [
      { id: '0:1', name: 'One', children: [{ type: 'FRAME', id: '1:1', name: 'Frame' }] },
      { id: '0:2', name: 'Two', children: [{ type: 'RECTANGLE', id: '2:1', name: 'Rect' }] },
    ],
    ...overrides,
  };
}

describe('dynamic-page: the synchronous getters throw', () => {
  const cases: Array<[string, (f: PluginAPI) => unknown, string]> = [
    ['variables.getLocalVariables', (f) => f.variables.getLocalVariables(), 'figma.variables.getLocalVariablesAsync'],
    [
      'variables.getLocalVariableCollections',
      (f) => f.variables.getLocalVariableCollections(),
      'figma.variables.getLocalVariableCollectionsAsync',
    ],
    [
      'variables.getVariableById',
      (f) => f.variables.getVariableById('VariableID:2:17'),
      'figma.variables.getVariableByIdAsync',
    ],
    [
      'variables.getVariableCollectionById',
      (f) => f.variables.getVariableCollectionById('VariableCollectionId:1:0'),
      'figma.variables.getVariableCollectionByIdAsync',
    ],
    ['getLocalPaintStyles', (f) => f.getLocalPaintStyles(), 'figma.getLocalPaintStylesAsync'],
    ['getLocalTextStyles', (f) => f.getLocalTextStyles(), 'figma.getLocalTextStylesAsync'],
    ['getLocalEffectStyles', (f) => f.getLocalEffectStyles(), 'figma.getLocalEffectStylesAsync'],
    ['getLocalGridStyles', (f) => f.getLocalGridStyles(), 'figma.getLocalGridStylesAsync'],
    ['getStyleById', (f) => f.getStyleById('S:1,2:3'), 'figma.getStyleByIdAsync'],
    ['getNodeById', (f) => f.getNodeById('11:0'), 'figma.getNodeByIdAsync'],
  ];

  it.each(cases)('%s', (call, run, replacement) => {
    const { fake, figma } = open();
    const member = call.replace('variables.', '');
    expect(() => run(figma)).toThrow(
      new Error(`in ${member}: Cannot call with documentAccess: dynamic-page. Use ${replacement} instead.`),
    );
    expect(fake.calls).toEqual([call]);
    expect(FORBIDDEN_SYNC_CALLS).toContain(call);
  });

  it('refuses setting figma.currentPage, reading an instance main component, and style consumers', async () => {
    const { figma } = await loaded();
    expect(() => {
      figma.currentPage = figma.root.children[1] as PageNode;
    }).toThrow(
      'in set_currentPage: Cannot call with documentAccess: dynamic-page. Use figma.setCurrentPageAsync instead.',
    );
    const instance = figma.root.findOne((n) => n.type === 'INSTANCE') as InstanceNode;
    expect(() => instance.mainComponent).toThrow(
      'in get_mainComponent: Cannot call with documentAccess: dynamic-page. Use node.getMainComponentAsync instead.',
    );
    const [style] = await figma.getLocalPaintStylesAsync();
    expect(() => style?.consumers).toThrow(
      'in get_consumers: Cannot call with documentAccess: dynamic-page. Use style.getStyleConsumersAsync instead.',
    );
  });

  it('only accepts the dynamic-page mode it models', () => {
    expect(() => createFakeFigma(tinyFile(), { documentAccess: 'full' as 'dynamic-page' })).toThrow(
      /only "dynamic-page"/,
    );
  });
});

describe('async getters serve the seed', () => {
  it('lists local variables and collections, never library ones', async () => {
    const seed = realisticDesignSystem();
    const { figma } = open(seed);
    const variables = await figma.variables.getLocalVariablesAsync();
    const collections = await figma.variables.getLocalVariableCollectionsAsync();
    expect(variables).toHaveLength(seed.variables.length - 1);
    expect(variables.some((v) => v.id === REMOTE_VARIABLE_ID || v.remote)).toBe(false);
    expect(collections.map((c) => c.name)).toEqual(['Primitives', 'Semantic', 'Spacing', 'Brand', 'Components']);
    const semantic = byName(collections, 'Semantic');
    expect(semantic).toMatchObject({
      id: 'VariableCollectionId:2:0',
      remote: false,
      defaultModeId: '2:0',
      modes: [
        { modeId: '2:0', name: 'Light' },
        { modeId: '2:1', name: 'Dark' },
        { modeId: '2:2', name: 'High contrast' },
      ],
    });
    expect(semantic.variableIds).toEqual(
      variables.filter((v) => v.variableCollectionId === semantic.id).map((v) => v.id),
    );
    expect(byName(collections, 'Spacing').defaultModeId).toBe('3:1');
  });

  it('reaches the library variable and its collection only by id', async () => {
    const { figma } = open();
    const remote = await figma.variables.getVariableByIdAsync(REMOTE_VARIABLE_ID);
    expect(remote).toMatchObject({
      name: 'brand/accent',
      remote: true,
      variableCollectionId: REMOTE_COLLECTION_ID,
      resolvedType: 'COLOR',
    });
    expect(await figma.variables.getVariableCollectionByIdAsync(REMOTE_COLLECTION_ID)).toMatchObject({
      name: 'Core Library',
      remote: true,
    });
    expect(await figma.variables.getVariableByIdAsync('VariableID:404:404')).toBeNull();
    expect(await figma.variables.getVariableCollectionByIdAsync('VariableCollectionId:404:0')).toBeNull();
    const accent = byName(await figma.variables.getLocalVariablesAsync(), 'color/brand/accent');
    expect(Object.values(accent.valuesByMode)).toEqual([
      alias(REMOTE_VARIABLE_ID),
      alias(REMOTE_VARIABLE_ID),
      alias(REMOTE_VARIABLE_ID),
    ]);
  });

  it('keeps values as Figma does: 0–1 RGBA colors, unresolved aliases, scopes, code syntax', async () => {
    const { figma } = open();
    const variables = await figma.variables.getLocalVariablesAsync();
    const blue = byName(variables, 'color/blue/500');
    expect(blue).toMatchObject({
      resolvedType: 'COLOR',
      description: 'Brand blue. Use through semantic tokens.',
      scopes: [],
      hiddenFromPublishing: true,
      codeSyntax: { WEB: 'var(--color-blue-500)', ANDROID: 'colorBlue500', iOS: 'Color.blue500' },
    });
    expect(blue.key).toMatch(/^[0-9a-f]{40}$/);
    const rgba500 = blue.valuesByMode['1:0'] as RGBA;
    expect(rgba500.a).toBe(1);
    expect([rgba500.r, rgba500.g, rgba500.b].every((c) => c >= 0 && c <= 1)).toBe(true);
    // component → semantic → primitive
    const buttonBg = byName(variables, 'button/bg/primary');
    const semantic = await figma.variables.getVariableByIdAsync((buttonBg.valuesByMode['5:0'] as VariableAlias).id);
    expect(semantic?.name).toBe('color/action/primary');
    const primitive = await figma.variables.getVariableByIdAsync((semantic?.valuesByMode['2:1'] as VariableAlias).id);
    expect(primitive?.name).toBe('color/blue/300');
    expect(byName(variables, 'space/md')).toMatchObject({
      valuesByMode: { '3:0': 8, '3:1': 12, '3:2': 16 },
      scopes: ['GAP', 'WIDTH_HEIGHT'],
    });
  });

  it('filters by type, passes future types through unfiltered, and validates the type', async () => {
    const { figma } = open();
    const all = await figma.variables.getLocalVariablesAsync();
    const booleans = await figma.variables.getLocalVariablesAsync('BOOLEAN');
    expect(booleans.map((v) => v.name)).toEqual(['flag/beta', 'brand/show-logo']);
    expect(byName(all, 'fx/gradient-hero').resolvedType).toBe('GRADIENT_FUTURE');
    await expect(figma.variables.getLocalVariablesAsync('GRADIENT' as VariableResolvedDataType)).rejects.toThrow(
      /in getLocalVariablesAsync: Expected "type"/,
    );
  });

  it('lists local styles, reaches library styles by id, and returns null for unknown ids', async () => {
    const { figma } = open();
    const paints = await figma.getLocalPaintStylesAsync();
    expect(paints.map((s) => s.name)).not.toContain('Library/Accent');
    expect(byName(paints, 'Surface/Default').paints[0]).toMatchObject({
      type: 'SOLID',
      boundVariables: { color: { type: 'VARIABLE_ALIAS' } },
    });
    expect((await figma.getLocalTextStylesAsync()).map((s) => s.name)).toEqual([
      'Heading/H1',
      'Body/Regular',
      'Body/Small',
      'Label/Medium',
      'Code/Mono',
    ]);
    expect(byName(await figma.getLocalTextStylesAsync(), 'Body/Small')).toMatchObject({
      type: 'TEXT',
      letterSpacing: { unit: 'PERCENT', value: 0 },
      lineHeight: { unit: 'PERCENT', value: 140 },
    });
    expect((await figma.getLocalEffectStylesAsync()).map((s) => s.type)).toEqual(['EFFECT', 'EFFECT', 'EFFECT']);
    expect(await figma.getLocalGridStylesAsync()).toHaveLength(2);
    expect(await figma.getStyleByIdAsync(REMOTE_PAINT_STYLE_ID)).toMatchObject({
      name: 'Library/Accent',
      remote: true,
      type: 'PAINT',
    });
    expect(await figma.getStyleByIdAsync('S:nope,1:1')).toBeNull();
  });

  it('answers the file facts: fileKey from options, editor type, a unique mixed symbol, the root name', () => {
    expect(open().figma.fileKey).toBeUndefined();
    expect(open(undefined, { fileKey: null }).figma.fileKey).toBeUndefined();
    const { figma } = open(undefined, { fileKey: 'AbCdEf123' });
    expect(figma.fileKey).toBe('AbCdEf123');
    expect(figma.editorType).toBe('figma');
    expect(typeof figma.mixed).toBe('symbol');
    expect(figma.mixed).not.toBe(open().figma.mixed);
    expect(figma.root).toMatchObject({ id: '0:0', type: 'DOCUMENT', name: 'Acme Design System' });
    expect(figma.currentPage.name).toBe('Cover');
  });

  it('logs each call, so a test can assert the async-only rule', async () => {
    const { fake, figma } = open();
    await figma.variables.getLocalVariablesAsync();
    await figma.getLocalTextStylesAsync();
    await figma.loadAllPagesAsync();
    componentSets(figma);
    expect(fake.calls).toEqual([
      'variables.getLocalVariablesAsync',
      'getLocalTextStylesAsync',
      'loadAllPagesAsync',
      'root.findAllWithCriteria',
    ]);
    expect(fake.calls.filter((c) => FORBIDDEN_SYNC_CALLS.includes(c))).toEqual([]);
  });
});

describe('pages load on demand', () => {
  const notLoaded = 'Cannot call with documentAccess: dynamic-page without calling figma.loadAllPagesAsync() first.';

  it('refuses document-wide searches before loadAllPagesAsync resolved', async () => {
    const { figma } = open();
    expect(() => componentSets(figma)).toThrow(new Error(`in findAllWithCriteria: ${notLoaded}`));
    expect(() => figma.root.findAll()).toThrow(new Error(`in findAll: ${notLoaded}`));
    expect(() => figma.root.findOne(() => true)).toThrow(new Error(`in findOne: ${notLoaded}`));
    const loading = figma.loadAllPagesAsync();
    expect(() => componentSets(figma)).toThrow(`in findAllWithCriteria: ${notLoaded}`);
    await loading;
    expect(componentSets(figma)).toHaveLength(4);
  });

  it("refuses another page's children until the page is loaded", async () => {
    const { figma } = open();
    const [cover, components] = figma.root.children as PageNode[];
    expect(cover?.children.map((n) => n.name)).toEqual(['Cover']);
    expect(() => components?.children).toThrow(
      "in get_children: Cannot access property `children` on a page that has not been explicitly loaded. Remember to call `await page.loadAsync()` or `await figma.loadAllPagesAsync()' first.",
    );
    expect(() => components?.findAll()).toThrow(
      /in findAll: Cannot access method `findAll\(\)` on a page that has not been explicitly loaded/,
    );
    await components?.loadAsync();
    expect(components?.children.map((n) => n.name)).toEqual(['Icon/Star', 'Icon/Close', 'Button', 'Avatar']);
    // Loading every page one by one does not lift the document-wide rule (as in Figma).
    for (const page of figma.root.children) await page.loadAsync();
    expect(() => componentSets(figma)).toThrow(/loadAllPagesAsync/);
  });

  it('finds every matching node on every page in document order, nested ones included', async () => {
    const { figma } = await loaded();
    expect(componentSets(figma).map((n) => n.name)).toEqual(['Button', 'Input', 'Card', 'Tag']);
    const input = byName(componentSets(figma), 'Input');
    expect(input.parent?.name).toBe('Forms section');
    const components = figma.root.findAllWithCriteria({ types: ['COMPONENT'] });
    expect(components.map((n) => n.name).slice(0, 4)).toEqual([
      'Icon/Star',
      'Icon/Close',
      'Variant=Primary, Size=Small',
      'Variant=Primary, Size=Medium',
    ]);
    expect(components).toHaveLength(3 + 4 + 4 + 2 + 3);
    const both = figma.root.findAllWithCriteria({ types: ['COMPONENT_SET', 'COMPONENT'] }).map((n) => n.id);
    expect(both.indexOf('11:0')).toBeLessThan(both.indexOf('11:10'));
    expect(figma.root.findAll((n) => n.type === 'PAGE')).toHaveLength(4);
    expect(figma.root.findOne((n) => n.name === 'Helper text')?.id).toBe('21:14');
    expect(input.findAllWithCriteria({ types: ['TEXT'] }).map((n) => n.name)).toEqual(
      Array(4).fill(['Placeholder', 'Helper text']).flat(),
    );
  });

  it('validates criteria as Figma does and searches plugin data', async () => {
    const { figma } = await loaded();
    expect(() => figma.root.findAllWithCriteria({ types: ['WIDGETS' as NodeType] })).toThrow(
      /in findAllWithCriteria: Expected "criteria.types.\[0\]" to be one of the allowed values/,
    );
    expect(() => figma.root.findAllWithCriteria({ type: ['FRAME'] } as FindAllCriteria<['FRAME']>)).toThrow(
      /Unrecognized key/,
    );
    const card = byName(componentSets(figma), 'Card');
    card.setSharedPluginData('design_sync', 'component', 'card');
    card.setPluginData('seen', '1');
    expect(
      figma.root
        .findAllWithCriteria({ sharedPluginData: { namespace: 'design_sync', keys: ['component'] } })
        .map((n) => n.id),
    ).toEqual(['30:0']);
    expect(figma.root.findAllWithCriteria({ pluginData: {} }).map((n) => n.id)).toEqual(['30:0']);
    expect(figma.root.findAllWithCriteria({ pluginData: { keys: ['other'] } })).toEqual([]);
  });

  it('loads the page of a node fetched by id, and switches pages asynchronously', async () => {
    const { figma } = open();
    const forms = figma.root.children[2] as PageNode;
    expect(() => forms.children).toThrow(/not been explicitly loaded/);
    expect((await figma.getNodeByIdAsync('21:0'))?.name).toBe('Input');
    expect(forms.children).toHaveLength(1);
    expect(await figma.getNodeByIdAsync('99:99')).toBeNull();
    const patterns = figma.root.children[3] as PageNode;
    await figma.setCurrentPageAsync(patterns);
    expect(figma.currentPage).toBe(patterns);
    expect(patterns.children).toHaveLength(2);
  });
});

describe('component nodes', () => {
  it('carries property definitions as Figma keys them, variants, and bindings', async () => {
    const { figma } = await loaded();
    const button = byName(componentSets(figma), 'Button') as ComponentSetNode;
    expect(Object.keys(button.componentPropertyDefinitions)).toEqual([
      'Variant',
      'Size',
      'Label#11:1',
      'Show icon#11:2',
      'Icon#11:3',
      'Content#11:4',
    ]);
    expect(button.componentPropertyDefinitions['Icon#11:3']).toMatchObject({
      type: 'INSTANCE_SWAP',
      defaultValue: '10:1',
      preferredValues: [{ type: 'COMPONENT' }, { type: 'COMPONENT' }],
    });
    expect(button.componentPropertyDefinitions['Content#11:4']?.type).toBe('SLOT');
    expect(button.variantGroupProperties).toEqual({
      Variant: { values: ['Primary', 'Secondary'] },
      Size: { values: ['Small', 'Medium'] },
    });
    expect(button.defaultVariant.name).toBe('Variant=Primary, Size=Small');
    expect(button).toMatchObject({
      key: expect.stringMatching(/^[0-9a-f]{40}$/),
      description: 'Triggers an action.',
      remote: false,
    });

    const variant = button.children[0] as ComponentNode;
    expect(variant.variantProperties).toEqual({ Variant: 'Primary', Size: 'Small' });
    expect(variant.parent).toBe(button);
    expect(() => variant.componentPropertyDefinitions).toThrow(
      'in get_componentPropertyDefinitions: Can only get component property definitions of a component set or non-variant component',
    );
    expect(variant.boundVariables).toMatchObject({
      paddingLeft: { type: 'VARIABLE_ALIAS' },
      itemSpacing: {},
      topLeftRadius: {},
      height: {},
    });
    const fillAlias = (variant.fills as SolidPaint[])[0]?.boundVariables?.color;
    expect((await figma.variables.getVariableByIdAsync(fillAlias?.id ?? ''))?.name).toBe('button/bg/primary');
    // Figma reports a paint's bound color on the node too.
    expect(variant.boundVariables?.fills).toEqual([fillAlias]);
    const label = variant.findOne((n) => n.type === 'TEXT') as TextNode;
    expect(label).toMatchObject({
      characters: 'Button',
      textStyleId: '',
      componentPropertyReferences: { characters: 'Label#11:1' },
    });
    expect(label.boundVariables?.fontSize).toEqual([expect.objectContaining({ type: 'VARIABLE_ALIAS' })]);
    const placeholder = byName(componentSets(figma), 'Input').findOne((n) => n.name === 'Placeholder') as TextNode;
    expect(placeholder.textStyleId).toMatch(/^S:/);

    const input = byName(componentSets(figma), 'Input') as ComponentSetNode;
    expect(input.componentPropertyDefinitions.State?.variantOptions).toEqual(['Default', 'Focus', 'Error', 'Disabled']);
  });

  it('serves lone components, instances and mixed text as Figma does', async () => {
    const { figma } = await loaded();
    const avatar = figma.root.findOne((n) => n.name === 'Avatar') as ComponentNode;
    expect(avatar.variantProperties).toBeNull();
    expect(Object.keys(avatar.componentPropertyDefinitions)).toEqual(['Initials#12:1', 'Show status#12:2']);
    const initials = avatar.findOne((n) => n.name === 'Initials') as TextNode;
    expect(initials.fills).toBe(figma.mixed);
    expect(initials.textStyleId).toBe(figma.mixed);

    const example = (await figma.getNodeByIdAsync('20:2')) as InstanceNode;
    expect((await example.getMainComponentAsync())?.name).toBe('State=Focus');
    expect(example.variantProperties).toEqual({ State: 'Focus' });
    expect(example.componentProperties).toEqual({ 'Placeholder#21:1': { type: 'TEXT', value: 'Your email' } });
    const icon = figma.root.findOne((n) => n.type === 'INSTANCE' && n.name === 'Icon') as InstanceNode;
    expect(icon.variantProperties).toBeNull();
  });

  it('throws reading variantProperties in a set Figma reports as having errors, and per node when the seed says so', async () => {
    const { figma } = await loaded();
    const tag = byName(componentSets(figma), 'Tag') as ComponentSetNode;
    for (const variant of tag.children as ComponentNode[]) {
      expect(() => variant.variantProperties).toThrow(
        new Error('in get_variantProperties: Component set for node has existing errors'),
      );
    }
    const file = tinyFile({
      pages: [
        {
          id: '0:1',
          name: 'P',
          children: [
            {
              type: 'COMPONENT_SET',
              id: '5:0',
              name: 'S',
              componentPropertyDefinitions: { Size: { type: 'VARIANT', defaultValue: 'S' } },
              children: [
                { type: 'COMPONENT', id: '5:1', name: 'Size=S' },
                { type: 'COMPONENT', id: '5:2', name: 'Size=L', variantPropertiesThrow: true },
              ],
            },
          ],
        },
      ],
    });
    const { figma: tiny } = open(file);
    const [s, l] = (tiny.currentPage.children[0] as ComponentSetNode).children as ComponentNode[];
    expect(s?.variantProperties).toEqual({ Size: 'S' });
    expect(() => l?.variantProperties).toThrow('Component set for node has existing errors');
  });
});

describe('read-only views', () => {
  it('throws on writes to variables, collections, styles, nodes and their values', async () => {
    const { figma } = await loaded();
    const [variable] = await figma.variables.getLocalVariablesAsync();
    const [collection] = await figma.variables.getLocalVariableCollectionsAsync();
    const [style] = await figma.getLocalPaintStylesAsync();
    if (!variable || !collection || !style) throw new Error('empty fixture');
    expect(() => {
      variable.name = 'renamed';
    }).toThrow(/Cannot assign to read only property 'name'/);
    expect(() => {
      (variable.valuesByMode as Record<string, unknown>)['1:0'] = 1;
    }).toThrow(/read only|not extensible/);
    expect(() => {
      (collection.modes as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      style.name = 'x';
    }).toThrow(/Cannot assign to read only property/);
    const button = byName(componentSets(figma), 'Button');
    expect(() => {
      button.name = 'x';
    }).toThrow(/Cannot assign to read only property 'name'/);
    expect(() => {
      ((button.children[0] as ComponentNode).fills as Paint[]).push(solid('#000000'));
    }).toThrow(TypeError);
    expect(() => {
      (button as { parent: unknown }).parent = null;
    }).toThrow(TypeError);
    expect(() => {
      (figma as { fileKey: unknown }).fileKey = 'x';
    }).toThrow(/Cannot assign to read only property 'fileKey'/);
  });

  it('makes every member it does not model throw, on figma and on its objects', async () => {
    const { figma } = open();
    expect(() => figma.createRectangle()).toThrow(new Error('fake figma: figma.createRectangle is not implemented'));
    expect(() => figma.viewport).toThrow('fake figma: figma.viewport is not implemented');
    expect(() => figma.variables.createVariableCollection('x')).toThrow(
      'fake figma: figma.variables.createVariableCollection is not implemented',
    );
    expect(() => figma.root.appendChild(figma.currentPage)).toThrow(
      'fake figma: figma.root.appendChild is not implemented',
    );
    const [variable] = await figma.variables.getLocalVariablesAsync();
    expect(() => variable?.setValueForMode('1:0', 1)).toThrow(
      'fake figma: variable.setValueForMode is not implemented',
    );
    figma.skipInvisibleInstanceChildren = true;
    expect(figma.skipInvisibleInstanceChildren).toBe(true);
  });

  it('freezes the seed, which can then back several fakes', () => {
    const seed = realisticDesignSystem();
    open(seed);
    expect(() => {
      seed.variables.push(seed.variables[0] as FakeFile['variables'][number]);
    }).toThrow(TypeError);
    expect(() => open(seed)).not.toThrow();
  });
});

describe('plugin data', () => {
  const NS = 'design_sync';

  it('round-trips shared plugin data on the root; "" deletes the key', () => {
    const { figma } = open(tinyFile({ sharedPluginData: { other_plugin: { theirs: 'kept' } } }));
    figma.root.setSharedPluginData(NS, 'snapshot', '{"v":1}');
    figma.root.setSharedPluginData(NS, 'snapshot/0', 'abc');
    expect(figma.root.getSharedPluginData(NS, 'snapshot')).toBe('{"v":1}');
    expect(figma.root.getSharedPluginDataKeys(NS)).toEqual(['snapshot', 'snapshot/0']);
    figma.root.setSharedPluginData(NS, 'snapshot/0', '');
    expect(figma.root.getSharedPluginDataKeys(NS)).toEqual(['snapshot']);
    expect(figma.root.getSharedPluginData(NS, 'missing')).toBe('');
    expect(figma.root.getSharedPluginData('other_plugin', 'theirs')).toBe('kept');
    figma.root.setPluginData('private', 'x');
    expect(figma.root.getPluginData('private')).toBe('x');
    expect(figma.root.getPluginDataKeys()).toEqual(['private']);
  });

  it('enforces the namespace rule and string arguments', () => {
    const { figma } = open(tinyFile());
    expect(() => figma.root.setSharedPluginData('ab', 'k', 'v')).toThrow(
      /in setSharedPluginData: Invalid namespace "ab"/,
    );
    expect(() => figma.root.setSharedPluginData('design-sync', 'k', 'v')).toThrow(/Invalid namespace/);
    expect(() => figma.root.getSharedPluginData('a b', 'k')).toThrow(/in getSharedPluginData: Invalid namespace/);
    expect(() => figma.root.setSharedPluginData('com.acme_x1', 'k', 'v')).not.toThrow();
    expect(() => figma.root.setSharedPluginData(NS, 'k', 42 as unknown as string)).toThrow(
      'in setSharedPluginData: Expected "value" to have type string but got 42 (type: number) instead',
    );
  });

  it('limits an entry to 100 × 1024 bytes of UTF-8 across namespace, key and value', () => {
    const { figma } = open(tinyFile());
    const key = 'snapshot/0';
    const room = PLUGIN_DATA_ENTRY_LIMIT_BYTES - NS.length - key.length;
    expect(PLUGIN_DATA_ENTRY_LIMIT_BYTES).toBe(102_400);
    figma.root.setSharedPluginData(NS, key, 'a'.repeat(room));
    expect(figma.root.getSharedPluginData(NS, key)).toHaveLength(room);
    expect(() => figma.root.setSharedPluginData(NS, key, 'a'.repeat(room + 1))).toThrow(
      new Error('in setSharedPluginData: This pluginData entry exceeds 100 kB per entry limit.'),
    );
    // "é" is 2 bytes in UTF-8: half as many fit.
    expect(() => figma.root.setSharedPluginData(NS, key, 'é'.repeat(Math.floor(room / 2) + 1))).toThrow(
      /exceeds 100 kB/,
    );
    // Private plugin data counts the plugin id instead of a namespace.
    const privateRoom = PLUGIN_DATA_ENTRY_LIMIT_BYTES - 'design-sync-local'.length - key.length;
    expect(() => figma.root.setPluginData(key, 'a'.repeat(privateRoom))).not.toThrow();
    expect(() => figma.root.setPluginData(key, 'a'.repeat(privateRoom + 1))).toThrow(
      'in setPluginData: This pluginData entry exceeds 100 kB per entry limit.',
    );
    // The failed writes left the earlier value alone.
    expect(figma.root.getSharedPluginData(NS, key)).toHaveLength(room);
  });

  it('keeps plugin data on nodes, variables and styles apart', async () => {
    const { figma } = await loaded();
    const [variable] = await figma.variables.getLocalVariablesAsync();
    const frame = figma.root.findOne((n) => n.type === 'FRAME');
    variable?.setSharedPluginData(NS, 'k', 'variable');
    frame?.setSharedPluginData(NS, 'k', 'frame');
    expect(variable?.getSharedPluginData(NS, 'k')).toBe('variable');
    expect(frame?.getSharedPluginData(NS, 'k')).toBe('frame');
    expect(figma.root.getSharedPluginData(NS, 'k')).toBe('');
  });
});

describe('the host: UI, notifications, client storage, closing', () => {
  it('delivers messages both ways, copied as Figma copies them', async () => {
    const { fake, figma } = open();
    expect(() => figma.ui.postMessage({ early: true })).toThrow(/in postMessage/);
    figma.showUI('<html></html>', { width: 420, height: 560, themeColors: true });
    expect(fake.ui).toMatchObject({ html: '<html></html>', width: 420, height: 560 });
    const received: unknown[] = [];
    figma.ui.onmessage = (message: unknown) => {
      received.push(message);
      figma.ui.postMessage({ kind: 'response', echo: message, at: new Date(0), bytes: new Uint8Array([1, 2]) });
    };
    const viaOn: unknown[] = [];
    figma.ui.on('message', (message: unknown) => {
      viaOn.push(message);
    });
    const sent = { kind: 'request', id: 1 };
    await fake.sendToMain(sent);
    expect(received).toEqual([sent]);
    expect(received[0]).not.toBe(sent);
    expect(viaOn).toEqual([sent]);
    expect(fake.messagesToUi).toEqual([
      { kind: 'response', echo: sent, at: new Date(0), bytes: new Uint8Array([1, 2]) },
    ]);
    expect(() => figma.ui.postMessage({ fn: () => 1 })).toThrow(/cannot carry function \(at value.fn\)/);
    expect(() => figma.ui.postMessage(new Map())).toThrow(/cannot carry an instance of Map/);
    figma.ui.resize(300, 200);
    expect(fake.ui).toMatchObject({ width: 300, height: 200 });
    expect(figma.ui.onmessage).toBeTypeOf('function');
  });

  it('refuses messages with no UI or no handler, and runs once handlers once', async () => {
    const { fake, figma } = open();
    await expect(fake.sendToMain({})).rejects.toThrow(/before figma.showUI/);
    figma.showUI('<html></html>');
    await expect(fake.sendToMain({})).rejects.toThrow(/no handler/);
    let count = 0;
    figma.ui.once('message', () => {
      count++;
    });
    figma.ui.on('message', () => {});
    await fake.sendToMain({});
    await fake.sendToMain({});
    expect(count).toBe(1);
  });

  it('stores client data like Figma: copies, Uint8Array kept, Date refused, keys listed', async () => {
    const { fake, figma } = open();
    const settings = { serverUrl: 'http://localhost:3000', token: 't', nested: { list: [1, 2] } };
    await figma.clientStorage.setAsync('settings', settings);
    await figma.clientStorage.setAsync('bytes', new Uint8Array([7]));
    const back = await figma.clientStorage.getAsync('settings');
    expect(back).toEqual(settings);
    expect(back).not.toBe(settings);
    expect(await figma.clientStorage.getAsync('bytes')).toEqual(new Uint8Array([7]));
    expect(await figma.clientStorage.getAsync('missing')).toBeUndefined();
    expect(await figma.clientStorage.keysAsync()).toEqual(['settings', 'bytes']);
    await figma.clientStorage.deleteAsync('bytes');
    expect([...fake.clientStorage.keys()]).toEqual(['settings']);
    await expect(figma.clientStorage.setAsync('when', new Date())).rejects.toThrow(/cannot carry Date/);
    await expect(figma.clientStorage.setAsync('big', 'x'.repeat(5 * 1024 * 1024))).rejects.toThrow(/quota of 5 MB/);
  });

  it('records notifications, encodes base64, and closes for good', async () => {
    const { fake, figma } = open();
    const handler = figma.notify('Synced', { timeout: 2000 });
    figma.notify('Failed', { error: true });
    handler.cancel();
    expect(fake.notifications).toEqual(['Synced', 'Failed']);
    expect(fake.notices).toEqual([
      { message: 'Synced', error: false, timeout: 2000 },
      { message: 'Failed', error: true },
    ]);
    const bytes = new TextEncoder().encode('design-sync ✓');
    const text = figma.base64Encode(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(figma.base64Decode(text)).toEqual(bytes);
    expect(() => figma.base64Decode('not base64!')).toThrow(/in base64Decode/);

    expect(fake.closed).toBe(false);
    figma.closePlugin('Bye');
    expect(fake.closed).toBe(true);
    expect(fake.notifications).toContain('Bye');
    expect(() => figma.root).toThrow(/used after figma.closePlugin/);
    await expect(fake.sendToMain({})).rejects.toThrow(/closed/);
  });

  it('installs itself as the figma global and restores what was there', () => {
    const { fake } = open();
    const g = globalThis as { figma?: unknown; __html__?: unknown };
    const restore = fake.install('<p>ui</p>');
    expect(g.figma).toBe(fake.api);
    expect(g.__html__).toBe('<p>ui</p>');
    restore();
    expect('figma' in g).toBe(false);
    expect('__html__' in g).toBe(false);
  });
});

describe('type level: the fake fits the real typings and core inputs', () => {
  it('has views that are subsets of the Plugin API types and fit core', () => {
    expectTypeOf<FakeVariableView>().toExtend<PluginVariableInput>();
    expectTypeOf<FakeCollectionView>().toExtend<PluginCollectionInput>();
    expectTypeOf<FakePaintStyleView>().toExtend<PluginPaintStyleInput>();
    expectTypeOf<FakeTextStyleView>().toExtend<PluginTextStyleInput>();
    expectTypeOf<FakeEffectStyleView>().toExtend<PluginEffectStyleInput>();
    expectTypeOf<FakeGridStyleView>().toExtend<PluginGridStyleInput>();
    expectTypeOf<FakeComponentSetView>().toExtend<PluginComponentSetLike>();
    expectTypeOf<FakeComponentView>().toExtend<PluginComponentLike>();
    expectTypeOf<FakeInstanceView>().toExtend<PluginNodeLike>();
    expectTypeOf<FakeTextView>().toExtend<PluginNodeLike>();
    expectTypeOf<Variable>().toExtend<FakeVariableView>();
    expectTypeOf<ComponentSetNode>().toExtend<FakeComponentSetView>();
  });

  it('returns what core takes, as typed by the Plugin API', async () => {
    const { figma } = await loaded();
    const variables: readonly PluginVariableInput[] = await figma.variables.getLocalVariablesAsync();
    const collections: readonly PluginCollectionInput[] = await figma.variables.getLocalVariableCollectionsAsync();
    const node = componentSets(figma)[0];
    const set: PluginComponentSetLike = node as ComponentSetNode;
    const lone: PluginComponentLike = figma.root.findOne((n) => n.name === 'Avatar') as ComponentNode;
    expect([variables.length > 0, collections.length > 0, set.type, lone.type]).toEqual([
      true,
      true,
      'COMPONENT_SET',
      'COMPONENT',
    ]);
  });
});

describe('core accepts what the fake returns for the realistic fixture', () => {
  async function pluginInput(figma: PluginAPI): Promise<PluginApiInput> {
    return {
      variables: await figma.variables.getLocalVariablesAsync(),
      collections: await figma.variables.getLocalVariableCollectionsAsync(),
      paintStyles: await figma.getLocalPaintStylesAsync(),
      textStyles: await figma.getLocalTextStylesAsync(),
      effectStyles: await figma.getLocalEffectStylesAsync(),
      gridStyles: await figma.getLocalGridStylesAsync(),
    };
  }

  it('normalizeFromPluginApi: tokens for every local variable it models, a warning for the future type', async () => {
    const { figma } = open();
    const input = await pluginInput(figma);
    const { tokens, warnings } = normalizeFromPluginApi(input);
    expect(tokens.collections.map((c) => c.name)).toEqual([
      'Primitives',
      'Semantic',
      'Spacing',
      'Brand',
      'Components',
      'Styles',
    ]);
    expect(tokens.tokens.filter((t) => t.source?.kind === 'variable')).toHaveLength((input.variables?.length ?? 0) - 1);
    expect(warnings.some((w) => w.includes('GRADIENT_FUTURE'))).toBe(true);
    // The alias into the library stays an alias to an id core does not hold (dangling).
    const accent = tokens.tokens.find((t) => t.name === 'color/brand/accent');
    expect(Object.values(accent?.valuesByMode ?? {})).toContainEqual({ alias: REMOTE_VARIABLE_ID });
  });

  it('specFromPluginNode: every set and lone component, with warnings for what Figma refuses or core does not know', async () => {
    const { figma } = await loaded();
    const nodes = figma.root
      .findAllWithCriteria({ types: ['COMPONENT_SET', 'COMPONENT'] })
      .filter((n) => n.type === 'COMPONENT_SET' || n.parent?.type !== 'COMPONENT_SET') as Array<
      ComponentSetNode | ComponentNode
    >;
    const warnings: string[] = [];
    const specs = nodes.map((n) => specFromPluginNode(n, { warn: (m) => warnings.push(m) }));
    expect(specs.map((s) => s.name)).toEqual(['Icon/Star', 'Icon/Close', 'Button', 'Avatar', 'Input', 'Card', 'Tag']);
    const button = byName(specs, 'Button');
    expect(button.props.map((p) => p.kind)).toEqual(['variant', 'variant', 'text', 'boolean', 'instanceSwap', 'slot']);
    expect(button.variants).toHaveLength(4);
    expect(JSON.stringify(button.variants)).toContain('VariableID:5:');
    expect(warnings.some((w) => w.includes('FUTURE_PROP'))).toBe(true);
    expect(warnings.filter((w) => w.includes('variantProperties unreadable'))).toHaveLength(3);
  });
});

describe('seeds', () => {
  it('refuses data Figma never produces', () => {
    const bad = tinyFile();
    const variable = bad.variables[0];
    if (variable) variable.valuesByMode = { '1:0': { r: 255, g: 0, b: 0, a: 1 } };
    bad.pages[0]?.children.push({
      type: 'COMPONENT_SET',
      id: '1:1',
      name: 'Dup',
      componentPropertyDefinitions: {
        'Show#': { type: 'BOOLEAN', defaultValue: 'yes' },
        Label: { type: 'TEXT', defaultValue: '' },
      },
      children: [{ type: 'COMPONENT', id: '1:2', name: 'Size=S', componentPropertyDefinitions: {} }],
    });
    const message = (() => {
      try {
        validateSeed(bad);
        return '';
      } catch (e) {
        return String(e);
      }
    })();
    expect(message).toMatch(/one value per mode/);
    expect(message).toMatch(/channel 0–1/);
    expect(message).toMatch(/duplicate id "1:1"/);
    expect(message).toMatch(/TEXT keys end with Figma's "#id" suffix/);
    expect(message).toMatch(/a BOOLEAN default is a boolean/);
    expect(message).toMatch(/a variant has no componentPropertyDefinitions/);
    expect(message).toMatch(/VARIANT definitions \(\) differ from the variants' properties \(Size\)/);
    expect(() => createFakeFigma(bad)).toThrow(/fake figma seed/);
  });

  it('largeDesignSystem: deterministic, sized as asked, and valid', () => {
    const small = { variables: 400, modes: 3, styles: 40, componentSets: 35 };
    expect(JSON.stringify(largeDesignSystem(small))).toBe(JSON.stringify(largeDesignSystem(small)));
    const file = largeDesignSystem();
    expect(file.variables).toHaveLength(5000);
    expect(file.collections.map((c) => c.modes.length)).toEqual([1, 4, 4, 1]);
    const styles = [file.paintStyles, file.textStyles, file.effectStyles, file.gridStyles].reduce(
      (n, s) => n + (s?.length ?? 0),
      0,
    );
    expect(styles).toBe(300);
    expect(file.pages.flatMap((p) => p.children).filter((n) => n.type === 'COMPONENT_SET')).toHaveLength(300);
    expect(() => validateSeed(file)).not.toThrow();
    expect(() =>
      validateSeed(largeDesignSystem({ variables: 3, modes: 2, styles: 1, componentSets: 1 })),
    ).not.toThrow();
  });

  it('largeDesignSystem: what the fake serves normalizes and specs without throwing', async () => {
    const { figma } = await loaded(largeDesignSystem({ variables: 600, modes: 2, styles: 30, componentSets: 12 }));
    const { tokens } = normalizeFromPluginApi({
      variables: await figma.variables.getLocalVariablesAsync(),
      collections: await figma.variables.getLocalVariableCollectionsAsync(),
      paintStyles: await figma.getLocalPaintStylesAsync(),
      textStyles: await figma.getLocalTextStylesAsync(),
    });
    expect(tokens.tokens.length).toBeGreaterThan(600);
    const sets = componentSets(figma) as ComponentSetNode[];
    expect(sets.map((s) => specFromPluginNode(s).props.length)).toEqual(Array(12).fill(6));
  });
});
