// Token snapshots read back: the whole token set a version was generated from, for diffing the
// design system before and after, and the set a version's own tokens are taken from.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import { randomUUID } from 'node:crypto';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { ClosureCache } from '../../../core/tokens/index.js';

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

/**
 * A snapshot's tokens column, checked for the shape of a token set but not token by token: the
 * set was validated before it was stored, and parsing megabytes again would cost a sync.
 */
const SetShape = z.object({ collections: z.array(z.unknown()), tokens: z.array(z.unknown()) });
const SnapshotTokens = z.custom<TokenSet>((value) => SetShape.safeParse(value).success);

/** token_snapshots.tokens read back, or null when it holds no token set. */
export function snapshotTokensOf(value: Prisma.JsonValue): TokenSet | null {
  const parsed = SnapshotTokens.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A snapshot's tokens, with the closures already taken from them (versions share both). */
export interface CachedSnapshot {
  tokens: TokenSet;
  closures: ClosureCache;
}

// Snapshots are never updated (content-addressed per project), so caching them is safe; a sync
// compares every component against the same one or two, and a set can weigh megabytes.
const MAX_CACHED = 4;
const cache = new Map<string, CachedSnapshot>();

/** The full token set of `version`'s sync, or null when it has none (see snapshotIdOf). */
export async function fullTokensOf(
  db: Tx | PrismaClient,
  projectId: string,
  version: { generationParams: unknown } | null,
): Promise<TokenSet | null> {
  const id = snapshotIdOf(version);
  return id ? ((await snapshotTokens(db, projectId, id))?.tokens ?? null) : null;
}

/** Snapshot `id` of the project (cached), or null when there is none or it holds no token set. */
export async function snapshotTokens(
  db: Tx | PrismaClient,
  projectId: string,
  id: string,
): Promise<CachedSnapshot | null> {
  const key = `${projectId}:${id}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const row = await db.tokenSnapshot.findFirst({ where: { id, projectId }, select: { tokens: true } });
  const tokens = row ? snapshotTokensOf(row.tokens) : null;
  return tokens && remember(key, tokens);
}

/**
 * A sync's own token set, as the snapshot it just stored: the next sync of the file diffs
 * against it without reading and parsing megabytes back, and meets token objects it has hashed.
 * The closures the sync took are kept with it: its versions' tokens are those very closures.
 */
export function rememberSnapshot(
  projectId: string,
  snapshotId: string,
  tokens: TokenSet,
  closures?: ClosureCache,
): void {
  remember(`${projectId}:${snapshotId}`, tokens, closures);
}

function remember(key: string, tokens: TokenSet, closures = new ClosureCache(tokens)): CachedSnapshot {
  const entry = { tokens, closures };
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return entry;
}

/**
 * The snapshot of a token set (content-addressed per project: an equal set is stored once); its
 * id. Needs no transaction: a snapshot nothing refers to yet is harmless, and writing a design
 * system's megabytes inside one held it past its timeout on a busy machine.
 */
export async function storeSnapshot(
  tx: Tx | PrismaClient,
  projectId: string,
  fileKey: string | null,
  tokensHash: string,
  tokensJson: string,
): Promise<string> {
  // The tokens go as one JSON text: Prisma's query compiler walking a design system's token
  // set as an argument blocked the event loop for ~100 ms (bench/responsiveness.bench.ts).
  await tx.$executeRawUnsafe(
    `INSERT INTO token_snapshots (id, project_id, file_key, hash, tokens) VALUES ($1::uuid, $2::uuid, $3, $4, $5::jsonb) ON CONFLICT (project_id, hash) DO NOTHING`,
    randomUUID(),
    projectId,
    fileKey,
    tokensHash,
    tokensJson,
  );
  return (
    await tx.tokenSnapshot.findUniqueOrThrow({
      where: { projectId_hash: { projectId, hash: tokensHash } },
      select: { id: true },
    })
  ).id;
}
