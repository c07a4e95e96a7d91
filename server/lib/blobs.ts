import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants } from 'node:zlib';
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { GeneratedFile } from '../../core/contract/api.js';
import { fromJsonColumn } from './json-column.js';

/** A file by its path and the hash of its content, stored once as a blob. */
export const StoredFileRef = z.object({ path: z.string(), sha256: z.string() });
export type StoredFileRef = z.infer<typeof StoredFileRef>;

const StoredFileRefs = z.array(StoredFileRef);

/** A JSON column holding file references (customizations.files) read back; `column` names it in the error. */
export function fileRefsOf(value: Prisma.JsonValue, column: string): StoredFileRef[] {
  return fromJsonColumn(StoredFileRefs, value, column);
}

export function sha256OfContent(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/**
 * Measured on 1,000 generated files (bench/sync.bench.ts's design system): quality 5 packs them
 * as small as 9 (37 % of their size) in a fifteenth of the time (0.15 ms a file instead of 2 ms,
 * which made compression a third of a first sync's CPU time).
 */
const BROTLI_QUALITY = 5;

/** In libuv's thread pool, not on the event loop: compressing a chunk's files blocked other requests ~30 ms at a time. */
const compress = promisify(brotliCompress);

/** A blob ready to insert: its content compressed. */
export interface PackedBlob {
  sha256: string;
  size: number;
  compressedSize: number;
  content: Buffer;
}

/**
 * Content addressing: a file's bytes are stored once under their sha256, compressed; every
 * version that has the same content points at the same blob.
 */
export async function storeBlobs(tx: Tx | PrismaClient, files: readonly GeneratedFile[]): Promise<StoredFileRef[]> {
  const refs = files.map((f) => ({ path: f.path, sha256: sha256OfContent(f.content) }));
  await insertBlobs(tx, await packNewBlobs(tx, files));
  return refs;
}

/**
 * The blobs of `files` that the database does not hold yet, compressed. Blobs are never
 * deleted, so what exists now still exists in a later transaction: callers may pack before
 * opening one, and keep the transaction short.
 */
export async function packNewBlobs(db: Tx | PrismaClient, files: readonly GeneratedFile[]): Promise<PackedBlob[]> {
  const unique = new Map<string, string>();
  for (const f of files) unique.set(sha256OfContent(f.content), f.content);
  if (!unique.size) return [];
  const existing = await db.fileBlob.findMany({
    where: { sha256: { in: [...unique.keys()] } },
    select: { sha256: true },
  });
  for (const { sha256 } of existing) unique.delete(sha256);
  return Promise.all(
    [...unique].map(async ([sha256, content]) => {
      const raw = Buffer.from(content, 'utf8');
      const packed = await compress(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      });
      return { sha256, size: raw.length, compressedSize: packed.length, content: packed };
    }),
  );
}

/** Inserts packed blobs (one that arrived meanwhile is kept as it is: same sha256, same bytes). */
export async function insertBlobs(tx: Tx | PrismaClient, blobs: readonly PackedBlob[]): Promise<void> {
  if (!blobs.length) return;
  // One JSON text parameter, the bytes in bytea's hex form: Prisma's createMany walked every
  // blob's bytes as an argument, tens of ms of one event-loop turn per chunk of components.
  const rows = blobs.map((b) => ({
    sha256: b.sha256,
    size: b.size,
    compressed_size: b.compressedSize,
    encoding: 'br',
    content: `\\x${b.content.toString('hex')}`,
  }));
  await tx.$executeRawUnsafe(
    `INSERT INTO file_blobs (sha256, size, compressed_size, encoding, content)
     SELECT sha256, size, compressed_size, encoding, content FROM json_to_recordset($1::json) AS v(sha256 text, size integer, compressed_size integer, encoding text, content bytea)
     ON CONFLICT (sha256) DO NOTHING`,
    JSON.stringify(rows),
  );
}

/**
 * Blobs are immutable (content-addressed), so their decoded text can be kept: a sync diffs
 * hundreds of components against their base versions, whose files are mostly the same few
 * blobs from one sync to the next. Bounded by characters held.
 */
const MAX_CACHED_CHARS = 32 * 1024 * 1024;
const decoded = new Map<string, string>();
let cachedChars = 0;

function cacheDecoded(sha256: string, text: string): void {
  if (text.length > MAX_CACHED_CHARS / 8 || decoded.has(sha256)) return;
  decoded.set(sha256, text);
  cachedChars += text.length;
  for (const [oldest, old] of decoded) {
    if (cachedChars <= MAX_CACHED_CHARS) break;
    decoded.delete(oldest);
    cachedChars -= old.length;
  }
}

export async function loadBlobs(db: Tx | PrismaClient, shas: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const missing: string[] = [];
  for (const sha of new Set(shas)) {
    const hit = decoded.get(sha);
    if (hit === undefined) missing.push(sha);
    else out.set(sha, hit);
  }
  if (missing.length) {
    const rows = await db.fileBlob.findMany({ where: { sha256: { in: missing } } });
    for (const r of rows) {
      const text = decode(r.encoding, r.content);
      cacheDecoded(r.sha256, text);
      out.set(r.sha256, text);
    }
  }
  return out;
}

/** A stored file with the sha256 of its content (its blob's key). */
export interface LoadedFile extends GeneratedFile {
  sha256: string;
}

/** The files of a version, sorted by path. */
export async function loadVersionFiles(db: Tx | PrismaClient, versionId: string): Promise<LoadedFile[]> {
  return (await loadFilesOfVersions(db, [versionId])).get(versionId)!;
}

/** The files of several versions at once, each list sorted by path. */
export async function loadFilesOfVersions(
  db: Tx | PrismaClient,
  versionIds: readonly string[],
): Promise<Map<string, LoadedFile[]>> {
  const byVersion = new Map<string, LoadedFile[]>(versionIds.map((id) => [id, []]));
  if (!versionIds.length) return byVersion;
  const rows = await db.versionFile.findMany({
    where: { versionId: { in: [...new Set(versionIds)] } },
    orderBy: [{ versionId: 'asc' }, { path: 'asc' }],
    select: { versionId: true, path: true, blobSha256: true },
  });
  const contents = await loadBlobs(
    db,
    rows.map((r) => r.blobSha256),
  );
  for (const r of rows) {
    const content = contents.get(r.blobSha256);
    if (content === undefined) throw new Error(`blob ${r.blobSha256} of ${r.path} is missing`);
    byVersion.get(r.versionId)!.push({ path: r.path, content, sha256: r.blobSha256 });
  }
  return byVersion;
}

function decode(encoding: string, content: Uint8Array): string {
  if (encoding === 'br') return brotliDecompressSync(content).toString('utf8');
  if (encoding === 'identity') return Buffer.from(content).toString('utf8');
  throw new Error(`unknown blob encoding ${encoding}`);
}
