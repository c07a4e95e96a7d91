/**
 * Layer changes between two versions of one variant's tree (DESIGN.md "Change detection").
 *
 * Layers are matched by id, then, for what is left, by their path of names (a layer deleted and
 * re-created under the same name is the same layer to the code). `box` never takes part: it is
 * Figma's rendering of the design (a font rendering difference moves it), not the design.
 * A value bound to a token compares by its token only: when only the token's resolved value
 * differs, the token diff reports that change, once, for every component that uses it.
 */
import type { SpecChange } from '../contract/changes.js';
import type { Layer } from '../contract/layers.js';

type Json = NonNullable<SpecChange['before']>;

interface Placed {
  layer: Layer;
  /** names from the root down, joined (the fallback identity) */
  namePath: string;
  /** display name: the component's name for the root */
  label: string;
  isRoot: boolean;
}

const PATH_SEP = '\u0000';

function flatten(root: Layer, rootLabel: string): Placed[] {
  const out: Placed[] = [];
  const walk = (layer: Layer, namePath: string, isRoot: boolean): void => {
    out.push({ layer, namePath, label: isRoot ? rootLabel : layer.name, isRoot });
    for (const child of layer.children ?? []) walk(child, `${namePath}${PATH_SEP}${child.name}`, false);
  };
  walk(root, '', true);
  return out;
}

/** Pairs of matched layers (roots always match each other), and the unmatched ones. */
function matchLayers(before: Placed[], after: Placed[]) {
  const pairOf = new Map<Placed, Placed>();
  const freeBefore = new Set(before);
  const byId = new Map<string, Placed>();
  for (const p of before) if (!p.isRoot && !byId.has(p.layer.id)) byId.set(p.layer.id, p);
  for (const p of after) {
    const match = p.isRoot ? before[0] : byId.get(p.layer.id);
    if (match && freeBefore.has(match)) {
      pairOf.set(p, match);
      freeBefore.delete(match);
    }
  }
  const byPath = new Map<string, Placed[]>();
  for (const p of freeBefore) {
    const list = byPath.get(p.namePath);
    if (list) list.push(p);
    else byPath.set(p.namePath, [p]);
  }
  for (const p of after) {
    if (pairOf.has(p)) continue;
    const match = byPath.get(p.namePath)?.shift();
    if (match) {
      pairOf.set(p, match);
      freeBefore.delete(match);
    }
  }
  return { pairOf, removed: before.filter((p) => freeBefore.has(p)) };
}

/**
 * What a value means to the design: a bound value is its token (its resolved value is the
 * token's business), a paint or stop bound to a token drops its resolved colour, an effect's
 * bound colour likewise.
 */
function designValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(designValue);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (typeof o.token === 'string' && keys.length === 2 && 'value' in o) return { token: o.token };
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) {
    if (k === 'color' && (typeof o.token === 'string' || typeof o.colorToken === 'string')) continue;
    out[k] = designValue(o[k]);
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(designValue(a)) === JSON.stringify(designValue(b));

const toJson = (value: unknown): Json | undefined =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Json);

/** Properties compared one by one, per group; `box` and `children` are not among them. */
function properties(layer: Layer): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (layer.visible !== undefined) out.set('visible', layer.visible);
  for (const group of [layer.layout, layer.style, layer.text] as const) {
    if (!group) continue;
    for (const [k, v] of Object.entries(group)) if (v !== undefined) out.set(k, v);
  }
  if (layer.props) for (const [k, v] of Object.entries(layer.props)) if (v !== undefined) out.set(`props.${k}`, v);
  if (layer.vector) out.set('vector', layer.vector);
  if (layer.instance) {
    const i = layer.instance;
    out.set('component', { id: i.componentKey ?? i.componentId, name: i.componentSetName ?? i.componentName });
    for (const [k, v] of Object.entries(i.properties ?? {})) out.set(`instance.${k}`, v);
  }
  return out;
}

/** The props a layer and its descendants are wired to, in tree order. */
function wiring(layer: Layer): { layer: Layer; props: string[] }[] {
  const out: { layer: Layer; props: string[] }[] = [];
  const walk = (l: Layer): void => {
    const props = [...new Set(Object.values(l.props ?? {}).filter((p): p is string => typeof p === 'string'))];
    if (props.length > 0) out.push({ layer: l, props });
    for (const c of l.children ?? []) walk(c);
  };
  walk(layer);
  return out;
}

/**
 * Changes of one variant's layers. An added or removed subtree is one change (its top layer),
 * plus one per removed descendant wired to a prop. An absent tree on either side (a client that
 * predates layer trees) compares as nothing changed.
 */
export function diffLayers(
  variant: string,
  before: Layer | undefined,
  after: Layer | undefined,
  rootLabel: string,
): SpecChange[] {
  if (!before || !after) return [];
  const b = flatten(before, rootLabel);
  const a = flatten(after, rootLabel);
  const { pairOf, removed } = matchLayers(b, a);
  const changes: SpecChange[] = [];
  const base = (p: Placed): SpecChange & { variant: string } => ({
    kind: 'layerChanged',
    variant,
    layer: p.label,
    layerId: p.layer.id,
  });

  const parentOf = new Map<Layer, Layer>();
  for (const p of a) for (const c of p.layer.children ?? []) parentOf.set(c, p.layer);
  const layerPairs = new Map<Layer, Layer>();
  for (const [cur, prev] of pairOf) layerPairs.set(cur.layer, prev.layer);
  for (const p of a) {
    const old = pairOf.get(p);
    if (!old) {
      const parent = parentOf.get(p.layer);
      // A descendant of an added layer is part of that one addition.
      if (parent && !layerPairs.has(parent)) continue;
      changes.push({ ...base(p), kind: 'layerAdded', after: p.layer.type });
      continue;
    }
    const oldProps = properties(old.layer);
    const curProps = properties(p.layer);
    for (const key of [...new Set([...oldProps.keys(), ...curProps.keys()])]) {
      const x = oldProps.get(key);
      const y = curProps.get(key);
      if (same(x, y)) continue;
      const change: SpecChange = { ...base(p), property: key };
      const bx = toJson(x);
      const ay = toJson(y);
      if (bx !== undefined) change.before = bx;
      if (ay !== undefined) change.after = ay;
      changes.push(change);
    }
    const curOrder = (p.layer.children ?? []).flatMap((c) => {
      const prev = layerPairs.get(c);
      return prev ? [prev.id] : [];
    });
    const oldOrder = (old.layer.children ?? []).map((c) => c.id).filter((id) => curOrder.includes(id));
    if (curOrder.join(PATH_SEP) !== oldOrder.join(PATH_SEP)) {
      changes.push({ ...base(p), property: 'order of children' });
    }
  }

  const removedSet = new Set(removed.map((p) => p.layer));
  const beforeParent = new Map<Layer, Layer>();
  for (const p of b) for (const c of p.layer.children ?? []) beforeParent.set(c, p.layer);
  for (const p of removed) {
    const parent = beforeParent.get(p.layer);
    if (parent && removedSet.has(parent)) continue;
    const wired = wiring(p.layer);
    const own = wired.find((w) => w.layer === p.layer);
    const change: SpecChange = { ...base(p), kind: 'layerRemoved', before: p.layer.type };
    if (own) change.wiredTo = own.props;
    changes.push(change);
    for (const w of wired) {
      if (w.layer === p.layer) continue;
      changes.push({
        kind: 'layerRemoved',
        variant,
        layer: w.layer.name,
        layerId: w.layer.id,
        before: w.layer.type,
        wiredTo: w.props,
      });
    }
  }
  return changes;
}

/**
 * One change per distinct layer change across variants: the same property change in 12
 * variants is one change naming the 12 variants (`variants`), in the order first met.
 */
export function mergeLayerChanges(changes: readonly SpecChange[]): SpecChange[] {
  const byIdentity = new Map<string, SpecChange & { variants: string[] }>();
  for (const c of changes) {
    const identity = JSON.stringify([
      c.kind,
      c.layer,
      c.property ?? null,
      c.wiredTo ?? null,
      designValue(c.before) ?? null,
      designValue(c.after) ?? null,
    ]);
    const seen = byIdentity.get(identity);
    if (seen) {
      if (c.variant !== undefined && !seen.variants.includes(c.variant)) seen.variants.push(c.variant);
      continue;
    }
    byIdentity.set(identity, { ...c, variants: c.variant !== undefined ? [c.variant] : [] });
  }
  return [...byIdentity.values()];
}
