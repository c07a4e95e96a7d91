import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { projectCoverage } from '../services/coverage.js';
import { errors, ProjectParams } from './schemas.js';

const Counts = { variants: z.number().int(), withStory: z.number().int(), tested: z.number().int() };

const ComponentCoverage = z.object({
  componentId: z.string(),
  name: z.string(),
  versionId: z.string(),
  version: z.string(),
  variantSource: z.enum(['version', 'design']).nullable(),
  storiesFiles: z.array(z.string()),
  testFiles: z.array(z.string()),
  variants: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      values: z.record(z.string(), z.string()),
      story: z.string().nullable().describe('export name of the story showing this variant'),
      tested: z.boolean().describe('a test renders this variant'),
    }),
  ),
  totals: z.object(Counts),
});

const coverage: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:projectId/coverage',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Per published component: which variants have a story and a rendering test; plus design-only and code-only components',
        params: ProjectParams,
        response: {
          200: z.object({
            components: z.array(ComponentCoverage),
            totals: z.object({ components: z.number().int(), ...Counts, storyCoverage: z.number(), testCoverage: z.number() }),
            designOnly: z.array(z.object({ componentId: z.string(), name: z.string(), lastSeenAt: z.string().nullable() })),
            codeOnly: z.array(
              z.object({
                componentId: z.string(),
                name: z.string(),
                version: z.string(),
                reason: z.enum(['removed_from_design', 'never_in_design']),
                removedAt: z.string().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => projectCoverage(contextOf(request, request.params.projectId)),
  );
};

export default coverage;
