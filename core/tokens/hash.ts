import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * JSON with object keys sorted at every depth, so the same data always serializes the same
 * way whatever order its keys were built in. `undefined` members are dropped as JSON does.
 */
export function canonicalJson(value: unknown): string {
  // Loops and concatenation rather than map/filter/join: a sync canonicalizes every token and
  // spec of a design system (layer trees included), and the intermediate arrays were most of
  // the cost. Primitives are written here rather than by JSON.stringify, with its output.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default: {
      const s = JSON.stringify(value);
      return s === undefined ? 'null' : s;
    }
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += (first ? '' : ',') + quotedKey(key) + ':' + canonicalJson(member);
    first = false;
  }
  return out + '}';
}

// Keys repeat across a design system (field names): quoted once each. Capped, as keys of
// records (names chosen by designers) could otherwise grow it without end.
const QUOTED = new Map<string, string>();
function quotedKey(key: string): string {
  let q = QUOTED.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (QUOTED.size < 10_000) QUOTED.set(key, q);
  }
  return q;
}

/** Hex SHA-256 of a text (UTF-8) or bytes. */
export type Sha256Hex = (text: string | Uint8Array) => string;

const portableSha256: Sha256Hex = (text) => bytesToHex(sha256(typeof text === 'string' ? utf8ToBytes(text) : text));
let digest: Sha256Hex = portableSha256;

/**
 * Lets a host with a native SHA-256 (the server's node:crypto, several times faster) replace
 * the portable one core uses in Figma's sandbox. The function must give the same hex digests.
 */
export function useSha256(native: Sha256Hex): void {
  digest = native;
}

export function sha256Hex(text: string | Uint8Array): string {
  return digest(text);
}

/** The canonical hash: sha256 hex of canonical JSON. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
