/**
 * A small but complete design system file, shaped like real ones:
 *
 * - collections Primitives (1 mode), Semantic (Light / Dark / High contrast), Spacing
 *   (Compact / Comfortable / Spacious), Brand (Acme / Globex), Components (1 mode), and a
 *   library collection reachable by id only; ~75 local variables with alias chains across
 *   collections (component → semantic → primitive), one alias into the library, scopes,
 *   descriptions and code syntax, and one variable of a type Figma does not have yet;
 * - paint, text, effect and grid styles, several bound to variables, one from the library;
 * - pages: Cover (no components), Components (Button set, Avatar and two icons as lone
 *   components), Forms (Input set inside a frame), Patterns (Card set with a property of a
 *   future type, and a Tag set whose variants conflict, so Figma refuses its variantProperties).
 */
import { fakeKey } from './keys.js';
import {
  alias,
  rgba,
  solid,
  type FakeComponentSeed,
  type FakeFile,
  type FakeSceneSeed,
  type FakeVariableSeed,
  type NodeBoundVariables,
} from './seed.js';

const LIB = '8f2cb4e1a9d30c77e5b1';
export const REMOTE_COLLECTION_ID = `VariableCollectionId:${LIB}/12:0`;
export const REMOTE_VARIABLE_ID = `VariableID:${LIB}/12:7`;
export const REMOTE_PAINT_STYLE_ID = `S:${fakeKey('library accent')},12:9`;

const C = {
  prim: 'VariableCollectionId:1:0',
  sem: 'VariableCollectionId:2:0',
  space: 'VariableCollectionId:3:0',
  brand: 'VariableCollectionId:4:0',
  comp: 'VariableCollectionId:5:0',
};
const M = {
  prim: ['1:0'],
  sem: ['2:0', '2:1', '2:2'],
  space: ['3:0', '3:1', '3:2'],
  brand: ['4:0', '4:1'],
  comp: ['5:0'],
};
type Col = keyof typeof C;

/** id of the variable called `name` (fixtures refer to variables by name) */
const ids = new Map<string, string>();
const id = (name: string): string => {
  const found = ids.get(name);
  if (!found) throw new Error(`realistic fixture: no variable "${name}"`);
  return found;
};
const ref = (name: string) => alias(id(name));

type Value = VariableValue | string | { future: unknown };
function variables(
  col: Col,
  type: FakeVariableSeed['resolvedType'],
  scopes: VariableScope[],
  rows: Array<[string, ...Value[]]>,
  extra: Partial<FakeVariableSeed> = {},
): FakeVariableSeed[] {
  const prefix = C[col].replace('VariableCollectionId:', 'VariableID:').replace(/:0$/, ':');
  const start = ids.size;
  return rows.map(([name, ...values], i) => {
    const variableId = `${prefix}${start + i + 1}`;
    ids.set(name, variableId);
    const modes = M[col];
    const valuesByMode: FakeVariableSeed['valuesByMode'] = {};
    modes.forEach((mode, m) => {
      const v = values[Math.min(m, values.length - 1)];
      valuesByMode[mode] = (
        typeof v === 'string' && v.startsWith('→')
          ? ref(v.slice(1))
          : typeof v === 'string' && type === 'COLOR'
            ? rgba(v)
            : v
      ) as VariableValue;
    });
    return { id: variableId, name, variableCollectionId: C[col], resolvedType: type, scopes, valuesByMode, ...extra };
  });
}

function allVariables(): FakeVariableSeed[] {
  ids.clear();
  const list: FakeVariableSeed[] = [];
  const add = (vs: FakeVariableSeed[]) => {
    list.push(...vs);
  };
  add(
    variables(
      'prim',
      'COLOR',
      [],
      [
        ['color/blue/100', '#dbeafe'],
        ['color/blue/300', '#93c5fd'],
        ['color/blue/500', '#3b82f6'],
        ['color/blue/700', '#1d4ed8'],
        ['color/blue/900', '#1e3a8a'],
        ['color/gray/0', '#ffffff'],
        ['color/gray/50', '#f9fafb'],
        ['color/gray/100', '#f3f4f6'],
        ['color/gray/300', '#d1d5db'],
        ['color/gray/500', '#6b7280'],
        ['color/gray/700', '#374151'],
        ['color/gray/900', '#111827'],
        ['color/red/500', '#ef4444'],
        ['color/green/500', '#22c55e'],
        ['color/amber/500', '#f59e0b'],
        ['color/black/alpha-50', '#00000080'],
      ],
      { hiddenFromPublishing: true },
    ),
  );
  const blue = list.find((v) => v.name === 'color/blue/500');
  if (blue)
    Object.assign(blue, {
      description: 'Brand blue. Use through semantic tokens.',
      codeSyntax: { WEB: 'var(--color-blue-500)', ANDROID: 'colorBlue500', iOS: 'Color.blue500' },
    });
  add(
    variables(
      'prim',
      'FLOAT',
      ['CORNER_RADIUS'],
      [
        ['radius/none', 0],
        ['radius/sm', 4],
        ['radius/md', 8],
        ['radius/lg', 12],
        ['radius/full', 9999],
      ],
    ),
  );
  add(
    variables(
      'prim',
      'STRING',
      ['FONT_FAMILY'],
      [
        ['font/family/sans', 'Inter'],
        ['font/family/mono', 'JetBrains Mono'],
      ],
    ),
  );
  add(
    variables(
      'prim',
      'FLOAT',
      ['FONT_WEIGHT'],
      [
        ['font/weight/regular', 400],
        ['font/weight/medium', 500],
        ['font/weight/bold', 700],
      ],
    ),
  );
  add(
    variables(
      'prim',
      'FLOAT',
      ['FONT_SIZE'],
      [
        ['font/size/100', 12],
        ['font/size/200', 14],
        ['font/size/300', 16],
        ['font/size/400', 20],
        ['font/size/500', 28],
      ],
    ),
  );
  add(variables('prim', 'FLOAT', ['LINE_HEIGHT'], [['line-height/body', 24]]));
  add(
    variables('prim', 'FLOAT', ['OPACITY'], [['opacity/disabled', 0.4]], {
      description: 'Opacity of disabled controls',
    }),
  );
  add(variables('prim', 'BOOLEAN', [], [['flag/beta', true]]));
  // A kind Figma may add later: the plugin must skip it with a warning.
  add(variables('prim', 'GRADIENT_FUTURE', [], [['fx/gradient-hero', { future: { kind: 'linear', angle: 90 } }]]));

  add(
    variables(
      'sem',
      'COLOR',
      ['FRAME_FILL', 'SHAPE_FILL'],
      [
        ['color/bg/default', '→color/gray/0', '→color/gray/900', '→color/gray/0'],
        ['color/bg/subtle', '→color/gray/50', '→color/gray/700', '→color/gray/0'],
        ['color/bg/inverse', '→color/gray/900', '→color/gray/0', '→color/gray/900'],
      ],
      { codeSyntax: { WEB: 'var(--bg)' } },
    ),
  );
  add(
    variables(
      'sem',
      'COLOR',
      ['TEXT_FILL'],
      [
        ['color/text/default', '→color/gray/900', '→color/gray/50', '→color/gray/900'],
        ['color/text/muted', '→color/gray/500', '→color/gray/300', '→color/gray/700'],
        ['color/text/inverse', '→color/gray/0', '→color/gray/900', '→color/gray/0'],
        ['color/text/danger', '→color/red/500', '→color/red/500', '#b91c1c'],
      ],
    ),
  );
  add(
    variables(
      'sem',
      'COLOR',
      ['STROKE_COLOR', 'EFFECT_COLOR'],
      [
        ['color/border/default', '→color/gray/300', '→color/gray/700', '→color/gray/900'],
        ['color/border/focus', '→color/blue/500', '→color/blue/300', '→color/blue/900'],
      ],
    ),
  );
  add(
    variables(
      'sem',
      'COLOR',
      ['ALL_FILLS'],
      [
        ['color/action/primary', '→color/blue/500', '→color/blue/300', '→color/blue/700'],
        ['color/action/primary-hover', '→color/blue/700', '→color/blue/100', '→color/blue/900'],
        ['color/action/danger', '→color/red/500'],
        ['color/status/success', '→color/green/500'],
        ['color/status/warning', '→color/amber/500'],
        ['color/overlay/scrim', '→color/black/alpha-50'],
      ],
    ),
  );
  ids.set('library/brand/accent', REMOTE_VARIABLE_ID);
  add(
    variables('sem', 'COLOR', ['ALL_SCOPES'], [['color/brand/accent', '→library/brand/accent']], {
      description: 'Accent from the Core Library',
    }),
  );

  add(
    variables(
      'space',
      'FLOAT',
      ['GAP', 'WIDTH_HEIGHT'],
      [
        ['space/xs', 2, 4, 6],
        ['space/sm', 4, 8, 12],
        ['space/md', 8, 12, 16],
        ['space/lg', 12, 16, 24],
        ['space/xl', 16, 24, 32],
      ],
      { codeSyntax: { WEB: 'var(--space)', ANDROID: 'space', iOS: 'Space' } },
    ),
  );
  add(variables('space', 'FLOAT', ['WIDTH_HEIGHT'], [['size/control-height', 28, 36, 44]]));
  add(variables('space', 'FLOAT', ['CORNER_RADIUS'], [['radius/control', '→radius/sm', '→radius/md', '→radius/md']]));

  add(variables('brand', 'COLOR', ['ALL_FILLS'], [['brand/primary', '→color/blue/500', '#7c3aed']]));
  add(variables('brand', 'STRING', ['FONT_FAMILY'], [['brand/font/heading', '→font/family/sans', 'Georgia']]));
  add(variables('brand', 'STRING', ['TEXT_CONTENT'], [['brand/name', 'Acme', 'Globex']]));
  add(variables('brand', 'BOOLEAN', [], [['brand/show-logo', true, false]]));

  add(
    variables(
      'comp',
      'COLOR',
      ['FRAME_FILL', 'SHAPE_FILL'],
      [
        ['button/bg/primary', '→color/action/primary'],
        ['button/bg/primary-hover', '→color/action/primary-hover'],
        ['input/bg', '→color/bg/default'],
        ['card/bg', '→color/bg/subtle'],
      ],
    ),
  );
  add(variables('comp', 'COLOR', ['TEXT_FILL'], [['button/text/primary', '→color/text/inverse']]));
  add(
    variables(
      'comp',
      'COLOR',
      ['STROKE_COLOR'],
      [
        ['button/border', '→color/border/focus'],
        ['input/border', '→color/border/default'],
      ],
    ),
  );
  add(
    variables(
      'comp',
      'FLOAT',
      ['GAP'],
      [
        ['button/padding-x', '→space/md'],
        ['button/padding-y', '→space/sm'],
        ['button/gap', '→space/xs'],
        ['card/padding', '→space/lg'],
      ],
    ),
  );
  add(
    variables(
      'comp',
      'FLOAT',
      ['CORNER_RADIUS'],
      [
        ['button/radius', '→radius/control'],
        ['card/radius', '→radius/lg'],
      ],
    ),
  );
  add(
    variables('comp', 'FLOAT', ['FONT_SIZE'], [['text/body/size', '→font/size/300']], {
      description: 'Body copy size',
    }),
  );
  return list;
}

const styleId = (n: number) => `S:${fakeKey(`style ${n}`)},20:${n}`;
export const STYLE = {
  surface: styleId(1),
  surfaceInverse: styleId(2),
  text: styleId(3),
  action: styleId(4),
  hero: styleId(5),
  scrim: styleId(6),
  h1: styleId(10),
  body: styleId(11),
  small: styleId(12),
  label: styleId(13),
  code: styleId(14),
  cardShadow: styleId(20),
  focusRing: styleId(21),
  backdrop: styleId(22),
  columns: styleId(30),
  baseline: styleId(31),
};

/** Paints shared by a style and the nodes it paints. */
const PAINTS = {
  surface: (): Paint[] => [solid('#ffffff', id('color/bg/default'))],
  libraryAccent: (): Paint[] => [solid('#e11d48')],
  hero: (): Paint[] => [
    {
      type: 'GRADIENT_LINEAR',
      gradientTransform: [
        [1, 0, 0],
        [0, 1, 0],
      ],
      visible: true,
      opacity: 1,
      blendMode: 'NORMAL',
      gradientStops: [
        { position: 0, color: rgba('#3b82f6') },
        { position: 1, color: rgba('#7c3aed') },
      ],
    },
  ],
};

const radii = (name: string): NodeBoundVariables => ({
  topLeftRadius: ref(name),
  topRightRadius: ref(name),
  bottomLeftRadius: ref(name),
  bottomRightRadius: ref(name),
});
const padding = (x: string, y: string): NodeBoundVariables => ({
  paddingLeft: ref(x),
  paddingRight: ref(x),
  paddingTop: ref(y),
  paddingBottom: ref(y),
});

const ICON_STAR = '10:1';
const ICON_CLOSE = '10:3';
const iconPreferred: InstanceSwapPreferredValue[] = [
  { type: 'COMPONENT', key: fakeKey(ICON_STAR) },
  { type: 'COMPONENT', key: fakeKey(ICON_CLOSE) },
];

function icon(idNum: string, name: string): FakeComponentSeed {
  const [a, b] = idNum.split(':');
  return {
    type: 'COMPONENT',
    id: idNum,
    name,
    description: `${name.split('/')[1]} icon`,
    children: [
      {
        type: 'VECTOR',
        id: `${a}:${Number(b) + 1}`,
        name: 'Glyph',
        fills: [solid('#111827', id('color/text/default'))],
      },
    ],
  };
}

function button(n: number, variant: 'Primary' | 'Secondary', size: 'Small' | 'Medium'): FakeComponentSeed {
  const vid = `11:${10 + n * 10}`;
  const primary = variant === 'Primary';
  return {
    type: 'COMPONENT',
    id: vid,
    name: `Variant=${variant}, Size=${size}`,
    fills: [primary ? solid('#3b82f6', id('button/bg/primary')) : solid('#ffffff', id('color/bg/default'))],
    strokes: primary ? [] : [solid('#3b82f6', id('button/border'))],
    boundVariables: {
      ...padding('button/padding-x', size === 'Small' ? 'space/xs' : 'button/padding-y'),
      itemSpacing: ref('button/gap'),
      height: ref('size/control-height'),
      ...radii('button/radius'),
    },
    children: [
      {
        type: 'INSTANCE',
        id: `I${vid};${ICON_STAR}`,
        name: 'Icon',
        mainComponentId: ICON_STAR,
        componentPropertyReferences: { visible: 'Show icon#11:2', mainComponent: 'Icon#11:3' },
        children: [
          { type: 'VECTOR', id: `I${vid};10:2`, name: 'Glyph', fills: [solid('#ffffff', id('button/text/primary'))] },
        ],
      },
      {
        // Typography through variables, not a text style.
        type: 'TEXT',
        id: `11:${11 + n * 10}`,
        name: 'Label',
        characters: 'Button',
        fills: [primary ? solid('#ffffff', id('button/text/primary')) : solid('#3b82f6', id('color/action/primary'))],
        boundVariables: {
          fontSize: [ref('text/body/size')],
          fontWeight: [ref('font/weight/medium')],
          fontFamily: [ref('font/family/sans')],
        },
        componentPropertyReferences: { characters: 'Label#11:1' },
      },
      { type: 'SLOT', id: `11:${12 + n * 10}`, name: 'Content', boundVariables: { itemSpacing: ref('button/gap') } },
    ],
  };
}

function input(n: number, state: 'Default' | 'Focus' | 'Error' | 'Disabled'): FakeComponentSeed {
  const vid = `21:${10 + n * 10}`;
  const border = {
    Default: 'input/border',
    Focus: 'color/border/focus',
    Error: 'color/text/danger',
    Disabled: 'input/border',
  }[state];
  return {
    type: 'COMPONENT',
    id: vid,
    name: `State=${state}`,
    fills: [solid('#ffffff', id('input/bg'))],
    strokes: [solid('#d1d5db', id(border))],
    ...(state === 'Focus' ? { effectStyleId: STYLE.focusRing } : {}),
    boundVariables: {
      ...padding('space/md', 'space/sm'),
      ...radii('radius/control'),
      itemSpacing: ref('space/sm'),
      ...(state === 'Disabled' ? { opacity: ref('opacity/disabled') } : {}),
    },
    children: [
      {
        type: 'INSTANCE',
        id: `I${vid};${ICON_CLOSE}`,
        name: 'Leading icon',
        mainComponentId: ICON_CLOSE,
        componentPropertyReferences: { mainComponent: 'Leading icon#21:3' },
      },
      {
        type: 'TEXT',
        id: `21:${11 + n * 10}`,
        name: 'Placeholder',
        characters: 'Email',
        textStyleId: STYLE.body,
        fills: [solid('#6b7280', id('color/text/muted'))],
        componentPropertyReferences: { characters: 'Placeholder#21:1' },
      },
      { type: 'SLOT', id: `21:${12 + n * 10}`, name: 'Trailing' },
      {
        type: 'FRAME',
        id: `21:${13 + n * 10}`,
        name: 'Helper',
        componentPropertyReferences: { visible: 'Show helper#21:2' },
        children: [
          {
            type: 'TEXT',
            id: `21:${14 + n * 10}`,
            name: 'Helper text',
            characters: 'We never share it',
            textStyleId: STYLE.small,
            fills: [solid('#6b7280', id('color/text/muted'))],
          },
        ],
      },
    ],
  };
}

function card(n: number, elevation: 'Flat' | 'Raised'): FakeComponentSeed {
  const vid = `30:${10 + n * 10}`;
  return {
    type: 'COMPONENT',
    id: vid,
    name: `Elevation=${elevation}`,
    // A node with a fill style shows the style's paints.
    ...(elevation === 'Flat'
      ? { fillStyleId: STYLE.surface, fills: PAINTS.surface() }
      : { fills: [solid('#f9fafb', id('card/bg'))], effectStyleId: STYLE.cardShadow, gridStyleId: STYLE.columns }),
    boundVariables: {
      ...padding('card/padding', 'card/padding'),
      ...radii('card/radius'),
      itemSpacing: ref('space/md'),
    },
    children: [
      // Bound straight to a library variable, and painted with a library style.
      { type: 'RECTANGLE', id: `30:${11 + n * 10}`, name: 'Accent bar', fills: [solid('#e11d48', REMOTE_VARIABLE_ID)] },
      {
        type: 'RECTANGLE',
        id: `30:${15 + n * 10}`,
        name: 'Library swatch',
        fillStyleId: REMOTE_PAINT_STYLE_ID,
        fills: PAINTS.libraryAccent(),
      },
      {
        type: 'TEXT',
        id: `30:${12 + n * 10}`,
        name: 'Title',
        characters: 'Card title',
        textStyleId: STYLE.h1,
        fills: [solid('#111827', id('color/text/default'))],
        componentPropertyReferences: { characters: 'Title#30:1' },
      },
      { type: 'SLOT', id: `30:${13 + n * 10}`, name: 'Media' },
      {
        type: 'FRAME',
        id: `30:${14 + n * 10}`,
        name: 'Footer',
        componentPropertyReferences: { visible: 'Show footer#30:3' },
        boundVariables: { itemSpacing: ref('space/sm') },
        children: [{ type: 'INSTANCE', id: `I30:${14 + n * 10};11:10`, name: 'Button', mainComponentId: '11:10' }],
      },
    ],
  };
}

function pages(): FakeFile['pages'] {
  const cover: FakeSceneSeed = {
    type: 'FRAME',
    id: '1:1',
    name: 'Cover',
    fills: [solid('#ffffff', id('color/bg/default'))],
    gridStyleId: STYLE.baseline,
    children: [
      {
        type: 'TEXT',
        id: '1:2',
        name: 'Title',
        characters: 'Acme Design System',
        textStyleId: STYLE.h1,
        fills: [solid('#111827', id('color/text/default'))],
      },
      { type: 'RECTANGLE', id: '1:3', name: 'Hero', fillStyleId: STYLE.hero, fills: PAINTS.hero() },
    ],
  };
  const avatar: FakeComponentSeed = {
    type: 'COMPONENT',
    id: '12:0',
    name: 'Avatar',
    description: 'User avatar with initials',
    componentPropertyDefinitions: {
      'Initials#12:1': { type: 'TEXT', defaultValue: 'AB' },
      'Show status#12:2': { type: 'BOOLEAN', defaultValue: false },
    },
    fills: [solid('#3b82f6', id('brand/primary'))],
    boundVariables: { ...radii('radius/full'), width: ref('size/control-height'), height: ref('size/control-height') },
    children: [
      // Mixed styling on one text layer reads as figma.mixed.
      {
        type: 'TEXT',
        id: '12:3',
        name: 'Initials',
        characters: 'AB',
        fills: 'MIXED',
        textStyleId: 'MIXED',
        componentPropertyReferences: { characters: 'Initials#12:1' },
      },
      {
        type: 'ELLIPSE',
        id: '12:4',
        name: 'Status',
        fills: [solid('#22c55e', id('color/status/success'))],
        componentPropertyReferences: { visible: 'Show status#12:2' },
      },
    ],
  };
  return [
    { id: '0:1', name: 'Cover', children: [cover] },
    {
      id: '0:2',
      name: 'Components',
      children: [
        icon(ICON_STAR, 'Icon/Star'),
        icon(ICON_CLOSE, 'Icon/Close'),
        {
          type: 'COMPONENT_SET',
          id: '11:0',
          name: 'Button',
          description: 'Triggers an action.',
          componentPropertyDefinitions: {
            Variant: { type: 'VARIANT', defaultValue: 'Primary', variantOptions: ['Primary', 'Secondary'] },
            Size: { type: 'VARIANT', defaultValue: 'Medium', variantOptions: ['Small', 'Medium'] },
            'Label#11:1': { type: 'TEXT', defaultValue: 'Button' },
            'Show icon#11:2': { type: 'BOOLEAN', defaultValue: true },
            'Icon#11:3': { type: 'INSTANCE_SWAP', defaultValue: ICON_STAR, preferredValues: iconPreferred },
            'Content#11:4': { type: 'SLOT', defaultValue: '' },
          },
          children: [
            button(0, 'Primary', 'Small'),
            button(1, 'Primary', 'Medium'),
            button(2, 'Secondary', 'Small'),
            button(3, 'Secondary', 'Medium'),
          ],
        },
        avatar,
      ],
    },
    {
      id: '0:3',
      name: 'Forms',
      children: [
        {
          type: 'FRAME',
          id: '20:0',
          name: 'Forms section',
          boundVariables: { itemSpacing: ref('space/lg') },
          children: [
            {
              type: 'COMPONENT_SET',
              id: '21:0',
              name: 'Input',
              description: 'Single-line text field.',
              componentPropertyDefinitions: {
                State: { type: 'VARIANT', defaultValue: 'Default' },
                'Placeholder#21:1': { type: 'TEXT', defaultValue: 'Email' },
                'Show helper#21:2': { type: 'BOOLEAN', defaultValue: false },
                'Leading icon#21:3': {
                  type: 'INSTANCE_SWAP',
                  defaultValue: ICON_CLOSE,
                  preferredValues: iconPreferred,
                },
                'Trailing#21:4': { type: 'SLOT', defaultValue: '' },
              },
              children: [input(0, 'Default'), input(1, 'Focus'), input(2, 'Error'), input(3, 'Disabled')],
            },
            {
              type: 'FRAME',
              id: '20:1',
              name: 'Form example',
              children: [
                {
                  type: 'INSTANCE',
                  id: '20:2',
                  name: 'Input',
                  mainComponentId: '21:20',
                  componentProperties: { 'Placeholder#21:1': { type: 'TEXT', value: 'Your email' } },
                },
              ],
            },
          ],
        },
      ],
    },
    {
      id: '0:4',
      name: 'Patterns',
      children: [
        {
          type: 'COMPONENT_SET',
          id: '30:0',
          name: 'Card',
          description: 'Groups related content.',
          componentPropertyDefinitions: {
            Elevation: { type: 'VARIANT', defaultValue: 'Flat' },
            'Title#30:1': { type: 'TEXT', defaultValue: 'Card title' },
            'Media#30:2': { type: 'SLOT', defaultValue: '' },
            'Show footer#30:3': { type: 'BOOLEAN', defaultValue: true },
            // A property type Figma may add later: the plugin must skip it with a warning.
            'Badge#30:4': { type: 'FUTURE_PROP', defaultValue: 'new' },
          },
          children: [card(0, 'Flat'), card(1, 'Raised')],
        },
        {
          // Two variants named alike: Figma reports the set as having errors.
          type: 'COMPONENT_SET',
          id: '31:0',
          name: 'Tag',
          componentPropertyDefinitions: {
            Tone: { type: 'VARIANT', defaultValue: 'Neutral' },
            'Label#31:4': { type: 'TEXT', defaultValue: 'Tag' },
          },
          children: [
            { type: 'COMPONENT', id: '31:1', name: 'Tone=Neutral', fills: [solid('#f3f4f6', id('color/bg/subtle'))] },
            { type: 'COMPONENT', id: '31:2', name: 'Tone=Neutral', fills: [solid('#f3f4f6', id('color/bg/subtle'))] },
            {
              type: 'COMPONENT',
              id: '31:3',
              name: 'Tone=Positive',
              fills: [solid('#22c55e', id('color/status/success'))],
            },
          ],
        },
      ],
    },
  ];
}

export function realisticDesignSystem(): FakeFile {
  const vars = allVariables();
  const mode = (modeId: string, name: string) => ({ modeId, name });
  const font = (style: string, family = 'Inter'): FontName => ({ family, style });
  return {
    name: 'Acme Design System',
    collections: [
      { id: C.prim, name: 'Primitives', modes: [mode('1:0', 'Value')], hiddenFromPublishing: true },
      { id: C.sem, name: 'Semantic', modes: [mode('2:0', 'Light'), mode('2:1', 'Dark'), mode('2:2', 'High contrast')] },
      {
        id: C.space,
        name: 'Spacing',
        modes: [mode('3:0', 'Compact'), mode('3:1', 'Comfortable'), mode('3:2', 'Spacious')],
        defaultModeId: '3:1',
      },
      { id: C.brand, name: 'Brand', modes: [mode('4:0', 'Acme'), mode('4:1', 'Globex')] },
      { id: C.comp, name: 'Components', modes: [mode('5:0', 'Default')] },
      {
        id: REMOTE_COLLECTION_ID,
        name: 'Core Library',
        key: fakeKey('core library'),
        remote: true,
        modes: [mode('12:0', 'Default')],
      },
    ],
    variables: [
      ...vars,
      {
        id: REMOTE_VARIABLE_ID,
        name: 'brand/accent',
        key: fakeKey('library accent variable'),
        variableCollectionId: REMOTE_COLLECTION_ID,
        resolvedType: 'COLOR',
        scopes: ['ALL_SCOPES'],
        valuesByMode: { '12:0': rgba('#e11d48') },
        description: 'Library accent',
      },
    ],
    paintStyles: [
      { id: STYLE.surface, name: 'Surface/Default', paints: PAINTS.surface() },
      { id: STYLE.surfaceInverse, name: 'Surface/Inverse', paints: [solid('#111827', id('color/bg/inverse'))] },
      {
        id: STYLE.text,
        name: 'Text/Default',
        description: 'Body text color',
        paints: [solid('#111827', id('color/text/default'))],
      },
      { id: STYLE.action, name: 'Action/Primary', paints: [solid('#3b82f6', id('button/bg/primary'))] },
      { id: STYLE.hero, name: 'Brand/Hero gradient', paints: PAINTS.hero() },
      { id: STYLE.scrim, name: 'Overlay/Scrim', paints: [solid('#000000', undefined, 0.5)] },
      {
        id: REMOTE_PAINT_STYLE_ID,
        name: 'Library/Accent',
        remote: true,
        key: fakeKey('library accent'),
        paints: PAINTS.libraryAccent(),
      },
    ],
    textStyles: [
      {
        id: STYLE.h1,
        name: 'Heading/H1',
        fontName: font('Bold'),
        fontSize: 28,
        lineHeight: { unit: 'PIXELS', value: 36 },
        letterSpacing: { unit: 'PERCENT', value: -2 },
        boundVariables: {
          fontSize: ref('font/size/500'),
          fontFamily: ref('brand/font/heading'),
          fontWeight: ref('font/weight/bold'),
        },
      },
      {
        id: STYLE.body,
        name: 'Body/Regular',
        fontName: font('Regular'),
        fontSize: 16,
        lineHeight: { unit: 'PIXELS', value: 24 },
        boundVariables: {
          fontSize: ref('text/body/size'),
          lineHeight: ref('line-height/body'),
          fontFamily: ref('font/family/sans'),
        },
      },
      {
        id: STYLE.small,
        name: 'Body/Small',
        fontName: font('Regular'),
        fontSize: 14,
        lineHeight: { unit: 'PERCENT', value: 140 },
      },
      {
        id: STYLE.label,
        name: 'Label/Medium',
        fontName: font('Medium'),
        fontSize: 14,
        textCase: 'UPPER',
        letterSpacing: { unit: 'PIXELS', value: 0.5 },
      },
      {
        id: STYLE.code,
        name: 'Code/Mono',
        fontName: font('Regular', 'JetBrains Mono'),
        fontSize: 13,
        boundVariables: { fontFamily: ref('font/family/mono') },
      },
    ],
    effectStyles: [
      {
        id: STYLE.cardShadow,
        name: 'Shadow/Card',
        effects: [
          {
            type: 'DROP_SHADOW',
            color: rgba('#0000001a'),
            offset: { x: 0, y: 2 },
            radius: 8,
            spread: 0,
            visible: true,
            blendMode: 'NORMAL',
            boundVariables: { color: ref('color/overlay/scrim') },
          },
        ],
      },
      {
        id: STYLE.focusRing,
        name: 'Shadow/Focus ring',
        effects: [
          {
            type: 'DROP_SHADOW',
            color: rgba('#3b82f6'),
            offset: { x: 0, y: 0 },
            radius: 0,
            spread: 3,
            visible: true,
            blendMode: 'NORMAL',
            boundVariables: { color: ref('color/border/focus') },
          },
        ],
      },
      {
        id: STYLE.backdrop,
        name: 'Blur/Backdrop',
        effects: [{ type: 'BACKGROUND_BLUR', blurType: 'NORMAL', radius: 16, visible: true }],
      },
    ],
    gridStyles: [
      {
        id: STYLE.columns,
        name: 'Grid/12 columns',
        layoutGrids: [
          {
            pattern: 'COLUMNS',
            alignment: 'STRETCH',
            gutterSize: 24,
            count: 12,
            offset: 32,
            visible: true,
            color: rgba('#ff00001a'),
            boundVariables: { gutterSize: ref('space/lg') },
          },
        ],
      },
      {
        id: STYLE.baseline,
        name: 'Grid/Baseline 4',
        layoutGrids: [{ pattern: 'GRID', sectionSize: 4, visible: true, color: rgba('#0000ff1a') }],
      },
    ],
    pages: pages(),
  };
}
