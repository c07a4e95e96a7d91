import { z } from 'zod';
import { LIMITS } from '../../core/contract/limits.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GeneratedFile, Trigger, VersionStatus } from '../../core/contract/api.js';
import { Bump } from '../../core/contract/changes.js';
import { contextOf } from '../plugins/auth.js';
import { sha256OfContent } from '../lib/blobs.js';
import { createDraft } from '../services/propose/index.js';
import {
  addTag,
  getVersionDetail,
  listVersions,
  publishVersion,
  rejectVersion,
  removeTag,
  replaceDraftFiles,
  versionDownload,
} from '../services/versions/index.js';
import { VersionDetailOut, VersionOut, VersionPageOut } from '../../core/contract/responses.js';
import {
  ComponentParams,
  errors,
  Limit,
  Tag,
  Timestamp,
  VersionParams,
  versionOut,
  versionSummary,
} from './schemas.js';

const JsonObject = z.record(z.string(), z.json());

const DraftBody = z.object({
  files: z.array(GeneratedFile).min(1).max(LIMITS.filesPerVersion),
  bump: Bump,
  trigger: Trigger.optional(),
  summary: z.array(z.string().max(1000)).max(200).optional(),
  tokens: JsonObject.optional(),
  spec: JsonObject.optional(),
  patternId: z.string().min(1).max(100).optional(),
  patternVersion: z.string().min(1).max(50).optional(),
  generationParams: JsonObject.optional(),
  branch: z.string().min(1).max(100).optional(),
  warnings: z.array(z.string().max(2000)).max(200).optional(),
  tags: z.array(Tag).max(20).optional(),
});

// Bodyless POSTs (curl -X POST …/publish) arrive as null.
const Comment = z.object({ comment: z.string().max(5000).optional() }).nullish();
const PublishBody = z
  .object({
    comment: z.string().max(5000).optional(),
    force: z.boolean().optional().describe('publish even with unresolved merge conflicts'),
  })
  .nullish();

const versions: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/components/:componentId/versions',
    {
      schema: {
        tags: ['versions'],
        summary:
          'Create a draft version directly from files and metadata (tooling, tests); the number is proposed from the bump',
        params: ComponentParams,
        body: DraftBody,
        response: { 201: VersionOut, ...errors },
      },
    },
    async (request, reply) => {
      const version = await createDraft(contextOf(request), request.params.componentId, request.body);
      return reply.status(201).send(versionOut(version));
    },
  );

  app.get(
    '/components/:componentId/versions',
    {
      schema: {
        tags: ['versions'],
        summary: 'Version history, newest first, with filters and cursor paging',
        params: ComponentParams,
        querystring: z.object({
          status: VersionStatus.optional().describe(
            'only versions in this status; without it, every status but archived (archived versions are listed only when asked for)',
          ),
          tag: Tag.optional(),
          trigger: Trigger.optional(),
          author: z.string().min(1).max(200).optional(),
          branch: z.string().min(1).max(100).optional(),
          from: Timestamp.optional(),
          to: Timestamp.optional(),
          cursor: z.string().max(200).optional(),
          limit: Limit,
        }),
        response: { 200: VersionPageOut, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listVersions(contextOf(request), request.params.componentId, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      });
      return { items: page.items.map(versionSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/versions/:versionId',
    {
      schema: {
        tags: ['versions'],
        summary: 'Version metadata, inputs, and files with contents',
        params: VersionParams,
        response: { 200: VersionDetailOut, ...errors },
      },
    },
    async (request) => {
      const { version, files } = await getVersionDetail(contextOf(request), request.params.versionId);
      return {
        ...versionOut(version),
        tokens: version.tokens,
        spec: version.spec,
        files: files.map((f) => ({
          path: f.path,
          size: Buffer.byteLength(f.content),
          sha256: sha256OfContent(f.content),
          content: f.content,
        })),
      };
    },
  );

  app.get(
    '/versions/:versionId/download',
    {
      schema: {
        tags: ['versions'],
        summary: 'A zip of all files of the version, or one file with ?file=path',
        params: VersionParams,
        querystring: z.object({ file: z.string().min(1).max(500).optional() }),
        response: { 200: z.any().describe('application/zip, or the file itself'), ...errors },
      },
    },
    async (request, reply) => {
      // Downloads are code, never something a browser should sniff into HTML and run.
      reply.header('x-content-type-options', 'nosniff');
      const download = await versionDownload(contextOf(request), request.params.versionId, request.query.file);
      reply.header('content-type', download.contentType);
      reply.header('content-disposition', `attachment; filename="${download.filename}"`);
      return reply.send(download.body);
    },
  );

  app.post(
    '/versions/:versionId/publish',
    {
      schema: {
        tags: ['review'],
        summary:
          'Publish a draft: it gets its final number, becomes immutable and current; 409 when its base is no longer current or it has unresolved merge conflicts (unless force)',
        params: VersionParams,
        body: PublishBody,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (request) =>
      versionOut(await publishVersion(contextOf(request), request.params.versionId, request.body ?? {})),
  );

  app.put(
    '/versions/:versionId/files',
    {
      schema: {
        tags: ['review'],
        summary:
          "Replace a draft's files (e.g. merge conflicts resolved by hand); published versions are immutable (409)",
        params: VersionParams,
        body: z.object({ files: z.array(GeneratedFile).min(1).max(LIMITS.filesPerVersion) }),
        response: { 200: VersionOut, ...errors },
      },
    },
    async (request) =>
      versionOut(await replaceDraftFiles(contextOf(request), request.params.versionId, request.body.files)),
  );

  app.post(
    '/versions/:versionId/reject',
    {
      schema: {
        tags: ['review'],
        summary: 'Reject a draft, with an optional comment',
        params: VersionParams,
        body: Comment,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (request) =>
      versionOut(await rejectVersion(contextOf(request), request.params.versionId, request.body ?? {})),
  );

  app.post(
    '/versions/:versionId/tags',
    {
      schema: {
        tags: ['versions'],
        summary: 'Add a tag (stable, experimental, …) to any version',
        params: VersionParams,
        body: z.object({ tag: Tag }),
        response: { 200: VersionOut, ...errors },
      },
    },
    async (request) => versionOut(await addTag(contextOf(request), request.params.versionId, request.body.tag)),
  );

  app.delete(
    '/versions/:versionId/tags',
    {
      schema: {
        tags: ['versions'],
        summary: 'Remove a tag (?tag=name)',
        params: VersionParams,
        querystring: z.object({ tag: Tag }),
        response: { 200: VersionOut, ...errors },
      },
    },
    async (request) => versionOut(await removeTag(contextOf(request), request.params.versionId, request.query.tag)),
  );
};

export default versions;
