import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { defaultRegistry } from '../../core/codegen/index.js';
import { contextOf } from '../plugins/auth.js';
import { reviewQueue } from '../services/propose/index.js';
import { DraftsOut, PatternListOut } from '../../core/contract/responses.js';
import { errors, ProjectParams } from './schemas.js';

const drafts: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/drafts',
    {
      schema: {
        tags: ['review'],
        summary:
          "Drafts waiting for review: each component's newest pending draft on main, newest first, as its proposal (accept with POST /versions/:id/publish, reject with …/reject)",
        params: ProjectParams,
        response: { 200: DraftsOut, ...errors },
      },
    },
    async (request) => ({ drafts: await reviewQueue(contextOf(request, request.params.projectId)) }),
  );

  app.get(
    '/patterns',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['components'],
        summary: 'Code generation patterns a component can be set to (PATCH /components/:id { pattern })',
        response: { 200: PatternListOut, ...errors },
      },
    },
    async () => ({
      items: defaultRegistry.list().map((p) => ({ id: p.id, version: p.version, description: p.description ?? '' })),
    }),
  );
};

export default drafts;
