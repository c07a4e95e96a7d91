/**
 * Figma's REST API, typed with @figma/rest-api-spec. The client only asks and classifies: it
 * never sleeps or retries (Figma's limits are per seat and plan, a Retry-After can be days, and
 * the job queue decides when to come back), and it never logs. Tokens go into one header and
 * nowhere else; every message it builds is scrubbed of them.
 */
import type {
  GetFileComponentSetsResponse,
  GetFileComponentsResponse,
  GetFileMetaResponse,
  GetFileNodesResponse,
  GetFileStylesResponse,
  GetLocalVariablesResponse,
  GetWebhooksResponse,
  PostWebhookResponse,
  WebhookV2Event,
  WebhookV2Status,
} from '@figma/rest-api-spec';
import type { z } from 'zod';
import { FigmaApiError, type FigmaApiErrorKind } from './errors.js';
import { parseRetryAfter } from './retry-after.js';
import {
  ComponentSetsSchema,
  ComponentsSchema,
  FileMetaSchema,
  FileNodesSchema,
  FileStylesSchema,
  firstIssue,
  LocalVariablesSchema,
  WebhookSchema,
  WebhooksSchema,
} from './schemas.js';

export const DEFAULT_FIGMA_API_BASE = 'https://api.figma.com';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface FigmaCredentials {
  /** a personal access token goes in `X-Figma-Token`, an OAuth token in `Authorization: Bearer` */
  kind: 'pat' | 'oauth';
  token: string;
}

export interface FigmaClientOptions {
  /** FIGMA_API_BASE */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** node ids per `GET …/nodes` call; longer lists are split and the answers merged */
  maxIdsPerRequest?: number;
  now?: () => Date;
  /** sent as User-Agent: names this server instance in Figma's (and a proxy's) logs */
  userAgent?: string;
  /** told of every call before it is sent (a refused or failed call counts against Figma's budget too) */
  onCall?: (tier: RateTier) => void;
}

export interface NodesOptions {
  /** "shared": include every plugin's shared plugin data (`sharedPluginData`) */
  pluginData?: 'shared';
  /** how many levels below each requested node to return */
  depth?: number;
  /** "paths": vector layers carry fillGeometry / strokeGeometry (SVG path data) */
  geometry?: 'paths';
}

export interface CreateWebhookInput {
  eventType: Exclude<WebhookV2Event, 'PING'>;
  context: 'file';
  contextId: string;
  endpoint: string;
  passcode: string;
  description?: string;
  /** PAUSED creates it without the PING and without events */
  status?: WebhookV2Status;
}

export type FileMeta = GetFileMetaResponse & { file: GetFileMetaResponse['file'] & { version: string } };

/** Figma's rate-limit tiers: each is a budget of its own per token (per user and plan; per app for OAuth). */
export type RateTier = 1 | 2 | 3;
export const RATE_TIERS: readonly RateTier[] = [1, 2, 3];
/** Calls made (or to be made) per tier. */
export type TierCalls = Record<RateTier, number>;

/**
 * The tier of each endpoint this client calls, as Figma's REST API documentation gives it on each
 * endpoint's page ("This is a Tier N endpoint"), developers.figma.com/docs/rest-api/:
 * - rate-limits: "GET file metadata, a Tier 2 endpoint";
 * - file-endpoints: GET file, GET file nodes (and GET image) are Tier 1;
 * - variables-endpoints: GET local variables is Tier 2;
 * - component-endpoints: GET file components, file component sets and file styles are Tier 3;
 * - webhooks-endpoints: POST, GET and DELETE webhooks are Tier 2.
 * Figma may move an endpoint ("Figma reserves the right to change rate limits"): this table is
 * the one place to change.
 */
export const ENDPOINT_TIERS = {
  meta: 2,
  variables: 2,
  nodes: 1,
  components: 3,
  componentSets: 3,
  styles: 3,
  webhooks: 2,
} as const satisfies Record<string, RateTier>;

// Long `ids` lists make URLs that proxies and Figma refuse; ids are short ("12:345"), so this
// keeps a call well under 8 kB of URL.
const MAX_IDS_CHARS = 4000;
const MESSAGE_PATH_CHARS = 160;

export class FigmaClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxIdsPerRequest: number;
  private readonly now: () => Date;
  private readonly userAgent: string;
  private readonly options: FigmaClientOptions;

  constructor(options: FigmaClientOptions = {}) {
    this.options = options;
    this.userAgent = options.userAgent ?? 'design-sync';
    this.baseUrl = (options.baseUrl ?? DEFAULT_FIGMA_API_BASE).replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxIdsPerRequest = Math.max(1, options.maxIdsPerRequest ?? 200);
    this.now = options.now ?? (() => new Date());
  }

  /** The same client, counting each call it makes into `used` by tier: a check settles its budget with it. */
  metered(used: TierCalls): FigmaClient {
    const outer = this.options.onCall;
    return new FigmaClient({
      ...this.options,
      onCall: (tier) => {
        used[tier] += 1;
        outer?.(tier);
      },
    });
  }

  /** `GET /v1/files/:key/meta`: the cheap call; `file.version` changes whenever the file does. */
  async fileMeta(fileKey: string, credentials: FigmaCredentials): Promise<FileMeta> {
    return this.call<FileMeta>(
      ENDPOINT_TIERS.meta,
      'GET',
      `/v1/files/${encodeURIComponent(fileKey)}/meta`,
      {},
      credentials,
      FileMetaSchema,
    );
  }

  /** `GET /v1/files/:key/variables/local`: Enterprise only; anything else is a 403 (`forbidden`). */
  async localVariables(fileKey: string, credentials: FigmaCredentials): Promise<GetLocalVariablesResponse> {
    return this.call(
      ENDPOINT_TIERS.variables,
      'GET',
      `/v1/files/${encodeURIComponent(fileKey)}/variables/local`,
      {},
      credentials,
      LocalVariablesSchema,
    );
  }

  /**
   * `GET /v1/files/:key/nodes?ids=…`. Ids missing from the file come back as `null`. A long list
   * is fetched in several calls whose `nodes` maps are merged; the other fields are the first
   * answer's.
   */
  async nodes(
    fileKey: string,
    ids: readonly string[],
    credentials: FigmaCredentials,
    options: NodesOptions = {},
  ): Promise<GetFileNodesResponse> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw new RangeError('FigmaClient.nodes needs at least one node id');
    const path = `/v1/files/${encodeURIComponent(fileKey)}/nodes`;
    let merged: GetFileNodesResponse | undefined;
    for (const chunk of chunkIds(unique, this.maxIdsPerRequest, MAX_IDS_CHARS)) {
      const query: Record<string, string> = { ids: chunk.join(',') };
      if (options.depth !== undefined) query.depth = String(options.depth);
      if (options.pluginData) query.plugin_data = options.pluginData;
      if (options.geometry) query.geometry = options.geometry;
      const answer = await this.call<GetFileNodesResponse>(
        ENDPOINT_TIERS.nodes,
        'GET',
        path,
        query,
        credentials,
        FileNodesSchema,
      );
      if (!merged) merged = answer;
      else Object.assign(merged.nodes, answer.nodes);
    }
    return merged!;
  }

  /** `GET /v1/files/:key/component_sets`: the file's published component sets. */
  async componentSets(fileKey: string, credentials: FigmaCredentials): Promise<GetFileComponentSetsResponse> {
    return this.call(
      ENDPOINT_TIERS.componentSets,
      'GET',
      `/v1/files/${encodeURIComponent(fileKey)}/component_sets`,
      {},
      credentials,
      ComponentSetsSchema,
    );
  }

  /** `GET /v1/files/:key/components`: the file's published components, variants included (they name their set). */
  async components(fileKey: string, credentials: FigmaCredentials): Promise<GetFileComponentsResponse> {
    return this.call(
      ENDPOINT_TIERS.components,
      'GET',
      `/v1/files/${encodeURIComponent(fileKey)}/components`,
      {},
      credentials,
      ComponentsSchema,
    );
  }

  /** `GET /v1/files/:key/styles`: the file's published styles (node ids, keys, types). */
  async fileStyles(fileKey: string, credentials: FigmaCredentials): Promise<GetFileStylesResponse> {
    return this.call(
      ENDPOINT_TIERS.styles,
      'GET',
      `/v1/files/${encodeURIComponent(fileKey)}/styles`,
      {},
      credentials,
      FileStylesSchema,
    );
  }

  /** `POST /v2/webhooks`; Figma answers with the webhook and sends it a PING unless it is PAUSED. */
  async createWebhook(input: CreateWebhookInput, credentials: FigmaCredentials): Promise<PostWebhookResponse> {
    const body: Record<string, string> = {
      event_type: input.eventType,
      context: input.context,
      context_id: input.contextId,
      endpoint: input.endpoint,
      passcode: input.passcode,
    };
    if (input.description !== undefined) body.description = input.description;
    if (input.status !== undefined) body.status = input.status;
    return this.call(ENDPOINT_TIERS.webhooks, 'POST', '/v2/webhooks', {}, credentials, WebhookSchema, body);
  }

  /** `DELETE /v2/webhooks/:id`. Any 2xx means it is gone; the body is not needed. */
  async deleteWebhook(id: string, credentials: FigmaCredentials): Promise<void> {
    await this.call(
      ENDPOINT_TIERS.webhooks,
      'DELETE',
      `/v2/webhooks/${encodeURIComponent(id)}`,
      {},
      credentials,
      undefined,
    );
  }

  /** `GET /v2/webhooks?context=file&context_id=…` (passcodes come back empty). */
  async webhooksOfFile(fileKey: string, credentials: FigmaCredentials): Promise<GetWebhooksResponse> {
    return this.call(
      ENDPOINT_TIERS.webhooks,
      'GET',
      '/v2/webhooks',
      { context: 'file', context_id: fileKey },
      credentials,
      WebhooksSchema,
    );
  }

  private async call<T>(
    tier: RateTier,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    query: Record<string, string>,
    credentials: FigmaCredentials,
    schema: z.ZodType | undefined,
    body?: unknown,
  ): Promise<T> {
    const search = new URLSearchParams(query).toString();
    const target = search ? `${path}?${search}` : path;
    const scrub = (text: string) => redact(text, credentials.token);
    const where = `${method} ${shorten(target)}`;
    const fail = (kind: FigmaApiErrorKind, message: string, extra: { status?: number; figmaMessage?: string } = {}) =>
      new FigmaApiError({ kind, method, path: shorten(target), message: scrub(message), tier, ...extra });

    const headers = authHeaders(credentials, () =>
      fail(
        'unauthorized',
        `the Figma ${credentials.kind === 'pat' ? 'personal access token' : 'OAuth token'} is empty or holds characters an HTTP header cannot carry; ${where} was not sent`,
      ),
    );
    headers.Accept = 'application/json';
    headers['User-Agent'] = this.userAgent;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    this.options.onCall?.(tier);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    let status: number;
    let responseHeaders: Headers;
    let text: string;
    try {
      const response = await this.fetchImpl(`${this.baseUrl}${target}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        // A redirect would carry X-Figma-Token to wherever it points (fetch drops only
        // Authorization across origins); Figma's API does not redirect.
        redirect: 'error',
      });
      status = response.status;
      responseHeaders = response.headers;
      // The body is read under the same deadline: a server may send headers and then stall.
      text = await response.text();
    } catch (error) {
      if (timedOut)
        throw fail('timeout', `Figma did not answer ${where} within ${this.timeoutMs} ms; the request was aborted`);
      throw fail('network', `Figma could not be reached for ${where}: ${describeCause(error)}`);
    } finally {
      clearTimeout(timer);
    }

    if (status < 200 || status > 299) throw this.httpError(status, responseHeaders, text, method, target, scrub, tier);
    if (schema === undefined) return undefined as T;

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fail(
        'invalid_response',
        `Figma answered ${where} with ${status} but the body is not JSON (${describeBody(scrub(text))})`,
        { status },
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw fail(
        'invalid_response',
        `Figma answered ${where} with JSON that lacks what is needed: ${firstIssue(parsed.error)}`,
        { status },
      );
    }
    return parsed.data as T;
  }

  private httpError(
    status: number,
    headers: Headers,
    text: string,
    method: string,
    target: string,
    scrub: (text: string) => string,
    tier: RateTier,
  ): FigmaApiError {
    const where = `${method} ${shorten(target)}`;
    const figmaMessage = errorBodyMessage(text, scrub);
    const said = figmaMessage ? `: "${figmaMessage}"` : '';
    const base = { method, path: shorten(target), status, figmaMessage, tier };

    if (status === 429) {
      const retry = parseRetryAfter(headers.get('retry-after'), this.now());
      const rateLimitType = headerValue(headers, 'x-figma-rate-limit-type', scrub);
      const planTier = headerValue(headers, 'x-figma-plan-tier', scrub);
      const upgradeLink = headerValue(headers, 'x-figma-upgrade-link', scrub);
      const details = [
        rateLimitType ? `limit type ${rateLimitType}` : undefined,
        planTier ? `plan tier ${planTier}` : undefined,
      ]
        .filter(Boolean)
        .join(', ');
      const wait = retry.fromHeader
        ? `retry after ${retry.seconds} s`
        : `no usable Retry-After, retry after ${retry.seconds} s`;
      return new FigmaApiError({
        ...base,
        kind: 'rate_limited',
        message: scrub(
          `Figma rate-limited ${where} (429, a Tier ${tier} call): ${wait}, at ${retry.at.toISOString()}${details ? ` (${details})` : ''}`,
        ),
        rateLimit: { retryAfterSeconds: retry.seconds, retryAt: retry.at, rateLimitType, planTier, upgradeLink },
      });
    }
    const kind = statusKind(status, figmaMessage);
    const message = {
      unauthorized: `Figma refused the token for ${where} (${status})${said}; it is invalid, expired or revoked`,
      forbidden: `Figma refused ${where} (${status} Forbidden)${said}`,
      not_found: `Figma has no such file or resource for ${where} (404)${said}`,
      bad_request: `Figma rejected ${where} as a bad request (${status})${said}`,
      server: `Figma failed on ${where} (${status})${said}`,
    }[kind];
    return new FigmaApiError({ ...base, kind, message: scrub(message) });
  }
}

type HttpKind = 'unauthorized' | 'forbidden' | 'not_found' | 'bad_request' | 'server';

function statusKind(status: number, figmaMessage: string | undefined): HttpKind {
  if (status === 401) return 'unauthorized';
  // Figma answers a bad or expired token with 403 "Invalid token", not 401; that is a credential
  // problem (ask for a new token), not a missing permission or plan feature.
  if (status === 403)
    return figmaMessage && /invalid token|token (has )?expired|expired token|revoked/i.test(figmaMessage)
      ? 'unauthorized'
      : 'forbidden';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'server';
  return 'bad_request';
}

function authHeaders(credentials: FigmaCredentials, invalid: () => FigmaApiError): Record<string, string> {
  const token = credentials.token;
  // fetch would throw on such a value with the value itself in the message.
  if (typeof token !== 'string' || token.trim() === '' || /[^\x21-\x7e]/.test(token)) throw invalid();
  return credentials.kind === 'oauth' ? { Authorization: `Bearer ${token}` } : { 'X-Figma-Token': token };
}

export function chunkIds(ids: readonly string[], maxIds: number, maxChars: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const id of ids) {
    const cost = encodeURIComponent(id).length + 3;
    if (current.length > 0 && (current.length >= maxIds || chars + cost > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(id);
    chars += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function errorBodyMessage(text: string, scrub: (text: string) => string): string | undefined {
  let said: unknown;
  try {
    const body = JSON.parse(text) as { err?: unknown; message?: unknown };
    said = typeof body?.err === 'string' ? body.err : typeof body?.message === 'string' ? body.message : undefined;
  } catch {
    return undefined;
  }
  if (typeof said !== 'string' || said.trim() === '') return undefined;
  const clean = scrub(said).replace(/\s+/g, ' ').trim();
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

// Scrubbed before it is cut: a cut token would no longer match.
function headerValue(headers: Headers, name: string, scrub: (text: string) => string): string | undefined {
  const value = headers.get(name)?.trim();
  return value ? scrub(value).slice(0, 200) : undefined;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 3; depth++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.code === 'string') parts.push(e.code);
    else if (typeof e.message === 'string' && e.message) parts.push(e.message);
    current = e.cause;
  }
  return parts.length > 0 ? parts.join(' / ').slice(0, 300) : 'unknown error';
}

function describeBody(text: string): string {
  if (text.length === 0) return 'empty';
  const start = text.slice(0, 40).replace(/\s+/g, ' ');
  return `${text.length} bytes starting ${JSON.stringify(start)}`;
}

function shorten(target: string): string {
  return target.length > MESSAGE_PATH_CHARS ? `${target.slice(0, MESSAGE_PATH_CHARS)}…` : target;
}

/** Replaces every occurrence of the token (and its URL-encoded form) in a text. */
export function redact(text: string, token: string): string {
  if (!token || token.length < 4) return text;
  let out = text.split(token).join('[redacted]');
  const encoded = encodeURIComponent(token);
  if (encoded !== token) out = out.split(encoded).join('[redacted]');
  return out;
}
