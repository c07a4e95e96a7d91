// What went wrong talking to the server, in words a designer can act on.

export type ApiErrorKind =
  | 'unreachable' // no answer at all: server down or wrong URL
  | 'blocked' // the server answered, but CORS or Figma's network access kept the answer from the page
  | 'unauthorized' // 401: unknown or revoked token
  | 'forbidden' // 403: the token's scope or project does not allow it
  | 'not_found'
  | 'conflict'
  | 'invalid' // 400 / 413 / 422: the request was refused, with the reason
  | 'rate_limited'
  | 'server'; // 5xx

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid',
  415: 'invalid',
  422: 'invalid',
  429: 'rate_limited',
};

/** The error for an answer that is not 2xx, from the server's `{ error: { code, message, details } }`. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : null;
  const message = typeof error?.message === 'string' ? error.message : `The server answered ${status}`;
  const kind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'invalid');
  if (kind === 'unauthorized')
    return new ApiError(
      kind,
      'The server does not accept this API token: it is unknown or was revoked. Ask for a new one.',
      status,
      code,
      error?.details,
    );
  if (kind === 'server')
    return new ApiError(
      kind,
      `The server failed (${status}). Try again; if it keeps failing, check the server's logs.`,
      status,
      code,
      error?.details,
    );
  return new ApiError(kind, message, status, code, error?.details);
}

/**
 * fetch() rejected: no answer could be read. A browser reports a CORS refusal the same way as a
 * server that is down; `answered` (from a probe that needs no CORS) tells them apart.
 */
export function unreachable(serverUrl: string, answered: boolean): ApiError {
  if (answered) {
    return new ApiError(
      'blocked',
      `${serverUrl} answered, but its answer was blocked before the plugin could read it: the server must allow this origin (CORS_ORIGINS; the Figma plugin's "null" origin is always allowed by design-sync), and in Figma the server's origin must be listed in the plugin's manifest (networkAccess.allowedDomains).`,
    );
  }
  return new ApiError(
    'unreachable',
    `Cannot reach ${serverUrl}: check that the server is running and that the URL (scheme, host and port) is right.`,
  );
}
