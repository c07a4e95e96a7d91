/**
 * What every pattern does with a spec: recognise props by role from their names, pair
 * visibility booleans with the content they show, and render whatever no role claimed, so
 * no prop of the design is silently dropped.
 */
import type { ComponentSpec, PropKind } from '../../contract/specs.js';
import { tsString } from '../code.js';
import { el, expr, when, type JsxChild, type JsxElement } from '../jsx.js';
import type { ComponentModel, PartKind, PartSpec, PropModel } from '../component-model.js';
import type { LayerRole } from '../layers/component.js';
import { cssSlug, normalizeName } from '../names.js';

/** A prop that turns a behaviour on: a boolean prop, or some values of a variant prop. */
export interface Flag {
  readonly index: number;
  /** variant props only: the values meaning "on" */
  readonly values?: readonly string[];
}

const TRUTHY = new Set(['true', 'yes', 'on']);
const CONTENT_KINDS: readonly PropKind[] = ['text', 'instanceSwap', 'slot'];
const VISIBILITY_PREFIX = /^(has|show|with|is|display|enable|enabled|use|include)(?=.)/;
const VISIBILITY_SUFFIX = /(?<=.)(visible|visibility|shown)$/;

export class Analysis {
  readonly used = new Set<number>();
  /** content prop index → the boolean prop that shows or hides it */
  readonly visibility = new Map<number, number>();

  constructor(readonly spec: ComponentSpec) {
    const norms = spec.props.map((p) => normalizeName(p.name));
    spec.props.forEach((prop, b) => {
      if (prop.kind !== 'boolean') return;
      const core = (norms[b] ?? '').replace(VISIBILITY_PREFIX, '').replace(VISIBILITY_SUFFIX, '');
      const target = spec.props.findIndex(
        (p, i) =>
          CONTENT_KINDS.includes(p.kind) && !this.visibility.has(i) && (norms[i] === core || norms[i] === norms[b]),
      );
      if (target >= 0) {
        this.visibility.set(target, b);
        this.used.add(b);
      }
    });
  }

  private norm(i: number): string {
    return normalizeName(this.spec.props[i]?.name ?? '');
  }

  /** The first unclaimed prop of one of `kinds` whose name is one of `names` (normalized). */
  take(kinds: readonly PropKind[], names: readonly string[]): number | undefined {
    for (const name of names) {
      const i = this.spec.props.findIndex(
        (p, j) => kinds.includes(p.kind) && !this.used.has(j) && this.norm(j) === name,
      );
      if (i >= 0) {
        this.used.add(i);
        return i;
      }
    }
    return undefined;
  }

  /** Unclaimed content props matching `test`, in spec order. */
  takeAll(kinds: readonly PropKind[], test: (norm: string) => boolean): number[] {
    const found = this.spec.props.flatMap((p, i) =>
      kinds.includes(p.kind) && !this.used.has(i) && test(this.norm(i)) ? [i] : [],
    );
    for (const i of found) this.used.add(i);
    return found;
  }

  /**
   * A boolean prop named like the flag, else a variant prop named like it with yes/no values
   * ("Disabled=True"), else a variant value named like it ("State=Disabled").
   */
  flag(names: readonly string[]): Flag | undefined {
    const props = this.spec.props;
    const bool = props.findIndex((p, i) => p.kind === 'boolean' && !this.used.has(i) && names.includes(this.norm(i)));
    if (bool >= 0) {
      this.used.add(bool);
      return { index: bool };
    }
    const options = (i: number): string[] => {
      const def = props[i];
      if (!def) return [];
      const all = new Set([
        ...(def.options ?? []),
        ...this.spec.variants.flatMap((v) => (v.values[def.name] === undefined ? [] : [v.values[def.name] as string])),
        String(def.default),
      ]);
      return [...all];
    };
    for (let i = 0; i < props.length; i++) {
      if (props[i]?.kind !== 'variant' || !names.includes(this.norm(i))) continue;
      const values = options(i).filter((o) => names.includes(normalizeName(o)) || TRUTHY.has(normalizeName(o)));
      if (values.length > 0) return { index: i, values };
    }
    for (let i = 0; i < props.length; i++) {
      if (props[i]?.kind !== 'variant') continue;
      const values = options(i).filter((o) => names.includes(normalizeName(o)));
      if (values.length > 0) return { index: i, values };
    }
    return undefined;
  }

  /** Content props no role claimed, rendered in spec order after the pattern's own markup. */
  leftoverContent(): number[] {
    return this.spec.props.flatMap((p, i) => (CONTENT_KINDS.includes(p.kind) && !this.used.has(i) ? [i] : []));
  }

  /** Booleans nothing claimed: exposed as data attributes, a styling hook that changes no semantics. */
  leftoverBooleans(): number[] {
    return this.spec.props.flatMap((p, i) => (p.kind === 'boolean' && !this.used.has(i) ? [i] : []));
  }

  /** Parts for leftover content, so namespaced bindings of those layers can style them. */
  contentParts(): PartSpec[] {
    return this.leftoverContent().map((i) => contentPart(this.spec, i));
  }
}

export const contentPartKey = (index: number): string => `prop:${index}`;

export function contentPart(spec: ComponentSpec, index: number): PartSpec {
  const def = spec.props[index];
  const norm = normalizeName(def?.name ?? '');
  const kind: PartKind = def?.kind === 'text' ? 'text' : norm.includes('icon') ? 'icon' : 'box';
  return { key: contentPartKey(index), name: cssSlug(def?.name ?? 'content'), kind, aliases: [norm], fixed: false };
}

/** A part every component of the pattern has; `aliases` are extra layer names that style it. */
export function fixedPart(name: string, kind: PartKind, aliases: readonly string[] = []): PartSpec {
  return { key: name, name, kind, aliases: [normalizeName(name), ...aliases], fixed: true };
}

/** The text layer wired to a pattern's label prop shows `children` first, as the label element did. */
export function labelRoles(label: number | undefined, content: string): Map<number, LayerRole> {
  return label === undefined ? new Map() : new Map([[label, { content }]]);
}

/** Rendering helpers over a built model. */
export class Kit {
  constructor(
    readonly model: ComponentModel,
    readonly analysis: Analysis,
  ) {}

  prop(index: number): PropModel {
    const p = this.model.props[index];
    if (!p) throw new Error(`no prop ${index}`);
    return p;
  }

  ident(index: number): string {
    return this.prop(index).ident;
  }

  /** `styles['label']` for a part by key. */
  cls(partKey: string): string {
    const part = this.model.parts.get(partKey);
    return `styles[${tsString(part?.className ?? partKey)}]`;
  }

  /** A boolean expression for a flag: `disabled`, `state === 'Disabled'`. */
  flagExpr(flag: Flag): string {
    const ident = this.ident(flag.index);
    if (flag.values === undefined) return ident;
    const tests = flag.values.map((v) => `${ident} === ${tsString(v)}`);
    return tests.length === 1 ? (tests[0] as string) : `(${tests.join(' || ')})`;
  }

  /** Whether a native attribute is still in `rest` (no spec prop took its name). */
  native(attr: string): boolean {
    return !this.model.props.some((p) => p.ident === attr);
  }

  /**
   * `disabled={state === 'Disabled' || rest.disabled}`: the design's flag, or the native
   * attribute when the consumer sets it and no spec prop took its name.
   */
  flagAttr(attr: string, flag: Flag): string {
    const value = this.flagExpr(flag);
    return this.native(attr) ? `${attr}={${value} || rest.${attr}}` : `${attr}={${value}}`;
  }

  /** The condition under which a content prop shows: its visibility boolean and, for nodes, presence. */
  shown(index: number, extra?: string): string | undefined {
    const conditions: string[] = [];
    const flag = this.analysis.visibility.get(index);
    if (flag !== undefined) conditions.push(this.ident(flag));
    if (extra !== undefined) conditions.push(extra);
    return conditions.length === 0 ? undefined : conditions.join(' && ');
  }

  isNode(index: number): boolean {
    return this.prop(index).kind !== 'text';
  }

  /** A content prop in its own element: `<span className={styles['label']}>{label}</span>`. */
  content(index: number, partKey = contentPartKey(index), tag = 'span', attrs: readonly string[] = []): JsxChild {
    const ident = this.ident(index);
    const element: JsxElement = el(tag, [`className={${this.cls(partKey)}}`, ...attrs], [expr(ident)]);
    const condition = this.shown(index, this.isNode(index) ? `${ident} != null` : undefined);
    return condition === undefined ? element : when(condition, element);
  }

  leftovers(): JsxChild[] {
    return this.analysis.leftoverContent().map((i) => this.content(i));
  }

  /** `data-has-icon={hasIcon ? '' : undefined}` for each unclaimed boolean. */
  dataAttributes(): string[] {
    const seen = new Set<string>();
    return this.analysis.leftoverBooleans().map((i) => {
      const p = this.prop(i);
      let name = `data-${cssSlug(p.ident)}`;
      for (let n = 2; seen.has(name); n++) name = `data-${cssSlug(p.ident)}-${n}`;
      seen.add(name);
      return `${name}={${p.ident} ? '' : undefined}`;
    });
  }
}
