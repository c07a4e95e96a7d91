/**
 * Scene nodes built from (frozen) seeds: frozen objects with the fields the Plugin API has for
 * their type, and the getters Figma refuses to answer throwing as Figma does.
 */
import type { FakeContext } from './context.js';
import { dynamicPageError, figmaError, notImplemented } from './errors.js';
import { callbackPredicate, collect, criteriaPredicate, type TreeNode } from './find.js';
import { exportMethods } from './export.js';
import { fakeKey } from './keys.js';
import { CHARACTER_DEFAULTS, layoutFields } from './layout-fields.js';
import { pluginDataMethods, seedPluginData } from './plugin-data.js';
import { deepFreeze } from './strict.js';
import type {
  FakeComponentSeed,
  FakeComponentSetSeed,
  FakeInstanceSeed,
  FakePropertyDefinitionsSeed,
  FakeSceneSeed,
  FakeTextSeed,
  NodeBoundVariables,
} from './seed.js';
import { analyzeSet, type SetAnalysis } from './variants.js';

type Publishable = 'key' | 'description' | 'descriptionMarkdown' | 'documentationLinks' | 'remote';
type Paints = 'fills' | 'strokes' | 'fillStyleId' | 'strokeStyleId' | 'effectStyleId';
type Common =
  'id' | 'name' | 'type' | 'parent' | 'visible' | 'removed' | 'boundVariables' | 'componentPropertyReferences';

/** What the fake's nodes carry, as subsets of the real node types. */
export type FakeComponentSetView = Pick<
  ComponentSetNode,
  | Common
  | Paints
  | Publishable
  | 'gridStyleId'
  | 'componentPropertyDefinitions'
  | 'variantGroupProperties'
  | 'defaultVariant'
  | 'children'
> &
  PluginDataMixin;
export type FakeComponentView = Pick<
  ComponentNode,
  Common | Paints | Publishable | 'gridStyleId' | 'componentPropertyDefinitions' | 'variantProperties' | 'children'
> &
  PluginDataMixin;
export type FakeInstanceView = Pick<
  InstanceNode,
  | Common
  | Paints
  | 'gridStyleId'
  | 'componentProperties'
  | 'variantProperties'
  | 'getMainComponentAsync'
  | 'mainComponent'
  | 'children'
> &
  PluginDataMixin;
export type FakeFrameView = Pick<FrameNode, Common | Paints | 'gridStyleId' | 'children'> & PluginDataMixin;
export type FakeTextView = Pick<TextNode, Common | Paints | 'textStyleId' | 'characters'> & PluginDataMixin;
export type FakeRectangleView = Pick<RectangleNode, Common | Paints> & PluginDataMixin;

export interface NodeRegistry {
  readonly nodesById: Map<string, BaseNode>;
  /** node id → id of the page holding it */
  readonly pageOf: Map<string, string>;
}

const CONTAINERS = new Set([
  'FRAME',
  'GROUP',
  'SECTION',
  'SLOT',
  'COMPONENT',
  'COMPONENT_SET',
  'INSTANCE',
  'BOOLEAN_OPERATION',
]);
const WITH_GRID_STYLE = new Set(['FRAME', 'SLOT', 'COMPONENT', 'COMPONENT_SET', 'INSTANCE']);
// Shared defaults (frozen, so sharing is safe).
const NONE = Object.freeze({});
const EMPTY: readonly never[] = Object.freeze([]);

/** The aliases bound to the colors of `paints`, in paint order (undefined when none). */
function paintAliases(paints: readonly Paint[] | 'MIXED' | undefined): readonly VariableAlias[] | undefined {
  if (!paints || paints === 'MIXED') return undefined;
  let aliases: VariableAlias[] | undefined;
  for (const paint of paints) {
    const color = paint.type === 'SOLID' ? paint.boundVariables?.color : undefined;
    if (color) (aliases ??= []).push(color);
  }
  return aliases && Object.freeze(aliases);
}

/**
 * Figma reports a variable bound to a paint's color twice: on the paint and in the node's
 * `boundVariables.fills` / `.strokes`. Seeds give the paint; the node list is derived unless
 * the seed gives it.
 */
function nodeBoundVariables(seed: FakeSceneSeed): NodeBoundVariables | typeof NONE {
  const given = seed.boundVariables;
  const fills = given?.fills === undefined ? paintAliases(seed.fills) : undefined;
  const strokes = given?.strokes === undefined ? paintAliases(seed.strokes) : undefined;
  // A text layer's per-range fills report their variables as `textRangeFills`, in range order.
  const ranges =
    seed.type === 'TEXT' && seed.segments && given?.textRangeFills === undefined
      ? paintAliases(seed.segments.flatMap((segment) => segment.fills))
      : undefined;
  if (!fills && !strokes && !ranges) return given ?? NONE;
  return Object.freeze({
    ...given,
    ...(fills ? { fills } : {}),
    ...(strokes ? { strokes } : {}),
    ...(ranges ? { textRangeFills: ranges } : {}),
  }) as NodeBoundVariables;
}

/** The fills a text layer reports: its segments' when they agree, `figma.mixed` when they differ. */
function textFills(seed: FakeTextSeed): FakeTextSeed['fills'] {
  if (!seed.segments || seed.segments.length === 0) return seed.fills;
  const first = JSON.stringify(seed.segments[0]!.fills);
  return seed.segments.every((segment) => JSON.stringify(segment.fills) === first) ? seed.segments[0]!.fills : 'MIXED';
}

/** What `getStyledTextSegments` can answer here; other fields throw "not implemented". */
const SEGMENT_FIELDS = new Set(['fills', ...CHARACTER_DEFAULTS.map(([field]) => field)]);

function definitions(
  seed: FakePropertyDefinitionsSeed,
  groups: Readonly<Record<string, string[]>>,
): ComponentPropertyDefinitions {
  // Future property types (e.g. 'FUTURE_PROP') pass through: the plugin must skip them.
  if (!Object.values(seed).some((d) => d.type === 'VARIANT' && !d.variantOptions))
    return seed as ComponentPropertyDefinitions;
  const defs: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(seed)) {
    defs[key] =
      def.type === 'VARIANT' && !def.variantOptions
        ? Object.freeze({ ...def, variantOptions: Object.freeze([...(groups[key] ?? [])]) })
        : def;
  }
  return Object.freeze(defs) as ComponentPropertyDefinitions;
}

export function nodeBuilder(ctx: FakeContext, registry: NodeRegistry) {
  const mainIds = new Map<object, string>();
  const mainOf = (instance: object): ComponentNode | undefined => {
    const id = mainIds.get(instance);
    const node = id === undefined ? undefined : registry.nodesById.get(id);
    return node?.type === 'COMPONENT' ? node : undefined;
  };

  // Classes (one set per fake, as their methods log to its calls). Every field is set in a
  // constructor with `this.x =`, so V8 keeps them inside the object: building tens of thousands
  // of nodes stays fast and light on the garbage collector.
  class LeafNode {
    // Private: out of equality checks and printing (which would otherwise walk back up the
    // tree), and read-only.
    readonly #parent: object;
    declare readonly id: string;
    declare readonly name: string;
    declare readonly type: string;
    declare readonly visible: boolean;
    declare readonly removed: boolean;
    declare readonly boundVariables: object;
    declare readonly componentPropertyReferences: object | null;
    declare readonly fills: readonly Paint[] | symbol;
    declare readonly strokes: readonly Paint[];
    declare readonly fillStyleId: string | symbol;
    declare readonly strokeStyleId: string;
    declare readonly effectStyleId: string;

    constructor(seed: FakeSceneSeed, parent: object) {
      this.#parent = parent;
      this.id = seed.id;
      this.name = seed.name;
      this.type = seed.type;
      this.visible = seed.visible ?? true;
      this.removed = false;
      this.boundVariables = nodeBoundVariables(seed);
      this.componentPropertyReferences = seed.componentPropertyReferences ?? null;
      if (seed.type !== 'GROUP') {
        this.fills = seed.fills === 'MIXED' ? ctx.mixed : (seed.fills ?? EMPTY);
        this.strokes = seed.strokes ?? EMPTY;
        this.fillStyleId = seed.fillStyleId === 'MIXED' ? ctx.mixed : (seed.fillStyleId ?? '');
        this.strokeStyleId = seed.strokeStyleId ?? '';
        this.effectStyleId = seed.effectStyleId ?? '';
      }
      const self = this as unknown as Record<string, unknown>;
      for (const [field, value] of layoutFields(seed, ctx.mixed)) self[field] = deepFreeze(value);
    }

    get parent(): object {
      return this.#parent;
    }
    toString(): string {
      return `[object ${this.type}Node ${this.id}]`;
    }
  }
  Object.assign(
    LeafNode.prototype,
    pluginDataMethods('node', ctx.pluginId, (c) => ctx.record(c)),
    exportMethods((c) => ctx.record(c)),
  );

  class TextLeaf extends LeafNode {
    declare readonly characters: string;
    declare readonly textStyleId: string | symbol;
    readonly #segments: readonly (Record<string, unknown> & { characters: string; fills: readonly Paint[] })[];
    constructor(seed: FakeTextSeed, parent: object) {
      const fills = textFills(seed);
      super(fills === seed.fills ? seed : { ...seed, fills }, parent);
      this.characters = seed.segments
        ? seed.segments.map((segment) => segment.characters).join('')
        : (seed.characters ?? '');
      this.textStyleId = seed.textStyleId === 'MIXED' ? ctx.mixed : (seed.textStyleId ?? '');
      // Each run complete: what it leaves out is the layer's own value (or Figma's default).
      const own = (field: string, fallback: unknown) => (seed as unknown as Record<string, unknown>)[field] ?? fallback;
      const runs = seed.segments ?? [
        { characters: this.characters, fills: Array.isArray(seed.fills) ? seed.fills : EMPTY },
      ];
      this.#segments = runs.map((run) => {
        const full: Record<string, unknown> & { characters: string; fills: readonly Paint[] } = { ...run };
        for (const [field, fallback] of CHARACTER_DEFAULTS)
          full[field] = (run as unknown as Record<string, unknown>)[field] ?? own(field, fallback);
        return deepFreeze(full);
      });
    }

    /** Runs of characters with the same values of `fields`, as Figma splits them (fills only here). */
    getStyledTextSegments(fields: readonly string[], start = 0, end = this.characters.length) {
      ctx.record('node.getStyledTextSegments');
      if (!Array.isArray(fields))
        throw figmaError('getStyledTextSegments', `Expected "fields" to be an array, got ${JSON.stringify(fields)}`);
      for (const field of fields)
        if (!SEGMENT_FIELDS.has(field)) throw notImplemented(`node.getStyledTextSegments(['${String(field)}'])`);
      if (
        !Number.isInteger(start) ||
        !Number.isInteger(end) ||
        start < 0 ||
        end > this.characters.length ||
        start > end
      ) {
        throw figmaError(
          'getStyledTextSegments',
          `Expected 0 <= start <= end <= ${this.characters.length}, got ${start}, ${end}`,
        );
      }
      const out: Array<Record<string, unknown> & { characters: string; start: number; end: number }> = [];
      let at = 0;
      for (const segment of this.#segments) {
        const from = Math.max(at, start);
        const to = Math.min(at + segment.characters.length, end);
        at += segment.characters.length;
        if (from >= to) continue;
        const piece: Record<string, unknown> & { characters: string; start: number; end: number } = {
          characters: this.characters.slice(from, to),
          start: from,
          end: to,
        };
        for (const field of fields) piece[field] = segment[field];
        const last = out.at(-1);
        const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
          fields.every((f) => JSON.stringify(a[f]) === JSON.stringify(b[f]));
        // Neighbours with equal values are one segment, as in Figma.
        if (last && last.end === from && same(last, piece)) {
          out[out.length - 1] = { ...last, characters: last.characters + piece.characters, end: to };
        } else out.push(piece);
      }
      return out.map((segment) => Object.freeze(segment));
    }
  }

  class ContainerNode extends LeafNode {
    declare readonly gridStyleId: string;
    /** set once its children are built, before freezing */
    declare children: readonly TreeNode[];
    constructor(seed: FakeSceneSeed, parent: object) {
      super(seed, parent);
      if (WITH_GRID_STYLE.has(seed.type)) this.gridStyleId = ('gridStyleId' in seed && seed.gridStyleId) || '';
      this.children = EMPTY;
    }
    findAll(callback?: (n: TreeNode) => boolean) {
      return collect(this.children, childrenOf, callbackPredicate('findAll', callback, false), []);
    }
    findAllWithCriteria(criteria: unknown) {
      return collect(this.children, childrenOf, criteriaPredicate('findAllWithCriteria', criteria), []);
    }
    findOne(callback: (n: TreeNode) => boolean) {
      return collect(this.children, childrenOf, callbackPredicate('findOne', callback, true), [], true)[0] ?? null;
    }
    findChildren(callback?: (n: TreeNode) => boolean) {
      return this.children.filter(callbackPredicate('findChildren', callback, false));
    }
    findChild(callback: (n: TreeNode) => boolean) {
      return this.children.find(callbackPredicate('findChild', callback, true)) ?? null;
    }
  }

  class PublishableNode extends ContainerNode {
    declare readonly key: string;
    declare readonly description: string;
    declare readonly descriptionMarkdown: string;
    declare readonly documentationLinks: readonly DocumentationLink[];
    declare readonly remote: boolean;
    constructor(seed: FakeComponentSeed | FakeComponentSetSeed, parent: object) {
      super(seed, parent);
      this.key = seed.key ?? fakeKey(seed.id);
      this.description = seed.description ?? '';
      this.descriptionMarkdown = this.description;
      this.documentationLinks = EMPTY;
      this.remote = false;
    }
  }

  class SetNode extends PublishableNode {
    declare readonly componentPropertyDefinitions: ComponentPropertyDefinitions;
    declare readonly variantGroupProperties: ComponentSetNode['variantGroupProperties'];
    constructor(seed: FakeComponentSetSeed, parent: object, analysis: SetAnalysis) {
      super(seed, parent);
      this.componentPropertyDefinitions = definitions(seed.componentPropertyDefinitions, analysis.groups);
      // Frozen like everything the fake returns (the typings call these arrays mutable).
      this.variantGroupProperties = Object.freeze(
        Object.fromEntries(
          Object.entries(analysis.groups).map(([prop, values]) => [
            prop,
            Object.freeze({ values: Object.freeze([...values]) as string[] }),
          ]),
        ),
      );
    }
    // Repeats the first child; a getter keeps it out of equality checks.
    get defaultVariant() {
      return this.children[0] ?? null;
    }
  }

  class LoneComponentNode extends PublishableNode {
    declare readonly componentPropertyDefinitions: ComponentPropertyDefinitions;
    declare readonly variantProperties: null;
    constructor(seed: FakeComponentSeed, parent: object) {
      super(seed, parent);
      this.componentPropertyDefinitions = definitions(seed.componentPropertyDefinitions ?? NONE, NONE);
      this.variantProperties = null;
    }
  }

  const variantDefinitionsError = () =>
    figmaError(
      'get_componentPropertyDefinitions',
      'Can only get component property definitions of a component set or non-variant component',
    );

  /** A component inside a set: Figma refuses its property definitions (the set has them). */
  class VariantNode extends PublishableNode {
    declare readonly variantProperties: Readonly<Record<string, string>> | null;
    constructor(seed: FakeComponentSeed, parent: object, values: Readonly<Record<string, string>> | null) {
      super(seed, parent);
      this.variantProperties = values;
    }
    get componentPropertyDefinitions(): never {
      throw variantDefinitionsError();
    }
  }

  /** A variant of a set Figma reports as having errors. */
  class BrokenVariantNode extends PublishableNode {
    get componentPropertyDefinitions(): never {
      throw variantDefinitionsError();
    }
    get variantProperties(): never {
      throw figmaError('get_variantProperties', 'Component set for node has existing errors');
    }
  }

  class FakeInstanceNode extends ContainerNode {
    declare readonly componentProperties: ComponentProperties;
    constructor(seed: FakeInstanceSeed, parent: object) {
      super(seed, parent);
      this.componentProperties = seed.componentProperties ?? NONE;
      if (seed.mainComponentId !== undefined) mainIds.set(this, seed.mainComponentId);
    }
    async getMainComponentAsync() {
      ctx.record('node.getMainComponentAsync');
      return mainOf(this) ?? null;
    }
    // Write-only under dynamic-page: Figma refuses the read.
    get mainComponent(): never {
      throw dynamicPageError('get_mainComponent', 'node.getMainComponentAsync');
    }
    set mainComponent(_: unknown) {
      throw notImplemented('node.mainComponent (assignment)');
    }
    // An instance reads its variant values from its main component (throwing with it).
    get variantProperties() {
      const main = mainOf(this);
      return main && main.parent?.type === 'COMPONENT_SET' ? main.variantProperties : null;
    }
  }

  function create(
    seed: FakeSceneSeed,
    parent: object,
    variant: { values: Readonly<Record<string, string>> | null; conflicting: boolean } | undefined,
  ): LeafNode {
    switch (seed.type) {
      case 'TEXT':
        return new TextLeaf(seed, parent);
      case 'INSTANCE':
        return new FakeInstanceNode(seed, parent);
      case 'COMPONENT_SET':
        return new SetNode(seed, parent, analyzeSet(seed));
      case 'COMPONENT':
        if (!variant) return new LoneComponentNode(seed, parent);
        return variant.conflicting || seed.variantPropertiesThrow
          ? new BrokenVariantNode(seed, parent)
          : new VariantNode(seed, parent, variant.values);
      default:
        return CONTAINERS.has(seed.type) ? new ContainerNode(seed, parent) : new LeafNode(seed, parent);
    }
  }

  function build(
    seed: FakeSceneSeed,
    parent: object,
    pageId: string,
    variant?: { values: Readonly<Record<string, string>> | null; conflicting: boolean },
  ): SceneNode {
    const node = create(seed, parent, variant);
    seedPluginData(node, ctx.pluginId, seed);
    if (node instanceof ContainerNode) {
      if (seed.type === 'COMPONENT_SET') {
        const analysis = analyzeSet(seed);
        node.children = Object.freeze(
          seed.children.map((c, i) =>
            build(c, node, pageId, { values: analysis.values[i] ?? null, conflicting: analysis.conflicting }),
          ),
        );
      } else {
        const kids = 'children' in seed ? seed.children : undefined;
        if (kids && kids.length > 0) node.children = Object.freeze(kids.map((c) => build(c, node, pageId)));
      }
    }
    Object.freeze(node);
    // The view holds what the plugin reads; other fields of a real node read undefined.
    const view = node as unknown as SceneNode;
    registry.nodesById.set(seed.id, view);
    registry.pageOf.set(seed.id, pageId);
    return view;
  }

  return build;
}

/** The fake's own traversal over scene nodes (pages are handled by the document). */
export const childrenOf = (node: TreeNode): readonly TreeNode[] | undefined => node.children;
