import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VersionSummary } from '../../core/contract/api.js';
import { ComponentSpec } from '../../core/contract/specs.js';
import { Proposal } from '../../core/contract/sync.js';
import { LimitedTokensInput } from '../../core/contract/token-limits.js';
import { contextOf } from '../plugins/auth.js';
import { regenerate } from '../services/regenerate.js';
import { ComponentParams, DiffOut, errors, VersionOut, versionOut, versionSummary } from './schemas.js';

const UnchangedOut = z.object({ changed: z.literal(false), reasons: z.array(z.string()), baseVersion: VersionSummary.nullable() });
const ChangedOut = z.object({
  changed: z.literal(true),
  pending: z.boolean().describe('true when an identical draft was already waiting for review (returned, nothing stored)'),
  proposal: Proposal,
  draft: VersionOut,
  baseVersion: VersionSummary.nullable(),
  warnings: z.array(z.string()),
  diff: DiffOut.describe('files of the base version → files of the draft'),
});

const regenerateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/components/:componentId/regenerate',
    {
      schema: {
        tags: ['versions'],
        summary:
          "New draft from the current version's stored inputs, or from supplied tokens (TokenSet or DTCG) and/or spec; on a branch with `branch`. 200 {changed:false} when nothing changed, unless force (then a patch draft).",
        params: ComponentParams,
        body: z
          .object({
            tokens: LimitedTokensInput.optional(),
            spec: ComponentSpec.optional(),
            branch: z.string().min(1).max(100).optional(),
            force: z.boolean().optional(),
          })
          .nullish(),
        response: { 201: ChangedOut, 200: z.discriminatedUnion('changed', [UnchangedOut, ChangedOut]), ...errors },
      },
    },
    async (request, reply) => {
      const r = await regenerate(contextOf(request), request.params.componentId, request.body ?? {});
      const baseVersion = r.base ? versionSummary(r.base) : null;
      if (!r.changed) return reply.status(200).send({ changed: false, reasons: r.reasons, baseVersion });
      return reply.status(r.pending ? 200 : 201).send({
        changed: true,
        pending: r.pending,
        proposal: r.proposal,
        draft: versionOut(r.draft),
        baseVersion,
        warnings: r.warnings,
        diff: r.diff,
      });
    },
  );
};

export default regenerateRoutes;
