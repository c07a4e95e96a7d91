// fast-check arbitraries for TokenSets and ComponentSpecs. Pools are small on purpose so that
// two independently drawn values share ids, names and variant keys, and every change kind
// shows up often.
import fc from 'fast-check';
import type { PatternChange } from '../../../core/contract/changes.js';
import type { ComponentSpec, PropDef, Variant } from '../../../core/contract/specs.js';
import type { ModeValue, Token, TokenSet, TokenType } from '../../../core/contract/tokens.js';

export const COLLECTIONS: TokenSet['collections'] = [
  {
    id: 'c1',
    name: 'Theme',
    modes: [
      { id: 'm1', name: 'Light' },
      { id: 'm2', name: 'Dark' },
      { id: 'm3', name: 'Contrast' },
    ],
    defaultModeId: 'm1',
  },
  { id: 'c2', name: 'Scale', modes: [{ id: 'n1', name: 'Default' }], defaultModeId: 'n1' },
];
export const TOKEN_IDS = ['T0', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];
const TOKEN_NAMES = ['color/primary', 'color/bg', 'space/sm', 'space/md', 'radius/sm', 'font/body', 'a/b', 'a/c'];

const unit = fc.integer({ min: 0, max: 4 }).map((n) => n / 4);
const colorValue = fc.tuple(unit, unit, unit).map(([r, g, b]) => ({ colorSpace: 'srgb', components: [r, g, b] }));
const dimensionValue = fc
  .constantFrom(0, 4, 8, 16)
  .chain((value) => fc.constantFrom({ value, unit: 'px' }, { value, unit: 'rem' }));

const literal: Record<string, fc.Arbitrary<ModeValue>> = {
  color: colorValue,
  dimension: dimensionValue,
  number: fc.integer({ min: 0, max: 3 }),
  string: fc.constantFrom('Inter', 'Roboto'),
};

const modeValue = (type: TokenType): fc.Arbitrary<ModeValue> =>
  fc.oneof(
    { weight: 3, arbitrary: literal[type]! },
    { weight: 1, arbitrary: fc.constantFrom(...TOKEN_IDS).map((id) => ({ alias: id })) },
  );

export const tokenArb = (id: string | fc.Arbitrary<string>): fc.Arbitrary<Token> =>
  fc
    .record({
      id: typeof id === 'string' ? fc.constant(id) : id,
      name: fc.constantFrom(...TOKEN_NAMES),
      collection: fc.constantFrom(...COLLECTIONS),
      type: fc.constantFrom<TokenType>('color', 'dimension', 'number', 'string'),
      description: fc.option(fc.constantFrom('', 'Brand', 'Muted'), { nil: undefined }),
    })
    .chain(({ id: tokenId, name, collection, type, description }) =>
      fc
        .tuple(
          ...collection.modes.map((m) =>
            fc.option(modeValue(type), { freq: 5, nil: undefined }).map((v) => [m.id, v] as const),
          ),
        )
        .map((entries) => {
          const token: Token = { id: tokenId, name, collectionId: collection.id, type, valuesByMode: {} };
          for (const [modeId, v] of entries) if (v !== undefined) token.valuesByMode[modeId] = v;
          if (description !== undefined) token.description = description;
          return token;
        }),
    );

export const tokenSetArb: fc.Arbitrary<TokenSet> = fc
  .uniqueArray(tokenArb(fc.constantFrom(...TOKEN_IDS)), { selector: (t) => t.id, maxLength: TOKEN_IDS.length })
  .map((tokens) => ({ collections: COLLECTIONS, tokens }));

/** One small edit of a token: rename, retype, new description, or one mode's value. */
const tweak = (t: Token): fc.Arbitrary<Token> =>
  fc.oneof(
    fc.constantFrom(...TOKEN_NAMES).map((name) => ({ ...t, name })),
    fc.constantFrom('Brand', 'Other').map((description) => ({ ...t, description })),
    fc.constantFrom<TokenType>('color', 'number').map((type) => ({ ...t, type })),
    fc
      .tuple(fc.constantFrom(...Object.keys(t.valuesByMode), 'm1'), modeValue(t.type))
      .map(([mode, v]) => ({ ...t, valuesByMode: { ...t.valuesByMode, [mode]: v } })),
  );

/** A set and a plausible next version of it: most tokens kept, some edited, dropped or new. */
const mutatedPair: fc.Arbitrary<[TokenSet, TokenSet]> = tokenSetArb.chain((a) =>
  fc
    .tuple(
      fc.tuple(
        ...a.tokens.map((t) =>
          fc.oneof(
            { weight: 4, arbitrary: fc.constant<Token | null>(t) },
            { weight: 3, arbitrary: tweak(t) },
            { weight: 1, arbitrary: fc.constant<Token | null>(null) },
          ),
        ),
      ),
      fc.uniqueArray(tokenArb(fc.constantFrom(...TOKEN_IDS)), { selector: (t) => t.id, maxLength: 3 }),
    )
    .map(([kept, extra]) => {
      const tokens = kept.filter((t): t is Token => t !== null);
      const ids = new Set(tokens.map((t) => t.id));
      return [a, { collections: COLLECTIONS, tokens: [...tokens, ...extra.filter((t) => !ids.has(t.id))] }];
    }),
);

export const tokenSetPairArb: fc.Arbitrary<[TokenSet, TokenSet]> = fc.oneof(
  mutatedPair,
  fc.tuple(tokenSetArb, tokenSetArb),
);

const PROP_NAMES = ['size', 'state', 'label', 'icon', 'disabled', 'tone'];
const OPTIONS = ['sm', 'md', 'lg', 'xl'];
const SLOTS = ['fill', 'stroke', 'gap', 'radius', 'label.fill', 'label.typography'];

const propArb = (index: number): fc.Arbitrary<PropDef> =>
  fc
    .record({
      name: fc.constantFrom(...PROP_NAMES),
      hasId: fc.boolean(),
      kind: fc.constantFrom<PropDef['kind']>('variant', 'boolean', 'text', 'instanceSwap', 'slot'),
      options: fc.uniqueArray(fc.constantFrom(...OPTIONS), { minLength: 1, maxLength: 4 }),
      flag: fc.boolean(),
      text: fc.constantFrom('Button', 'OK', ''),
    })
    .map(({ name, hasId, kind, options, flag, text }) => {
      const prop: PropDef = {
        name,
        kind,
        default: kind === 'boolean' ? flag : kind === 'variant' ? options[0]! : text,
      };
      if (hasId) prop.id = `p#1:${index}`;
      if (kind === 'variant') prop.options = options;
      return prop;
    });

const variantArb: fc.Arbitrary<Variant> = fc.record({
  id: fc.constantFrom('1:1', '1:2', '1:3', '1:4'),
  values: fc.dictionary(fc.constantFrom('size', 'state'), fc.constantFrom(...OPTIONS), { maxKeys: 2 }),
  bindings: fc.dictionary(fc.constantFrom(...SLOTS), fc.constantFrom(...TOKEN_IDS), { maxKeys: 4 }),
});

export const specArb: fc.Arbitrary<ComponentSpec> = fc
  .record({
    name: fc.constantFrom('Button', 'Card'),
    description: fc.option(fc.constantFrom('Primary', 'Secondary'), { nil: undefined }),
    props: fc
      .integer({ min: 0, max: 4 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => propArb(i))))
      // names and ids are unique within a spec, as Figma guarantees
      .map((props) => props.filter((p, i) => props.findIndex((q) => q.name === p.name) === i)),
    variants: fc.uniqueArray(variantArb, {
      maxLength: 4,
      selector: (v) =>
        Object.keys(v.values)
          .sort()
          .map((k) => `${k}=${v.values[k]}`)
          .join(', '),
    }),
  })
  .map(({ name, description, props, variants }) => {
    const spec: ComponentSpec = { id: '1:0', name, props, variants };
    if (description !== undefined) spec.description = description;
    return spec;
  });

const patternRef = fc.record({
  id: fc.constantFrom('generic', 'button'),
  version: fc.constantFrom('1.0.0', '1.0.1', '1.1.0', '2.0.0', '2.0.0-rc.1'),
});
export const patternChangeArb: fc.Arbitrary<PatternChange> = fc.record({
  kind: fc.constant('patternChanged' as const),
  before: fc.option(patternRef, { nil: null }),
  after: patternRef,
});

/** A spec and a small edit of it: a prop renamed, its options or default changed, a binding moved. */
const specEdit = (s: ComponentSpec): fc.Arbitrary<ComponentSpec> =>
  fc
    .record({
      prop: fc.nat(),
      name: fc.constantFrom('renamed', 'size2'),
      options: fc.uniqueArray(fc.constantFrom(...OPTIONS), { minLength: 1, maxLength: 4 }),
      what: fc.constantFrom('rename', 'options', 'default', 'binding'),
      token: fc.constantFrom(...TOKEN_IDS),
    })
    .map(({ prop, name, options, what, token }) => {
      const out = structuredClone(s);
      const p = out.props.length ? out.props[prop % out.props.length]! : undefined;
      if (what === 'rename' && p && !out.props.some((q) => q.name === name)) p.name = name;
      else if (what === 'options' && p?.kind === 'variant') p.options = options;
      else if (what === 'default' && p) p.default = p.kind === 'boolean' ? !p.default : `${String(p.default)}!`;
      else if (out.variants[0]) out.variants[0].bindings.fill = token;
      return out;
    });

export const specPairArb: fc.Arbitrary<[ComponentSpec, ComponentSpec]> = fc.oneof(
  fc.tuple(specArb, specArb),
  specArb.chain((a) => specEdit(a).chain((b) => specEdit(b).map((c) => [a, c] as [ComponentSpec, ComponentSpec]))),
);
