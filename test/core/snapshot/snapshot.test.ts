import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { gunzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../core/snapshot/base64.js';
import {
  chunkKey,
  decodeSnapshot,
  encodeSnapshot,
  ENTRY_LIMIT,
  parseManifest,
  SNAPSHOT_KEY,
  SNAPSHOT_NAMESPACE,
  SnapshotError,
} from '../../../core/snapshot/index.js';
import { designSystem } from '../../helpers/sync-fixtures.js';

const entriesOf = (chunks: string[]) => Object.fromEntries(chunks.map((c, i) => [chunkKey(i), c]));

describe('the plugin snapshot format (DESIGN.md "Plugin snapshot")', () => {
  it('encodes as DESIGN.md says: gzip of the UTF-8 JSON, base64, a manifest with count, sha256 and bytes', () => {
    const content = designSystem();
    const { manifest, chunks } = encodeSnapshot(content, '2026-12-04T10:00:00.000Z');
    const json = JSON.stringify({ tokens: content.tokens, components: content.components });
    expect(manifest).toEqual({
      format: 'design-sync/snapshot',
      version: 1,
      encoding: 'gzip+base64',
      chunks: chunks.length,
      sha256: createHashHex(json),
      bytes: Buffer.byteLength(json),
      syncedAt: '2026-12-04T10:00:00.000Z',
    });
    expect(strFromU8(gunzipSync(Buffer.from(chunks.join(''), 'base64')))).toBe(json);
    expect(decodeSnapshot(manifest, entriesOf(chunks))).toEqual(content);
  });

  it("cuts a large snapshot into entries that each stay under Figma's 100 kB (namespace + key + value)", () => {
    const content = designSystem();
    // Incompressible descriptions make the text large after gzip.
    let seed = 1;
    const noise = () =>
      Array.from({ length: 4000 }, () => ((seed = (seed * 48271) % 2147483647) % 36).toString(36)).join('');
    content.tokens.tokens.forEach((t) => (t.description = noise()));
    for (let i = 0; i < 120; i++)
      content.tokens.tokens.push({
        ...content.tokens.tokens[0]!,
        id: `VariableID:9:${i}`,
        name: `noise/${i}`,
        description: noise(),
      });
    const { manifest, chunks } = encodeSnapshot(content, '2026-12-04T10:00:00.000Z');
    expect(manifest.chunks).toBeGreaterThan(3);
    for (const [i, chunk] of chunks.entries())
      expect(SNAPSHOT_NAMESPACE.length + chunkKey(i).length + chunk.length).toBeLessThan(ENTRY_LIMIT);
    expect(SNAPSHOT_NAMESPACE.length + SNAPSHOT_KEY.length + JSON.stringify(manifest).length).toBeLessThan(ENTRY_LIMIT);
    expect(decodeSnapshot(manifest, entriesOf(chunks))).toEqual(content);
  });

  it('refuses a snapshot that does not match its manifest: a missing chunk, a changed chunk, a stale manifest', () => {
    const { manifest, chunks } = encodeSnapshot(designSystem(), 'now', 200);
    expect(chunks.length).toBeGreaterThan(2);
    const missing = entriesOf(chunks);
    delete missing[chunkKey(1)];
    expect(() => decodeSnapshot(manifest, missing)).toThrow(/chunk 1 of \d+ is missing/);
    const swapped = entriesOf([chunks[1]!, chunks[0]!, ...chunks.slice(2)]);
    expect(() => decodeSnapshot(manifest, swapped)).toThrow(SnapshotError);
    const other = encodeSnapshot(syncless(), 'now', 200);
    expect(() => decodeSnapshot({ ...manifest, chunks: other.chunks.length }, entriesOf(other.chunks))).toThrow(
      /bytes|sha256/,
    );
  });

  it('reads a manifest only when it is one: format, version, encoding, counts', () => {
    const { manifest } = encodeSnapshot(designSystem(), 'now');
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
    expect(() => parseManifest(undefined)).toThrow(/no design-sync snapshot/);
    expect(() => parseManifest('{')).toThrow(/not JSON/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, version: 2 }))).toThrow(/version 2/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, chunks: 0 }))).toThrow(/chunk count/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, sha256: 'x' }))).toThrow(/sha256/);
  });

  it('writes the same bytes for the same content (gzip without a timestamp)', () => {
    expect(encodeSnapshot(designSystem(), 'a').chunks).toEqual(encodeSnapshot(designSystem(), 'b').chunks);
  });
});

describe("base64 without Buffer (for Figma's sandbox)", () => {
  it('encodes and decodes exactly as Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect([...fromBase64(text)]).toEqual([...bytes]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses text that is not base64', () => {
    expect(() => fromBase64('abc')).toThrow(/multiple of 4/);
    expect(() => fromBase64('ab$=')).toThrow(/invalid base64 character/);
  });
});

function createHashHex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function syncless() {
  const ds = designSystem();
  ds.components = [];
  return ds;
}
