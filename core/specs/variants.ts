import type { PropDef, Variant } from '../contract/specs.js';

/**
 * "Size=lg, State=hover" → { Size: "lg", State: "hover" }. Figma names each variant this way
 * and the REST API gives nothing else; parts without "=" are ignored.
 */
export function parseVariantName(name: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const part of name.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const prop = part.slice(0, eq).trim();
    if (prop) values[prop] = part.slice(eq + 1).trim();
  }
  return values;
}

/**
 * A variant's identity within its spec: "Size=lg, State=hover", property names sorted so that
 * reordering properties in Figma does not change it. A lone component's key is "".
 */
export function variantKey(values: Readonly<Record<string, string>>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${k}=${values[k]}`)
    .join(', ');
}

/**
 * Orders variants the way the designer ordered the options (definition order of the variant
 * props, then option order), so stories and CSS follow the design; values unknown to the
 * props come after, by text; the key and id break remaining ties.
 */
export function compareVariants(props: readonly PropDef[]): (a: Variant, b: Variant) => number {
  const variantProps = props.filter((p) => p.kind === 'variant');
  return (a, b) => {
    for (const prop of variantProps) {
      const av = a.values[prop.name];
      const bv = b.values[prop.name];
      if (av === bv) continue;
      const options = prop.options ?? [];
      const ai = av === undefined ? Infinity : rank(options, av);
      const bi = bv === undefined ? Infinity : rank(options, bv);
      if (ai !== bi) return ai < bi ? -1 : 1;
      return compareText(av ?? '', bv ?? '');
    }
    return compareText(variantKey(a.values), variantKey(b.values)) || compareText(a.id, b.id);
  };
}

function rank(options: readonly string[], value: string): number {
  const i = options.indexOf(value);
  return i < 0 ? options.length : i;
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortVariants(variants: readonly Variant[], props: readonly PropDef[]): Variant[] {
  return [...variants].sort(compareVariants(props));
}
