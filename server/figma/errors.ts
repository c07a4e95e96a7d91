/**
 * What can go wrong when talking to Figma, as values the job queue can act on: a rate limit
 * says when to come back, an auth problem asks for a new token, a timeout or a server error
 * can be retried later. Messages say what happened in words and never carry a token.
 */

export const FIGMA_API_ERROR_KINDS = [
  'rate_limited',
  'unauthorized',
  'forbidden',
  'not_found',
  'bad_request',
  'server',
  'timeout',
  'network',
  'invalid_response',
] as const;
export type FigmaApiErrorKind = (typeof FIGMA_API_ERROR_KINDS)[number];

export interface RateLimitInfo {
  /** seconds from the answer until Figma accepts calls again (60 when Figma sent no usable Retry-After) */
  retryAfterSeconds: number;
  retryAt: Date;
  /** `X-Figma-Rate-Limit-Type`: "low" (View/Collab seats) or "high" (Dev/Full seats) */
  rateLimitType?: string;
  /** `X-Figma-Plan-Tier`: the plan of the resource asked for (enterprise, org, pro, starter, student, …) */
  planTier?: string;
  /** `X-Figma-Upgrade-Link` */
  upgradeLink?: string;
}

export interface FigmaApiErrorInit {
  kind: FigmaApiErrorKind;
  /** HTTP status of Figma's answer; undefined when there was none (timeout, network) */
  status?: number;
  message: string;
  method: string;
  /** path and query of the call (file keys and node ids, never a token) */
  path: string;
  /** Figma's own words from the error body (`err` or `message`) */
  figmaMessage?: string;
  rateLimit?: RateLimitInfo;
  /** Figma's rate-limit tier of the endpoint called (1, 2 or 3): a 429 holds that tier's budget only */
  tier?: 1 | 2 | 3;
}

export class FigmaApiError extends Error {
  override name = 'FigmaApiError';
  readonly kind: FigmaApiErrorKind;
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;
  readonly figmaMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly retryAt: Date | undefined;
  readonly rateLimitType: string | undefined;
  readonly planTier: string | undefined;
  readonly upgradeLink: string | undefined;
  readonly tier: 1 | 2 | 3 | undefined;

  constructor(init: FigmaApiErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.figmaMessage = init.figmaMessage;
    this.retryAfterSeconds = init.rateLimit?.retryAfterSeconds;
    this.retryAt = init.rateLimit?.retryAt;
    this.rateLimitType = init.rateLimit?.rateLimitType;
    this.planTier = init.rateLimit?.planTier;
    this.upgradeLink = init.rateLimit?.upgradeLink;
    this.tier = init.tier;
  }

  /** Worth trying again later without anyone changing anything. */
  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'server' || this.kind === 'timeout' || this.kind === 'network';
  }
}

/** The file was read, but what it holds cannot become a sync request (no snapshot, a damaged one, …). */
export class FigmaReadError extends Error {
  override name = 'FigmaReadError';
  readonly fileKey: string;

  constructor(fileKey: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.fileKey = fileKey;
  }
}
