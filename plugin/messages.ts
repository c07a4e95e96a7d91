/**
 * The one typed message contract between the plugin's main thread (Figma sandbox) and its UI
 * (iframe). Requests carry an id; the other side answers with the same id, either a result or
 * an error that rejects the caller's promise (as create-figma-plugin's emit/on and Tokens
 * Studio's AsyncMessageTypes do).
 */

/** Requests the UI sends to main, and what each resolves to. */
export interface MainRequests {
  /** Reads the file's identity, so the UI can show which file it will sync. */
  getFileInfo: { params: Record<string, never>; result: { fileKey: string | null; fileName: string } };
  /** Persists UI settings (server URL, token) in figma.clientStorage. */
  saveSettings: { params: { serverUrl: string; token: string }; result: { saved: true } };
  loadSettings: { params: Record<string, never>; result: { serverUrl: string; token: string } | null };
  /** Close the plugin. */
  close: { params: Record<string, never>; result: { closed: true } };
}

export type RequestName = keyof MainRequests;

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

export type PluginMessage = RequestMessage | ResponseMessage | ErrorMessage;

export type Handlers = { [N in RequestName]: (params: MainRequests[N]['params']) => Promise<MainRequests[N]['result']> };

export function isPluginMessage(value: unknown): value is PluginMessage {
  return typeof value === 'object' && value !== null && ((value as { kind?: unknown }).kind === 'request' || (value as { kind?: unknown }).kind === 'response');
}

/** Answers one request with its handler; a thrown error becomes an error response. */
export async function dispatch(handlers: Handlers, message: RequestMessage): Promise<ResponseMessage | ErrorMessage> {
  const handler = handlers[message.name] as (p: unknown) => Promise<unknown>;
  try {
    const result = await handler(message.params);
    return { kind: 'response', id: message.id, name: message.name, ok: true, result } as ResponseMessage;
  } catch (err) {
    return { kind: 'response', id: message.id, name: message.name, ok: false, error: { message: err instanceof Error ? err.message : String(err) } };
  }
}

/** A caller that turns requests into promises resolved by the matching response. */
export function createRequester(post: (message: RequestMessage) => void) {
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  return {
    request<N extends RequestName>(name: N, params: MainRequests[N]['params']): Promise<MainRequests[N]['result']> {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        post({ kind: 'request', id, name, params } as RequestMessage);
      });
    },
    /** Feed every incoming message here; returns true when it was a response to us. */
    receive(message: unknown): boolean {
      if (!isPluginMessage(message) || message.kind !== 'response') return false;
      const waiter = pending.get(message.id);
      if (!waiter) return false;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error.message));
      return true;
    },
  };
}
