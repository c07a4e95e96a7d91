import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Proposal } from '../../core/contract/sync.js';
import { defaultRegistry } from '../../core/codegen/index.js';
import { contextOf } from '../plugins/auth.js';
import { pendingDrafts } from '../services/drafts.js';
import { errors, ProjectParams } from './schemas.js';

const DraftOut = z.object({
  proposal: Proposal,
  syncId: z.string().nullable(),
  createdAt: z.string(),
  hasConflicts: z.boolean(),
  customized: z.boolean(),
});

const PatternOut = z.object({ id: z.string(), version: z.string(), description: z.string() });

const drafts: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/drafts',
    {
      schema: {
        tags: ['review'],
        summary: 'Drafts waiting for review: each component\'s newest pending draft on main, newest first, as its proposal (accept with POST /versions/:id/publish, reject with …/reject)',
        params: ProjectParams,
        response: { 200: z.object({ drafts: z.array(DraftOut) }), ...errors },
      },
    },
    async (request) => ({ drafts: await pendingDrafts(contextOf(request, request.params.projectId)) }),
  );

  app.get(
    '/patterns',
    {
      config: { scope: 'read' },
      schema: { tags: ['components'], summary: 'Code generation patterns a component can be set to (PATCH /components/:id { pattern })', response: { 200: z.object({ items: z.array(PatternOut) }), ...errors } },
    },
    async () => ({ items: defaultRegistry.list().map((p) => ({ id: p.id, version: p.version, description: p.description ?? '' })) }),
  );
};

export default drafts;
