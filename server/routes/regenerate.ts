import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ComponentSpec } from '../../core/contract/specs.js';
import { RegeneratedOut, RegenerateOut } from '../../core/contract/responses.js';
import { LimitedTokensInput } from '../../core/contract/token-limits.js';
import { contextOf } from '../plugins/auth.js';
import { regenerate } from '../services/propose/index.js';
import { ComponentParams, errors, versionOut, versionSummary } from './schemas.js';

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
        response: { 201: RegeneratedOut, 200: RegenerateOut, ...errors },
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
