/**
 * Binding slots → CSS declarations. A slot is "<namespace>.<field>[.<n>]" (see
 * core/specs/binding-slots.ts): the namespace picks the element (root or a pattern part), the
 * field picks the property, n orders several tokens in one slot. Anything unknown (a field
 * Figma adds later, a layer the pattern does not render, a token of an unexpected type)
 * becomes a custom property with a comment instead of an error, so generation never fails on
 * a binding.
 */
import type { Token } from '../contract/tokens.js';
import type { CssVarNames, TypographyPart } from './css-vars.js';
import type { Part } from './component-model.js';
import { cssSlug, normalizeName } from './names.js';

export interface Decl {
  /** CSS property; "" for a comment-only line */
  readonly property: string;
  readonly value: string;
  readonly comment?: string;
}

/** Declarations of one variant, keyed by `scopeKey(scope, property)`. */
export type ScopedDecls = Map<string, { scope: string | null; decl: Decl }>;

export const scopeKey = (scope: string | null, property: string): string => `${scope ?? ''}\u0000${property}`;

interface ParsedSlot {
  readonly slot: string;
  readonly namespace: string;
  /** normalized field: "paddingLeft" → "paddingleft" */
  readonly field: string;
  readonly index: number;
}

export function parseSlot(slot: string): ParsedSlot {
  const segments = slot.split('.');
  let index = 1;
  const last = segments[segments.length - 1];
  if (segments.length > 1 && last !== undefined && /^[0-9]+$/.test(last)) {
    index = Number(last);
    segments.pop();
  }
  const field = segments.pop() ?? '';
  return { slot, namespace: segments.join('.'), field: field.toLowerCase().replace(/[^a-z0-9]/g, ''), index };
}

type Scope = { part: Part | null; className: string | null };

interface GroupContext {
  readonly names: CssVarNames;
  readonly scope: Scope;
  /** normalized fields bound in this scope by any variant of the component */
  readonly scopeFields: ReadonlySet<string>;
  /** normalized fields bound in this scope by this variant */
  readonly variantFields: ReadonlySet<string>;
  /** tokens of the slot, lowest index first */
  readonly entries: readonly { slot: string; tokenId: string }[];
}

type Handler = (ctx: GroupContext) => Decl[];

const decl = (property: string, value: string, comment?: string): Decl =>
  comment === undefined ? { property, value } : { property, value, comment };

function tokenOf(ctx: GroupContext, i = 0): Token | undefined {
  const entry = ctx.entries[i];
  return entry === undefined ? undefined : ctx.names.token(entry.tokenId);
}

const ref = (ctx: GroupContext, token: Token): string => `var(${ctx.names.name(token.id) ?? '--unknown'})`;
const sub = (ctx: GroupContext, token: Token, part: TypographyPart): string =>
  `var(${ctx.names.sub(token.id, part) ?? '--unknown'})`;

/** Figma FLOAT variables often arrive as plain numbers: lengths need a unit. */
function length(ctx: GroupContext, token: Token): string | undefined {
  if (token.type === 'dimension') return ref(ctx, token);
  if (token.type === 'number') return `calc(${ref(ctx, token)} * 1px)`;
  return undefined;
}

const TYPOGRAPHY_LONGHANDS: readonly [string, TypographyPart][] = [
  ['font-family', 'family'],
  ['font-size', 'size'],
  ['font-weight', 'weight'],
  ['line-height', 'line-height'],
  ['letter-spacing', 'letter-spacing'],
];

/** The fallback: expose the token as a custom property on the element, say why in a comment. */
function customProperties(ctx: GroupContext, why: string): Decl[] {
  return ctx.entries.flatMap((entry) => {
    const token = ctx.names.token(entry.tokenId);
    const property = `--slot-${cssSlug(entry.slot)}`;
    if (!token) return [decl('', '', `${entry.slot}: token ${JSON.stringify(entry.tokenId)} is not in the token set`)];
    if (token.type === 'typography') {
      return TYPOGRAPHY_LONGHANDS.map(([, part]) =>
        decl(`${property}-${part}`, sub(ctx, token, part), `${entry.slot}: ${why}`),
      );
    }
    return [decl(property, ref(ctx, token), `${entry.slot}: ${why}`)];
  });
}

function mismatch(ctx: GroupContext, token: Token | undefined, what: string): Decl[] {
  return customProperties(ctx, token ? `a ${token.type} token cannot set ${what}` : what);
}

function lengthProperty(property: string): Handler {
  return (ctx) => {
    const token = tokenOf(ctx);
    const value = token && length(ctx, token);
    return value === undefined ? mismatch(ctx, token, property) : [decl(property, value)];
  };
}

function typed(property: string, types: readonly string[]): Handler {
  return (ctx) => {
    const token = tokenOf(ctx);
    return token && types.includes(token.type) ? [decl(property, ref(ctx, token))] : mismatch(ctx, token, property);
  };
}

/**
 * Fills in paint order (the last paints on top). On text and icons a fill is the text color,
 * so the topmost wins; on boxes the bottom fill is the background color and the ones above
 * become flat gradient layers, which is how CSS stacks paints.
 */
const paint: Handler = (ctx) => {
  const tokens = ctx.entries.map((_, i) => tokenOf(ctx, i));
  if (ctx.scope.part && ctx.scope.part.kind !== 'box') {
    const top = tokens[tokens.length - 1];
    return top?.type === 'color' ? [decl('color', ref(ctx, top))] : mismatch(ctx, top, 'color');
  }
  if (tokens.some((t) => t === undefined || (t.type !== 'color' && t.type !== 'gradient'))) {
    return mismatch(
      ctx,
      tokens.find((t) => t && t.type !== 'color' && t.type !== 'gradient'),
      'background',
    );
  }
  const [bottom, ...above] = tokens as Token[];
  const out: Decl[] = [];
  const layers = above
    .reverse()
    .map((t) => (t.type === 'gradient' ? ref(ctx, t) : `linear-gradient(${ref(ctx, t)}, ${ref(ctx, t)})`));
  if (bottom?.type === 'color') out.push(decl('background-color', ref(ctx, bottom)));
  else if (bottom) layers.push(ref(ctx, bottom));
  if (layers.length > 0) out.push(decl('background-image', layers.join(', ')));
  return out;
};

const textColor: Handler = (ctx) => {
  const token = tokenOf(ctx, ctx.entries.length - 1);
  return token?.type === 'color' ? [decl('color', ref(ctx, token))] : mismatch(ctx, token, 'color');
};

const STROKE_WEIGHTS = ['strokeweight', 'borderwidth'];

/** A bound stroke must show even when no weight is bound: Figma draws it at 1px. */
const stroke: Handler = (ctx) => {
  const token = tokenOf(ctx, ctx.entries.length - 1);
  if (token?.type === 'border') return [decl('border', ref(ctx, token))];
  if (token?.type === 'strokeStyle') return [decl('border-style', ref(ctx, token))];
  if (token?.type !== 'color') return mismatch(ctx, token, 'border-color');
  const out = [decl('border-style', 'solid'), decl('border-color', ref(ctx, token))];
  if (!STROKE_WEIGHTS.some((f) => ctx.variantFields.has(f))) out.push(decl('border-width', '1px'));
  return out;
};

const CORNERS: Readonly<Record<string, string>> = {
  radiustopleft: 'border-top-left-radius',
  topleftradius: 'border-top-left-radius',
  radiustopright: 'border-top-right-radius',
  toprightradius: 'border-top-right-radius',
  radiusbottomleft: 'border-bottom-left-radius',
  bottomleftradius: 'border-bottom-left-radius',
  radiusbottomright: 'border-bottom-right-radius',
  bottomrightradius: 'border-bottom-right-radius',
};

/**
 * Where some variant binds single corners, the shorthand is written as its four longhands:
 * a shorthand in a later rule would otherwise undo a corner set by an earlier one.
 */
const radius: Handler = (ctx) => {
  const token = tokenOf(ctx);
  const value = token && length(ctx, token);
  if (value === undefined) return mismatch(ctx, token, 'border-radius');
  if (!Object.keys(CORNERS).some((c) => ctx.scopeFields.has(c))) return [decl('border-radius', value)];
  // A corner the variant binds itself is more specific than the overall radius.
  const own = new Set(
    Object.entries(CORNERS)
      .filter(([field]) => ctx.variantFields.has(field))
      .map(([, p]) => p),
  );
  return [
    'border-top-left-radius',
    'border-top-right-radius',
    'border-bottom-right-radius',
    'border-bottom-left-radius',
  ]
    .filter((p) => !own.has(p))
    .map((p) => decl(p, value));
};

/** Figma only wraps horizontal layouts, so with a counter-axis spacing the item spacing is the column gap. */
const gap: Handler = (ctx) => lengthProperty(ctx.scopeFields.has('counteraxisspacing') ? 'column-gap' : 'gap')(ctx);

/** Longhands rather than the `font` shorthand: they never reset one another across rules. */
const typography: Handler = (ctx) => {
  const token = tokenOf(ctx);
  if (token?.type === 'typography') return TYPOGRAPHY_LONGHANDS.map(([p, part]) => decl(p, sub(ctx, token, part)));
  if (token?.type === 'fontFamily') return [decl('font-family', ref(ctx, token))];
  if (token?.type === 'fontWeight') return [decl('font-weight', ref(ctx, token))];
  return mismatch(ctx, token, 'a font');
};

const lineHeight: Handler = (ctx) => {
  const token = tokenOf(ctx);
  return token && (token.type === 'number' || token.type === 'dimension')
    ? [decl('line-height', ref(ctx, token))]
    : mismatch(ctx, token, 'line-height');
};

/** Several effect tokens stack like paints: the last listed on top, which CSS lists first. */
const effects: Handler = (ctx) => {
  const tokens = ctx.entries.map((_, i) => tokenOf(ctx, i));
  if (tokens.some((t) => t?.type !== 'shadow'))
    return mismatch(
      ctx,
      tokens.find((t) => t?.type !== 'shadow'),
      'box-shadow',
    );
  return [
    decl(
      'box-shadow',
      (tokens as Token[])
        .reverse()
        .map((t) => ref(ctx, t))
        .join(', '),
    ),
  ];
};

const FIELDS: Readonly<Record<string, Handler>> = {
  fill: paint,
  fills: paint,
  fillstyle: paint,
  background: paint,
  backgroundcolor: paint,
  color: textColor,
  textcolor: textColor,
  textfill: textColor,
  foreground: textColor,
  stroke,
  strokes: stroke,
  bordercolor: stroke,
  strokeweight: lengthProperty('border-width'),
  borderwidth: lengthProperty('border-width'),
  strokeweighttop: lengthProperty('border-top-width'),
  stroketopweight: lengthProperty('border-top-width'),
  strokeweightright: lengthProperty('border-right-width'),
  strokerightweight: lengthProperty('border-right-width'),
  strokeweightbottom: lengthProperty('border-bottom-width'),
  strokebottomweight: lengthProperty('border-bottom-width'),
  strokeweightleft: lengthProperty('border-left-width'),
  strokeleftweight: lengthProperty('border-left-width'),
  padding: lengthProperty('padding'),
  paddingleft: lengthProperty('padding-left'),
  paddingright: lengthProperty('padding-right'),
  paddingtop: lengthProperty('padding-top'),
  paddingbottom: lengthProperty('padding-bottom'),
  paddinghorizontal: lengthProperty('padding-inline'),
  paddingvertical: lengthProperty('padding-block'),
  gap,
  itemspacing: gap,
  counteraxisspacing: lengthProperty('row-gap'),
  rowgap: lengthProperty('row-gap'),
  columngap: lengthProperty('column-gap'),
  radius,
  cornerradius: radius,
  borderradius: radius,
  ...Object.fromEntries(Object.entries(CORNERS).map(([field, property]) => [field, lengthProperty(property)])),
  opacity: typed('opacity', ['number']),
  typography,
  textstyle: typography,
  font: typography,
  fontfamily: typed('font-family', ['fontFamily', 'string']),
  fontweight: typed('font-weight', ['fontWeight', 'number']),
  fontsize: lengthProperty('font-size'),
  letterspacing: lengthProperty('letter-spacing'),
  lineheight: lineHeight,
  paragraphindent: lengthProperty('text-indent'),
  effects,
  effect: effects,
  effectstyle: effects,
  shadow: effects,
  boxshadow: effects,
  dropshadow: effects,
  width: lengthProperty('width'),
  height: lengthProperty('height'),
  minwidth: lengthProperty('min-width'),
  maxwidth: lengthProperty('max-width'),
  minheight: lengthProperty('min-height'),
  maxheight: lengthProperty('max-height'),
};

export interface BindingContext {
  readonly names: CssVarNames;
  /** pattern parts by normalized alias */
  readonly parts: ReadonlyMap<string, Part>;
}

interface Group {
  readonly key: string;
  readonly scope: Scope;
  readonly field: string;
  readonly known: boolean;
  readonly entries: { slot: string; tokenId: string; index: number }[];
}

function resolveScope(namespace: string, parts: ReadonlyMap<string, Part>): Scope | undefined {
  if (namespace === '') return { part: null, className: null };
  const part = parts.get(normalizeName(namespace));
  return part ? { part, className: part.className } : undefined;
}

function groupSlots(bindings: Readonly<Record<string, string>>, ctx: BindingContext): Group[] {
  const groups = new Map<string, Group>();
  for (const slot of Object.keys(bindings).sort()) {
    const tokenId = bindings[slot];
    if (tokenId === undefined) continue;
    const parsed = parseSlot(slot);
    const scope = resolveScope(parsed.namespace, ctx.parts);
    // A layer the pattern does not render keeps its tokens as custom properties on the root.
    const key = scope ? `${scope.className ?? ''}\u0000${parsed.field}` : `?\u0000${slot}`;
    const group = groups.get(key) ?? {
      key,
      scope: scope ?? { part: null, className: null },
      field: parsed.field,
      known: scope !== undefined && FIELDS[parsed.field] !== undefined,
      entries: [],
    };
    group.entries.push({ slot, tokenId, index: parsed.index });
    groups.set(key, group);
  }
  for (const g of groups.values()) g.entries.sort((a, b) => a.index - b.index || (a.slot < b.slot ? -1 : 1));
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Normalized fields bound per scope (root = ""), over a set of variants' bindings. */
export function scopeFields(
  all: readonly Readonly<Record<string, string>>[],
  ctx: BindingContext,
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const bindings of all) {
    for (const group of groupSlots(bindings, ctx)) {
      const key = group.scope.className ?? '';
      const set = result.get(key) ?? new Set<string>();
      set.add(group.field);
      result.set(key, set);
    }
  }
  return result;
}

/**
 * The declarations one variant's bindings imply. When two slots of a variant set the same
 * property, the slot sorting first wins, whatever order the bindings object had.
 */
export function variantDeclarations(
  bindings: Readonly<Record<string, string>>,
  ctx: BindingContext,
  componentFields: ReadonlyMap<string, ReadonlySet<string>>,
): ScopedDecls {
  const out: ScopedDecls = new Map();
  const groups = groupSlots(bindings, ctx);
  const own = new Map<string, Set<string>>();
  for (const g of groups) {
    const key = g.scope.className ?? '';
    own.set(key, (own.get(key) ?? new Set()).add(g.field));
  }
  for (const group of groups) {
    const scopeName = group.scope.className ?? '';
    const present = group.entries.filter((e) => ctx.names.token(e.tokenId) !== undefined);
    const decls: Decl[] = group.entries
      .filter((e) => !present.includes(e))
      .map((e) => decl('', '', `${e.slot}: token ${JSON.stringify(e.tokenId)} is not in the token set`));
    if (present.length > 0) {
      const gctx: GroupContext = {
        names: ctx.names,
        scope: group.scope,
        scopeFields: componentFields.get(scopeName) ?? new Set(),
        variantFields: own.get(scopeName) ?? new Set(),
        entries: present,
      };
      const unknownLayer = group.key.startsWith('?');
      decls.push(
        ...(group.known
          ? (FIELDS[group.field] as Handler)(gctx)
          : customProperties(
              gctx,
              unknownLayer ? 'no element of this component renders this layer' : 'no CSS property for this field',
            )),
      );
    }
    for (const d of decls) {
      const property = d.property === '' ? `/*${d.comment ?? ''}*/` : d.property;
      const key = scopeKey(group.scope.className, property);
      if (!out.has(key)) out.set(key, { scope: group.scope.className, decl: d });
    }
  }
  return out;
}
