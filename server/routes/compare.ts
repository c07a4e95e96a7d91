import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CompareOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import { compareVersions } from '../services/versions/index.js';
import { ComponentParams, errors, versionSummary } from './schemas.js';

const compare: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/components/:componentId/compare',
    {
      schema: {
        tags: ['versions'],
        summary:
          'Diff of any two versions (ids or version strings such as 1.2.0): per-file unified diff, hunks with line numbers, stats',
        params: ComponentParams,
        querystring: z.object({
          from: z.string().min(1).max(100),
          to: z.string().min(1).max(100),
          context: z.coerce.number().int().min(0).max(1000).optional(),
          unchanged: z.enum(['true', 'false']).optional().describe('list unchanged files too'),
        }),
        response: { 200: CompareOut, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const { from, to, diff } = await compareVersions(contextOf(request), request.params.componentId, {
        from: q.from,
        to: q.to,
        context: q.context,
        includeUnchanged: q.unchanged === 'true',
      });
      return {
        from: versionSummary(from),
        to: versionSummary(to),
        files: diff.files,
        stats: diff.stats,
        summary: to.changeSummary,
      };
    },
  );
};

export default compare;
