import { z } from 'zod';
import { LIMITS } from '../../core/contract/limits.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GeneratedFile } from '../../core/contract/api.js';
import { BranchListOut, BranchMergedOut, BranchNotMergedOut, BranchOut } from '../../core/contract/responses.js';
import { contextOf } from '../plugins/auth.js';
import {
  BRANCH_NAME,
  BRANCH_NAME_RULE,
  createBranch,
  listBranches,
  type BranchView,
} from '../services/versions/index.js';
import { mergeBranch } from '../services/propose/index.js';
import { ComponentParams, errors, Id, versionOut, versionSummary } from './schemas.js';

const BranchName = z
  .string()
  .regex(BRANCH_NAME, BRANCH_NAME_RULE)
  .refine((n) => n !== 'main', BRANCH_NAME_RULE);

function branchOut(v: BranchView): BranchOut {
  return {
    id: v.branch.id,
    componentId: v.branch.componentId,
    name: v.branch.name,
    baseVersion: versionSummary(v.base),
    headVersion: versionSummary(v.head),
    versions: v.versions,
    pendingDraft: v.pendingDraft ? versionSummary(v.pendingDraft) : null,
    createdBy: v.branch.createdBy,
    createdAt: v.branch.createdAt.toISOString(),
    mergedAt: v.branch.mergedAt?.toISOString() ?? null,
    mergedVersion: v.merged ? versionSummary(v.merged) : null,
  };
}

const branches: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/components/:componentId/branches',
    {
      schema: {
        tags: ['branches'],
        summary:
          'Create a branch from a published version (default: the current one); its versions are numbered 1.4.0-<name>.N',
        params: ComponentParams,
        body: z.object({ name: BranchName, fromVersionId: Id.optional() }),
        response: { 201: BranchOut, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(branchOut(await createBranch(contextOf(request), request.params.componentId, request.body))),
  );

  app.get(
    '/components/:componentId/branches',
    {
      schema: {
        tags: ['branches'],
        summary: 'Branches of a component, oldest first, merged ones included',
        params: ComponentParams,
        response: { 200: BranchListOut, ...errors },
      },
    },
    async (request) => ({ items: (await listBranches(contextOf(request), request.params.componentId)).map(branchOut) }),
  );

  app.post(
    '/components/:componentId/branches/:name/merge',
    {
      schema: {
        tags: ['branches'],
        summary:
          'Merge a branch into main: fast-forward when main has not moved, else a three-way merge. 201 merged (published on main, branch closed); 200 conflicts (a draft on main with markers; send the resolved files back as `files`); 200 up_to_date.',
        params: ComponentParams.extend({ name: BranchName }),
        body: z
          .object({
            files: z
              .array(GeneratedFile)
              .min(1)
              .max(LIMITS.filesPerVersion)
              .optional()
              .describe('your resolution of a conflicted merge, published as the result'),
          })
          .nullish(),
        response: { 201: BranchMergedOut, 200: BranchNotMergedOut, ...errors },
      },
    },
    async (request, reply) => {
      const r = await mergeBranch(contextOf(request), request.params.componentId, request.params.name, {
        files: request.body?.files,
      });
      const common = { strategy: r.strategy, branch: branchOut(r.branch), warnings: r.warnings, diff: r.diff };
      if (r.status === 'conflicts')
        return reply
          .status(200)
          .send({ status: r.status, draft: versionOut(r.version), conflicts: r.conflicts, ...common });
      if (r.status === 'up_to_date')
        return reply.status(200).send({ status: r.status, version: versionOut(r.version), ...common });
      return reply.status(201).send({ status: r.status, version: versionOut(r.version), ...common });
    },
  );
};

export default branches;
