import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants } from 'node:zlib';
import type { PrismaClient } from '../db/generated/client.js';
import type { Tx } from '../db/database.js';
import type { GeneratedFile } from '../../core/contract/api.js';

export interface StoredFileRef {
  path: string;
  sha256: string;
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

/**
 * Content addressing: a file's bytes are stored once under their sha256, compressed; every
 * version that has the same content points at the same blob.
 */
export async function storeBlobs(tx: Tx | PrismaClient, files: readonly GeneratedFile[]): Promise<StoredFileRef[]> {
  const refs = files.map((f) => ({ path: f.path, sha256: sha256OfContent(f.content) }));
  const unique = new Map<string, string>();
  files.forEach((f, i) => unique.set(refs[i]!.sha256, f.content));
  const existing = await tx.fileBlob.findMany({ where: { sha256: { in: [...unique.keys()] } }, select: { sha256: true } });
  for (const { sha256 } of existing) unique.delete(sha256);
  if (unique.size > 0) {
    const rows = await Promise.all(
      [...unique].map(async ([sha256, content]) => {
        const raw = Buffer.from(content, 'utf8');
        const packed = await compress(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
        return { sha256, size: raw.length, compressed_size: packed.length, encoding: 'br', content: `\\x${packed.toString('hex')}` };
      }),
    );
    // One JSON text parameter, the bytes in bytea's hex form: Prisma's createMany walked every
    // blob's bytes as an argument, tens of ms of one event-loop turn per chunk of components.
    await tx.$executeRawUnsafe(
      `INSERT INTO file_blobs (sha256, size, compressed_size, encoding, content)
       SELECT sha256, size, compressed_size, encoding, content FROM jsonb_to_recordset($1::jsonb) AS v(sha256 text, size integer, compressed_size integer, encoding text, content bytea)
       ON CONFLICT (sha256) DO NOTHING`,
      JSON.stringify(rows),
    );
  }
  return refs;
}

export async function loadBlobs(db: Tx | PrismaClient, shas: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.fileBlob.findMany({ where: { sha256: { in: [...new Set(shas)] } } });
  return new Map(rows.map((r) => [r.sha256, decode(r.encoding, r.content)]));
}

/** The files of a version, sorted by path. */
export async function loadVersionFiles(db: Tx | PrismaClient, versionId: string): Promise<GeneratedFile[]> {
  const rows = await db.versionFile.findMany({ where: { versionId }, orderBy: { path: 'asc' }, include: { blob: true } });
  return rows.map((r) => ({ path: r.path, content: decode(r.blob.encoding, r.blob.content) }));
}

/** The files of several versions at once (one query), each list sorted by path. */
export async function loadFilesOfVersions(db: Tx | PrismaClient, versionIds: readonly string[]): Promise<Map<string, GeneratedFile[]>> {
  const byVersion = new Map<string, GeneratedFile[]>(versionIds.map((id) => [id, []]));
  if (!versionIds.length) return byVersion;
  const rows = await db.versionFile.findMany({ where: { versionId: { in: [...new Set(versionIds)] } }, orderBy: [{ versionId: 'asc' }, { path: 'asc' }], include: { blob: true } });
  for (const r of rows) byVersion.get(r.versionId)!.push({ path: r.path, content: decode(r.blob.encoding, r.blob.content) });
  return byVersion;
}

function decode(encoding: string, content: Uint8Array): string {
  if (encoding === 'br') return brotliDecompressSync(content).toString('utf8');
  if (encoding === 'identity') return Buffer.from(content).toString('utf8');
  throw new Error(`unknown blob encoding ${encoding}`);
}
