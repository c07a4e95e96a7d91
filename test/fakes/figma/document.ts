/**
 * `figma.root` and its pages under `"documentAccess": "dynamic-page"`: only the current page is
 * loaded at start; a page's children and searches need that page loaded, and a document-wide
 * search needs `figma.loadAllPagesAsync()` to have resolved (loading each page is not enough,
 * as in Figma).
 */
import { recorded, type FakeContext } from './context.js';
import { loadAllPagesFirstError, unloadedPageError } from './errors.js';
import { callbackPredicate, collect, criteriaPredicate, type TreeNode } from './find.js';
import { childrenOf, nodeBuilder, type NodeRegistry } from './nodes.js';
import { pluginDataMethods, seedPluginData } from './plugin-data.js';
import type { FakeFile, FakePageSeed } from './seed.js';

export interface DocumentModel {
  readonly root: DocumentNode;
  readonly pages: readonly PageNode[];
  readonly current: () => PageNode;
  /** Loads the page holding `id` and returns the node, as `getNodeByIdAsync` does. */
  readonly nodeById: (id: string) => BaseNode | null;
  readonly loadAllPages: () => Promise<void>;
  readonly setCurrentPage: (page: unknown) => Promise<void>;
}

export function buildDocument(file: FakeFile, ctx: FakeContext): DocumentModel {
  const registry: NodeRegistry = { nodesById: new Map(), pageOf: new Map() };
  const build = nodeBuilder(ctx, registry);
  const loaded = new Set<string>();
  let allLoaded = false;
  const rawChildren = new Map<string, readonly SceneNode[]>();
  const pageKids = (page: TreeNode): readonly TreeNode[] => rawChildren.get((page as PageNode).id) ?? [];
  const treeChildren = (node: TreeNode): readonly TreeNode[] | undefined =>
    node.type === 'PAGE' ? pageKids(node) : childrenOf(node);

  const rootImpl = {
    id: '0:0',
    name: file.name,
    type: 'DOCUMENT' as const,
    parent: null,
    removed: false,
    children: [] as readonly PageNode[],
    ...pluginDataMethods('root', ctx.pluginId, (c) => ctx.record(c)),
    findAll: recorded(ctx, 'root.findAll', (callback?: (n: TreeNode) => boolean) => {
      if (!allLoaded) throw loadAllPagesFirstError('findAll');
      return collect(pages, treeChildren, callbackPredicate('findAll', callback, false), []);
    }),
    findAllWithCriteria: recorded(ctx, 'root.findAllWithCriteria', (criteria: unknown) => {
      if (!allLoaded) throw loadAllPagesFirstError('findAllWithCriteria');
      return collect(pages, treeChildren, criteriaPredicate('findAllWithCriteria', criteria), []);
    }),
    findOne: recorded(ctx, 'root.findOne', (callback: (n: TreeNode) => boolean) => {
      if (!allLoaded) throw loadAllPagesFirstError('findOne');
      return collect(pages, treeChildren, callbackPredicate('findOne', callback, true), [], true)[0] ?? null;
    }),
    findChildren: recorded(ctx, 'root.findChildren', (callback?: (n: PageNode) => boolean) =>
      pages.filter(callbackPredicate('findChildren', callback, false)),
    ),
    findChild: recorded(
      ctx,
      'root.findChild',
      (callback: (n: PageNode) => boolean) => pages.find(callbackPredicate('findChild', callback, true)) ?? null,
    ),
    toString: () => '[object DocumentNode]',
  };
  const root = ctx.strict(rootImpl, 'figma.root.') as unknown as DocumentNode;
  seedPluginData(root, ctx.pluginId, file);

  function makePage(seed: FakePageSeed): PageNode {
    const assertLoaded = (member: string, access: string) => {
      if (!loaded.has(seed.id)) throw unloadedPageError(member, access);
    };
    const scope = (): readonly TreeNode[] => rawChildren.get(seed.id) ?? [];
    const impl = {
      id: seed.id,
      name: seed.name,
      type: 'PAGE' as const,
      removed: false,
      isPageDivider: false,
      get parent() {
        return root;
      },
      get children() {
        assertLoaded('get_children', 'property `children`');
        return rawChildren.get(seed.id) ?? [];
      },
      ...pluginDataMethods('page', ctx.pluginId, (c) => ctx.record(c)),
      loadAsync: recorded(ctx, 'page.loadAsync', async () => {
        await Promise.resolve();
        loaded.add(seed.id);
      }),
      findAll: recorded(ctx, 'page.findAll', (callback?: (n: TreeNode) => boolean) => {
        assertLoaded('findAll', 'method `findAll()`');
        return collect(scope(), treeChildren, callbackPredicate('findAll', callback, false), []);
      }),
      findAllWithCriteria: recorded(ctx, 'page.findAllWithCriteria', (criteria: unknown) => {
        assertLoaded('findAllWithCriteria', 'method `findAllWithCriteria()`');
        return collect(scope(), treeChildren, criteriaPredicate('findAllWithCriteria', criteria), []);
      }),
      findOne: recorded(ctx, 'page.findOne', (callback: (n: TreeNode) => boolean) => {
        assertLoaded('findOne', 'method `findOne()`');
        return collect(scope(), treeChildren, callbackPredicate('findOne', callback, true), [], true)[0] ?? null;
      }),
      findChildren: recorded(ctx, 'page.findChildren', (callback?: (n: TreeNode) => boolean) => {
        assertLoaded('findChildren', 'method `findChildren()`');
        return scope().filter(callbackPredicate('findChildren', callback, false));
      }),
      findChild: recorded(ctx, 'page.findChild', (callback: (n: TreeNode) => boolean) => {
        assertLoaded('findChild', 'method `findChild()`');
        return scope().find(callbackPredicate('findChild', callback, true)) ?? null;
      }),
      toString: () => '[object PageNode]',
    };
    const page = ctx.strict(impl, 'page.') as unknown as PageNode;
    seedPluginData(page, ctx.pluginId, seed);
    rawChildren.set(seed.id, Object.freeze(seed.children.map((c) => build(c, page, seed.id))));
    registry.nodesById.set(seed.id, page);
    return page;
  }

  const pages: readonly PageNode[] = Object.freeze(file.pages.map(makePage));
  rootImpl.children = pages;
  registry.nodesById.set('0:0', root);

  let current = pages.find((p) => p.id === (file.currentPageId ?? file.pages[0]?.id));
  if (!current) throw new Error('fake figma seed: a file needs at least one page (and currentPageId must name one)');
  loaded.add(current.id);

  return {
    root,
    pages,
    current: () => current as PageNode,
    nodeById(id) {
      const node = registry.nodesById.get(id) ?? null;
      const pageId = registry.pageOf.get(id) ?? (node?.type === 'PAGE' ? id : undefined);
      if (pageId) loaded.add(pageId);
      return node;
    },
    async loadAllPages() {
      await Promise.resolve();
      for (const page of pages) loaded.add(page.id);
      allLoaded = true;
    },
    async setCurrentPage(page) {
      const target = pages.find((p) => p === page);
      if (!target) throw new Error('in setCurrentPageAsync: Expected "page" to be a page of this document');
      await Promise.resolve();
      loaded.add(target.id);
      current = target;
    },
  };
}
