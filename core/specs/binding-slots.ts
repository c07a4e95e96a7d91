/**
 * Binding slots: the names under which a variant records the tokens bound to it.
 *
 * Both Figma APIs (Plugin and REST) are first reduced to `LayerRefs` by their normalizer, and
 * only this module turns those into slot names, so the two paths cannot drift apart.
 *
 * Slot names (documented contract for codegen):
 * - the variant's own layer has bare slots: "fill", "stroke", "effects", "typography",
 *   "layoutGrid", "paddingLeft|Right|Top|Bottom", "gap" (itemSpacing), "counterAxisSpacing",
 *   "rowGap"/"columnGap" (grid gaps), "radius" (all four corners bound to one token, or
 *   cornerRadius), "radiusTopLeft|TopRight|BottomLeft|BottomRight", "strokeWeight",
 *   "strokeWeightTop|Right|Bottom|Left", "opacity", "width", "height", "minWidth", "maxWidth",
 *   "minHeight", "maxHeight", "visible", "characters", and the text fields "fontFamily",
 *   "fontSize", "fontStyle", "fontWeight", "letterSpacing", "lineHeight",
 *   "paragraphSpacing", "paragraphIndent". Any field Figma adds later keeps its Figma name.
 * - a descendant layer's slots are prefixed by a namespace made from its layer name:
 *   "label.typography", "label.fill", "icon.fill", "container.paddingLeft". The namespace is
 *   the camelCased layer name ("Helper text" → "helperText"); a second layer of the same name
 *   in one variant gets "label2", then "label3". Only layers that bind something get a
 *   namespace, so adding an unbound layer renames nothing.
 * - several tokens in one slot (two bound fills) give "fill", "fill.2", "fill.3" in paint order.
 * - a style wins over variables of the same category: with a text style, the text layer's
 *   bound font variables are ignored (they live in the style's own definition), likewise
 *   fill/stroke/effect/grid styles over bound paints, effects and grids.
 * - nested INSTANCE layers contribute their own bindings (an overridden icon fill) but are not
 *   walked into: what lies inside belongs to the nested component's own spec.
 */

/** One layer's token references, as neutral data both normalizers produce. */
export interface LayerRefs {
  /** Figma field name → variable id, for single-valued fields (paddingLeft, itemSpacing, …) */
  fields: Array<[field: string, variableId: string]>;
  /** variables in paint / effect / grid order */
  fills: string[];
  strokes: string[];
  effects: string[];
  layoutGrids: string[];
  /** style ids, already in the Plugin API form "S:<key>,<nodeId>" */
  fillStyle?: string;
  strokeStyle?: string;
  effectStyle?: string;
  textStyle?: string;
  gridStyle?: string;
}

export function emptyLayerRefs(): LayerRefs {
  return { fields: [], fills: [], strokes: [], effects: [], layoutGrids: [] };
}

/** A layer tree, reduced to what slot naming needs. */
export interface LayerAdapter<N> {
  refs(node: N): LayerRefs;
  children(node: N): readonly N[];
  name(node: N): string;
  type(node: N): string;
}

const FIELD_SLOTS: Readonly<Record<string, string>> = {
  itemSpacing: 'gap',
  gridRowGap: 'rowGap',
  gridColumnGap: 'columnGap',
  cornerRadius: 'radius',
  topLeftRadius: 'radiusTopLeft',
  topRightRadius: 'radiusTopRight',
  bottomLeftRadius: 'radiusBottomLeft',
  bottomRightRadius: 'radiusBottomRight',
  strokeTopWeight: 'strokeWeightTop',
  strokeRightWeight: 'strokeWeightRight',
  strokeBottomWeight: 'strokeWeightBottom',
  strokeLeftWeight: 'strokeWeightLeft',
};

/** Figma's variable-bindable text fields: a text style supersedes them. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set([
  'fontFamily',
  'fontSize',
  'fontStyle',
  'fontWeight',
  'letterSpacing',
  'lineHeight',
  'paragraphSpacing',
  'paragraphIndent',
]);

const CORNERS = ['radiusTopLeft', 'radiusTopRight', 'radiusBottomLeft', 'radiusBottomRight'] as const;

export function fieldSlot(field: string): string {
  return FIELD_SLOTS[field] ?? field;
}

/**
 * The slot → token id map of one variant: its own layer plus every descendant layer, in
 * depth-first order (the order both APIs list children in).
 */
export function collectBindings<N>(root: N, adapter: LayerAdapter<N>): Record<string, string> {
  const bindings: Record<string, string> = {};
  addLayer(bindings, '', adapter.refs(root));
  const usedNamespaces = new Map<string, number>();

  const walk = (node: N): void => {
    for (const child of adapter.children(node)) {
      const refs = adapter.refs(child);
      if (hasAny(refs)) {
        const base = layerNamespace(adapter.name(child));
        const seen = (usedNamespaces.get(base) ?? 0) + 1;
        usedNamespaces.set(base, seen);
        addLayer(bindings, seen === 1 ? `${base}.` : `${base}${seen}.`, refs);
      }
      if (adapter.type(child) !== 'INSTANCE') walk(child);
    }
  };
  walk(root);
  return bindings;
}

function addLayer(bindings: Record<string, string>, prefix: string, refs: LayerRefs): void {
  const own: Record<string, string> = {};
  const add = (slot: string, id: string): void => addSlot(own, slot, id);

  if (refs.fillStyle) add('fill', refs.fillStyle);
  else for (const id of refs.fills) add('fill', id);
  if (refs.strokeStyle) add('stroke', refs.strokeStyle);
  else for (const id of refs.strokes) add('stroke', id);
  if (refs.effectStyle) add('effects', refs.effectStyle);
  else for (const id of refs.effects) add('effects', id);
  // Grid styles become no token (layout grids have no DTCG type: figma-styles.ts), so a binding
  // to one would name a token no set has; variables bound inside the grids still count.
  for (const id of refs.layoutGrids) add('layoutGrid', id);
  if (refs.textStyle) add('typography', refs.textStyle);
  for (const [field, id] of refs.fields) {
    if (refs.textStyle && TEXT_FIELDS.has(field)) continue;
    add(fieldSlot(field), id);
  }

  // The Plugin API reports a cornerRadius binding as four corner bindings; one "radius" slot is
  // what the designer did and what CSS wants.
  const first = own[CORNERS[0]];
  if (own.radius === undefined && first !== undefined && CORNERS.every((c) => own[c] === first)) {
    for (const c of CORNERS) delete own[c];
    own.radius = first;
  }
  for (const [slot, id] of Object.entries(own)) bindings[prefix + slot] = id;
}

function addSlot(into: Record<string, string>, slot: string, id: string): void {
  let name = slot;
  for (let n = 2; into[name] !== undefined; n++) {
    if (into[name] === id) return;
    name = `${slot}.${n}`;
  }
  into[name] = id;
}

function hasAny(refs: LayerRefs): boolean {
  return (
    refs.fields.length > 0 ||
    refs.fills.length > 0 ||
    refs.strokes.length > 0 ||
    refs.effects.length > 0 ||
    refs.layoutGrids.length > 0 ||
    !!refs.fillStyle ||
    !!refs.strokeStyle ||
    !!refs.effectStyle ||
    !!refs.textStyle ||
    !!refs.gridStyle
  );
}

/** "Helper text" → "helperText"; names without letters or digits become "layer". */
export function layerNamespace(layerName: string): string {
  // ASCII punctuation and whitespace separate words; other scripts' letters are kept. No \p{…}
  // classes: the plugin bundle targets es2017, which has none.
  const words = layerName.split(/[\s!-/:-@[-`{-~]+/).filter(Boolean);
  if (words.length === 0) return 'layer';
  const camel = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  // A leading digit would make an awkward CSS class or identifier downstream.
  return /^[0-9]/.test(camel) ? `layer${camel}` : camel;
}
