// The whole token set a version was generated from, for diffing the design system before and after.
import type { PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { TokenSet } from '../../../core/contract/tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The token snapshot a version's inputs come from: a sync records it in generationParams
 * (a rollback copies it with the target's inputs). Versions made otherwise (merges, manual
 * regenerations with supplied tokens, files alone) have none: their closure is all there is.
 */
export function snapshotIdOf(version: { generationParams: unknown } | null): string | null {
  const params = version?.generationParams;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return null;
  const id = (params as { snapshotId?: unknown }).snapshotId;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}

// Snapshots are never updated (content-addressed per project), so caching them is safe; a sync
// compares every component against the same one or two, and a set can weigh megabytes.
const MAX_CACHED = 4;
const cache = new Map<string, TokenSet>();

/** The full token set of `version`'s sync, or null when it has none (see snapshotIdOf). */
export async function fullTokensOf(db: Tx | PrismaClient, projectId: string, version: { generationParams: unknown } | null): Promise<TokenSet | null> {
  const id = snapshotIdOf(version);
  if (!id) return null;
  const key = `${projectId}:${id}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const row = await db.tokenSnapshot.findFirst({ where: { id, projectId }, select: { tokens: true } });
  const tokens = row?.tokens as unknown as TokenSet | undefined;
  if (!tokens || !Array.isArray(tokens.tokens) || !Array.isArray(tokens.collections)) return null;
  remember(key, tokens);
  return tokens;
}

/**
 * A sync's own token set, as the snapshot it just stored: the next sync of the file diffs
 * against it without reading and parsing megabytes back, and meets token objects it has hashed.
 */
export function rememberSnapshot(projectId: string, snapshotId: string, tokens: TokenSet): void {
  remember(`${projectId}:${snapshotId}`, tokens);
}

function remember(key: string, tokens: TokenSet): void {
  cache.delete(key);
  cache.set(key, tokens);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}
