import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createHash, randomUUID } from 'node:crypto';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrator.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerAuth } from './plugins/auth.js';
import { registerMetrics } from './plugins/metrics.js';
import jsonDepth from './plugins/json-depth.js';
import nulBytes from './plugins/nul-bytes.js';
import { bootstrap } from './services/projects.js';
import { loadSecretKey, secretBox, type SecretBox } from './services/secrets.js';
import { routes } from './routes/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    secrets: SecretBox;
    /** The first admin token, when this start created it (printed once by server.ts). */
    bootstrapToken: string | null;
  }
}

export type App = FastifyInstance;

export interface BuildOptions {
  /** Use this database instead of opening one from the config (tests share one per suite). */
  database?: Database;
  /** Where logs go (tests capture them to prove secrets never appear). */
  logStream?: { write(line: string): void };
}

/** Builds the whole application: database, migrations, plugins, routes. Does not listen. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Tokens, passcodes and Figma tokens never reach the logs.
      redact: { paths: ['req.headers.authorization', 'req.headers["x-figma-token"]', '*.figmaToken', '*.webhookPasscode', '*.passcode', '*.token'], censor: '[redacted]' },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  app.decorate('config', config);
  app.decorate('db', database);
  if (!options.database) app.addHook('onClose', async () => database.close());

  if (config.migrateOnStart) {
    const result = await migrate(database.raw, { locking: database.kind === 'postgres' });
    if (result.applied.length) app.log.info({ applied: result.applied }, 'migrations applied');
  }
  const issued = await bootstrap(database.prisma, config.adminToken);
  app.decorate('bootstrapToken', issued && !config.adminToken ? issued.token : null);
  app.decorate('secrets', secretBox(await loadSecretKey(config.secretKey, config.dataDir)));

  // Graceful shutdown: a response sent after close() began tells the client to drop its
  // connection. Otherwise the keep-alive connection of a request that was in flight stays
  // open after the response, and the process waits for the client to close it.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });

  registerErrorHandler(app);
  registerMetrics(app);
  await app.register(jsonDepth);
  await app.register(nulBytes);

  await app.register(cors, {
    // The Figma plugin iframe sends `Origin: null`; the server's own web UI is same-origin.
    origin: (origin, cb) => {
      if (!origin || origin === 'null' || config.corsOrigins.includes(origin)) return cb(null, true);
      const self = config.publicUrl ? new URL(config.publicUrl).origin : null;
      cb(null, origin === self);
    },
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
  });

  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.timeWindow,
    // Per token (hashed, never the secret itself), else per client address.
    keyGenerator: (request) => {
      const auth = request.headers.authorization;
      return auth ? `t:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}` : `ip:${request.ip}`;
    },
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz' || request.url === '/metrics',
    errorResponseBuilder: (_request, context) => {
      const err = new Error(`Rate limit exceeded: ${context.max} requests per ${context.after}; retry in ${Math.ceil(context.ttl / 1000)} s`) as Error & { statusCode: number };
      err.statusCode = 429;
      return err;
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'design-sync API', version: '1.0.0', description: 'Versioned component code generated from a Figma design system.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  registerAuth(app);
  for (const route of routes) await app.register(route.plugin, { prefix: route.prefix });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  return app;
}
