/**
 * A stable 40-hex-digit key for an id, shaped like Figma's publish keys, for seeds that do not
 * give one. Deterministic, so fixtures and snapshots do not change between runs.
 */
const BYTES = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function fakeKey(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  // Five 8-digit words from the one hash (xorshift32), written a byte at a time:
  // Number#toString(16) is slow, and large files need thousands of keys.
  let out = '';
  for (let word = 0; word < 5; word++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    out += (BYTES[(h >>> 24) & 255] as string) + BYTES[(h >>> 16) & 255] + BYTES[(h >>> 8) & 255] + BYTES[h & 255];
  }
  return out;
}
