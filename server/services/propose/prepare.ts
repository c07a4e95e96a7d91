// Before the transaction: what a draft needs that no concurrent write can change (published
// versions' files and blobs never change), so the transaction that writes it stays short: it
// holds PGlite's only connection, and other requests wait for its end.
import type { PrismaClient } from '../../db/generated/client.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import type { FileStat } from '../../../core/contract/sync.js';
import { loadFilesOfVersions, packNewBlobs, sha256OfContent, type StoredFileRef } from '../../lib/blobs.js';
import { fileStats } from '../generation/index.js';
import type { PhaseTimer } from '../../lib/phases.js';
import { filesHashOf } from '../versions/index.js';
import type { PackedFiles } from './write.js';

/** A draft's files diffed against the base version they were generated on. */
export interface Groundwork {
  baseVersionId: string | null;
  files: GeneratedFile[];
  refs: StoredFileRef[];
  stats: FileStat[];
  /** files hash of the base version (null for a first version) */
  baseFilesHash: string | null;
}

/**
 * Each draft's file stats against its base and the base's files hash, and the blobs of all
 * their files packed. They hold for a draft of exactly these files on this base (propose
 * checks both inside the transaction).
 */
export async function prepareDrafts(
  db: PrismaClient,
  timer: PhaseTimer,
  drafts: ReadonlyArray<{ baseVersionId: string | null; files: GeneratedFile[] }>,
): Promise<{ groundwork: Groundwork[]; packed: PackedFiles }> {
  const baseFiles = await loadFilesOfVersions(
    db,
    drafts.flatMap((d) => (d.baseVersionId ? [d.baseVersionId] : [])),
  );
  const groundwork = drafts.map((d): Groundwork => {
    const before = d.baseVersionId ? (baseFiles.get(d.baseVersionId) ?? []) : [];
    return {
      baseVersionId: d.baseVersionId,
      files: d.files,
      refs: d.files.map((f) => ({ path: f.path, sha256: sha256OfContent(f.content) })),
      stats: timer.measure('diff', () => fileStats(before, d.files)),
      baseFilesHash: d.baseVersionId ? filesHashOf(before) : null,
    };
  });
  const blobs = await packNewBlobs(
    db,
    drafts.flatMap((d) => d.files),
  );
  return { groundwork, packed: { checked: new Set(groundwork.flatMap((g) => g.refs.map((r) => r.sha256))), blobs } };
}
