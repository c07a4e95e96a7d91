import { z } from 'zod';
import { LIMITS } from '../../core/contract/limits.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GeneratedFile } from '../../core/contract/api.js';
import { contextOf } from '../plugins/auth.js';
import { deleteCustomization, getCustomization, putCustomization } from '../services/customizations.js';
import { ComponentParams, errors } from './schemas.js';

const FileStatus = z.enum(['modified', 'added', 'unchanged']);

const CustomizationHeader = z.object({
  id: z.string(),
  componentId: z.string(),
  versionId: z.string().describe('the version whose generated files are the merge base'),
  version: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

const PutOut = CustomizationHeader.extend({
  files: z.array(
    z.object({
      path: z.string(),
      status: FileStatus,
      added: z.number().int(),
      removed: z.number().int(),
      source: z.enum(['uploaded', 'carried']).describe('carried: an edit already merged into the current version, kept'),
    }),
  ),
  warnings: z.array(z.string()),
});

const GetOut = CustomizationHeader.extend({
  files: z.array(z.object({ path: z.string(), status: FileStatus, added: z.number().int(), removed: z.number().int(), sha256: z.string(), content: z.string() })),
});

const customizations: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/components/:componentId/customizations',
    {
      schema: {
        tags: ['customizations'],
        summary: 'Upload hand-edited files for the current published version; later regenerations three-way merge them (conflicts are flagged and never auto-published). Replaces the previous customization.',
        params: ComponentParams,
        body: z.object({
          files: z.array(GeneratedFile).min(1).max(LIMITS.filesPerCustomization),
        }),
        response: { 200: PutOut, ...errors },
      },
    },
    async (request) => {
      const result = await putCustomization(contextOf(request), request.params.componentId, request.body.files);
      return { ...result, createdAt: result.createdAt.toISOString() };
    },
  );

  app.get(
    '/components/:componentId/customizations',
    {
      schema: {
        tags: ['customizations'],
        summary: 'The active customization, with file contents (404 when there is none)',
        params: ComponentParams,
        response: { 200: GetOut, ...errors },
      },
    },
    async (request) => {
      const result = await getCustomization(contextOf(request), request.params.componentId);
      return { ...result, createdAt: result.createdAt.toISOString() };
    },
  );

  app.delete(
    '/components/:componentId/customizations',
    {
      schema: {
        tags: ['customizations'],
        summary: 'Drop the active customization: the next regeneration is generated code alone',
        params: ComponentParams,
        response: { 200: z.object({ id: z.string(), componentId: z.string(), replacedAt: z.string() }), ...errors },
      },
    },
    async (request) => {
      const result = await deleteCustomization(contextOf(request), request.params.componentId);
      return { ...result, replacedAt: result.replacedAt.toISOString() };
    },
  );
};

export default customizations;
