// The REST client of the UI: one method per call the screens make, typed with the server's
// wire shapes (core/contract/responses.ts, types only: zod stays out of the UI bundle), every
// failure an ApiError that says what to do.
import type { Trigger, VersionStatus } from '../../../core/contract/api.js';
import type { Proposal } from '../../../core/contract/sync.js';
import type {
  CompareOut,
  ComponentDetailOut,
  ComponentOut,
  ComponentPageOut,
  DecisionsOut,
  DraftsOut,
  MeOut,
  PatternListOut,
  RollbackOut,
  SyncDetailOut,
  SyncOut,
  TrackedFileListOut,
  VersionDetailOut,
  VersionOut,
  VersionPageOut,
} from '../../../core/contract/responses.js';
import { ApiError, errorFromResponse, unreachable } from './errors.js';

/** GET /versions/:id/preview/layout: the design's boxes of each variant, and the modes the preview renders. */
export interface PreviewLayoutOut {
  versionId: string;
  variants: Array<{
    id: string;
    label: string;
    layers: Array<{
      id: string;
      name: string;
      type: string;
      visible: boolean;
      box: { x: number; y: number; width: number; height: number };
    }>;
  }>;
  modes: string[];
}

/** POST /versions/:id/fidelity: matched visible layers per variant and mode. */
export interface FidelityIn {
  variants: Array<{ id: string; mode: string; matched: number; total: number }>;
}

/** One item of POST /syncs/:id/decisions. */
export interface Decision {
  componentId: string;
  decision: 'accept' | 'reject';
  comment?: string;
  force?: boolean;
}

/** The filters of the version history (GET /components/:id/versions); '' is no filter. */
export interface HistoryFilters {
  status?: VersionStatus | '';
  tag?: string;
  trigger?: Trigger | '';
  author?: string;
  branch?: string;
  from?: string;
  to?: string;
}

export interface Connection {
  serverUrl: string;
  token: string;
}

export class ApiClient {
  private readonly base: string;

  constructor(
    private readonly connection: Connection,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {
    this.base = connection.serverUrl.replace(/\/+$/, '');
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.connection.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch {
      throw unreachable(this.base, await this.answers());
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      if (!response.ok) throw errorFromResponse(response.status, null);
      throw new ApiError(
        'server',
        `The server at ${this.base} did not answer with JSON: is this a design-sync server?`,
        response.status,
      );
    }
    if (!response.ok) throw errorFromResponse(response.status, parsed);
    return parsed as T;
  }

  /** Whether anything answers at the server's URL: a no-cors request succeeds even when CORS would block the real one. */
  private async answers(): Promise<boolean> {
    try {
      await this.fetchImpl(`${this.base}/healthz`, { mode: 'no-cors', cache: 'no-store' });
      return true;
    } catch {
      return false;
    }
  }

  me(): Promise<MeOut> {
    return this.call('GET', '/me');
  }

  /** The body goes as text: the caller may have it serialized already. */
  sync(projectId: string, body: unknown): Promise<SyncOut> {
    return this.call('POST', `/projects/${encodeURIComponent(projectId)}/syncs`, body);
  }

  getSync(syncId: string): Promise<SyncDetailOut> {
    return this.call('GET', `/syncs/${encodeURIComponent(syncId)}`);
  }

  decide(syncId: string, decisions: Decision[]): Promise<DecisionsOut> {
    return this.call('POST', `/syncs/${encodeURIComponent(syncId)}/decisions`, { decisions });
  }

  drafts(projectId: string): Promise<DraftsOut> {
    return this.call('GET', `/projects/${encodeURIComponent(projectId)}/drafts`);
  }

  publish(versionId: string, options: { comment?: string; force?: boolean } = {}): Promise<VersionOut> {
    return this.call('POST', `/versions/${encodeURIComponent(versionId)}/publish`, options);
  }

  reject(versionId: string, comment?: string): Promise<VersionOut> {
    return this.call('POST', `/versions/${encodeURIComponent(versionId)}/reject`, comment ? { comment } : {});
  }

  /** Every component of the project (the API pages by 200). */
  async components(projectId: string): Promise<ComponentOut[]> {
    const all: ComponentOut[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
      const page: ComponentPageOut = await this.call(
        'GET',
        `/projects/${encodeURIComponent(projectId)}/components${query}`,
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /** One component with the components it uses and those that use it. */
  component(componentId: string): Promise<ComponentDetailOut> {
    return this.call('GET', `/components/${encodeURIComponent(componentId)}`);
  }

  /** The Figma files the server polls, with their status and what their last check warned about. */
  trackedFiles(projectId: string): Promise<TrackedFileListOut> {
    return this.call('GET', `/projects/${encodeURIComponent(projectId)}/files`);
  }

  patterns(): Promise<PatternListOut> {
    return this.call('GET', '/patterns');
  }

  updateComponent(
    componentId: string,
    patch: { policy?: 'auto' | 'notify' | 'manual'; pattern?: string | null },
  ): Promise<ComponentOut> {
    return this.call('PATCH', `/components/${encodeURIComponent(componentId)}`, patch);
  }

  history(componentId: string, filters: HistoryFilters = {}, cursor?: string): Promise<VersionPageOut> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    if (cursor) query.set('cursor', cursor);
    query.set('limit', '100');
    return this.call('GET', `/components/${encodeURIComponent(componentId)}/versions?${query.toString()}`);
  }

  version(versionId: string): Promise<VersionDetailOut> {
    return this.call('GET', `/versions/${encodeURIComponent(versionId)}`);
  }

  compare(componentId: string, from: string, to: string): Promise<CompareOut> {
    return this.call(
      'GET',
      `/components/${encodeURIComponent(componentId)}/compare?${new URLSearchParams({ from, to }).toString()}`,
    );
  }

  rollback(componentId: string, targetVersionId: string, force = false): Promise<RollbackOut> {
    return this.call('POST', `/components/${encodeURIComponent(componentId)}/rollback`, {
      targetVersionId,
      ...(force ? { force } : {}),
    });
  }

  addTag(versionId: string, tag: string): Promise<VersionOut> {
    return this.call('POST', `/versions/${encodeURIComponent(versionId)}/tags`, { tag });
  }

  removeTag(versionId: string, tag: string): Promise<VersionOut> {
    return this.call(
      'DELETE',
      `/versions/${encodeURIComponent(versionId)}/tags?${new URLSearchParams({ tag }).toString()}`,
    );
  }

  replaceFiles(versionId: string, files: Array<{ path: string; content: string }>): Promise<VersionOut> {
    return this.call('PUT', `/versions/${encodeURIComponent(versionId)}/files`, { files });
  }

  /** The version's files as a zip (a Blob), for a download the page starts itself. */
  async download(versionId: string): Promise<Blob> {
    return (await this.raw(`/versions/${encodeURIComponent(versionId)}/download`)).blob();
  }

  /** The version rendered: a self-contained HTML page, shown in a sandboxed iframe by its text (srcdoc). */
  async previewHtml(versionId: string): Promise<string> {
    return (await this.raw(`/versions/${encodeURIComponent(versionId)}/preview`)).text();
  }

  previewLayout(versionId: string): Promise<PreviewLayoutOut> {
    return this.call('GET', `/versions/${encodeURIComponent(versionId)}/preview/layout`);
  }

  recordFidelity(versionId: string, body: FidelityIn): Promise<unknown> {
    return this.call('POST', `/versions/${encodeURIComponent(versionId)}/fidelity`, body);
  }

  /** A GET whose answer is not JSON (a zip, a page); errors still are. */
  private async raw(path: string): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}/api/v1${path}`, {
        headers: { authorization: `Bearer ${this.connection.token}` },
      });
    } catch {
      throw unreachable(this.base, await this.answers());
    }
    if (!response.ok) throw errorFromResponse(response.status, await response.json().catch(() => null));
    return response;
  }
}

export type { Proposal };
