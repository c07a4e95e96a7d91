import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every variable the server reads. Parsed once at start-up; a bad value stops the process. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  /** PGlite data directory ("memory://" keeps it in memory, for tests). */
  DATA_DIR: z.string().min(1).default('.data/pglite'),
  LOG_LEVEL: LogLevel.default('info'),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** On an empty database, this value becomes the first admin token (automation, tests). */
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /**
   * 32-byte key (64 hex chars or base64) that encrypts stored Figma tokens. When absent, a key
   * is generated once and kept in `<DATA_DIR>/secret.key` (or in memory for memory://).
   */
  SECRET_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, 'must be 32 bytes as 64 hex characters or base64')
    .optional(),
  /** Requests per token (or per IP without one) per RATE_LIMIT_WINDOW. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW: z.string().min(1).default('1 minute'),
  /** Extra browser origins allowed by CORS (comma separated). Figma's `null` origin is always allowed. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Apply pending migrations at start-up (on by default; `npm run migrate` does it alone). */
  MIGRATE_ON_START: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Minutes a running sync may go without progress before it counts as crashed: it is then
   * marked failed and the same request (and Idempotency-Key) can run again.
   */
  SYNC_LEASE_MINUTES: z.coerce.number().min(0.1).max(1440).default(5),
  /** URL printed at start-up and used in links; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Run the job queue (polling, webhooks, regenerations, notifications, daily jobs) in this process. */
  JOBS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** How often an idle worker asks the queue for work, in seconds. */
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** First wait before a failed job (a regeneration, a webhook delivery) is retried; it doubles at each retry. */
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** Figma's REST API (tests point it at a local fake). */
  FIGMA_API_BASE: z.string().url().default('https://api.figma.com'),
  /**
   * Unset: each token's calls are budgeted per Figma rate-limit tier at Figma's published rates for
   * the file's plan and seat. Set: every tier of every token is budgeted at this many calls a
   * minute instead (a proxy with limits of its own, a fake Figma in tests).
   */
  FIGMA_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).optional(),
  /** First wait after a failed check (5xx, timeout); doubled at each failure in a row, never beyond the poll interval. */
  FIGMA_BACKOFF_SECONDS: z.coerce.number().min(0.1).max(3600).default(15),
  /** A Figma call that takes longer fails (and is retried with backoff). */
  FIGMA_TIMEOUT_SECONDS: z.coerce.number().min(1).max(300).default(30),
  /** A burst of webhook events for one file makes one check, this long after the first. */
  WEBHOOK_DEBOUNCE_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  /** Token-file directories (POST /projects/:id/token-sources) must lie under this folder; unset, none can be tracked. */
  TOKEN_SOURCES_ROOT: z.string().min(1).optional(),
  /** A token-file change is checked this long after the last write (editors write in bursts). */
  TOKEN_SOURCE_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(500),
  /** Versions older than this, neither current, tagged nor a branch head, are archived by the daily job. */
  ARCHIVE_AFTER_DAYS: z.coerce.number().min(1).max(36500).default(90),
  /**
   * Outbound URLs (webhooks) may use http and reach private, loopback and link-local
   * addresses: for tests and on-premises servers. Off, they are https to public addresses only.
   */
  ALLOW_PRIVATE_TARGETS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * Which proxies' X-Forwarded-For decides the client's address (failed-authentication limits,
   * logs): false (the connection's address counts), true (any), a hop count, or addresses and
   * CIDR ranges, comma separated (also loopback, linklocal, uniquelocal). Fastify's trustProxy.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine(
      (v) => parseTrustProxy(v) !== null,
      'must be true, false, a number of hops, or comma-separated addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
    )
    .transform((v) => parseTrustProxy(v)!),
});

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof LogLevel>;
  bodyLimit: number;
  adminToken: string | undefined;
  secretKey: Uint8Array | undefined;
  rateLimit: Readonly<{ max: number; timeWindow: string }>;
  corsOrigins: readonly string[];
  migrateOnStart: boolean;
  publicUrl: string | undefined;
  syncLeaseMinutes: number;
  jobs: Readonly<{ enabled: boolean; pollSeconds: number; retryDelaySeconds: number }>;
  figma: Readonly<{ apiBase: string; callsPerMinute: number | undefined; timeoutMs: number; backoffSeconds: number }>;
  webhookDebounceSeconds: number;
  tokenSourcesRoot: string | undefined;
  tokenSourceDebounceMs: number;
  archiveAfterDays: number;
  allowPrivateTargets: boolean;
  trustProxy: boolean | number | readonly string[];
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && e.DATA_DIR.startsWith('memory://') && !e.SECRET_KEY) {
    // The key would live only in memory while the Figma tokens it encrypts persist in PostgreSQL.
    throw new ConfigError(
      'Invalid configuration:\n  SECRET_KEY: required when DATABASE_URL is set and DATA_DIR is memory:// (a generated key would be lost at restart, and with it the stored Figma tokens)',
    );
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT_BYTES,
    adminToken: e.ADMIN_TOKEN,
    secretKey: e.SECRET_KEY ? (decodeKey(e.SECRET_KEY) ?? undefined) : undefined,
    rateLimit: Object.freeze({ max: e.RATE_LIMIT_MAX, timeWindow: e.RATE_LIMIT_WINDOW }),
    corsOrigins: Object.freeze([...e.CORS_ORIGINS]),
    migrateOnStart: e.MIGRATE_ON_START,
    publicUrl: e.PUBLIC_URL,
    syncLeaseMinutes: e.SYNC_LEASE_MINUTES,
    jobs: Object.freeze({
      enabled: e.JOBS,
      pollSeconds: e.JOB_POLL_SECONDS,
      retryDelaySeconds: e.JOB_RETRY_DELAY_SECONDS,
    }),
    figma: Object.freeze({
      apiBase: e.FIGMA_API_BASE.replace(/\/+$/, ''),
      callsPerMinute: e.FIGMA_CALLS_PER_MINUTE,
      timeoutMs: Math.round(e.FIGMA_TIMEOUT_SECONDS * 1000),
      backoffSeconds: e.FIGMA_BACKOFF_SECONDS,
    }),
    webhookDebounceSeconds: e.WEBHOOK_DEBOUNCE_SECONDS,
    tokenSourcesRoot: e.TOKEN_SOURCES_ROOT,
    tokenSourceDebounceMs: e.TOKEN_SOURCE_DEBOUNCE_MS,
    archiveAfterDays: e.ARCHIVE_AFTER_DAYS,
    allowPrivateTargets: e.ALLOW_PRIVATE_TARGETS,
    trustProxy: Array.isArray(e.TRUST_PROXY) ? Object.freeze([...e.TRUST_PROXY]) : e.TRUST_PROXY,
  });
}

/**
 * Test and tooling convenience: the defaults plus overrides, as the environment would give them.
 * The job queue is off unless a test turns it on (JOBS=true): most suites test requests.
 */
export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', JOBS: 'false', ...overrides });
}

function decodeKey(value: string): Uint8Array | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Uint8Array.from(Buffer.from(value, 'hex'));
  const b = Buffer.from(value, 'base64');
  return b.length === 32 ? Uint8Array.from(b) : null;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as Fastify takes it, or null when it is none of the accepted forms. */
function parseTrustProxy(value: string): boolean | number | string[] | null {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((s) => s.trim());
  const valid = (e: string) =>
    PROXY_NAMES.has(e) || isIP(e) !== 0 || (ipaddr.isValidCIDR(e) && isIP(e.slice(0, e.lastIndexOf('/'))) !== 0);
  return entries.every(valid) ? entries : null;
}
