import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MeOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import { whoAmI } from '../services/projects/index.js';
import { errors } from './schemas.js';

/** Who the calling token is: the plugin's "Test connection" shows the project's name from here. */
const me: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['projects'],
        summary: "The calling token's project (id, name), token name and scope",
        response: { 200: MeOut, ...errors },
      },
    },
    async (request) => whoAmI(contextOf(request), request.principal!.tokenId),
  );
};

export default me;
