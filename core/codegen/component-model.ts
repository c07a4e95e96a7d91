/**
 * Everything the templates need to know about one component, with every name already
 * settled: identifiers, union type names, CSS classes, story names. Templates only print.
 */
import type { ComponentSpec, PropDef, PropKind } from '../contract/specs.js';
import {
  allocateNames,
  componentIdentifier,
  constantCase,
  cssSlug,
  joinDigits,
  joinHyphen,
  kebabCase,
  normalizeName,
  pascalCase,
  propIdentifier,
  RESERVED_TYPE_NAMES,
  words,
  type NameRequest,
} from './names.js';

export type PartKind = 'text' | 'icon' | 'box';

/** An element a pattern renders besides its root, which namespaced bindings ("label.fill") can style. */
export interface PartSpec {
  /** what the pattern looks the part up by */
  readonly key: string;
  /** desired class name */
  readonly name: string;
  readonly kind: PartKind;
  /** normalized binding namespaces that style this part ("label", "text") */
  readonly aliases: readonly string[];
  /** fixed parts of a pattern keep their names; parts made from props yield on collision */
  readonly fixed: boolean;
}

export interface Part {
  readonly className: string;
  readonly kind: PartKind;
  readonly aliases: readonly string[];
}

export interface PropModel {
  readonly def: PropDef;
  readonly index: number;
  readonly kind: PropKind;
  readonly ident: string;
  /** "Has Icon?" → "hasicon", for recognising roles */
  readonly norm: string;
  /** variant props: every value, options first, then values only variants use, then the default */
  readonly options: readonly string[];
  /** variant props: the exported union type, e.g. "ButtonSize" */
  readonly typeName: string | undefined;
  /** variant props: the module constant mapping values to classes, e.g. "SIZE_CLASSES" */
  readonly classMapName: string | undefined;
  readonly optionClasses: ReadonlyMap<string, string>;
  readonly defaultValue: string | boolean | undefined;
}

export interface VariantModel {
  readonly id: string;
  /** one value per variant prop, in `variantProps` order */
  readonly values: readonly string[];
  /** Figma's own name for it: "Size=lg, State=hover" */
  readonly label: string;
  /** one class per variant prop, in `variantProps` order */
  readonly classes: readonly string[];
  /** the per-variant class, for bindings no single prop explains */
  readonly combinedClass: string;
  readonly storyName: string;
  readonly bindings: Readonly<Record<string, string>>;
}

export interface ComponentModel {
  readonly spec: ComponentSpec;
  readonly name: string;
  readonly propsType: string;
  readonly props: readonly PropModel[];
  readonly variantProps: readonly PropModel[];
  readonly variants: readonly VariantModel[];
  readonly parts: ReadonlyMap<string, Part>;
  readonly rootClass: string;
}

export interface ModelOptions {
  readonly parts?: readonly PartSpec[];
  /** identifiers the pattern adds itself (synthetic props, locals) */
  readonly reservedIdents?: readonly string[];
}

/**
 * Identifiers the generated function body uses, plus React's own special props: a spec prop
 * can never take one ("className" → "classNameProp").
 */
export const RESERVED_IDENTS: readonly string[] = [
  'key',
  'ref',
  'className',
  'children',
  'style',
  'rest',
  'classes',
  'styles',
  'props',
  'id',
  'autoId',
  'inputId',
  'helperId',
  'headingId',
  'inputRef',
  'isIndeterminate',
  'useId',
  'useEffect',
  'useRef',
];

const pad = (n: number): string => String(n).padStart(6, '0');
const isTrue = (v: string | boolean): boolean =>
  v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');

function variantOptions(def: PropDef, spec: ComponentSpec): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (value: string): void => {
    if (!seen.has(value)) {
      seen.add(value);
      out.push(value);
    }
  };
  for (const option of def.options ?? []) add(option);
  for (const variant of spec.variants) {
    const value = variant.values[def.name];
    if (value !== undefined) add(value);
  }
  add(String(def.default));
  return out;
}

function defaultOf(def: PropDef): string | boolean | undefined {
  switch (def.kind) {
    case 'variant':
      return String(def.default);
    case 'boolean':
      return isTrue(def.default);
    case 'text':
      return String(def.default);
    default:
      return undefined; // instance swaps and slots default to nothing: a Figma node id is no ReactNode
  }
}

/** A CSS class cannot start with a digit ("2xl" → "part-2xl"). */
function partClassName(name: string): string {
  const slug = cssSlug(name);
  return /^[a-z]/.test(slug) ? slug : `part-${slug}`;
}

export function buildModel(spec: ComponentSpec, options: ModelOptions = {}): ComponentModel {
  const name = componentIdentifier(spec.codeName ?? spec.name);
  const propsType = `${name}Props`;

  // Identifiers: the prop whose name already is the identifier keeps it ("size" over "Size").
  const reserved = new Set([...RESERVED_IDENTS, ...(options.reservedIdents ?? [])]);
  const wanted = spec.props.map((def) => propIdentifier(def.name, reserved));
  const idents = allocateNames(
    spec.props.map((def, index): NameRequest<number> => ({
      key: index,
      desired: wanted[index] ?? 'prop',
      rank: [def.name === wanted[index] ? '0' : '1', def.name, def.kind, def.id ?? '', pad(index)],
    })),
    new Set(reserved),
    joinDigits,
  );

  // Type names share the module scope with the component, its props interface and imports.
  const typeTaken = new Set([...RESERVED_TYPE_NAMES, name, propsType]);
  const typeNames = allocateNames(
    spec.props.flatMap((def, index): NameRequest<number>[] =>
      def.kind === 'variant'
        ? [{ key: index, desired: `${name}${pascalCase([idents.get(index) ?? ''])}`, rank: [def.name, pad(index)] }]
        : [],
    ),
    typeTaken,
    joinDigits,
  );

  // Classes: "root", then the pattern's parts, then one class per variant prop value.
  const classTaken = new Set(['root']);
  const partSpecs = options.parts ?? [];
  const partClasses = allocateNames(
    partSpecs.map((p, i): NameRequest<number> => ({
      key: i,
      desired: partClassName(p.name),
      rank: [p.fixed ? '0' : '1', p.name, p.key, pad(i)],
    })),
    classTaken,
    joinHyphen,
  );
  const parts = new Map<string, Part>();
  partSpecs.forEach((p, i) => {
    if (!parts.has(p.key))
      parts.set(p.key, { className: partClasses.get(i) ?? p.name, kind: p.kind, aliases: p.aliases });
  });

  const optionLists = spec.props.map((def) => (def.kind === 'variant' ? variantOptions(def, spec) : []));
  const classRequests: NameRequest<string>[] = [];
  spec.props.forEach((_, index) => {
    const propSlug = kebabCase(words(idents.get(index) ?? 'prop'));
    for (const value of optionLists[index] ?? []) {
      const valueSlug = cssSlug(value);
      classRequests.push({
        key: `${index}\u0000${value}`,
        desired: `${propSlug}-${valueSlug}`,
        rank: [value === valueSlug ? '0' : '1', `${propSlug}-${valueSlug}`, value, pad(index)],
      });
    }
  });
  const optionClassNames = allocateNames(classRequests, classTaken, joinHyphen);

  const props: PropModel[] = spec.props.map((def, index) => {
    const ident = idents.get(index) ?? `prop${index}`;
    const options = optionLists[index] ?? [];
    return {
      def,
      index,
      kind: def.kind,
      ident,
      norm: normalizeName(def.name),
      options,
      typeName: typeNames.get(index),
      classMapName: def.kind === 'variant' ? `${constantCase(ident)}_CLASSES` : undefined,
      optionClasses: new Map(options.map((o) => [o, optionClassNames.get(`${index}\u0000${o}`) ?? 'root'])),
      defaultValue: defaultOf(def),
    };
  });
  const variantProps = props.filter((p) => p.kind === 'variant');

  const storyTaken = new Set([...typeTaken, ...typeNames.values()]);
  const drafts = spec.variants.map((variant, i) => {
    const values = variantProps.map((p) => variant.values[p.def.name] ?? String(p.defaultValue));
    const pieces = variantProps.flatMap((p, j) => [...words(p.def.name), ...words(values[j] ?? '')]);
    let desired = pascalCase(pieces);
    if (desired === '') desired = 'Default';
    if (/^[0-9]/.test(desired)) desired = `Story${desired}`;
    return { variant, values, desired, i };
  });
  const storyNames = allocateNames(
    drafts.map((d): NameRequest<number> => ({
      key: d.i,
      desired: d.desired,
      rank: [d.desired, d.variant.id, pad(d.i)],
    })),
    storyTaken,
    joinDigits,
  );

  const variants: VariantModel[] = drafts.map(({ variant, values, i }) => {
    const classes = variantProps.map((p, j) => p.optionClasses.get(values[j] ?? '') ?? 'root');
    return {
      id: variant.id,
      values,
      label: variantProps.map((p, j) => `${p.def.name}=${values[j] ?? ''}`).join(', '),
      classes,
      combinedClass: classes.join('_'),
      storyName: storyNames.get(i) ?? `Variant${i}`,
      bindings: variant.bindings,
    };
  });

  return {
    spec,
    name,
    propsType,
    props,
    variantProps,
    variants,
    parts,
    rootClass: 'root',
  };
}
