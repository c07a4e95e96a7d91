// The server's SHA-256 for core's canonical hashes: node:crypto instead of the portable
// implementation core ships for Figma's sandbox (same digests, several times faster).
import { createHash } from 'node:crypto';
import { useSha256 } from '../../core/tokens/hash.js';

export function nativeSha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Call once per thread that hashes (the server, each worker). */
export function installNativeSha256(): void {
  useSha256(nativeSha256Hex);
}
