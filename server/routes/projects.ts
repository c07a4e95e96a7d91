import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../plugins/auth.js';
import { createProject } from '../services/projects/index.js';
import { ProjectCreatedOut } from '../../core/contract/responses.js';
import { errors } from './schemas.js';
import { tokenOut } from './api-tokens.js';

const projects: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/projects',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['projects'],
        summary: 'Create a project (admin token); returns the project and its first admin token, shown once',
        body: z.object({ name: z.string().trim().min(1).max(200) }),
        response: { 201: ProjectCreatedOut, ...errors },
      },
    },
    async (request, reply) => {
      const { project, token } = await createProject(contextOf(request), request.body.name);
      return reply.status(201).send({
        project: { id: project.id, name: project.name, createdAt: project.createdAt.toISOString() },
        token: tokenOut(token),
      });
    },
  );
};

export default projects;
