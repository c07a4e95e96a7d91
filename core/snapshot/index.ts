/**
 * The plugin snapshot (DESIGN.md "Plugin snapshot"): what the plugin extracted, written into the
 * document's shared plugin data after each sync so that the server can read it over Figma's
 * REST API without an Enterprise plan. Encoding and decoding live here, one definition for the
 * plugin that writes and the server that reads: JSON text → UTF-8 → gzip → base64, cut into
 * entries under Figma's 100 kB limit, with a manifest naming the count and the sha256.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import type { ComponentSpec } from '../contract/specs.js';
import type { TokenSet } from '../contract/tokens.js';
import { sha256Hex } from '../tokens/hash.js';
import { fromBase64, toBase64 } from './base64.js';

export const SNAPSHOT_NAMESPACE = 'design_sync';
export const SNAPSHOT_KEY = 'snapshot';
export const chunkKey = (i: number): string => `${SNAPSHOT_KEY}/${i}`;

/**
 * Figma refuses a shared-plugin-data entry (namespace + key + value) of 100 kB or more. Its
 * documentation does not say whether k is 1,000 or 1,024: entries stay under the smaller.
 */
export const ENTRY_LIMIT = 100_000;
/** Room left for the namespace and the longest key, with a margin. */
export const MAX_CHUNK_CHARS = ENTRY_LIMIT - 1024;

export interface SnapshotContent {
  tokens: TokenSet;
  components: ComponentSpec[];
}

export interface SnapshotManifest {
  format: 'design-sync/snapshot';
  version: 1;
  encoding: 'gzip+base64';
  chunks: number;
  /** hex sha256 of the UTF-8 JSON text */
  sha256: string;
  /** length of that text in bytes */
  bytes: number;
  syncedAt: string;
}

export interface EncodedSnapshot {
  manifest: SnapshotManifest;
  chunks: string[];
}

export function encodeSnapshot(
  content: SnapshotContent,
  syncedAt: string,
  maxChunkChars = MAX_CHUNK_CHARS,
): EncodedSnapshot {
  const json = strToU8(JSON.stringify({ tokens: content.tokens, components: content.components }));
  // mtime 0: the same content always gives the same bytes.
  const encoded = toBase64(gzipSync(json, { level: 6, mtime: 0 }));
  const chunks: string[] = [];
  for (let i = 0; i < encoded.length; i += maxChunkChars) chunks.push(encoded.slice(i, i + maxChunkChars));
  if (chunks.length === 0) chunks.push('');
  const manifest: SnapshotManifest = {
    format: 'design-sync/snapshot',
    version: 1,
    encoding: 'gzip+base64',
    chunks: chunks.length,
    sha256: sha256Hex(json),
    bytes: json.length,
    syncedAt,
  };
  return { manifest, chunks };
}

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** The manifest from its entry's text, or a SnapshotError saying what is wrong with it. */
export function parseManifest(text: string | undefined): SnapshotManifest {
  if (!text) throw new SnapshotError('the file has no design-sync snapshot (run a sync from the plugin once)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SnapshotError('the snapshot manifest is not JSON');
  }
  const m = value as Partial<SnapshotManifest>;
  if (m.format !== 'design-sync/snapshot') throw new SnapshotError('the snapshot manifest has another format');
  if (m.version !== 1) throw new SnapshotError(`snapshot version ${String(m.version)} is not supported`);
  if (m.encoding !== 'gzip+base64') throw new SnapshotError(`snapshot encoding ${String(m.encoding)} is not supported`);
  if (!Number.isInteger(m.chunks) || (m.chunks as number) < 1 || (m.chunks as number) > 10_000)
    throw new SnapshotError('the snapshot manifest has no valid chunk count');
  if (typeof m.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(m.sha256))
    throw new SnapshotError('the snapshot manifest has no valid sha256');
  if (!Number.isInteger(m.bytes) || (m.bytes as number) < 0)
    throw new SnapshotError('the snapshot manifest has no valid size');
  return m as SnapshotManifest;
}

/**
 * The content from the manifest and the entries by key (`snapshot/0` …). Refuses anything
 * that does not decode to exactly what the manifest describes.
 */
export function decodeSnapshot(
  manifest: SnapshotManifest,
  entries: Readonly<Record<string, string | undefined>>,
): SnapshotContent {
  let encoded = '';
  for (let i = 0; i < manifest.chunks; i++) {
    const chunk = entries[chunkKey(i)];
    if (chunk === undefined) throw new SnapshotError(`snapshot chunk ${i} of ${manifest.chunks} is missing`);
    encoded += chunk;
  }
  let json: Uint8Array;
  try {
    json = gunzipSync(fromBase64(encoded));
  } catch (err) {
    throw new SnapshotError(`the snapshot does not decode: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (json.length !== manifest.bytes)
    throw new SnapshotError(`the snapshot has ${json.length} bytes, its manifest says ${manifest.bytes}`);
  if (sha256Hex(json) !== manifest.sha256)
    throw new SnapshotError('the snapshot does not match its sha256 (written partly, or changed)');
  const content = JSON.parse(strFromU8(json)) as Partial<SnapshotContent>;
  if (!content || typeof content !== 'object' || !content.tokens || !Array.isArray(content.components))
    throw new SnapshotError('the snapshot holds no tokens and components');
  return content as SnapshotContent;
}
