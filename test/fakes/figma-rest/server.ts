/**
 * A strict fake of Figma's REST API over real HTTP (Fastify on 127.0.0.1, random port), for the
 * REST client, the file reader and the poller. Strict means it refuses what Figma would refuse
 * and a bit more, so a client bug shows up here rather than in production: tokens must be in
 * the header of their kind, unknown query parameters and malformed node ids are 400s, webhook
 * bodies are validated field by field. Tests arm faults (429 with Figma's headers, failures,
 * hangs, garbage) per file and endpoint, and count calls from `requests`.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebhookV2Event } from '@figma/rest-api-spec';
import { Faults, jsonFault, type FaultAction } from './faults.js';
import {
  componentSetsAnswer,
  componentsAnswer,
  isNodeId,
  metaAnswer,
  nextVersion,
  nodesAnswer,
  stylesAnswer,
  type StoredFile,
} from './files.js';
import type { FakeCredentials, FakeEndpoint, FakeFileInput } from './types.js';
import {
  deliverWithRetries,
  publicWebhook,
  validateWebhookBody,
  webhookPayload,
  WEBHOOKS_PER_FILE,
  type DeliveryAttempt,
  type DeliveryResult,
  type StoredWebhook,
} from './webhooks.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** lower-case names; the values of X-Figma-Token and Authorization are replaced by "[redacted]" */
  headers: Record<string, string>;
  /** how the caller authenticated */
  auth: 'pat' | 'oauth' | 'none';
  /** when it arrived (ms since the epoch) */
  at: number;
  endpoint?: FakeEndpoint;
  fileKey?: string;
}

export interface RateLimitFault {
  /** Retry-After in seconds */
  retryAfterSeconds?: number;
  /** Retry-After exactly as sent (an HTTP date, garbage, …); wins over retryAfterSeconds */
  retryAfter?: string;
  type?: 'low' | 'high';
  planTier?: string;
  upgradeLink?: string;
  times?: number;
  endpoint?: FakeEndpoint;
}

export interface FaultOptions {
  endpoint?: FakeEndpoint;
}

export interface FakeFigmaRestOptions {
  /** waits between webhook delivery retries (Figma: minutes to hours); default none */
  retryDelaysMs?: readonly number[];
  deliveryTimeoutMs?: number;
}

export interface FakeFigmaRest {
  readonly url: string;
  /** tokens the fake accepts, with access to every file that does not list its own `access` */
  readonly credentials: { readonly pat: FakeCredentials; readonly oauth: FakeCredentials };
  readonly requests: RecordedRequest[];
  readonly deliveries: DeliveryAttempt[];
  setFile(key: string, input: FakeFileInput): void;
  /** changes a file's content (and, unless `bump: false`, its version, as any edit does in Figma) */
  updateFile(key: string, patch: Partial<FakeFileInput>, options?: { bump?: boolean }): void;
  bumpVersion(key: string): string;
  deleteFile(key: string): void;
  file(key: string): StoredFile | undefined;
  /** a token Figma knows (valid) but that has access only where a file's `access` lists it */
  issueToken(kind: 'pat' | 'oauth', token?: string): FakeCredentials;
  rateLimit(key: string, fault?: RateLimitFault): void;
  failWith(key: string, status: number, times?: number, options?: FaultOptions & { body?: unknown }): void;
  hang(key: string, times?: number, options?: FaultOptions): void;
  /** a 200 whose body is not JSON (what a captive portal or a broken proxy gives) */
  garble(key: string, times?: number, options?: FaultOptions & { body?: string }): void;
  /** any answer, exactly */
  answer(
    key: string,
    answer: { status: number; body: string; contentType?: string; headers?: Record<string, string> },
    times?: number,
    options?: FaultOptions,
  ): void;
  forbidVariables(key: string, message?: string): void;
  clearFaults(key?: string): void;
  webhooks(): StoredWebhook[];
  /** sends a Figma webhook event to a registered webhook's endpoint, with Figma's retries */
  deliver(webhookId: string, event: WebhookV2Event, overrides?: Record<string, unknown>): Promise<DeliveryResult>;
  /** resolves once every delivery under way (the PINGs sent on creation) has finished */
  idle(): Promise<void>;
  count(endpoint?: FakeEndpoint, fileKey?: string): number;
  close(): Promise<void>;
}

export const FORBIDDEN_VARIABLES_MESSAGE = 'Limited by Figma plan';

const QUERY_PARAMS: Record<FakeEndpoint, readonly string[]> = {
  meta: [],
  variables: [],
  nodes: ['ids', 'version', 'depth', 'geometry', 'plugin_data'],
  component_sets: [],
  components: [],
  styles: [],
  webhooks: ['context', 'context_id', 'plan_api_id', 'cursor'],
};

export async function startFakeFigmaRest(options: FakeFigmaRestOptions = {}): Promise<FakeFigmaRest> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const files = new Map<string, StoredFile>();
  const tokens = new Map<string, 'pat' | 'oauth'>();
  const faults = new Faults();
  const hooks = new Map<string, StoredWebhook>();
  const requests: RecordedRequest[] = [];
  const deliveries: DeliveryAttempt[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const records = new WeakMap<IncomingMessage, RecordedRequest>();
  const forbiddenMessages = new Map<string, string>();
  let nextWebhookId = 1;

  const issueToken = (kind: 'pat' | 'oauth', token?: string): FakeCredentials => {
    const value = token ?? `${kind === 'pat' ? 'figd_' : 'figu_'}${randomBytes(18).toString('base64url')}`;
    tokens.set(value, kind);
    return { kind, token: value };
  };
  const credentials = { pat: issueToken('pat'), oauth: issueToken('oauth') };

  // ---- plumbing -------------------------------------------------------------------------

  const presented = (request: FastifyRequest): FakeCredentials | undefined => {
    const pat = request.headers['x-figma-token'];
    if (typeof pat === 'string') return { kind: 'pat', token: pat };
    const auth = request.headers.authorization;
    const m = typeof auth === 'string' ? /^Bearer (.+)$/.exec(auth) : null;
    return m ? { kind: 'oauth', token: m[1]! } : undefined;
  };

  app.addHook('onRequest', async (request) => {
    const url = new URL(request.url, 'http://fake');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined) continue;
      headers[name] = name === 'x-figma-token' || name === 'authorization' ? '[redacted]' : String(value);
    }
    const record: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      auth: presented(request)?.kind ?? 'none',
      at: Date.now(),
    };
    requests.push(record);
    records.set(request.raw, record);
  });

  const note = (request: FastifyRequest, endpoint: FakeEndpoint, fileKey?: string) => {
    const record = records.get(request.raw);
    if (record) {
      record.endpoint = endpoint;
      if (fileKey !== undefined) record.fileKey = fileKey;
    }
  };

  const send = (reply: FastifyReply, status: number, body: unknown) =>
    reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));

  /** Figma's token check: 403 "Invalid token" for a missing, unknown or misplaced token. */
  const authenticate = (request: FastifyRequest, reply: FastifyReply): FakeCredentials | undefined => {
    const who = presented(request);
    if (!who || tokens.get(who.token) !== who.kind) {
      void send(reply, 403, { status: 403, err: 'Invalid token' });
      return undefined;
    }
    return who;
  };

  const hasAccess = (file: StoredFile, who: FakeCredentials) => {
    const access = file.access ?? [credentials.pat, credentials.oauth];
    return access.some((c) => c.kind === who.kind && c.token === who.token);
  };

  const strictQuery = (request: FastifyRequest, reply: FastifyReply, endpoint: FakeEndpoint): boolean => {
    const query = request.query as Record<string, unknown>;
    const unknown = Object.keys(query).filter((k) => !QUERY_PARAMS[endpoint].includes(k));
    if (unknown.length > 0) {
      void send(reply, 400, { status: 400, err: `Unknown query parameter(s): ${unknown.join(', ')}` });
      return false;
    }
    return true;
  };

  /** Answers an armed fault; true when one was answered (or is hanging). */
  const applyFault = async (reply: FastifyReply, action: FaultAction | undefined): Promise<boolean> => {
    if (!action) return false;
    if (action.type === 'hang') {
      reply.hijack();
      // Never answers; the connection ends when the client aborts or the fake closes.
      await new Promise<void>((resolve) => reply.raw.once('close', () => resolve()));
      return true;
    }
    void reply.code(action.status).headers(action.headers).type(action.contentType).send(action.body);
    return true;
  };

  /** Auth, file, access and faults, in Figma's order; the file when the call may proceed. */
  const openFile = async (
    request: FastifyRequest,
    reply: FastifyReply,
    endpoint: FakeEndpoint,
    key: string,
  ): Promise<StoredFile | undefined> => {
    note(request, endpoint, key);
    if (!strictQuery(request, reply, endpoint)) return undefined;
    const who = authenticate(request, reply);
    if (!who) return undefined;
    const file = files.get(key);
    if (!file) {
      void send(reply, 404, { status: 404, err: 'Not found' });
      return undefined;
    }
    if (!hasAccess(file, who)) {
      void send(reply, 403, { status: 403, err: 'Forbidden' });
      return undefined;
    }
    if (await applyFault(reply, faults.take(key, endpoint))) return undefined;
    return file;
  };

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  };

  const deliver = async (
    webhookId: string,
    event: WebhookV2Event,
    overrides: Record<string, unknown> = {},
  ): Promise<DeliveryResult> => {
    const webhook = hooks.get(webhookId);
    if (!webhook) throw new Error(`fake Figma: no webhook ${webhookId}`);
    if (event !== 'PING' && event !== webhook.event_type) {
      throw new Error(
        `fake Figma: webhook ${webhookId} subscribes to ${webhook.event_type}; Figma would not send it ${event}`,
      );
    }
    if (webhook.stopped) return { delivered: false, status: null, attempts: 0, stopped: true, skipped: 'stopped' };
    if (webhook.status === 'PAUSED')
      return { delivered: false, status: null, attempts: 0, stopped: false, skipped: 'paused' };
    const payload = { ...webhookPayload(webhook, event, files.get(webhook.context_id), new Date()), ...overrides };
    return track(
      deliverWithRetries(webhook, payload, {
        retryDelaysMs: options.retryDelaysMs ?? [],
        timeoutMs: options.deliveryTimeoutMs ?? 5000,
        log: deliveries,
      }),
    );
  };

  // ---- files ------------------------------------------------------------------------------

  type KeyParams = { Params: { key: string } };

  app.get<KeyParams>('/v1/files/:key/meta', async (request, reply) => {
    const file = await openFile(request, reply, 'meta', request.params.key);
    if (file) return send(reply, 200, metaAnswer(file));
    return reply;
  });

  app.get<KeyParams>('/v1/files/:key/variables/local', async (request, reply) => {
    const file = await openFile(request, reply, 'variables', request.params.key);
    if (!file) return reply;
    if (file.variables === undefined || file.variables === 'forbidden') {
      return send(reply, 403, {
        status: 403,
        error: true,
        message:
          file.variables === 'forbidden'
            ? (forbiddenMessages.get(file.key) ?? FORBIDDEN_VARIABLES_MESSAGE)
            : FORBIDDEN_VARIABLES_MESSAGE,
      });
    }
    return send(reply, 200, file.variables);
  });

  app.get<KeyParams & { Querystring: Record<string, string> }>('/v1/files/:key/nodes', async (request, reply) => {
    const file = await openFile(request, reply, 'nodes', request.params.key);
    if (!file) return reply;
    const { ids, depth, plugin_data: pluginData, geometry } = request.query;
    if (typeof ids !== 'string' || ids === '')
      return send(reply, 400, { status: 400, err: 'Missing required parameter: ids' });
    const list = ids.split(',');
    const bad = list.filter((id) => !isNodeId(id));
    if (bad.length > 0)
      return send(reply, 400, { status: 400, err: `Invalid node id(s): ${bad.slice(0, 5).join(', ')}` });
    let depthValue: number | undefined;
    if (depth !== undefined) {
      if (!/^[1-9]\d*$/.test(depth)) return send(reply, 400, { status: 400, err: 'depth must be a positive integer' });
      depthValue = Number(depth);
    }
    const shared = typeof pluginData === 'string' && pluginData.split(',').includes('shared');
    return send(reply, 200, nodesAnswer(file, list, { depth: depthValue, sharedPluginData: shared, geometry }));
  });

  app.get<KeyParams>('/v1/files/:key/component_sets', async (request, reply) => {
    const file = await openFile(request, reply, 'component_sets', request.params.key);
    if (file) return send(reply, 200, componentSetsAnswer(file));
    return reply;
  });

  app.get<KeyParams>('/v1/files/:key/components', async (request, reply) => {
    const file = await openFile(request, reply, 'components', request.params.key);
    if (file) return send(reply, 200, componentsAnswer(file));
    return reply;
  });

  app.get<KeyParams>('/v1/files/:key/styles', async (request, reply) => {
    const file = await openFile(request, reply, 'styles', request.params.key);
    if (file) return send(reply, 200, stylesAnswer(file));
    return reply;
  });

  // ---- webhooks v2 --------------------------------------------------------------------------

  const webhookError = (reply: FastifyReply, status: number, message: string) =>
    send(reply, status, { status, error: true, message });

  app.post('/v2/webhooks', async (request, reply) => {
    note(request, 'webhooks');
    if (!strictQuery(request, reply, 'webhooks')) return reply;
    const who = authenticate(request, reply);
    if (!who) return reply;
    const checked = validateWebhookBody(request.body);
    if (!checked.ok) return webhookError(reply, 400, checked.message);
    const body = checked.value;
    note(request, 'webhooks', body.context_id);
    const file = files.get(body.context_id);
    if (!file) return webhookError(reply, 404, 'File not found');
    if (!hasAccess(file, who))
      return webhookError(reply, 403, 'You need edit access to the file to create a webhook for it');
    if (await applyFault(reply, faults.take(file.key, 'webhooks'))) return reply;
    if ([...hooks.values()].filter((h) => h.context_id === file.key).length >= WEBHOOKS_PER_FILE) {
      return webhookError(reply, 400, `A file can have at most ${WEBHOOKS_PER_FILE} webhooks`);
    }
    const webhook: StoredWebhook = {
      id: String(nextWebhookId++),
      event_type: body.event_type,
      team_id: '',
      context: 'FILE',
      context_id: file.key,
      plan_api_id: 'fake-plan',
      status: body.status ?? 'ACTIVE',
      client_id: who.kind === 'oauth' ? 'fake-oauth-app' : null,
      passcode: body.passcode,
      endpoint: body.endpoint,
      description: body.description ?? null,
      stopped: false,
    };
    hooks.set(webhook.id, webhook);
    await send(reply, 200, publicWebhook(webhook, true));
    // Figma sends a PING as soon as an active webhook exists.
    if (webhook.status === 'ACTIVE') void deliver(webhook.id, 'PING').catch(() => undefined);
    return reply;
  });

  app.get<{ Querystring: Record<string, string> }>('/v2/webhooks', async (request, reply) => {
    note(request, 'webhooks', request.query.context_id);
    if (!strictQuery(request, reply, 'webhooks')) return reply;
    const who = authenticate(request, reply);
    if (!who) return reply;
    const { context, context_id: contextId, plan_api_id: planApiId } = request.query;
    if (planApiId !== undefined) return webhookError(reply, 400, 'this fake lists webhooks by context only');
    if (typeof context !== 'string' || context.toLowerCase() !== 'file' || !contextId) {
      return webhookError(reply, 400, 'context=file and context_id are required');
    }
    const file = files.get(contextId);
    if (!file) return webhookError(reply, 404, 'File not found');
    if (!hasAccess(file, who)) return webhookError(reply, 403, 'Forbidden');
    if (await applyFault(reply, faults.take(file.key, 'webhooks'))) return reply;
    return send(reply, 200, {
      webhooks: [...hooks.values()].filter((h) => h.context_id === contextId).map((h) => publicWebhook(h)),
    });
  });

  const webhookById = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
  ): Promise<StoredWebhook | undefined> => {
    note(request, 'webhooks');
    if (!strictQuery(request, reply, 'webhooks')) return undefined;
    const who = authenticate(request, reply);
    if (!who) return undefined;
    const webhook = hooks.get(request.params.id);
    if (!webhook) {
      void webhookError(reply, 404, 'Webhook not found');
      return undefined;
    }
    note(request, 'webhooks', webhook.context_id);
    const file = files.get(webhook.context_id);
    if (file && !hasAccess(file, who)) {
      void webhookError(reply, 403, 'Forbidden');
      return undefined;
    }
    if (await applyFault(reply, faults.take(webhook.context_id, 'webhooks'))) return undefined;
    return webhook;
  };

  app.get<{ Params: { id: string } }>('/v2/webhooks/:id', async (request, reply) => {
    const webhook = await webhookById(request, reply);
    if (webhook) return send(reply, 200, publicWebhook(webhook));
    return reply;
  });

  app.delete<{ Params: { id: string } }>('/v2/webhooks/:id', async (request, reply) => {
    const webhook = await webhookById(request, reply);
    if (!webhook) return reply;
    hooks.delete(webhook.id);
    return send(reply, 200, publicWebhook(webhook));
  });

  app.setNotFoundHandler((_request, reply) => send(reply, 404, { status: 404, err: 'Not found' }));
  app.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return send(reply, status, { status, err: error instanceof Error ? error.message : String(error) });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('fake Figma: no TCP address');

  const mustFile = (key: string): StoredFile => {
    const file = files.get(key);
    if (!file) throw new Error(`fake Figma: no file ${key}`);
    return file;
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    credentials,
    requests,
    deliveries,
    setFile(key, input) {
      for (const c of input.access ?? []) tokens.set(c.token, c.kind);
      files.set(key, { ...structuredClone(input), key, lastModified: new Date().toISOString() });
    },
    updateFile(key, patch, opts = {}) {
      const file = mustFile(key);
      for (const c of patch.access ?? []) tokens.set(c.token, c.kind);
      Object.assign(file, structuredClone(patch));
      if (opts.bump !== false && patch.version === undefined) file.version = nextVersion(file.version);
      file.lastModified = new Date().toISOString();
    },
    bumpVersion(key) {
      const file = mustFile(key);
      file.version = nextVersion(file.version);
      file.lastModified = new Date().toISOString();
      return file.version;
    },
    deleteFile(key) {
      files.delete(key);
    },
    file: (key) => files.get(key),
    issueToken,
    rateLimit(key, fault = {}) {
      const headers: Record<string, string> = {
        'retry-after': fault.retryAfter ?? String(fault.retryAfterSeconds ?? 60),
        'x-figma-rate-limit-type': fault.type ?? 'low',
        'x-figma-plan-tier': fault.planTier ?? 'starter',
      };
      headers['x-figma-upgrade-link'] = fault.upgradeLink ?? 'https://www.figma.com/pricing';
      faults.add(key, jsonFault(429, undefined, headers), fault.times ?? 1, fault.endpoint);
    },
    failWith(key, status, times = 1, opts = {}) {
      faults.add(key, jsonFault(status, opts.body), times, opts.endpoint);
    },
    hang(key, times = 1, opts = {}) {
      faults.add(key, { type: 'hang' }, times, opts.endpoint);
    },
    garble(key, times = 1, opts = {}) {
      faults.add(
        key,
        {
          type: 'answer',
          status: 200,
          body: opts.body ?? '<html><body>Bad gateway</body></html>',
          contentType: 'text/html',
          headers: {},
        },
        times,
        opts.endpoint,
      );
    },
    answer(key, a, times = 1, opts = {}) {
      faults.add(
        key,
        {
          type: 'answer',
          status: a.status,
          body: a.body,
          contentType: a.contentType ?? 'application/json; charset=utf-8',
          headers: a.headers ?? {},
        },
        times,
        opts.endpoint,
      );
    },
    forbidVariables(key, message) {
      mustFile(key).variables = 'forbidden';
      if (message) forbiddenMessages.set(key, message);
    },
    clearFaults: (key) => faults.clear(key),
    webhooks: () => [...hooks.values()],
    deliver,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    count(endpoint, fileKey) {
      return requests.filter(
        (r) => (endpoint === undefined || r.endpoint === endpoint) && (fileKey === undefined || r.fileKey === fileKey),
      ).length;
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      await app.close();
    },
  };
}
