import type { SpecChange } from '../contract/changes.js';
import type { ComponentSpec, PropDef, Variant } from '../contract/specs.js';
import { variantKey } from '../specs/variants.js';
import { diffLayers, mergeLayerChanges } from './layer-diff.js';

type Json = NonNullable<SpecChange['before']>;

/**
 * Matches props across two specs: by `id` first (Figma's "Label#12:3" survives a rename),
 * then, for what is left, by name (a client that sends no ids, or a property deleted and
 * re-created under the same name, which generates the same code).
 */
function matchProps(
  before: readonly PropDef[],
  after: readonly PropDef[],
): {
  pairs: Array<[PropDef, PropDef]>;
  removed: PropDef[];
  added: PropDef[];
} {
  const pairs: Array<[PropDef, PropDef]> = [];
  const freeBefore = new Set(before);
  const freeAfter = new Set(after);
  const byId = new Map<string, PropDef>();
  for (const p of before) if (p.id !== undefined && !byId.has(p.id)) byId.set(p.id, p);
  for (const p of after) {
    const match = p.id !== undefined ? byId.get(p.id) : undefined;
    if (match && freeBefore.has(match)) {
      pairs.push([match, p]);
      freeBefore.delete(match);
      freeAfter.delete(p);
    }
  }
  for (const p of after) {
    if (!freeAfter.has(p)) continue;
    const match = [...freeBefore].find((q) => q.name === p.name);
    if (match) {
      pairs.push([match, p]);
      freeBefore.delete(match);
      freeAfter.delete(p);
    }
  }
  return { pairs, removed: [...freeBefore], added: [...freeAfter] };
}

/**
 * Changes from `before` to `after`. A prop is reported under its current name (its old name
 * when removed); variants are identified by their values ("Size=lg, State=hover").
 * Order: name, description, then props in the new definition order (removed ones last), then
 * variants and their bindings by key, then layer changes (one per distinct change, naming the
 * variants it was found in).
 */
export function diffSpecs(before: ComponentSpec, after: ComponentSpec): SpecChange[] {
  const changes: SpecChange[] = [];
  if (before.name !== after.name) changes.push({ kind: 'nameChanged', before: before.name, after: after.name });
  // Same name, another code name (a collision settled by the sync): file and export names differ.
  else if ((before.codeName ?? '') !== (after.codeName ?? ''))
    changes.push({ kind: 'nameChanged', before: before.codeName ?? before.name, after: after.codeName ?? after.name });
  if ((before.description ?? '') !== (after.description ?? '')) {
    const change: SpecChange = { kind: 'descriptionChanged' };
    if (before.description) change.before = before.description;
    if (after.description) change.after = after.description;
    changes.push(change);
  }

  const { pairs, removed, added } = matchProps(before.props, after.props);
  const pairOf = new Map(pairs.map(([b, a]) => [a, b]));
  for (const prop of after.props) {
    const old = pairOf.get(prop);
    if (!old) {
      if (added.includes(prop)) changes.push({ kind: 'propAdded', prop: prop.name, after: propJson(prop) });
      continue;
    }
    diffProp(old, prop, changes);
  }
  for (const prop of removed) changes.push({ kind: 'propRemoved', prop: prop.name, before: propJson(prop) });

  diffVariants(before.variants, after.variants, changes, after.name);
  return changes;
}

function propJson(prop: PropDef): Json {
  return JSON.parse(JSON.stringify(prop)) as Json;
}

function diffProp(old: PropDef, cur: PropDef, into: SpecChange[]): void {
  const prop = cur.name;
  if (old.name !== cur.name) into.push({ kind: 'propRenamed', prop, before: old.name, after: cur.name });
  if (old.kind !== cur.kind) {
    // Options and default of a prop that changed kind are part of that one breaking change.
    into.push({ kind: 'propTypeChanged', prop, before: old.kind, after: cur.kind });
    return;
  }
  const oldOptions = old.options ?? [];
  const curOptions = cur.options ?? [];
  for (const option of curOptions) if (!oldOptions.includes(option)) into.push({ kind: 'optionAdded', prop, option });
  for (const option of oldOptions) if (!curOptions.includes(option)) into.push({ kind: 'optionRemoved', prop, option });
  if (old.default !== cur.default) into.push({ kind: 'defaultChanged', prop, before: old.default, after: cur.default });
}

function diffVariants(
  before: readonly Variant[],
  after: readonly Variant[],
  into: SpecChange[],
  componentName: string,
): void {
  const oldByKey = new Map(before.map((v) => [variantKey(v.values), v]));
  const curByKey = new Map(after.map((v) => [variantKey(v.values), v]));
  const keys = [...new Set([...oldByKey.keys(), ...curByKey.keys()])].sort();
  const layerChanges: SpecChange[] = [];
  for (const key of keys) {
    const old = oldByKey.get(key);
    const cur = curByKey.get(key);
    if (!old && cur) into.push({ kind: 'variantAdded', variant: key, after: variantJson(cur) });
    else if (old && !cur) into.push({ kind: 'variantRemoved', variant: key, before: variantJson(old) });
    else if (old && cur) {
      diffBindings(key, old.bindings, cur.bindings, into);
      layerChanges.push(...diffLayers(key, old.layers, cur.layers, componentName));
    }
  }
  into.push(...mergeLayerChanges(layerChanges));
}

function variantJson(v: Variant): Json {
  return { values: { ...v.values }, bindings: { ...v.bindings } };
}

function diffBindings(
  variant: string,
  old: Readonly<Record<string, string>>,
  cur: Readonly<Record<string, string>>,
  into: SpecChange[],
): void {
  const slots = [...new Set([...Object.keys(old), ...Object.keys(cur)])].sort();
  for (const binding of slots) {
    const a = Object.prototype.hasOwnProperty.call(old, binding) ? old[binding] : undefined;
    const b = Object.prototype.hasOwnProperty.call(cur, binding) ? cur[binding] : undefined;
    if (a === b) continue;
    const change: SpecChange = { kind: 'bindingChanged', variant, binding };
    if (a !== undefined) change.before = a;
    if (b !== undefined) change.after = b;
    into.push(change);
  }
}
