// Writes the plugin snapshot (DESIGN.md "Plugin snapshot") into the document's shared plugin
// data: chunks first, the manifest last, so a reader never pairs a new manifest with old chunks
// it cannot check; chunks left from a longer earlier snapshot are cleared.
import {
  chunkKey,
  encodeSnapshot,
  SNAPSHOT_KEY,
  SNAPSHOT_NAMESPACE,
  type SnapshotContent,
} from '../../core/snapshot/index.js';
import type { SnapshotWritten } from '../messages.js';

export function writeSnapshot(content: SnapshotContent, syncedAt: string): SnapshotWritten {
  const { manifest, chunks } = encodeSnapshot(content, syncedAt);
  const root = figma.root;
  chunks.forEach((chunk, i) => root.setSharedPluginData(SNAPSHOT_NAMESPACE, chunkKey(i), chunk));
  for (const key of root.getSharedPluginDataKeys(SNAPSHOT_NAMESPACE)) {
    const match = /^snapshot\/(\d+)$/.exec(key);
    if (match && Number(match[1]) >= chunks.length) root.setSharedPluginData(SNAPSHOT_NAMESPACE, key, '');
  }
  root.setSharedPluginData(SNAPSHOT_NAMESPACE, SNAPSHOT_KEY, JSON.stringify(manifest));
  return { chunks: chunks.length, bytes: manifest.bytes, sha256: manifest.sha256 };
}
