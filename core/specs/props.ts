import type { PropDef, PropKind } from '../contract/specs.js';

/** The fields both APIs share for one entry of `componentPropertyDefinitions`. */
export interface PropDefinitionLike {
  readonly type: string;
  readonly defaultValue: string | boolean;
  readonly variantOptions?: readonly string[];
}

const KINDS: Readonly<Record<string, PropKind>> = {
  VARIANT: 'variant',
  BOOLEAN: 'boolean',
  TEXT: 'text',
  INSTANCE_SWAP: 'instanceSwap',
  SLOT: 'slot',
};

export function propKindOf(figmaType: string): PropKind | undefined {
  return KINDS[figmaType];
}

/**
 * "Show icon#12:3" → "Show icon". Figma appends "#<id>" to non-variant property names; the
 * suffix is identity, not display.
 */
export function stripPropSuffix(key: string): string {
  const hash = key.lastIndexOf('#');
  return hash > 0 ? key.slice(0, hash) : key;
}

export interface PropsResult {
  props: PropDef[];
  /** property types Figma may add later: skipped, never a crash */
  skipped: string[];
}

/**
 * Props in definition order (the order Figma lists them in). `id` keeps the full key so a
 * renamed property is recognised as the same one.
 */
export function propsFromDefinitions(
  definitions: { readonly [key: string]: PropDefinitionLike } | undefined | null,
): PropsResult {
  const props: PropDef[] = [];
  const skipped: string[] = [];
  for (const [key, def] of Object.entries(definitions ?? {})) {
    const kind = propKindOf(def.type);
    if (!kind) {
      skipped.push(`${key} (${def.type})`);
      continue;
    }
    const prop: PropDef = { name: stripPropSuffix(key), id: key, kind, default: def.defaultValue };
    if (kind === 'variant') prop.options = [...(def.variantOptions ?? [])];
    props.push(prop);
  }
  return { props, skipped };
}
