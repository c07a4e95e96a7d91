/**
 * Markup and CSS that reproduce the layer trees of a component's variants. The pattern keeps
 * its semantic root (and may give some layers a role: the label layer becomes a <label>);
 * everything inside is one element per layer. Which layers a variant shows, and the text it
 * shows, is decided from the variant props, so one component renders every variant.
 */
import type { Layer } from '../../contract/layers.js';
import type { ComponentSpec, PropKind } from '../../contract/specs.js';
import type { TokenSet } from '../../contract/tokens.js';
import { scopeKey, type Decl, type ScopedDecls } from '../bindings.js';
import { tsString } from '../code.js';
import { buildModel, type ComponentModel, type PropModel } from '../component-model.js';
import { cssVarNames, type CssVarNames } from '../css-vars.js';
import { el, expr, fragment, orElse, when, type JsxChild, type JsxElement } from '../jsx.js';
import { normalizeName } from '../names.js';
import { projectComponentOf, type CodegenContext } from './context.js';
import { characterDecls, layerDecls } from './css.js';
import { nameClasses, unionTree, walk, type LayerNode } from './tree.js';
import { canonical } from './values.js';

/** What a pattern makes of the layer wired to one of its props. */
export interface LayerRole {
  readonly tag?: string;
  readonly attrs?: readonly string[];
  /** what the element shows instead of the prop (`children ?? label`) */
  readonly content?: string;
  /** a void element (an <input>): it shows its text through its attributes */
  readonly void?: boolean;
}

export interface LayeredChildrenOptions {
  /** by prop index */
  readonly roles?: ReadonlyMap<number, LayerRole>;
  /** the root only takes phrasing content (<button>, <span>, <label>): frames become spans */
  readonly inline: boolean;
  /**
   * A role for the first text layer wired to no prop whose name the pattern recognises (an
   * input's "Value" layer when no prop is wired to it), given that layer's text.
   */
  readonly unwiredText?: (layerName: string, characters: string) => LayerRole | undefined;
}

/** What a pattern's render receives when the spec has layer trees. */
export interface LayeredRender {
  /** the root element's children, reproducing the design, then content props no layer shows */
  children(options: LayeredChildrenOptions): JsxChild[];
  /** whether the layer wired to a prop got the role (after `children`) */
  placed(propIndex: number): boolean;
  /** whether a layer wired to no prop got the `unwiredText` role (after `children`) */
  placedUnwired(): boolean;
}

export const VARIANT_KEY = 'variantKey';

const CONTENT_KINDS: readonly PropKind[] = ['text', 'instanceSwap', 'slot'];

/** Props the layers are wired to, by name (text, booleans, instance swaps) and slots by layer name. */
export function wiredPropIndexes(spec: ComponentSpec): Set<number> {
  const names = new Set<string>();
  const slotNames = new Set<string>();
  const visit = (layer: Layer): void => {
    for (const n of [layer.props?.visible, layer.props?.characters, layer.props?.mainComponent])
      if (n !== undefined) names.add(n);
    if (layer.type === 'SLOT') slotNames.add(normalizeName(layer.name));
    for (const c of layer.children ?? []) visit(c);
  };
  for (const v of spec.variants) if (v.layers) visit(v.layers);
  const out = new Set<number>();
  spec.props.forEach((p, i) => {
    if (names.has(p.name) || (p.kind === 'slot' && slotNames.has(normalizeName(p.name)))) out.add(i);
  });
  return out;
}

/** Content props no layer shows: rendered after the design's layers, as before layer trees. */
export function unwiredContentProps(spec: ComponentSpec): number[] {
  const wired = wiredPropIndexes(spec);
  return spec.props.flatMap((p, i) => (CONTENT_KINDS.includes(p.kind) && !wired.has(i) ? [i] : []));
}

interface Imported {
  readonly local: string;
  readonly line: string;
}

export class LayeredComponent implements LayeredRender {
  readonly root: LayerNode;
  private readonly names: CssVarNames;
  private readonly tags = new Map<LayerNode, string>();
  private readonly imported = new Map<string, Imported>();
  private readonly placedRoles = new Set<number>();
  private unwiredPlaced = false;
  private readonly takenLocals: Set<string>;
  private readonly slotTaken = new Set<number>();
  private variantKeyUsed = false;
  /** nodes whose element is another generated component: their descendants render there */
  private readonly importedNodes = new Set<LayerNode>();
  private segmentClasses = new Map<LayerNode, string[]>();

  constructor(
    readonly spec: ComponentSpec,
    readonly model: ComponentModel,
    tokens: TokenSet,
    readonly context: CodegenContext,
    /** classes the pattern's own rules use */
    patternClasses: readonly string[],
  ) {
    this.names = cssVarNames(tokens);
    this.root = unionTree(spec, model);
    const taken = new Set<string>(['root', ...patternClasses]);
    for (const part of model.parts.values()) taken.add(part.className);
    for (const p of model.variantProps) for (const c of p.optionClasses.values()) taken.add(c);
    for (const v of model.variants) taken.add(v.combinedClass);
    nameClasses(this.root, taken);
    walk(this.root, (node) => {
      const layer = node.layers.find((l) => l !== undefined);
      if (node.kind === 'instance' && layer?.instance && projectComponentOf(layer.instance, context, spec))
        this.importedNodes.add(node);
      const segments = this.segmentsOf(node);
      if (segments)
        this.segmentClasses.set(
          node,
          segments.map((_, k) => `${node.className}__seg${k + 1}`),
        );
    });
    this.takenLocals = new Set([
      model.name,
      model.propsType,
      'styles',
      'ReactNode',
      VARIANT_KEY,
      ...model.props.flatMap((p) => [p.ident, p.typeName ?? '', p.classMapName ?? '']),
    ]);
  }

  // ---- variant logic -------------------------------------------------------------------

  private prop(name: string | undefined, kinds?: readonly PropKind[]): PropModel | undefined {
    if (name === undefined) return undefined;
    return this.model.props.find((p) => p.def.name === name && (kinds === undefined || kinds.includes(p.kind)));
  }

  private variantKey(): string {
    this.variantKeyUsed = true;
    return VARIANT_KEY;
  }

  /** A condition true exactly for the variants in `set`, or undefined when it holds for all. */
  private condition(set: readonly boolean[]): string | undefined {
    if (set.every(Boolean)) return undefined;
    if (!set.some(Boolean)) return 'false';
    const variants = this.model.variants;
    for (let j = 0; j < this.model.variantProps.length; j++) {
      const prop = this.model.variantProps[j]!;
      const on = new Set<string>();
      const off = new Set<string>();
      variants.forEach((v, i) => (set[i] ? on : off).add(v.values[j] ?? ''));
      if ([...on].some((value) => off.has(value))) continue;
      const ons = prop.options.filter((o) => on.has(o));
      const offs = prop.options.filter((o) => off.has(o));
      return offs.length < ons.length
        ? offs.map((o) => `${prop.ident} !== ${tsString(o)}`).join(' && ')
        : ons.map((o) => `${prop.ident} === ${tsString(o)}`).join(' || ');
    }
    const keys = variants.flatMap((v, i) => (set[i] ? [tsString(JSON.stringify(v.values))] : []));
    return `[${[...new Set(keys)].join(', ')}].includes(${this.variantKey()})`;
  }

  /** An expression for a string that differs by variant (absent entries: any value). */
  private variantString(values: readonly (string | undefined)[]): string {
    const present = values.filter((v): v is string => v !== undefined);
    const first = present[0] ?? '';
    if (present.every((v) => v === first)) return tsString(first);
    const variants = this.model.variants;
    const table = (key: (i: number) => string, selector: string): string => {
      const entries = new Map<string, string>();
      values.forEach((v, i) => {
        if (v !== undefined && !entries.has(key(i))) entries.set(key(i), v);
      });
      const body = [...entries].map(([k, v]) => `${tsString(k)}: ${tsString(v)}`).join(', ');
      return `({ ${body} } as Record<string, string | undefined>)[${selector}] ?? ${tsString(first)}`;
    };
    for (let j = 0; j < this.model.variantProps.length; j++) {
      const seen = new Map<string, string>();
      const explains = variants.every((v, i) => {
        const value = values[i];
        if (value === undefined) return true;
        const k = v.values[j] ?? '';
        if (!seen.has(k)) seen.set(k, value);
        return seen.get(k) === value;
      });
      if (explains) return table((i) => variants[i]?.values[j] ?? '', this.model.variantProps[j]!.ident);
    }
    return table((i) => JSON.stringify(variants[i]?.values ?? []), this.variantKey());
  }

  private wiring(node: LayerNode): Layer['props'] {
    return node.layers.find((l) => l?.props !== undefined)?.props;
  }

  /** Variants that render the layer: it exists there and is visible, unless a boolean prop decides. */
  private presence(node: LayerNode): boolean[] {
    const flag = this.prop(this.wiring(node)?.visible, ['boolean']);
    return node.layers.map((l) => l !== undefined && (flag !== undefined || l.visible !== false));
  }

  // ---- markup ---------------------------------------------------------------------------

  children(options: LayeredChildrenOptions): JsxChild[] {
    const roles = options.roles ?? new Map<number, LayerRole>();
    const rootPresence = this.root.layers.map(() => true);
    this.unwiredText = options.unwiredText;
    const out = this.root.children.flatMap((c) => this.render(c, rootPresence, roles, options.inline));
    for (const index of unwiredContentProps(this.spec)) out.push(this.leftover(index, roles.get(index)));
    if (!this.usesChildren(roles)) out.push(expr('children'));
    return out;
  }

  private usesChildren(roles: ReadonlyMap<number, LayerRole>): boolean {
    const unwired = new Set(unwiredContentProps(this.spec));
    return [...roles].some(
      ([i, role]) => (this.placedRoles.has(i) || unwired.has(i)) && /\bchildren\b/.test(role.content ?? ''),
    );
  }

  private unwiredText: LayeredChildrenOptions['unwiredText'];

  placedUnwired(): boolean {
    return this.unwiredPlaced;
  }

  placed(propIndex: number): boolean {
    return this.placedRoles.has(propIndex) || unwiredContentProps(this.spec).includes(propIndex);
  }

  private leftover(index: number, role: LayerRole | undefined): JsxChild {
    const prop = this.model.props[index]!;
    const part = this.model.parts.get(`prop:${index}`);
    const attrs = [`className={styles[${tsString(part?.className ?? `prop-${index}`)}]}`, ...(role?.attrs ?? [])];
    const element = role?.void
      ? el(role.tag ?? 'span', attrs)
      : el(role?.tag ?? 'span', attrs, [expr(role?.content ?? prop.ident)]);
    return prop.kind === 'text' ? element : when(`${prop.ident} != null`, element);
  }

  private tagOf(node: LayerNode, role: LayerRole | undefined, inline: boolean): string {
    if (role?.tag !== undefined) return role.tag;
    if (node.kind === 'text') return 'span';
    if (node.kind === 'vector') return 'svg';
    return inline ? 'span' : 'div';
  }

  private render(
    node: LayerNode,
    parentPresence: readonly boolean[],
    roles: ReadonlyMap<number, LayerRole>,
    inline: boolean,
  ): JsxChild[] {
    const presence = this.presence(node);
    if (!presence.some(Boolean)) return [];
    const wiring = this.wiring(node);
    const flag = this.prop(wiring?.visible, ['boolean']);
    const relative = presence.map((p, i) => p || !parentPresence[i]);
    const variantCondition = this.condition(relative);
    const conditions = [flag?.ident, variantCondition].filter((c): c is string => c !== undefined);
    const wrap = (element: JsxElement | JsxChild, extra?: string): JsxChild => {
      const all = extra === undefined ? conditions : [...conditions, extra];
      if (all.length === 0 || !('tag' in element)) return element;
      return when(joinConditions(all), element);
    };

    const textProp = this.prop(wiring?.characters, ['text']);
    const swapProp = this.prop(wiring?.mainComponent, ['instanceSwap', 'slot']);
    const roleIndex = textProp?.index ?? swapProp?.index;
    let role = roleIndex === undefined ? undefined : roles.get(roleIndex);
    if (role !== undefined && roleIndex !== undefined) this.placedRoles.add(roleIndex);
    if (role === undefined && node.kind === 'text' && textProp === undefined && !this.unwiredPlaced) {
      const layer = node.layers.find((l) => l !== undefined);
      role = this.unwiredText?.(layer?.name ?? '', layer?.text?.characters ?? '');
      if (role !== undefined) this.unwiredPlaced = true;
    }
    const tag = this.tagOf(node, role, inline);
    this.tags.set(node, tag);
    const cls = `className={styles[${tsString(node.className)}]}`;
    const childInline = inline || tag === 'span' || tag === 'label' || tag === 'p' || tag === 'button';

    if (node.kind === 'vector') return this.vectors(node, presence, cls, conditions);

    if (node.kind === 'text') {
      if (role?.void) return [wrap(el(tag, [...(role.attrs ?? []), cls]))];
      const content = role?.content ?? textProp?.ident;
      if (content !== undefined) return [wrap(el(tag, [...(role?.attrs ?? []), cls], [expr(content)]))];
      const segments = this.segmentsOf(node);
      if (segments) {
        const classes = this.segmentClasses.get(node) ?? [];
        const spans = segments.map((s, k) =>
          s.styled
            ? el('span', [`className={styles[${tsString(classes[k] ?? '')}]}`], [expr(tsString(s.text))])
            : expr(tsString(s.text)),
        );
        return [wrap(el(tag, [...(role?.attrs ?? []), cls], spans))];
      }
      const text = this.variantString(node.layers.map((l, i) => (presence[i] ? l?.text?.characters : undefined)));
      return [wrap(el(tag, [...(role?.attrs ?? []), cls], [expr(text)]))];
    }

    if (this.importedNodes.has(node)) {
      const element = this.importedElement(node, presence, cls);
      const swap = swapProp?.kind === 'instanceSwap' ? swapProp : undefined;
      if (swap) return [this.guard(orElse(swap.ident, element), conditions)];
      return [wrap(element)];
    }

    const inner = node.children.flatMap((c) => this.render(c, presence, roles, childInline));
    let slotProp = swapProp;
    if (node.kind === 'slot' && slotProp === undefined) slotProp = this.slotFor(node);
    const attrs = [...(role?.attrs ?? []), cls];
    if (slotProp !== undefined) {
      const fallback = inner.length === 1 && 'tag' in inner[0]! ? (inner[0] as JsxElement) : fragment(inner);
      return [wrap(el(tag, attrs, [orElse(slotProp.ident, fallback)]))];
    }
    return [wrap(el(tag, attrs, inner))];
  }

  /** `{cond ? (icon ?? <Icon />) : null}` cannot be said with `when`; wrap the fallback in a fragment. */
  private guard(child: JsxChild, conditions: readonly string[]): JsxChild {
    if (conditions.length === 0) return child;
    return when(joinConditions(conditions), fragment([child]));
  }

  private slotFor(node: LayerNode): PropModel | undefined {
    const name = normalizeName(node.layers.find((l) => l !== undefined)?.name ?? '');
    const found = this.model.props.find(
      (p) => p.kind === 'slot' && !this.slotTaken.has(p.index) && normalizeName(p.def.name) === name,
    );
    if (found) this.slotTaken.add(found.index);
    return found;
  }

  private vectors(node: LayerNode, presence: readonly boolean[], cls: string, conditions: string[]): JsxChild[] {
    const groups = new Map<string, boolean[]>();
    node.layers.forEach((layer, i) => {
      if (!layer || !presence[i]) return;
      const fills = (layer.style?.fills ?? []).some((p) => p.visible !== false);
      const strokes = (layer.style?.strokes ?? []).some((p) => p.visible !== false);
      const paths = (list: { path: string; windingRule: string }[] | undefined) =>
        (list ?? []).map((p) => ({ path: p.path, windingRule: p.windingRule }));
      const key = JSON.stringify([
        layer.box.width,
        layer.box.height,
        fills ? paths(layer.vector?.fillGeometry) : [],
        strokes ? paths(layer.vector?.strokeGeometry) : [],
      ]);
      const set = groups.get(key) ?? node.layers.map(() => false);
      set[i] = true;
      groups.set(key, set);
    });
    const out: JsxChild[] = [];
    for (const [key, set] of groups) {
      const [w, h, fillPaths, strokePaths] = JSON.parse(key) as [
        number,
        number,
        { path: string; windingRule: string }[],
        { path: string; windingRule: string }[],
      ];
      const path = (p: { path: string; windingRule: string }, stroke: boolean): JsxElement =>
        el('path', [
          `d=${JSON.stringify(p.path).includes('\\') ? `{${tsString(p.path)}}` : JSON.stringify(p.path)}`,
          ...(p.windingRule === 'EVENODD' ? ['fillRule="evenodd"', 'clipRule="evenodd"'] : []),
          ...(stroke ? ['fill="currentColor"'] : []),
        ]);
      const svg = el(
        'svg',
        [cls, `viewBox="0 0 ${fmt(w)} ${fmt(h)}"`, 'aria-hidden="true"', 'focusable="false"'],
        [...fillPaths.map((p) => path(p, false)), ...strokePaths.map((p) => path(p, true))],
      );
      const groupCondition = groups.size > 1 ? this.condition(set.map((s, i) => s || !presence[i])) : undefined;
      const all = [...conditions, ...(groupCondition === undefined ? [] : [groupCondition])];
      out.push(all.length === 0 ? svg : when(joinConditions(all), svg));
    }
    return out;
  }

  private importedElement(node: LayerNode, presence: readonly boolean[], cls: string): JsxElement {
    const first = node.layers.find((l, i) => l !== undefined && presence[i])!;
    const target = projectComponentOf(first.instance!, this.context, this.spec)!;
    const targetModel = buildModel({
      id: target.id,
      name: target.name,
      ...(target.codeName === undefined ? {} : { codeName: target.codeName }),
      props: [...target.props],
      variants: [],
    });
    const local = this.importName(targetModel.name);
    // Generated components type `className` as a string (exactOptionalPropertyTypes).
    const attrs = [cls.replace(/\}$/, " ?? ''}")];
    for (const prop of targetModel.props) {
      const values = node.layers.map((l, i) => {
        if (!l || !presence[i]) return undefined;
        const v = l.instance?.properties?.[prop.def.name];
        return v === undefined ? undefined : String(v);
      });
      const present = values.filter((v): v is string => v !== undefined);
      if (present.length === 0) continue;
      if (prop.kind === 'variant') {
        // Only values the imported union type has: anything else would not compile.
        if (!present.every((v) => prop.options.includes(v))) continue;
        attrs.push(`${prop.ident}={${this.variantString(values)} as ${local}Props[${tsString(prop.ident)}]}`);
        if (present.every((v) => v === present[0]))
          attrs[attrs.length - 1] = `${prop.ident}={${tsString(present[0]!)}}`;
        else this.importType(targetModel.name, local);
      } else if (prop.kind === 'boolean') {
        const same = present.every((v) => v === present[0]);
        attrs.push(
          same
            ? `${prop.ident}={${present[0] === 'true'}}`
            : `${prop.ident}={${this.variantString(values)} === 'true'}`,
        );
      } else if (prop.kind === 'text') {
        attrs.push(`${prop.ident}={${this.variantString(values)}}`);
      }
    }
    return el(local, attrs);
  }

  private importName(name: string): string {
    const existing = this.imported.get(name);
    if (existing) return existing.local;
    let local = name;
    for (let n = 2; this.takenLocals.has(local); n++) local = `${name}Component${n === 2 ? '' : n}`;
    this.takenLocals.add(local);
    const clause = local === name ? name : `${name} as ${local}`;
    this.imported.set(name, { local, line: `import { ${clause} } from '../${name}/${name}';` });
    return local;
  }

  private importType(name: string, local: string): void {
    const key = `type:${name}`;
    if (this.imported.has(key)) return;
    const typeLocal = `${local}Props`;
    this.takenLocals.add(typeLocal);
    this.imported.set(key, {
      local: typeLocal,
      line: `import type { ${name}Props${typeLocal === `${name}Props` ? '' : ` as ${typeLocal}`} } from '../${name}/${name}';`,
    });
  }

  /** Mixed styles of a literal text the same in every variant: its runs, each styled or plain. */
  private segmentsOf(node: LayerNode): { text: string; styled: boolean }[] | undefined {
    if (node.kind !== 'text') return undefined;
    const layers = node.layers.filter((l): l is Layer => l !== undefined);
    const first = layers[0]?.text;
    if (!first?.segments || first.segments.length === 0) return undefined;
    if (this.prop(this.wiring(node)?.characters, ['text'])) return undefined;
    const signature = (l: Layer): string => canonical([l.text?.characters, l.text?.segments]);
    if (!layers.every((l) => signature(l) === signature(layers[0]!))) return undefined;
    const chars = [...first.characters];
    const out: { text: string; styled: boolean; start: number }[] = [];
    let at = 0;
    for (const s of [...first.segments].sort((a, b) => a.start - b.start)) {
      if (s.start < at || s.end <= s.start) continue;
      if (s.start > at) out.push({ text: chars.slice(at, s.start).join(''), styled: false, start: at });
      out.push({ text: chars.slice(s.start, s.end).join(''), styled: true, start: s.start });
      at = s.end;
    }
    if (at < chars.length) out.push({ text: chars.slice(at).join(''), styled: false, start: at });
    return out.map(({ text, styled }) => ({ text, styled }));
  }

  // ---- after render ---------------------------------------------------------------------

  imports(): string[] {
    return [...this.imported.values()].map((i) => i.line).sort();
  }

  statements(): string[] {
    if (!this.variantKeyUsed) return [];
    const idents = this.model.variantProps.map((p) => p.ident).join(', ');
    return [`const ${VARIANT_KEY} = JSON.stringify([${idents}]);`];
  }

  /** Declarations of every element, per variant, keyed as variant-classes.ts distributes them. */
  declarations(): { perVariant: ScopedDecls[]; presence: Map<string | null, boolean[]> } {
    const count = this.model.variants.length;
    const perVariant: ScopedDecls[] = Array.from({ length: count }, () => new Map());
    const presence = new Map<string | null, boolean[]>();
    const add = (scope: string | null, i: number, decls: readonly Decl[]): void => {
      const map = perVariant[i]!;
      for (const d of decls) {
        const property = d.property === '' ? `/*${d.comment ?? ''}*/` : d.property;
        const key = scopeKey(scope, property);
        if (!map.has(key)) map.set(key, { scope, decl: d });
      }
    };
    walk(this.root, (node) => {
      if (this.isInsideImport(node)) return;
      const scope = node === this.root ? null : node.className;
      const rendered = node === this.root || this.tags.has(node);
      if (!rendered) return;
      presence.set(
        scope,
        node.layers.map((l) => l !== undefined),
      );
      node.layers.forEach((layer, i) => {
        if (!layer) return;
        const tag = node === this.root ? 'root' : (this.tags.get(node) ?? 'div');
        add(scope, i, layerDecls({ layer, parent: node.parents[i], kind: node.kind, tag, names: this.names }));
        const classes = this.segmentClasses.get(node);
        if (classes && layer.text?.segments) {
          const styled = [...layer.text.segments].sort((a, b) => a.start - b.start);
          classes.forEach((c, k) => {
            const segment = styled[k];
            if (!segment) return;
            presence.set(
              c,
              node.layers.map((l) => l !== undefined),
            );
            add(c, i, characterDecls(segment, this.names));
          });
        }
      });
    });
    return { perVariant, presence };
  }

  private isInsideImport(node: LayerNode): boolean {
    let inside = false;
    for (const imported of this.importedNodes) {
      if (imported !== node && contains(imported, node)) inside = true;
    }
    return inside;
  }

  /** Per variant: the class of each layer element it renders (for previews' data-figma-id). */
  previewLayers(): { layerId: string; className: string }[][] {
    return this.model.variants.map((_, i) => {
      const out: { layerId: string; className: string }[] = [];
      const visit = (node: LayerNode): void => {
        const layer = node.layers[i];
        if (!layer) return;
        if (node !== this.root) {
          const flag = this.prop(this.wiring(node)?.visible, ['boolean']);
          const shown = flag ? flag.defaultValue === true : layer.visible !== false;
          if (!shown || !this.presence(node).some(Boolean)) return;
        }
        out.push({ layerId: layer.id, className: node.className });
        if (this.importedNodes.has(node)) return;
        for (const c of node.children) visit(c);
      };
      visit(this.root);
      return out;
    });
  }
}

function joinConditions(all: readonly string[]): string {
  return all.map((c) => (all.length > 1 && / (\|\||&&) /.test(c) ? `(${c})` : c)).join(' && ');
}

function contains(ancestor: LayerNode, node: LayerNode): boolean {
  return node.key.startsWith(`${ancestor.key}/`);
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);
