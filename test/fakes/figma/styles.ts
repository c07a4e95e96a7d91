/**
 * Paint, text, effect and grid styles: local ones listed by `getLocal*StylesAsync`, library
 * ones reachable with `getStyleByIdAsync` only, every object frozen.
 */
import { recorded, type FakeContext } from './context.js';
import { dynamicPageError, requireString } from './errors.js';
import { fakeKey } from './keys.js';
import { pluginDataMethods, seedPluginData } from './plugin-data.js';
import type { FakeFile } from './seed.js';
import { unimplementedMethods } from './strict.js';

type StyleFields =
  'id' | 'type' | 'name' | 'key' | 'description' | 'descriptionMarkdown' | 'documentationLinks' | 'remote';
export type FakePaintStyleView = Pick<PaintStyle, StyleFields | 'paints' | 'boundVariables'> & PluginDataMixin;
export type FakeTextStyleView = Pick<
  TextStyle,
  | StyleFields
  | 'fontName'
  | 'fontSize'
  | 'letterSpacing'
  | 'lineHeight'
  | 'textDecoration'
  | 'textCase'
  | 'paragraphSpacing'
  | 'paragraphIndent'
  | 'boundVariables'
> &
  PluginDataMixin;
export type FakeEffectStyleView = Pick<EffectStyle, StyleFields | 'effects' | 'boundVariables'> & PluginDataMixin;
export type FakeGridStyleView = Pick<GridStyle, StyleFields | 'layoutGrids' | 'boundVariables'> & PluginDataMixin;

const NONE = Object.freeze({});
const NO_LINKS: readonly DocumentationLink[] = Object.freeze([]);
const NO_LETTER_SPACING: LetterSpacing = Object.freeze({ unit: 'PERCENT', value: 0 });
const AUTO_LINE_HEIGHT: LineHeight = Object.freeze({ unit: 'AUTO' });

export interface StyleIndex {
  readonly paint: readonly PaintStyle[];
  readonly text: readonly TextStyle[];
  readonly effect: readonly EffectStyle[];
  readonly grid: readonly GridStyle[];
  readonly byId: ReadonlyMap<string, BaseStyle>;
}

interface StyleSeedCommon {
  id: string;
  name: string;
  key?: string;
  description?: string;
  remote?: boolean;
  pluginData?: Record<string, string>;
  sharedPluginData?: Record<string, Record<string, string>>;
}

export function buildStyles(file: FakeFile, ctx: FakeContext): StyleIndex {
  const styleProto = ((): object => {
    const p = {
      ...pluginDataMethods('style', ctx.pluginId, (c) => ctx.record(c)),
      ...unimplementedMethods('style', [
        'getStyleConsumersAsync',
        'remove',
        'getPublishStatusAsync',
        'setBoundVariable',
      ]),
    };
    Object.defineProperty(p, 'consumers', {
      get: () => {
        throw dynamicPageError('get_consumers', 'style.getStyleConsumersAsync');
      },
    });
    return Object.freeze(p);
  })();
  const byId = new Map<string, BaseStyle>();

  function make<S extends StyleSeedCommon, V>(
    type: 'PAINT' | 'TEXT' | 'EFFECT' | 'GRID',
    seed: S,
    fields: Omit<V, StyleFields | keyof PluginDataMixin>,
  ): V {
    const description = seed.description ?? '';
    const view = Object.assign(
      Object.create(styleProto) as object,
      {
        id: seed.id,
        type,
        name: seed.name,
        // Figma's local style ids are "S:<key>,<node id>": the key is the id's.
        key: seed.key ?? /^S:([^,]+),/.exec(seed.id)?.[1] ?? fakeKey(seed.id),
        description,
        descriptionMarkdown: description,
        documentationLinks: NO_LINKS,
        remote: seed.remote ?? false,
      },
      fields,
    );
    seedPluginData(view, ctx.pluginId, seed);
    Object.freeze(view);
    byId.set(seed.id, view as unknown as BaseStyle);
    return view as V;
  }
  const local = <T extends { remote: boolean }>(styles: T[]): T[] => styles.filter((s) => !s.remote);

  const paint = (file.paintStyles ?? []).map((s) =>
    make<typeof s, FakePaintStyleView>('PAINT', s, {
      paints: s.paints,
      boundVariables: s.boundVariables ?? NONE,
    }),
  );
  const text = (file.textStyles ?? []).map((s) =>
    make<typeof s, FakeTextStyleView>('TEXT', s, {
      fontName: s.fontName,
      fontSize: s.fontSize,
      letterSpacing: s.letterSpacing ?? NO_LETTER_SPACING,
      lineHeight: s.lineHeight ?? AUTO_LINE_HEIGHT,
      textDecoration: s.textDecoration ?? 'NONE',
      textCase: s.textCase ?? 'ORIGINAL',
      paragraphSpacing: s.paragraphSpacing ?? 0,
      paragraphIndent: s.paragraphIndent ?? 0,
      boundVariables: s.boundVariables ?? NONE,
    }),
  );
  const effect = (file.effectStyles ?? []).map((s) =>
    make<typeof s, FakeEffectStyleView>('EFFECT', s, {
      effects: s.effects,
      boundVariables: s.boundVariables ?? NONE,
    }),
  );
  const grid = (file.gridStyles ?? []).map((s) =>
    make<typeof s, FakeGridStyleView>('GRID', s, {
      layoutGrids: s.layoutGrids,
      boundVariables: s.boundVariables ?? NONE,
    }),
  );

  // The views carry what the plugin reads; a real style's other methods throw when called.
  return {
    paint: local(paint) as unknown as PaintStyle[],
    text: local(text) as unknown as TextStyle[],
    effect: local(effect) as unknown as EffectStyle[],
    grid: local(grid) as unknown as GridStyle[],
    byId,
  };
}

/** The style members of `figma`: async getters work, synchronous ones throw as under dynamic-page. */
export function styleApi(index: StyleIndex, ctx: FakeContext) {
  const forbidden = (name: string) => (): never => {
    ctx.record(name);
    throw dynamicPageError(name, `figma.${name}Async`);
  };
  return {
    getLocalPaintStylesAsync: recorded(ctx, 'getLocalPaintStylesAsync', async () => [...index.paint]),
    getLocalTextStylesAsync: recorded(ctx, 'getLocalTextStylesAsync', async () => [...index.text]),
    getLocalEffectStylesAsync: recorded(ctx, 'getLocalEffectStylesAsync', async () => [...index.effect]),
    getLocalGridStylesAsync: recorded(ctx, 'getLocalGridStylesAsync', async () => [...index.grid]),
    getStyleByIdAsync: recorded(ctx, 'getStyleByIdAsync', async (id: string) => {
      requireString('getStyleByIdAsync', 'id', id);
      return index.byId.get(id) ?? null;
    }),
    getLocalPaintStyles: forbidden('getLocalPaintStyles'),
    getLocalTextStyles: forbidden('getLocalTextStyles'),
    getLocalEffectStyles: forbidden('getLocalEffectStyles'),
    getLocalGridStyles: forbidden('getLocalGridStyles'),
    getStyleById: forbidden('getStyleById'),
  } satisfies Partial<PluginAPI>;
}
