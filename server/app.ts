import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import errorHandler from './plugins/error-handler.js';
import requestLifecycle from './plugins/request-lifecycle.js';
import metrics from './plugins/metrics.js';
import database from './plugins/database.js';
import secrets from './plugins/secrets.js';
import jsonDepth from './plugins/json-depth.js';
import inputGuard from './plugins/input-guard.js';
import cors from './plugins/cors.js';
import securityHeaders from './plugins/security-headers.js';
import rateLimit from './plugins/rate-limit.js';
import openapi from './plugins/openapi.js';
import auth from './plugins/auth.js';
import workers from './plugins/workers.js';
import jobs from './plugins/jobs.js';
import { routes } from './routes/index.js';
import { installNativeSha256 } from './lib/native-hash.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

export type App = FastifyInstance;

export interface BuildOptions {
  /** Use this database instead of opening one from the config (tests share one per suite). */
  database?: Database;
  /** Where logs go (tests capture them to prove secrets never appear). */
  logStream?: { write(line: string): void };
}

/**
 * Builds the whole application from its plugins (each declares what it depends on), then the
 * routes. Does not listen. Order matters where hooks of the same kind meet: CORS answers
 * preflights before authentication, and authentication sets the principal before the rate
 * limiter (a route-level hook) picks the bucket.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  installNativeSha256();
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Tokens, passcodes and Figma tokens never reach the logs.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-figma-token"]',
          '*.figmaToken',
          '*.webhookPasscode',
          '*.passcode',
          '*.token',
        ],
        censor: '[redacted]',
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Which address a request comes from (failed-authentication limits): TRUST_PROXY.
    trustProxy: trustProxyOption(config.trustProxy),
    // Opening the database and applying migrations can take long (a cold PGlite on a loaded
    // machine, a big migration); start-up waits for them as it always has, without a plugin timeout.
    pluginTimeout: 0,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);

  await app.register(errorHandler);
  await app.register(requestLifecycle);
  await app.register(metrics);
  await app.register(database, { database: options.database });
  await app.register(secrets);
  await app.register(jsonDepth);
  await app.register(inputGuard);
  await app.register(cors);
  await app.register(securityHeaders);
  await app.register(rateLimit);
  await app.register(openapi);
  await app.register(auth);
  await app.register(workers);
  await app.register(jobs);
  for (const route of routes) await app.register(route.plugin, { prefix: route.prefix });
  return app;
}

/** Config's TRUST_PROXY as Fastify's types take it (a hop count as the function Fastify would make of it). */
function trustProxyOption(
  value: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return typeof value === 'boolean' ? value : [...value];
}
