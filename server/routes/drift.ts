import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Bump, PatternChange, SpecChange, TokenChange } from '../../core/contract/changes.js';
import { contextOf } from '../plugins/auth.js';
import { projectDrift } from '../services/drift.js';
import { errors, ProjectParams } from './schemas.js';

const DriftItem = z.object({
  componentId: z.string(),
  name: z.string(),
  status: z.enum(['changed', 'unpublished', 'removed']).describe('changed: design differs from the published code; unpublished: never published; removed: no longer in the design'),
  currentVersion: z.object({ id: z.string(), version: z.string() }).nullable(),
  bump: Bump.nullable().describe('the bump a sync would propose'),
  reasons: z.array(z.string()),
  tokenChanges: z.array(TokenChange),
  specChanges: z.array(SpecChange),
  patternChange: PatternChange.nullable(),
  pendingDraft: z.object({ id: z.string(), version: z.string(), upToDate: z.boolean() }).nullable(),
  problems: z.array(z.string()),
  lastSeenAt: z.string().nullable(),
});

const drift: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/drift',
    {
      schema: {
        tags: ['drift'],
        summary: 'Components whose latest design (last sync) differs from their published code, with the pending changes and the bump a sync would propose',
        params: ProjectParams,
        response: {
          200: z.object({
            items: z.array(DriftItem),
            totals: z.object({ changed: z.number().int(), unpublished: z.number().int(), removed: z.number().int(), inSync: z.number().int() }),
          }),
          ...errors,
        },
      },
    },
    async (request) => projectDrift(contextOf(request, request.params.projectId)),
  );
};

export default drift;
