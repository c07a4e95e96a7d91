import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FidelityOut, PreviewLayoutOut } from '../../core/contract/responses.js';
import { LIMITS } from '../../core/contract/limits.js';
import { contextOf } from '../plugins/auth.js';
import {
  comparePreview,
  PREVIEW_HEADERS,
  previewLayout,
  recordFidelity,
  versionPreview,
} from '../services/previews/index.js';
import { ComponentParams, errors, VersionParams } from './schemas.js';

const Html = z
  .string()
  .describe('text/html: one self-contained page, served with a sandboxing Content-Security-Policy');

const Count = z.number().int().min(0).max(1_000_000);
const FidelityBody = z.object({
  variants: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        mode: z.string().min(1).max(200),
        matched: Count,
        total: Count,
      }),
    )
    .min(1)
    .max(LIMITS.variantsPerComponent * 10),
});

const previews: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/versions/:versionId/preview',
    {
      schema: {
        tags: ['previews'],
        summary:
          'A page rendering every variant of the version in every mode (built once, then served from the store); it posts design-sync/ready and design-sync/layout to its parent',
        params: VersionParams,
        response: { 200: Html, ...errors },
      },
    },
    async (request, reply) => {
      const html = await versionPreview(contextOf(request), request.params.versionId);
      return reply.headers(PREVIEW_HEADERS).send(html);
    },
  );

  app.get(
    '/components/:componentId/compare/preview',
    {
      schema: {
        tags: ['previews'],
        summary: 'Two versions (ids or version strings) side by side, Before and After, per variant and mode',
        params: ComponentParams,
        querystring: z.object({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) }),
        response: { 200: Html, ...errors },
      },
    },
    async (request, reply) => {
      const html = await comparePreview(contextOf(request), request.params.componentId, request.query);
      return reply.headers(PREVIEW_HEADERS).send(html);
    },
  );

  app.get(
    '/versions/:versionId/preview/layout',
    {
      schema: {
        tags: ['previews'],
        summary:
          "The design's layer boxes per variant (flattened from the spec's layer trees) and the modes the page renders",
        params: VersionParams,
        response: { 200: PreviewLayoutOut, ...errors },
      },
    },
    async (request) => previewLayout(contextOf(request), request.params.versionId),
  );

  app.post(
    '/versions/:versionId/fidelity',
    {
      schema: {
        tags: ['previews'],
        summary: 'Record the layout fidelity measured for the version (matched and total layers per variant and mode)',
        params: VersionParams,
        body: FidelityBody,
        response: { 200: FidelityOut, ...errors },
      },
    },
    async (request) => recordFidelity(contextOf(request), request.params.versionId, request.body),
  );
};

export default previews;
