import { emptyLayerRefs, type LayerRefs } from './binding-slots.js';

/** `{ type: 'VARIABLE_ALIAS', id }`, the same in the Plugin and REST APIs. */
export interface VariableAliasLike {
  readonly type: string;
  readonly id: string;
}

export interface PaintLike {
  readonly type: string;
  readonly boundVariables?: { readonly color?: VariableAliasLike };
}

export function isVariableAlias(value: unknown): value is VariableAliasLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'VARIABLE_ALIAS' &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}

function aliasIds(value: unknown): string[] {
  if (isVariableAlias(value)) return [value.id];
  if (Array.isArray(value)) return value.filter(isVariableAlias).map((a) => a.id);
  return [];
}

function paintIds(paints: unknown): string[] {
  if (!Array.isArray(paints)) return [];
  const ids: string[] = [];
  for (const paint of paints as PaintLike[]) {
    const color = paint?.boundVariables?.color;
    if (isVariableAlias(color)) ids.push(color.id);
  }
  return ids;
}

// REST nests some fields that the Plugin API keeps flat; both end up under the Plugin names.
const REST_NESTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  size: { x: 'width', y: 'height' },
  individualStrokeWeights: {
    top: 'strokeTopWeight',
    right: 'strokeRightWeight',
    bottom: 'strokeBottomWeight',
    left: 'strokeLeftWeight',
  },
  rectangleCornerRadii: {
    RECTANGLE_TOP_LEFT_CORNER_RADIUS: 'topLeftRadius',
    RECTANGLE_TOP_RIGHT_CORNER_RADIUS: 'topRightRadius',
    RECTANGLE_BOTTOM_LEFT_CORNER_RADIUS: 'bottomLeftRadius',
    RECTANGLE_BOTTOM_RIGHT_CORNER_RADIUS: 'bottomRightRadius',
  },
};

const LISTS = new Set(['fills', 'strokes', 'effects', 'layoutGrids', 'textRangeFills']);
// Instance property values are content choices made per instance, not design tokens of the
// component's styling.
const IGNORED = new Set(['componentProperties']);

/**
 * A layer's variable references from its `boundVariables` and its paints. Lists keep paint
 * order; other fields are taken in name order because the two APIs list keys differently.
 */
export function refsFromBoundVariables(
  boundVariables: { readonly [field: string]: unknown } | undefined | null,
  fills: unknown,
  strokes: unknown,
): LayerRefs {
  const refs = emptyLayerRefs();
  const bv = boundVariables ?? {};
  refs.fills.push(...aliasIds(bv.fills), ...paintIds(fills), ...aliasIds(bv.textRangeFills));
  refs.strokes.push(...aliasIds(bv.strokes), ...paintIds(strokes));
  refs.effects.push(...aliasIds(bv.effects));
  refs.layoutGrids.push(...aliasIds(bv.layoutGrids));

  const fields: Array<[string, string]> = [];
  for (const [field, value] of Object.entries(bv)) {
    if (LISTS.has(field) || IGNORED.has(field)) continue;
    const nested = REST_NESTED[field];
    if (nested && value && typeof value === 'object' && !isVariableAlias(value)) {
      for (const [sub, alias] of Object.entries(value as Record<string, unknown>)) {
        const name = nested[sub];
        if (name) for (const id of aliasIds(alias)) fields.push([name, id]);
      }
      continue;
    }
    for (const id of aliasIds(value)) fields.push([field, id]);
  }
  refs.fields = fields.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return refs;
}
