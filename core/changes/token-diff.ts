import type { TokenChange } from '../contract/changes.js';
import type { ModeValue, Token, TokenSet } from '../contract/tokens.js';
import { canonicalJson } from '../tokens/hash.js';
import { hashToken } from '../tokens/token-hash.js';

type Json = NonNullable<TokenChange['before']>;

/** Mode names by collection, to report "in mode Dark" rather than an opaque mode id. */
function modeNames(set: TokenSet): Map<string, Map<string, string>> {
  const byCollection = new Map<string, Map<string, string>>();
  for (const c of set.collections) byCollection.set(c.id, new Map(c.modes.map((m) => [m.id, m.name])));
  return byCollection;
}

const KIND_ORDER: Readonly<Record<TokenChange['kind'], number>> = {
  removed: 0,
  added: 1,
  renamed: 2,
  typeChanged: 3,
  modified: 4,
  descriptionChanged: 5,
};

/**
 * Changes from `before` to `after`, matched by token id so that a rename is a rename.
 * Values are compared per mode (one change per mode that differs, labelled with the mode's
 * name). Modes pair by id; a mode whose id exists on one side only pairs by name, so a token
 * recreated in another collection still compares value by value.
 * Order: by token id, then kind, then mode — stable whatever order the sets list tokens in.
 */
export function diffTokenSets(before: TokenSet, after: TokenSet): TokenChange[] {
  const beforeModes = modeNames(before);
  const afterModes = modeNames(after);
  const beforeById = new Map(before.tokens.map((t) => [t.id, t]));
  const afterById = new Map(after.tokens.map((t) => [t.id, t]));
  const changes: TokenChange[] = [];

  for (const [id, old] of beforeById) {
    const cur = afterById.get(id);
    if (!cur) {
      changes.push({ kind: 'removed', tokenId: id, name: old.name, before: valuesByModeName(old, beforeModes) });
    } else if (old !== cur && hashToken(old) !== hashToken(cur)) {
      // Equal hashes: same name, type, description and values in the same modes, nothing to report.
      diffToken(old, cur, beforeModes.get(old.collectionId), afterModes.get(cur.collectionId), changes);
    }
  }
  for (const [id, cur] of afterById) {
    if (!beforeById.has(id)) {
      changes.push({ kind: 'added', tokenId: id, name: cur.name, after: valuesByModeName(cur, afterModes) });
    }
  }
  return changes.sort(compareTokenChanges);
}

export function compareTokenChanges(a: TokenChange, b: TokenChange): number {
  if (a.tokenId !== b.tokenId) return a.tokenId < b.tokenId ? -1 : 1;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  const am = a.mode ?? '';
  const bm = b.mode ?? '';
  return am < bm ? -1 : am > bm ? 1 : 0;
}

function valuesByModeName(token: Token, modes: Map<string, Map<string, string>>): Json {
  const names = modes.get(token.collectionId);
  const out: Record<string, Json> = {};
  for (const [modeId, value] of Object.entries(token.valuesByMode)) out[names?.get(modeId) ?? modeId] = value as Json;
  return out;
}

function diffToken(
  old: Token,
  cur: Token,
  oldModes: Map<string, string> | undefined,
  curModes: Map<string, string> | undefined,
  into: TokenChange[],
): void {
  const tokenId = cur.id;
  const name = cur.name;
  if (old.name !== cur.name) into.push({ kind: 'renamed', tokenId, name, previousName: old.name });
  if (old.type !== cur.type) into.push({ kind: 'typeChanged', tokenId, name, before: old.type, after: cur.type });
  if ((old.description ?? '') !== (cur.description ?? '')) {
    const change: TokenChange = { kind: 'descriptionChanged', tokenId, name };
    if (old.description) change.before = old.description;
    if (cur.description) change.after = cur.description;
    into.push(change);
  }
  for (const [label, a, b] of pairModes(old, cur, oldModes, curModes)) {
    if (a !== undefined && b !== undefined && sameValue(a, b)) continue;
    const change: TokenChange = { kind: 'modified', tokenId, name, mode: label };
    if (a !== undefined) change.before = a as Json;
    if (b !== undefined) change.after = b as Json;
    into.push(change);
  }
}

/**
 * Values from one source usually keep their key order, so plain JSON settles most pairs; the
 * canonical form decides the rest (same data, keys built in another order).
 */
function sameValue(a: ModeValue, b: ModeValue): boolean {
  if (a === b) return true;
  return JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
}

type ModePair = [label: string, before: ModeValue | undefined, after: ModeValue | undefined];

function pairModes(
  old: Token,
  cur: Token,
  oldModes: Map<string, string> | undefined,
  curModes: Map<string, string> | undefined,
): ModePair[] {
  const oldName = (id: string): string => oldModes?.get(id) ?? id;
  const curName = (id: string): string => curModes?.get(id) ?? id;
  const pairs: ModePair[] = [];
  const onlyOld: string[] = [];
  for (const id of Object.keys(old.valuesByMode)) {
    if (Object.prototype.hasOwnProperty.call(cur.valuesByMode, id))
      pairs.push([curName(id), old.valuesByMode[id], cur.valuesByMode[id]]);
    else onlyOld.push(id);
  }
  const onlyCur = Object.keys(cur.valuesByMode).filter(
    (id) => !Object.prototype.hasOwnProperty.call(old.valuesByMode, id),
  );
  for (const id of onlyOld) {
    const match = onlyCur.findIndex((c) => curName(c) === oldName(id));
    if (match >= 0) {
      const [c] = onlyCur.splice(match, 1) as [string];
      pairs.push([curName(c), old.valuesByMode[id], cur.valuesByMode[c]]);
    } else {
      pairs.push([oldName(id), old.valuesByMode[id], undefined]);
    }
  }
  for (const c of onlyCur) pairs.push([curName(c), undefined, cur.valuesByMode[c]]);
  return pairs;
}
