import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Policy } from '../../core/contract/api.js';
import { LIMITS } from '../../core/contract/limits.js';
import { ComponentDetailOut, ComponentOut, ComponentPageOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import {
  createComponent,
  dependenciesOf,
  findComponent,
  listComponents,
  updateComponent,
} from '../services/versions/index.js';
import { ComponentParams, componentOut, errors, Limit, ProjectParams } from './schemas.js';

const components: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/projects/:projectId/components',
    {
      schema: {
        tags: ['components'],
        summary: 'Create a component (syncs create them on first sight; this is for code-first components and tooling)',
        params: ProjectParams,
        body: z.object({
          name: z.string().trim().min(1).max(LIMITS.componentName),
          figmaId: z.string().min(1).max(200).optional(),
          figmaKey: z.string().max(200).optional(),
          fileKey: z.string().max(LIMITS.fileKey).optional(),
          description: z.string().max(5000).optional(),
          pattern: z.string().max(100).optional(),
          policy: Policy.optional(),
        }),
        response: { 201: ComponentOut, ...errors },
      },
    },
    async (request, reply) => {
      const component = await createComponent(contextOf(request, request.params.projectId), request.body);
      return reply.status(201).send(componentOut(component));
    },
  );

  app.get(
    '/projects/:projectId/components',
    {
      schema: {
        tags: ['components'],
        summary: 'Components of the project with their current version',
        params: ProjectParams,
        querystring: z.object({ limit: Limit, cursor: z.uuid().optional(), q: z.string().max(200).optional() }),
        response: { 200: ComponentPageOut, ...errors },
      },
    },
    async (request) => {
      const page = await listComponents(contextOf(request, request.params.projectId), request.query);
      return { items: page.items.map(componentOut), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/components/:componentId',
    {
      schema: {
        tags: ['components'],
        summary: 'A component, its current version, the components it uses and those that use it',
        params: ComponentParams,
        response: { 200: ComponentDetailOut, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const component = await findComponent(ctx.db, ctx.projectId, request.params.componentId);
      return { ...componentOut(component), ...(await dependenciesOf(ctx.db, ctx.projectId, component.id)) };
    },
  );

  app.patch(
    '/components/:componentId',
    {
      schema: {
        tags: ['components'],
        summary: 'Set policy, pattern, name or description',
        params: ComponentParams,
        body: z
          .object({
            name: z.string().trim().min(1).max(LIMITS.componentName).optional(),
            description: z.string().max(5000).nullable().optional(),
            pattern: z.string().min(1).max(100).nullable().optional(),
            policy: Policy.optional(),
          })
          .refine((b) => Object.keys(b).length > 0, 'send at least one of name, description, pattern, policy'),
        response: { 200: ComponentOut, ...errors },
      },
    },
    async (request) =>
      componentOut(await updateComponent(contextOf(request), request.params.componentId, request.body)),
  );
};

export default components;
