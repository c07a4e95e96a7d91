import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface RouteModule {
  prefix: string;
  plugin: FastifyPluginAsyncZod;
}
