/**
 * The one typed message contract between the plugin's main thread (Figma sandbox) and its UI
 * (iframe). Requests carry an id; the other side answers with the same id, either a result or
 * an error that rejects the caller's promise (as create-figma-plugin's emit/on and Tokens
 * Studio's AsyncMessageTypes do). Main also sends one-way events (extraction progress).
 */
import type { ComponentSpec } from '../core/contract/specs.js';
import type { TokenSet } from '../core/contract/tokens.js';

/** Where the file key came from: Figma itself (private plugins), the URL a designer pasted, or nowhere yet. */
export type FileKeySource = 'figma' | 'document' | null;

export interface FileInfo {
  fileKey: string | null;
  fileName: string;
  fileKeySource: FileKeySource;
}

export interface Settings {
  serverUrl: string;
  token: string;
}

/** What extraction read, with the sync request the UI sends to the server. */
export interface Extraction {
  request: { fileKey?: string; fileName: string; tokens: TokenSet; components: ComponentSpec[] };
  /** things skipped or read leniently, each naming what (shown to the designer) */
  warnings: string[];
  counts: {
    collections: number;
    variables: number;
    libraryVariables: number;
    styles: number;
    components: number;
    pages: number;
  };
  ms: number;
}

export type ExtractionPhase = 'variables' | 'styles' | 'pages' | 'components' | 'library' | 'done';

export interface Progress {
  phase: ExtractionPhase;
  done: number;
  total: number;
  message: string;
}

export interface SnapshotWritten {
  chunks: number;
  bytes: number;
  sha256: string;
}

/** A node exported as PNG at 2× (the image's size halved is the node's size in px). */
export interface NodeImage {
  png: Uint8Array;
}

/** Requests the UI sends to main, and what each resolves to. */
export interface MainRequests {
  /** The file's identity: its key when Figma tells it (private plugins) or when one was saved with the document. */
  getFileInfo: { params: Record<string, never>; result: FileInfo };
  /** Keeps the file key from a pasted Figma file URL in the document's plugin data (public plugins). */
  setFileUrl: { params: { url: string }; result: FileInfo };
  /** Persists the connection (server URL, API token) in figma.clientStorage, per user and machine. */
  saveSettings: { params: Settings; result: { saved: true } };
  loadSettings: { params: Record<string, never>; result: Settings | null };
  /** Reads tokens and components of the whole file; `progress` events while it runs. */
  extract: { params: Record<string, never>; result: Extraction };
  /** After a successful sync: the last extraction, as the shared-plugin-data snapshot the server's poller reads. */
  writeSnapshot: { params: { syncedAt: string }; result: SnapshotWritten };
  /** A node (a variant) as Figma draws it: PNG at 2×, for the review's Design column. */
  exportNodePng: { params: { nodeId: string }; result: NodeImage };
  notify: { params: { message: string; error?: boolean }; result: { shown: true } };
  resize: { params: { width: number; height: number }; result: { resized: true } };
  close: { params: Record<string, never>; result: { closed: true } };
}

/** One-way events main sends to the UI. */
export interface MainEvents {
  progress: Progress;
}

export type RequestName = keyof MainRequests;
export type EventName = keyof MainEvents;

export interface RequestMessage<N extends RequestName = RequestName> {
  kind: 'request';
  id: number;
  name: N;
  params: MainRequests[N]['params'];
}

export interface ResponseMessage<N extends RequestName = RequestName> {
  kind: 'response';
  id: number;
  name: N;
  ok: true;
  result: MainRequests[N]['result'];
}

export interface ErrorMessage {
  kind: 'response';
  id: number;
  name: RequestName;
  ok: false;
  error: { message: string };
}

export interface EventMessage<N extends EventName = EventName> {
  kind: 'event';
  name: N;
  data: MainEvents[N];
}

export type PluginMessage = RequestMessage | ResponseMessage | ErrorMessage | EventMessage;

export type Handlers = {
  [N in RequestName]: (params: MainRequests[N]['params']) => Promise<MainRequests[N]['result']>;
};

export function isPluginMessage(value: unknown): value is PluginMessage {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === 'request' || kind === 'response' || kind === 'event';
}

/** Answers one request with its handler; a thrown error (or an unknown name) becomes an error response. */
export async function dispatch(handlers: Handlers, message: RequestMessage): Promise<ResponseMessage | ErrorMessage> {
  const handler = Object.prototype.hasOwnProperty.call(handlers, message.name)
    ? (handlers[message.name] as (p: unknown) => Promise<unknown>)
    : undefined;
  try {
    if (!handler) throw new Error(`unknown request ${String(message.name)}`);
    const result = await handler(message.params);
    return { kind: 'response', id: message.id, name: message.name, ok: true, result } as ResponseMessage;
  } catch (err) {
    return {
      kind: 'response',
      id: message.id,
      name: message.name,
      ok: false,
      error: { message: err instanceof Error ? err.message : String(err) },
    };
  }
}

export function eventMessage<N extends EventName>(name: N, data: MainEvents[N]): EventMessage<N> {
  return { kind: 'event', name, data };
}

/** A caller that turns requests into promises resolved by the matching response, and hands events to listeners. */
export function createRequester(post: (message: RequestMessage) => void) {
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<EventName, Set<(data: never) => void>>();
  return {
    request<N extends RequestName>(name: N, params: MainRequests[N]['params']): Promise<MainRequests[N]['result']> {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        post({ kind: 'request', id, name, params } as RequestMessage);
      });
    },
    on<N extends EventName>(name: N, listener: (data: MainEvents[N]) => void): () => void {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (data: never) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (data: never) => void);
    },
    /** Feed every incoming message here; returns true when it was ours (a response or an event). */
    receive(message: unknown): boolean {
      if (!isPluginMessage(message)) return false;
      if (message.kind === 'event') {
        for (const listener of listeners.get(message.name) ?? []) (listener as (data: unknown) => void)(message.data);
        return true;
      }
      if (message.kind !== 'response') return false;
      const waiter = pending.get(message.id);
      if (!waiter) return false;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error.message));
      return true;
    },
  };
}
