import type { CollectionChange } from '../contract/changes.js';
import type { Collection, TokenSet } from '../contract/tokens.js';

/**
 * Changes of the collections both sets have (matched by id; modes matched by id too, so a
 * renamed mode is a rename). Collections on one side only come with their tokens, whose
 * removal or addition token-diff reports. Order: by collection id, then as listed below.
 */
export function diffCollections(before: TokenSet, after: TokenSet): CollectionChange[] {
  const afterById = new Map(after.collections.map((c) => [c.id, c]));
  const changes: CollectionChange[] = [];
  const ids = [...new Set(before.collections.map((c) => c.id))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) {
    const old = before.collections.find((c) => c.id === id)!;
    const cur = afterById.get(id);
    if (cur) diffCollection(old, cur, changes);
  }
  return changes;
}

function diffCollection(old: Collection, cur: Collection, into: CollectionChange[]): void {
  const base = { collectionId: cur.id, collection: cur.name };
  if (old.name !== cur.name) into.push({ kind: 'collectionRenamed', ...base, before: old.name, after: cur.name });
  const curModes = new Map(cur.modes.map((m) => [m.id, m]));
  const oldIds = new Set(old.modes.map((m) => m.id));
  // A mode deleted and re-created under the same name (a new id) keeps its selector: no change.
  const goneNames = new Set(old.modes.filter((m) => !curModes.has(m.id)).map((m) => m.name));
  const newNames = new Set(cur.modes.filter((m) => !oldIds.has(m.id)).map((m) => m.name));
  for (const mode of old.modes) {
    const wasDefault = mode.id === old.defaultModeId;
    const now = curModes.get(mode.id);
    if (!now) {
      if (!newNames.has(mode.name)) into.push({ kind: 'modeRemoved', ...base, mode: mode.name, wasDefault });
    } else if (now.name !== mode.name) {
      into.push({ kind: 'modeRenamed', ...base, mode: mode.name, wasDefault, before: mode.name, after: now.name });
    }
  }
  for (const mode of cur.modes)
    if (!oldIds.has(mode.id) && !goneNames.has(mode.name)) into.push({ kind: 'modeAdded', ...base, mode: mode.name });
  const name = (c: Collection, id: string) => c.modes.find((m) => m.id === id)?.name ?? id;
  const [oldDefault, curDefault] = [name(old, old.defaultModeId), name(cur, cur.defaultModeId)];
  const sameDefault =
    old.defaultModeId === cur.defaultModeId || (!curModes.has(old.defaultModeId) && oldDefault === curDefault);
  if (!sameDefault) into.push({ kind: 'defaultModeChanged', ...base, before: oldDefault, after: curDefault });
}
