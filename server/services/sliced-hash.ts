// The canonical hashes of a big request, computed in slices so other requests get turns.
import { createHash } from 'node:crypto';
import type { TokenSet } from '../../core/contract/tokens.js';
import { canonicalJsonPieces, hashToken } from '../../core/tokens/index.js';
import { TimeSlicer } from './event-loop.js';

/**
 * Equals canonicalHash(value) (sha256 hex of its canonical JSON), fed to the hash piece by
 * piece: in one go, a 300-component sync request blocked the event loop ~50 ms.
 */
export async function canonicalHashSliced(value: unknown, slicer = new TimeSlicer()): Promise<string> {
  const hash = createHash('sha256');
  for (const piece of canonicalJsonPieces(value)) {
    hash.update(piece, 'utf8');
    await slicer.tick();
  }
  return hash.digest('hex');
}

/** Equals hashTokenSet(set), the per-token hashes computed in slices. */
export async function hashTokenSetSliced(set: TokenSet, slicer = new TimeSlicer()): Promise<string> {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const pairs: Array<[string, string]> = [];
  for (const t of [...set.tokens].sort(byId)) {
    pairs.push([t.id, hashToken(t)]);
    await slicer.tick();
  }
  return canonicalHashSliced({ collections: [...set.collections].sort(byId), tokens: pairs }, slicer);
}
