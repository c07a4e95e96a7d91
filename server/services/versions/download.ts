// A version's files as a download: one file by its path, or all of them in a zip.
import { strToU8, zipSync } from 'fflate';
import { filePathProblem } from '../../../core/contract/file-path.js';
import { notFound, unprocessable } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/context.js';
import { getVersionWithFiles } from './history.js';

export interface Download {
  /** safe to put in a Content-Disposition header as it is */
  filename: string;
  contentType: string;
  body: string | Buffer;
}

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

function contentTypeOf(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return CONTENT_TYPES[ext] ?? 'text/plain; charset=utf-8';
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'component';
}

/** File `path` of the version, or (without a path) all its files in `<component>-<version>.zip`. */
export async function versionDownload(ctx: RequestContext, versionId: string, path?: string): Promise<Download> {
  const { version, files } = await getVersionWithFiles(ctx, versionId);
  if (path) {
    const file = files.find((f) => f.path === path);
    if (!file) throw notFound('file', `${path} in version ${version.version}`);
    return {
      filename: safeName(file.path.split('/').pop() ?? 'file'),
      contentType: contentTypeOf(file.path),
      body: file.content,
    };
  }
  // Rows stored before paths were validated must not become Zip Slip entries.
  for (const f of files) {
    const problem = filePathProblem(f.path);
    if (problem) {
      throw unprocessable(
        'unsafe_file_path',
        `version ${version.version} holds the file path ${JSON.stringify(f.path)}, which ${problem}; it is not written into a zip (download files one by one with ?file=)`,
        { path: f.path },
      );
    }
  }
  const base = `${safeName(version.component.name)}-${version.version}`;
  const zip = zipSync(Object.fromEntries(files.map((f) => [`${base}/${f.path}`, strToU8(f.content)])), {
    level: 6,
    mtime: version.createdAt,
  });
  return { filename: `${base}.zip`, contentType: 'application/zip', body: Buffer.from(zip) };
}
