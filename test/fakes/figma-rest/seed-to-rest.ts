/**
 * The variables of a file described for the fake `figma` global (test/fakes/figma seed) as
 * `GET /v1/files/:key/variables/local` answers them, so one seed can stand behind both fakes and
 * a test can compare what the plugin and the poller read of the same design. As Figma does, the
 * answer lists
 * - the local collections and variables (an extended collection with `isExtension`, its parent,
 *   its parent modes and its `variableOverrides`);
 * - variables deleted but still referenced, with `deletedButReferenced: true`;
 * - the library (remote) variables the file uses, through its variables' aliases, its styles and
 *   its layers, with `remote: true`, and their collections;
 * FLOAT values as the float32 Figma stores.
 */
import type {
  GetLocalVariablesResponse,
  LocalVariable,
  LocalVariableCollection,
  VariableScope,
} from '@figma/rest-api-spec';
import { fakeKey } from '../figma/keys.js';
import type { FakeCollectionSeed, FakeFile, FakeVariableSeed } from '../figma/seed.js';

/** Variable ids anything in `value` refers to (aliases, bound paint colors, bound fields). */
function aliasIds(value: unknown, into: Set<string>): Set<string> {
  if (!value || typeof value !== 'object') return into;
  const v = value as { type?: unknown; id?: unknown };
  if (v.type === 'VARIABLE_ALIAS' && typeof v.id === 'string') into.add(v.id);
  for (const item of Array.isArray(value) ? value : Object.values(value)) aliasIds(item, into);
  return into;
}

const float32 = (value: unknown): unknown => (typeof value === 'number' ? Math.fround(value) : value);

function collectionOf(seed: FakeCollectionSeed, variableIds: string[]): LocalVariableCollection {
  const collection: LocalVariableCollection = {
    id: seed.id,
    name: seed.name,
    key: seed.key ?? fakeKey(seed.id),
    modes: seed.modes.map((m) =>
      m.parentModeId === undefined
        ? { modeId: m.modeId, name: m.name }
        : { modeId: m.modeId, name: m.name, parentModeId: m.parentModeId },
    ),
    defaultModeId: seed.defaultModeId ?? seed.modes[0]?.modeId ?? '',
    remote: seed.remote ?? false,
    hiddenFromPublishing: seed.hiddenFromPublishing ?? false,
    variableIds,
  };
  if (seed.isExtension) {
    collection.isExtension = true;
    if (seed.parentVariableCollectionId !== undefined)
      collection.parentVariableCollectionId = seed.parentVariableCollectionId;
    collection.variableOverrides = seed.variableOverrides as LocalVariableCollection['variableOverrides'];
  }
  return collection;
}

function variableOf(seed: FakeVariableSeed, remote: boolean): LocalVariable {
  const float = seed.resolvedType === 'FLOAT';
  const variable: LocalVariable = {
    id: seed.id,
    name: seed.name,
    key: seed.key ?? fakeKey(seed.id),
    variableCollectionId: seed.variableCollectionId,
    resolvedType: seed.resolvedType as LocalVariable['resolvedType'],
    valuesByMode: Object.fromEntries(
      Object.entries(seed.valuesByMode).map(([m, v]) => [m, float ? float32(v) : v]),
    ) as LocalVariable['valuesByMode'],
    remote,
    description: seed.description ?? '',
    hiddenFromPublishing: seed.hiddenFromPublishing ?? false,
    scopes: (seed.scopes ?? ['ALL_SCOPES']) as VariableScope[],
    codeSyntax: { ...seed.codeSyntax },
  };
  if (seed.deletedButReferenced) variable.deletedButReferenced = true;
  return variable;
}

export function restVariablesFromSeed(seed: FakeFile): GetLocalVariablesResponse {
  const collections = new Map(seed.collections.map((c) => [c.id, c]));
  const variables = new Map(seed.variables.map((v) => [v.id, v]));
  const isRemote = (v: FakeVariableSeed) => collections.get(v.variableCollectionId)?.remote === true;

  // What the file refers to: its own variables' values, its styles and its layers.
  const used = new Set<string>();
  for (const v of seed.variables) if (!isRemote(v)) aliasIds(v.valuesByMode, used);
  for (const c of seed.collections) if (!c.remote) aliasIds(c.variableOverrides, used);
  aliasIds([seed.paintStyles, seed.textStyles, seed.effectStyles, seed.gridStyles], used);
  aliasIds(seed.pages, used);
  // …and what the library variables it uses refer to in turn.
  const queue = [...used];
  while (queue.length > 0) {
    const v = variables.get(queue.pop()!);
    if (!v || !isRemote(v)) continue;
    for (const id of aliasIds(v.valuesByMode, new Set()))
      if (!used.has(id)) {
        used.add(id);
        queue.push(id);
      }
  }

  const listed = seed.variables.filter((v) => !isRemote(v) || used.has(v.id));
  const variableCollections: Record<string, LocalVariableCollection> = {};
  for (const c of seed.collections) {
    const members = listed.filter((v) => v.variableCollectionId === c.id).map((v) => v.id);
    if (c.remote && members.length === 0) continue;
    variableCollections[c.id] = collectionOf(c, members);
  }
  // An extended collection lists the variables it inherits.
  for (const c of Object.values(variableCollections)) {
    if (!c.isExtension || !c.parentVariableCollectionId) continue;
    let root = collections.get(c.parentVariableCollectionId);
    for (let hops = 0; root?.isExtension && hops < seed.collections.length; hops++)
      root = collections.get(root.parentVariableCollectionId ?? '');
    c.variableIds = root ? [...(variableCollections[root.id]?.variableIds ?? [])] : [];
  }
  const out: Record<string, LocalVariable> = {};
  for (const v of listed) out[v.id] = variableOf(v, isRemote(v));
  return { status: 200, error: false, meta: { variables: out, variableCollections } };
}
