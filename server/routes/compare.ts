import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VersionSummary } from '../../core/contract/api.js';
import { contextOf } from '../plugins/auth.js';
import { compareVersions } from '../services/compare.js';
import { ComponentParams, errors, versionSummary } from './schemas.js';

const DiffLine = z.object({
  kind: z.enum(['context', 'add', 'remove']),
  text: z.string(),
  oldLine: z.number().int().optional(),
  newLine: z.number().int().optional(),
  noNewlineAtEof: z.literal(true).optional(),
});

const Hunk = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  collapsedBefore: z.number().int(),
  lines: z.array(DiffLine),
});

export const FileDiffOut = z.object({
  path: z.string(),
  status: z.enum(['added', 'removed', 'modified', 'unchanged']),
  added: z.number().int(),
  removed: z.number().int(),
  hunks: z.array(Hunk),
  unified: z.string(),
  collapsedAfter: z.number().int(),
});

export const DiffStatsOut = z.object({
  filesAdded: z.number().int(),
  filesRemoved: z.number().int(),
  filesModified: z.number().int(),
  filesUnchanged: z.number().int(),
  linesAdded: z.number().int(),
  linesRemoved: z.number().int(),
});

export const CompareOut = z.object({
  from: VersionSummary,
  to: VersionSummary,
  files: z.array(FileDiffOut),
  stats: DiffStatsOut,
  summary: z.array(z.string()),
});

const compare: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/components/:componentId/compare',
    {
      schema: {
        tags: ['versions'],
        summary: 'Diff of any two versions (ids or version strings such as 1.2.0): per-file unified diff, hunks with line numbers, stats',
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
      return { from: versionSummary(from), to: versionSummary(to), files: diff.files, stats: diff.stats, summary: to.changeSummary };
    },
  );
};

export default compare;
