/**
 * A strict in-memory `figma` global for tests of the plugin's main thread:
 *
 *   const fake = createFakeFigma(realisticDesignSystem());
 *   const restore = fake.install();      // globalThis.figma = fake.api, __html__ = '<html>…'
 *   …
 *   restore();
 *
 * It behaves as Figma does for a plugin with `"documentAccess": "dynamic-page"`: async getters
 * only, pages loaded on demand, library variables and styles reachable by id only, read-only
 * objects, plugin data limits; members it does not model throw "fake figma: … is not
 * implemented". Every object it returns is frozen, so a write throws in strict-mode code (all
 * ESM is), including writes Figma would allow (renaming a variable): the plugin only reads.
 * The seed is frozen too and becomes the file's data: build a fresh one to vary a fixture.
 */
import type { FakeContext } from './context.js';
import { recorded } from './context.js';
import { buildDocument } from './document.js';
import { dynamicPageError, requireString } from './errors.js';
import { deliverToMain, hostApi, newHostState, uiApi, type Notice, type UiState } from './host.js';
import type { FakeFile } from './seed.js';
import { deepFreeze, strict } from './strict.js';
import { buildStyles, styleApi } from './styles.js';
import { isTrusted } from './trust.js';
import { validateSeed } from './validate-seed.js';
import { buildVariables, variablesApi } from './variables.js';

export interface FakeFigmaOptions {
  /** `figma.fileKey`: only private plugins get one; undefined when null or omitted */
  fileKey?: string | null;
  /** the manifest's document access; the only mode modelled */
  documentAccess?: 'dynamic-page';
  /** `figma.pluginId`, also counted in the size of private plugin data entries */
  pluginId?: string;
}

export interface FakeFigma {
  /** the object to install as `globalThis.figma` */
  readonly api: PluginAPI;
  /** every message the plugin posted with `figma.ui.postMessage`, as the UI received it (copied) */
  readonly messagesToUi: unknown[];
  /** a message from the UI: runs `figma.ui.onmessage` and `on('message')` handlers and awaits them */
  sendToMain(message: unknown): Promise<void>;
  /** texts of `figma.notify` (and of `closePlugin(message)`) */
  readonly notifications: string[];
  /** the same with their `error` flag and timeout */
  readonly notices: readonly Notice[];
  readonly closed: boolean;
  /** `figma.clientStorage`'s contents; tests may seed or inspect it */
  readonly clientStorage: Map<string, unknown>;
  /** names of the API calls made, in order: "variables.getLocalVariablesAsync", "root.findAllWithCriteria", … */
  readonly calls: string[];
  /** what `figma.showUI` and `figma.ui.resize` set */
  readonly ui: Readonly<UiState>;
  /** sets `globalThis.figma` (and `__html__`); returns a function restoring the previous values */
  install(html?: string): () => void;
}

/** The synchronous getters dynamic-page forbids, as they appear in `calls`. */
export const FORBIDDEN_SYNC_CALLS: readonly string[] = [
  'variables.getLocalVariables',
  'variables.getLocalVariableCollections',
  'variables.getVariableById',
  'variables.getVariableCollectionById',
  'getLocalPaintStyles',
  'getLocalTextStyles',
  'getLocalEffectStyles',
  'getLocalGridStyles',
  'getStyleById',
  'getNodeById',
];

export function createFakeFigma(seed: FakeFile, options: FakeFigmaOptions = {}): FakeFigma {
  if (options.documentAccess !== undefined && options.documentAccess !== 'dynamic-page') {
    throw new Error(
      `fake figma: documentAccess "${String(options.documentAccess)}" is not modelled; only "dynamic-page"`,
    );
  }
  // The seed becomes the file: frozen in place (not copied, which large fixtures cannot afford),
  // its arrays and objects are what the plugin reads; it can back any number of fakes.
  if (!isTrusted(seed)) {
    deepFreeze(seed);
    validateSeed(seed);
  }
  const state = newHostState();
  const calls: string[] = [];
  const assertOpen = (member: string): void => {
    if (state.closed) throw new Error(`fake figma: ${member} used after figma.closePlugin(): the plugin is closed`);
  };
  const ctx: FakeContext = {
    pluginId: options.pluginId ?? 'design-sync-local',
    mixed: Symbol('figma.mixed'),
    calls,
    record: (call) => {
      calls.push(call);
    },
    assertOpen,
    strict: (impl, prefix) => strict(impl, { prefix, assertOpen }),
  };

  const document = buildDocument(seed, ctx);
  const styles = buildStyles(seed, ctx);
  const variables = variablesApi(buildVariables(seed, ctx), ctx);
  const ui = uiApi(state, ctx);
  const forbidden = (name: string, replacement: string) => (): never => {
    ctx.record(name);
    throw dynamicPageError(name, replacement);
  };

  let skipInvisible = false;
  const impl = {
    apiVersion: '1.0.0' as const,
    command: '',
    editorType: 'figma' as const,
    mode: 'default' as const,
    pluginId: ctx.pluginId,
    fileKey: options.fileKey ?? undefined,
    mixed: ctx.mixed as PluginAPI['mixed'],
    get skipInvisibleInstanceChildren() {
      return skipInvisible;
    },
    set skipInvisibleInstanceChildren(value: boolean) {
      skipInvisible = value;
    },
    root: document.root,
    get currentPage(): PageNode {
      return document.current();
    },
    set currentPage(_page: PageNode) {
      ctx.record('currentPage (assignment)');
      throw dynamicPageError('set_currentPage', 'figma.setCurrentPageAsync');
    },
    setCurrentPageAsync: recorded(ctx, 'setCurrentPageAsync', (page: PageNode) => document.setCurrentPage(page)),
    loadAllPagesAsync: recorded(ctx, 'loadAllPagesAsync', () => document.loadAllPages()),
    getNodeByIdAsync: recorded(ctx, 'getNodeByIdAsync', async (id: string) => {
      requireString('getNodeByIdAsync', 'id', id);
      return document.nodeById(id);
    }),
    getNodeById: forbidden('getNodeById', 'figma.getNodeByIdAsync'),
    variables,
    ui,
    ...styleApi(styles, ctx),
    ...hostApi(state, ctx),
  } satisfies Partial<PluginAPI>;
  const api = ctx.strict(impl, 'figma.') as unknown as PluginAPI;

  return {
    api,
    messagesToUi: state.messagesToUi,
    sendToMain: (message) => deliverToMain(state, message),
    notifications: state.notifications,
    notices: state.notices,
    get closed() {
      return state.closed;
    },
    clientStorage: state.clientStorage,
    calls,
    ui: state.ui,
    install(html = '<html><body></body></html>') {
      const g = globalThis as Record<string, unknown>;
      const previous = (['figma', '__html__'] as const).map((name) => ({ name, had: name in g, value: g[name] }));
      g.figma = api;
      g.__html__ = html;
      return () => {
        for (const { name, had, value } of previous) {
          if (had) g[name] = value;
          else delete g[name];
        }
      };
    },
  };
}
