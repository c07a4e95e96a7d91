/**
 * The parts of `figma` that talk to the host rather than the document: the UI iframe and its
 * messages, notifications, closing, client storage and base64.
 */
import { recorded, type FakeContext } from './context.js';
import { expectedType, figmaError, requireString } from './errors.js';
import { storageSize, transferCopy } from './transfer.js';

/** Figma's client storage quota per plugin. */
export const CLIENT_STORAGE_QUOTA_BYTES = 5 * 1024 * 1024;

export interface Notice {
  message: string;
  error: boolean;
  timeout?: number;
}

export interface UiState {
  html: string | null;
  options: ShowUIOptions | null;
  width: number | null;
  height: number | null;
}

export interface HostState {
  readonly messagesToUi: unknown[];
  readonly notifications: string[];
  readonly notices: Notice[];
  readonly clientStorage: Map<string, unknown>;
  readonly ui: UiState;
  closed: boolean;
  closeMessage: string | undefined;
  readonly handlers: Set<MessageEventHandler>;
  /** handlers added with `once`, removed after their first message */
  readonly onceHandlers: Set<MessageEventHandler>;
  onmessage: MessageEventHandler | undefined;
}

export function newHostState(): HostState {
  return {
    messagesToUi: [],
    notifications: [],
    notices: [],
    clientStorage: new Map(),
    ui: { html: null, options: null, width: null, height: null },
    closed: false,
    closeMessage: undefined,
    handlers: new Set(),
    onceHandlers: new Set(),
    onmessage: undefined,
  };
}

const requireHandler = (member: string, type: unknown, callback: unknown): void => {
  if (type !== 'message') throw figmaError(member, `Expected "type" to be "message" but got ${String(type)}`);
  if (typeof callback !== 'function') throw expectedType(member, 'callback', 'function', callback);
};

export function uiApi(state: HostState, ctx: FakeContext): UIAPI {
  const impl = {
    get onmessage() {
      return state.onmessage;
    },
    set onmessage(handler: MessageEventHandler | undefined) {
      ctx.record('ui.onmessage');
      if (handler !== undefined && typeof handler !== 'function')
        throw expectedType('set_onmessage', 'onmessage', 'function', handler);
      state.onmessage = handler;
    },
    postMessage: recorded(ctx, 'ui.postMessage', (message: unknown, _options?: UIPostMessageOptions) => {
      if (state.ui.html === null)
        throw figmaError('postMessage', 'No UI to post a message to: call figma.showUI() first');
      state.messagesToUi.push(transferCopy(message, 'message'));
    }),
    on: recorded(ctx, 'ui.on', (type: 'message', callback: MessageEventHandler) => {
      requireHandler('on', type, callback);
      state.handlers.add(callback);
    }),
    once: recorded(ctx, 'ui.once', (type: 'message', callback: MessageEventHandler) => {
      requireHandler('once', type, callback);
      state.onceHandlers.add(callback);
      state.handlers.add(callback);
    }),
    off: recorded(ctx, 'ui.off', (type: 'message', callback: MessageEventHandler) => {
      requireHandler('off', type, callback);
      state.handlers.delete(callback);
      state.onceHandlers.delete(callback);
    }),
    resize: recorded(ctx, 'ui.resize', (width: number, height: number) => {
      if (typeof width !== 'number' || !Number.isFinite(width)) throw expectedType('resize', 'width', 'number', width);
      if (typeof height !== 'number' || !Number.isFinite(height))
        throw expectedType('resize', 'height', 'number', height);
      state.ui.width = width;
      state.ui.height = height;
    }),
  } satisfies Partial<UIAPI>;
  return ctx.strict(impl, 'figma.ui.') as unknown as UIAPI;
}

/** Delivers a message from the UI iframe to the plugin's handlers and waits for them. */
export async function deliverToMain(state: HostState, message: unknown): Promise<void> {
  if (state.closed) throw new Error('fake figma: sendToMain after figma.closePlugin(): the plugin is closed');
  if (state.ui.html === null)
    throw new Error('fake figma: sendToMain before figma.showUI(): there is no UI to send from');
  const handlers = [...(state.onmessage ? [state.onmessage] : []), ...state.handlers];
  if (handlers.length === 0)
    throw new Error("fake figma: sendToMain with no handler: set figma.ui.onmessage or call figma.ui.on('message', …)");
  const props: OnMessageProperties = { origin: 'null' };
  const results: unknown[] = [];
  for (const handler of handlers) {
    if (state.onceHandlers.delete(handler)) state.handlers.delete(handler);
    results.push(handler(transferCopy(message, 'message'), props));
  }
  await Promise.all(results);
}

export function hostApi(state: HostState, ctx: FakeContext) {
  const storage = state.clientStorage;
  const requireKey = (member: string, key: unknown) => requireString(member, 'key', key);
  const clientStorage = ctx.strict(
    {
      getAsync: recorded(ctx, 'clientStorage.getAsync', async (key: string) => {
        requireKey('getAsync', key);
        return storage.has(key) ? transferCopy(storage.get(key), 'clientStorage') : undefined;
      }),
      setAsync: recorded(ctx, 'clientStorage.setAsync', async (key: string, value: unknown) => {
        requireKey('setAsync', key);
        const copy = transferCopy(value, 'clientStorage');
        let total = storageSize(key, copy);
        for (const [k, v] of storage) if (k !== key) total += storageSize(k, v);
        if (total > CLIENT_STORAGE_QUOTA_BYTES) throw figmaError('setAsync', 'Client storage quota of 5 MB exceeded');
        storage.set(key, copy);
      }),
      deleteAsync: recorded(ctx, 'clientStorage.deleteAsync', async (key: string) => {
        requireKey('deleteAsync', key);
        storage.delete(key);
      }),
      keysAsync: recorded(ctx, 'clientStorage.keysAsync', async () => [...storage.keys()]),
    } satisfies ClientStorageAPI,
    'figma.clientStorage.',
  );

  return {
    clientStorage,
    showUI: recorded(ctx, 'showUI', (html: string, options?: ShowUIOptions) => {
      requireString('showUI', 'html', html);
      state.ui.html = html;
      state.ui.options = options ? { ...options } : {};
      state.ui.width = options?.width ?? 300;
      state.ui.height = options?.height ?? 200;
    }),
    notify: recorded(ctx, 'notify', (message: string, options?: NotificationOptions): NotificationHandler => {
      requireString('notify', 'message', message);
      state.notifications.push(message);
      state.notices.push({
        message,
        error: options?.error ?? false,
        ...(options?.timeout !== undefined ? { timeout: options.timeout } : {}),
      });
      return { cancel() {} };
    }),
    closePlugin: recorded(ctx, 'closePlugin', (message?: string) => {
      if (message !== undefined) {
        requireString('closePlugin', 'message', message);
        state.notifications.push(message);
        state.notices.push({ message, error: false });
      }
      state.closeMessage = message;
      state.closed = true;
    }),
    base64Encode: recorded(ctx, 'base64Encode', (data: Uint8Array) => {
      if (!(data instanceof Uint8Array)) throw expectedType('base64Encode', 'data', 'Uint8Array', data);
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
    }),
    base64Decode: recorded(ctx, 'base64Decode', (data: string) => {
      requireString('base64Decode', 'data', data);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1)
        throw figmaError('base64Decode', 'Invalid base64 string');
      return new Uint8Array(Buffer.from(data, 'base64'));
    }),
  } satisfies Partial<PluginAPI>;
}
