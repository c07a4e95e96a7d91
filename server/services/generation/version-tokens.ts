// A version's tokens: kept inline on its row, or by reference to the token snapshot they come
// from (the sync's whole set): then they are that set's closure over the spec's refs.
import type { PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { collectTokenRefs } from '../../../core/specs/index.js';
import type { ClosureCache } from '../../../core/tokens/index.js';
import { snapshotTokens } from './base-tokens.js';

/** What a version row holds about its tokens. */
export interface VersionTokensRow {
  tokens: unknown;
  tokensSnapshotId: string | null;
  spec: unknown;
}

/**
 * The row with its `tokens` read: inline ones as they are, a reference as the closure of the
 * spec's refs over the snapshot (shared with every other version of that snapshot binding the
 * same tokens). Every reader of a version's token inputs goes through here; writers store the
 * reference and no copy (propose/write.ts).
 */
export async function withVersionTokens<T extends VersionTokensRow>(
  db: Tx | PrismaClient,
  projectId: string,
  row: T,
): Promise<T> {
  if (row.tokensSnapshotId === null) return row;
  const snapshot = await snapshotTokens(db, projectId, row.tokensSnapshotId);
  if (!snapshot) throw new Error(`token snapshot ${row.tokensSnapshotId} of a version is missing`);
  return withTokensFrom(row, snapshot.closures);
}

/** The row with its tokens taken from its snapshot's closures (a caller that read the snapshot itself). */
export function withTokensFrom<T extends VersionTokensRow>(row: T, snapshot: ClosureCache): T {
  return { ...row, tokens: snapshot.of(refsOf(row.spec)) };
}

/** Each row with its tokens read (withVersionTokens), null rows kept null. */
export async function withVersionTokensAll<T extends VersionTokensRow | null>(
  db: Tx | PrismaClient,
  projectId: string,
  rows: T[],
): Promise<T[]> {
  const out: T[] = [];
  for (const row of rows)
    out.push(row === null ? row : await withVersionTokens(db, projectId, row as VersionTokensRow & T));
  return out;
}

/** The ids the stored spec binds: its tokenRefs (normalized specs store them) and its bindings. */
function refsOf(spec: unknown): string[] {
  const s = spec as Partial<ComponentSpec> | null;
  if (!s || !Array.isArray(s.variants)) return [];
  return [...(s.tokenRefs ?? []), ...collectTokenRefs(s as Pick<ComponentSpec, 'variants'>)];
}
