import { z } from 'zod';
import { LIMITS } from '../../core/contract/limits.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zipSync, strToU8 } from 'fflate';
import { GeneratedFile, Trigger, VersionStatus, VersionSummary } from '../../core/contract/api.js';
import { Bump } from '../../core/contract/changes.js';
import { contextOf } from '../plugins/auth.js';
import { notFound, unprocessable } from '../errors.js';
import { filePathProblem } from '../../core/contract/file-path.js';
import { sha256OfContent } from '../services/blobs.js';
import { createDraft } from '../services/propose/index.js';
import {
  addTag, getVersionDetail, getVersionWithFiles, listVersions, publishVersion, rejectVersion, removeTag, replaceDraftFiles,
} from '../services/versions/index.js';
import { ComponentParams, errors, Limit, Tag, Timestamp, VersionDetailOut, VersionOut, VersionParams, versionOut, versionSummary } from './schemas.js';

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
  .object({ comment: z.string().max(5000).optional(), force: z.boolean().optional().describe('publish even with unresolved merge conflicts') })
  .nullish();

const CONTENT_TYPES: Record<string, string> = {
  tsx: 'text/tsx; charset=utf-8',
  ts: 'text/typescript; charset=utf-8',
  jsx: 'text/javascript; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'text/plain; charset=utf-8';
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'component';
}

const versions: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/components/:componentId/versions',
    {
      schema: {
        tags: ['versions'],
        summary: 'Create a draft version directly from files and metadata (tooling, tests); the number is proposed from the bump',
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
          status: VersionStatus.optional().describe('only versions in this status; without it, every status but archived (archived versions are listed only when asked for)'),
          tag: Tag.optional(),
          trigger: Trigger.optional(),
          author: z.string().min(1).max(200).optional(),
          branch: z.string().min(1).max(100).optional(),
          from: Timestamp.optional(),
          to: Timestamp.optional(),
          cursor: z.string().max(200).optional(),
          limit: Limit,
        }),
        response: { 200: z.object({ items: z.array(VersionSummary), nextCursor: z.string().nullable() }), ...errors },
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
    { schema: { tags: ['versions'], summary: 'Version metadata, inputs, and files with contents', params: VersionParams, response: { 200: VersionDetailOut, ...errors } } },
    async (request) => {
      const { version, files } = await getVersionDetail(contextOf(request), request.params.versionId);
      return {
        ...versionOut(version),
        tokens: version.tokens,
        spec: version.spec,
        files: files.map((f) => ({ path: f.path, size: Buffer.byteLength(f.content), sha256: sha256OfContent(f.content), content: f.content })),
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
      const { version, files } = await getVersionWithFiles(contextOf(request), request.params.versionId);
      const base = `${safeName(version.component.name)}-${version.version}`;
      // Downloads are code, never something a browser should sniff into HTML and run.
      reply.header('x-content-type-options', 'nosniff');
      if (request.query.file) {
        const file = files.find((f) => f.path === request.query.file);
        if (!file) throw notFound('file', `${request.query.file} in version ${version.version}`);
        reply.header('content-type', contentTypeOf(file.path));
        reply.header('content-disposition', `attachment; filename="${safeName(file.path.split('/').pop() ?? 'file')}"`);
        return reply.send(file.content);
      }
      // Rows stored before paths were validated must not become Zip Slip entries.
      for (const f of files) {
        const problem = filePathProblem(f.path);
        if (problem) {
          throw unprocessable('unsafe_file_path', `version ${version.version} holds the file path ${JSON.stringify(f.path)}, which ${problem}; it is not written into a zip (download files one by one with ?file=)`, { path: f.path });
        }
      }
      const zip = zipSync(Object.fromEntries(files.map((f) => [`${base}/${f.path}`, strToU8(f.content)])), { level: 6, mtime: version.createdAt });
      reply.header('content-type', 'application/zip');
      reply.header('content-disposition', `attachment; filename="${base}.zip"`);
      return reply.send(Buffer.from(zip));
    },
  );

  app.post(
    '/versions/:versionId/publish',
    {
      schema: {
        tags: ['review'],
        summary: 'Publish a draft: it gets its final number, becomes immutable and current; 409 when its base is no longer current or it has unresolved merge conflicts (unless force)',
        params: VersionParams,
        body: PublishBody,
        response: { 200: VersionOut, ...errors },
      },
    },
    async (request) => versionOut(await publishVersion(contextOf(request), request.params.versionId, request.body ?? {})),
  );

  app.put(
    '/versions/:versionId/files',
    {
      schema: {
        tags: ['review'],
        summary: "Replace a draft's files (e.g. merge conflicts resolved by hand); published versions are immutable (409)",
        params: VersionParams,
        body: z.object({ files: z.array(GeneratedFile).min(1).max(LIMITS.filesPerVersion) }),
        response: { 200: VersionOut, ...errors },
      },
    },
    async (request) => versionOut(await replaceDraftFiles(contextOf(request), request.params.versionId, request.body.files)),
  );

  app.post(
    '/versions/:versionId/reject',
    {
      schema: { tags: ['review'], summary: 'Reject a draft, with an optional comment', params: VersionParams, body: Comment, response: { 200: VersionOut, ...errors } },
    },
    async (request) => versionOut(await rejectVersion(contextOf(request), request.params.versionId, request.body ?? {})),
  );

  app.post(
    '/versions/:versionId/tags',
    {
      schema: { tags: ['versions'], summary: 'Add a tag (stable, experimental, …) to any version', params: VersionParams, body: z.object({ tag: Tag }), response: { 200: VersionOut, ...errors } },
    },
    async (request) => versionOut(await addTag(contextOf(request), request.params.versionId, request.body.tag)),
  );

  app.delete(
    '/versions/:versionId/tags',
    {
      schema: { tags: ['versions'], summary: 'Remove a tag (?tag=name)', params: VersionParams, querystring: z.object({ tag: Tag }), response: { 200: VersionOut, ...errors } },
    },
    async (request) => versionOut(await removeTag(contextOf(request), request.params.versionId, request.query.tag)),
  );
};

export default versions;
