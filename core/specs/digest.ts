// A spec's digest: what a client and the server both compute over a whole spec (boxes included),
// so a client can name a component the server already holds exactly instead of sending it again.
import type { ComponentSpec } from '../contract/specs.js';
import { canonicalHash } from '../tokens/hash.js';

/** sha256 hex of the spec's canonical JSON: equal for equal specs, whatever their key order. */
export function specDigest(spec: ComponentSpec): string {
  return canonicalHash(spec);
}
