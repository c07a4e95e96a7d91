// Built pages, stored once under their key (load.ts pageKey), brotli-compressed like file blobs.
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants } from 'node:zlib';
import type { PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';

const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

export async function cachedPage(db: Tx | PrismaClient, key: string): Promise<string | null> {
  const row = await db.previewBuild.findUnique({ where: { key } });
  if (!row) return null;
  if (row.encoding === 'identity') return Buffer.from(row.html).toString('utf8');
  return (await decompress(row.html)).toString('utf8');
}

/** Stores a page; one stored meanwhile under the same key is the same page and stays. */
export async function storePage(db: Tx | PrismaClient, key: string, html: string): Promise<void> {
  const raw = Buffer.from(html, 'utf8');
  const packed = await compress(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  await db.previewBuild.createMany({
    data: [{ key, size: raw.length, compressedSize: packed.length, encoding: 'br', html: packed }],
    skipDuplicates: true,
  });
}
