import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';
import { fieldPath, validationFailed } from '../lib/validation-error.js';

interface ErrorShape {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  /** what the log gets beyond the answer (never sent to the client) */
  logged?: Record<string, unknown>;
}

// A bounded list: the first issues say what is wrong; thousands more only cost bandwidth.
const MAX_ISSUES = 100;

/** One place that maps every error to the API's error shape; 5xx messages are masked. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const shape = toShape(
      error,
      request.routeOptions.bodyLimit !== undefined && request.routeOptions.bodyLimit !== app.initialConfig.bodyLimit
        ? request.routeOptions.bodyLimit
        : undefined,
      app.initialConfig.bodyLimit,
    );
    if (shape.statusCode >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else if (shape.logged) {
      request.log.warn({ ...shape.logged, code: shape.code, status: shape.statusCode }, shape.message);
    } else {
      request.log.info({ code: shape.code, status: shape.statusCode }, shape.message);
    }
    if (shape.statusCode === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
    const body: { error: { code: string; message: string; details?: unknown } } = {
      error: { code: shape.code, message: shape.message },
    };
    if (shape.details !== undefined) body.error.details = shape.details;
    return reply.status(shape.statusCode).send(body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}

/** The error handler as a plugin, so it applies to every route of the app (not only one encapsulated context). */
export default fp(async (app) => registerErrorHandler(app), { name: 'error-handler', fastify: '5.x' });

/**
 * `routeBodyLimit`: the route's own body limit, when it has one smaller or larger than
 * BODY_LIMIT_BYTES; `serverBodyLimit`: BODY_LIMIT_BYTES, so that a client told "too large" also
 * learns how large it may be.
 */
function toShape(error: FastifyError, routeBodyLimit?: number, serverBodyLimit?: number): ErrorShape {
  if (error instanceof AppError) {
    return { statusCode: error.statusCode, code: error.code, message: error.message, details: error.details };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.slice(0, MAX_ISSUES).map((v) => ({
      path: fieldPath(error.validationContext ?? 'request', (v.instancePath ?? '').split('/').filter(Boolean)),
      message: v.message ?? 'invalid',
      code: (v.params as { issue?: { code?: string } } | undefined)?.issue?.code,
    }));
    const shaped = validationFailed(issues, error.validation.length);
    return { statusCode: 400, code: shaped.code, message: shaped.message, details: shaped.details };
  }
  if (isResponseSerializationError(error)) {
    return { statusCode: 500, code: 'internal_error', message: 'Internal server error' };
  }
  const prisma = prismaShape(error);
  if (prisma) return prisma;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        code: 'payload_too_large',
        message: routeBodyLimit
          ? `The request body is larger than this endpoint accepts (${sizeText(routeBodyLimit)})`
          : `The request body is larger than the server accepts (${serverBodyLimit ? `${sizeText(serverBodyLimit)}, ` : ''}BODY_LIMIT_BYTES)`,
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { statusCode: 400, code: 'invalid_json', message: `The request body is not valid JSON: ${error.message}` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { statusCode: 415, code: 'unsupported_media_type', message: 'Send the request body as application/json' };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { statusCode: 400, code: 'invalid_json', message: `The request body is not valid JSON: ${error.message}` };
  }
  const status = error.statusCode ?? 500;
  if (status === 429) return { statusCode: 429, code: 'rate_limited', message: error.message || 'Too many requests' };
  if (status >= 400 && status < 500) return { statusCode: status, code: 'bad_request', message: error.message };
  return { statusCode: 500, code: 'internal_error', message: 'Internal server error' };
}

/** Database constraint errors that reach here mean a conflicting concurrent change. */
function prismaShape(error: unknown): ErrorShape | undefined {
  const e = error as { code?: string; name?: string; message?: string };
  // The immutability triggers raise from the database, whichever layer wraps the error.
  if (typeof e.message === 'string' && /is immutable/.test(e.message)) {
    return { statusCode: 409, code: 'immutable', message: 'Published versions are immutable' };
  }
  if (e.name !== 'PrismaClientKnownRequestError' && e.name !== 'DriverAdapterError') return undefined;
  const data = dataException(error);
  if (data) return data;
  if (e.code === 'P2002')
    return { statusCode: 409, code: 'conflict', message: 'A conflicting change was made at the same time; retry' };
  if (e.code === 'P2025') return { statusCode: 404, code: 'not_found', message: 'The record was not found' };
  if (e.code === 'P2034')
    return { statusCode: 409, code: 'conflict', message: 'A concurrent change conflicted with this one; retry' };
  return undefined;
}

/**
 * PostgreSQL's class 22 (data exception: a NUL byte, a date out of range, a malformed uuid)
 * means a value got past validation that the database cannot hold. Nothing was stored (the
 * transaction rolled back); the caller can fix the value, so it is a 400, not a 500. The
 * database's own words stay in the log: they describe its internals and may echo the value.
 */
function dataException(error: unknown): ErrorShape | undefined {
  const e = error as { meta?: { driverAdapterError?: { cause?: DbCause } }; cause?: DbCause };
  const cause = e.meta?.driverAdapterError?.cause ?? e.cause;
  const code = cause?.originalCode ?? cause?.code;
  if (typeof code !== 'string' || !code.startsWith('22')) return undefined;
  return {
    statusCode: 400,
    code: 'unstorable_value',
    message: 'A value in the request cannot be stored (a text, date or number the database does not accept)',
    details: { sqlState: code },
    // A gap in validation to close: the database's reason goes to the log.
    logged: { sqlState: code, reason: cause?.originalMessage ?? cause?.message },
  };
}

interface DbCause {
  originalCode?: string;
  code?: string;
  originalMessage?: string;
  message?: string;
}

/** 1048576 → "1 MB", 65536 → "64 kB", 1000 → "1000 bytes". */
function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} kB`;
  return `${bytes} bytes`;
}
