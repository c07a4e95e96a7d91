/**
 * Variables and collections as `figma.variables` serves them: local ones listed, library
 * (remote) ones reachable by id only, every object frozen. Values are the (frozen) seed's own.
 */
import { recorded, type FakeContext } from './context.js';
import { dynamicPageError, expectedType, requireString } from './errors.js';
import { fakeKey } from './keys.js';
import { pluginDataMethods, seedPluginData } from './plugin-data.js';
import type { FakeCollectionSeed, FakeFile, FakeVariableSeed } from './seed.js';
import { unimplementedMethods } from './strict.js';

/** What the fake's variables hold: the data fields of the Plugin API `Variable`. */
export type FakeVariableView = Pick<
  Variable,
  | 'id'
  | 'name'
  | 'key'
  | 'description'
  | 'remote'
  | 'resolvedType'
  | 'valuesByMode'
  | 'variableCollectionId'
  | 'scopes'
  | 'codeSyntax'
  | 'hiddenFromPublishing'
> &
  PluginDataMixin;

export type FakeCollectionView = Pick<
  VariableCollection,
  'id' | 'name' | 'key' | 'remote' | 'modes' | 'defaultModeId' | 'variableIds' | 'hiddenFromPublishing' | 'isExtension'
> &
  Partial<
    Pick<ExtendedVariableCollection, 'parentVariableCollectionId' | 'rootVariableCollectionId' | 'variableOverrides'>
  > &
  PluginDataMixin;

const RESOLVED_TYPES: ReadonlySet<string> = new Set<VariableResolvedDataType>([
  'BOOLEAN',
  'COLOR',
  'FLOAT',
  'STRING',
  'EASING',
  'TIMING',
]);

// Defaults shared by every variable without its own (frozen, so sharing is safe).
const ALL_SCOPES = Object.freeze(['ALL_SCOPES']) as VariableScope[];
const NO_CODE_SYNTAX = Object.freeze({});
const NO_OVERRIDES = Object.freeze({});

/**
 * Figma stores FLOAT values as 32-bit floats: a seed's 111.33 reads back as 111.33000183105469.
 * The seed's own (frozen) object is kept when every value already is one.
 */
function float32Values(values: FakeVariableSeed['valuesByMode']): FakeVariableSeed['valuesByMode'] {
  const entries = Object.entries(values);
  if (entries.every(([, v]) => typeof v !== 'number' || Math.fround(v) === v)) return values;
  return Object.freeze(
    Object.fromEntries(entries.map(([mode, v]) => [mode, typeof v === 'number' ? Math.fround(v) : v])),
  );
}

export interface VariableIndex {
  readonly local: readonly Variable[];
  readonly localCollections: readonly VariableCollection[];
  readonly byId: ReadonlyMap<string, Variable>;
  readonly collectionsById: ReadonlyMap<string, VariableCollection>;
}

export function buildVariables(file: FakeFile, ctx: FakeContext): VariableIndex {
  // One class per fake (its methods log to this fake's calls); a constructor keeps building
  // thousands of variables fast. The methods a real Variable has beyond these throw when called.
  class FakeVariable {
    declare readonly id: string;
    declare readonly name: string;
    declare readonly key: string;
    declare readonly description: string;
    declare readonly remote: boolean;
    declare readonly resolvedType: VariableResolvedDataType;
    declare readonly valuesByMode: Variable['valuesByMode'];
    declare readonly variableCollectionId: string;
    declare readonly scopes: VariableScope[];
    declare readonly codeSyntax: Variable['codeSyntax'];
    declare readonly hiddenFromPublishing: boolean;
    constructor(seed: FakeVariableSeed, remote: boolean) {
      this.id = seed.id;
      this.name = seed.name;
      this.key = seed.key ?? fakeKey(seed.id);
      this.description = seed.description ?? '';
      this.remote = remote;
      // Future types (e.g. 'GRADIENT_FUTURE') pass through: the plugin must skip them.
      this.resolvedType = seed.resolvedType as VariableResolvedDataType;
      this.valuesByMode = (
        seed.resolvedType === 'FLOAT' ? float32Values(seed.valuesByMode) : seed.valuesByMode
      ) as Variable['valuesByMode'];
      this.variableCollectionId = seed.variableCollectionId;
      // FONT_VARIATIONS is a real scope the typings lag behind on: passed through as Figma does.
      this.scopes = (seed.scopes ?? ALL_SCOPES) as VariableScope[];
      this.codeSyntax = seed.codeSyntax ?? NO_CODE_SYNTAX;
      this.hiddenFromPublishing = seed.hiddenFromPublishing ?? false;
      Object.freeze(this);
    }
  }
  Object.assign(
    FakeVariable.prototype,
    pluginDataMethods('variable', ctx.pluginId, (c) => ctx.record(c)),
    unimplementedMethods('variable', [
      'getPublishStatusAsync',
      'resolveForConsumer',
      'setValueForMode',
      'remove',
      'setVariableCodeSyntax',
      'removeVariableCodeSyntax',
      'valuesByModeForCollectionAsync',
      'removeOverrideForMode',
    ]),
  );

  class FakeCollection {
    declare readonly id: string;
    declare readonly name: string;
    declare readonly key: string;
    declare readonly remote: boolean;
    declare readonly isExtension: boolean;
    declare readonly hiddenFromPublishing: boolean;
    declare readonly modes: VariableCollection['modes'];
    declare readonly defaultModeId: string;
    declare readonly variableIds: string[];
    // An ExtendedVariableCollection's own members (set only on extensions, as Figma does).
    declare readonly parentVariableCollectionId?: string;
    declare readonly rootVariableCollectionId?: string;
    declare readonly variableOverrides?: ExtendedVariableCollection['variableOverrides'];
    constructor(seed: FakeCollectionSeed, variableIds: readonly string[], root?: string) {
      this.id = seed.id;
      this.name = seed.name;
      this.key = seed.key ?? fakeKey(seed.id);
      this.remote = seed.remote ?? false;
      this.isExtension = seed.isExtension ?? false;
      this.hiddenFromPublishing = seed.hiddenFromPublishing ?? false;
      this.modes = seed.modes;
      this.defaultModeId = seed.defaultModeId ?? seed.modes[0]?.modeId ?? '';
      this.variableIds = Object.freeze(variableIds) as string[];
      if (seed.isExtension) {
        this.parentVariableCollectionId = seed.parentVariableCollectionId ?? '';
        this.rootVariableCollectionId = root ?? '';
        this.variableOverrides = (seed.variableOverrides ??
          NO_OVERRIDES) as ExtendedVariableCollection['variableOverrides'];
      }
      Object.freeze(this);
    }
  }
  Object.assign(
    FakeCollection.prototype,
    pluginDataMethods('collection', ctx.pluginId, (c) => ctx.record(c)),
    unimplementedMethods('collection', [
      'getPublishStatusAsync',
      'extend',
      'remove',
      'removeMode',
      'addMode',
      'renameMode',
    ]),
  );

  const idsByCollection = new Map<string, string[]>();
  for (const v of file.variables) {
    const ids = idsByCollection.get(v.variableCollectionId);
    if (ids) ids.push(v.id);
    else idsByCollection.set(v.variableCollectionId, [v.id]);
  }

  // The views hold what the plugin reads: cast once here to the Plugin API types.
  // An extended collection lists the variables it inherits: those of its root collection.
  const seedsById = new Map(file.collections.map((c) => [c.id, c]));
  const rootOf = (seed: FakeCollectionSeed): FakeCollectionSeed => {
    let at = seed;
    for (let hops = 0; at.isExtension && at.parentVariableCollectionId && hops < file.collections.length; hops++) {
      at = seedsById.get(at.parentVariableCollectionId) ?? at;
    }
    return at;
  };
  const collectionsById = new Map<string, VariableCollection>();
  const localCollections: VariableCollection[] = [];
  for (const seed of file.collections) {
    const root = seed.isExtension ? rootOf(seed).id : undefined;
    const collection = new FakeCollection(
      seed,
      idsByCollection.get(root ?? seed.id) ?? [],
      root,
    ) as unknown as VariableCollection;
    seedPluginData(collection, ctx.pluginId, seed);
    collectionsById.set(seed.id, collection);
    if (!seed.remote) localCollections.push(collection);
  }

  const byId = new Map<string, Variable>();
  const local: Variable[] = [];
  for (const seed of file.variables) {
    // A variable whose collection is gone stays local: Figma still lists such variables.
    const remote = collectionsById.get(seed.variableCollectionId)?.remote ?? false;
    const variable = new FakeVariable(seed, remote) as unknown as Variable;
    seedPluginData(variable, ctx.pluginId, seed);
    byId.set(seed.id, variable);
    // Deleted variables still referenced answer by id only.
    if (!remote && !seed.deletedButReferenced) local.push(variable);
  }
  return { local, localCollections, byId, collectionsById };
}

/** `figma.variables`: the async getters work; the synchronous ones throw as under dynamic-page. */
export function variablesApi(index: VariableIndex, ctx: FakeContext): VariablesAPI {
  const forbidden = (name: string) => (): never => {
    ctx.record(`variables.${name}`);
    throw dynamicPageError(name, `figma.variables.${name}Async`);
  };
  const impl = {
    getLocalVariablesAsync: recorded(
      ctx,
      'variables.getLocalVariablesAsync',
      async (type?: VariableResolvedDataType) => {
        if (type === undefined) return [...index.local];
        if (typeof type !== 'string' || !RESOLVED_TYPES.has(type)) {
          throw expectedType(
            'getLocalVariablesAsync',
            'type',
            `oneOf(${[...RESOLVED_TYPES].map((t) => `"${t}"`).join(', ')})`,
            type,
          );
        }
        return index.local.filter((v) => v.resolvedType === type);
      },
    ),
    getLocalVariableCollectionsAsync: recorded(ctx, 'variables.getLocalVariableCollectionsAsync', async () => [
      ...index.localCollections,
    ]),
    getVariableByIdAsync: recorded(ctx, 'variables.getVariableByIdAsync', async (id: string) => {
      requireString('getVariableByIdAsync', 'id', id);
      return index.byId.get(id) ?? null;
    }),
    getVariableCollectionByIdAsync: recorded(ctx, 'variables.getVariableCollectionByIdAsync', async (id: string) => {
      requireString('getVariableCollectionByIdAsync', 'id', id);
      return index.collectionsById.get(id) ?? null;
    }),
    getLocalVariables: forbidden('getLocalVariables'),
    getLocalVariableCollections: forbidden('getLocalVariableCollections'),
    getVariableById: forbidden('getVariableById'),
    getVariableCollectionById: forbidden('getVariableCollectionById'),
  } satisfies Partial<VariablesAPI>;
  return ctx.strict(impl, 'figma.variables.') as unknown as VariablesAPI;
}
