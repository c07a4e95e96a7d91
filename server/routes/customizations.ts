import { z } from 'zod';
import { LIMITS } from '../../core/contract/limits.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GeneratedFile } from '../../core/contract/api.js';
import { contextOf } from '../plugins/auth.js';
import { deleteCustomization, getCustomization, putCustomization } from '../services/versions/index.js';
import { CustomizationDroppedOut, CustomizationOut, CustomizationStoredOut } from '../../core/contract/responses.js';
import { ComponentParams, errors } from './schemas.js';

const customizations: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/components/:componentId/customizations',
    {
      schema: {
        tags: ['customizations'],
        summary:
          'Upload hand-edited files for the current published version; later regenerations three-way merge them (conflicts are flagged and never auto-published). Replaces the previous customization.',
        params: ComponentParams,
        body: z.object({
          files: z.array(GeneratedFile).min(1).max(LIMITS.filesPerCustomization),
        }),
        response: { 200: CustomizationStoredOut, ...errors },
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
        response: { 200: CustomizationOut, ...errors },
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
        response: { 200: CustomizationDroppedOut, ...errors },
      },
    },
    async (request) => {
      const result = await deleteCustomization(contextOf(request), request.params.componentId);
      return { ...result, replacedAt: result.replacedAt.toISOString() };
    },
  );
};

export default customizations;
