/**
 * The plugin snapshot (DESIGN.md "Plugin snapshot") as it comes back over REST:
 * `nodes["0:0"].document.sharedPluginData.design_sync`. Decoding is core/snapshot's; this only
 * finds the entries and turns every way they can be wrong into a FigmaReadError that says so.
 */
import type { GetFileNodesResponse } from '@figma/rest-api-spec';
import { z } from 'zod';
import { ComponentSpec } from '../../core/contract/specs.js';
import { TokenSet } from '../../core/contract/tokens.js';
import {
  decodeSnapshot,
  parseManifest,
  SNAPSHOT_KEY,
  SNAPSHOT_NAMESPACE,
  SnapshotError,
  type SnapshotContent,
  type SnapshotManifest,
} from '../../core/snapshot/index.js';
import { FigmaReadError } from './errors.js';

export const DOCUMENT_NODE_ID = '0:0';

const Content = z.object({ tokens: TokenSet, components: z.array(ComponentSpec) });

export function snapshotFromNodes(
  fileKey: string,
  answer: GetFileNodesResponse,
): { content: SnapshotContent; manifest: SnapshotManifest } {
  const documentNode = answer.nodes[DOCUMENT_NODE_ID]?.document;
  if (!documentNode)
    throw new FigmaReadError(
      fileKey,
      `Figma's answer for file ${fileKey} has no document node ${DOCUMENT_NODE_ID}, so the plugin snapshot cannot be read`,
    );
  const shared = documentNode.sharedPluginData;
  const namespace = isRecord(shared) ? shared[SNAPSHOT_NAMESPACE] : undefined;
  const entries: Record<string, string> = {};
  if (isRecord(namespace)) {
    for (const [key, value] of Object.entries(namespace)) if (typeof value === 'string') entries[key] = value;
  }
  try {
    const manifest = parseManifest(entries[SNAPSHOT_KEY]);
    const decoded = decodeSnapshot(manifest, entries);
    const checked = Content.safeParse(decoded);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue ? issue.path.map(String).join('.') : '';
      throw new SnapshotError(
        `the snapshot decodes but does not hold a sync request's tokens and components (${where || '(root)'}: ${issue?.message ?? 'unexpected shape'})`,
      );
    }
    return { content: checked.data, manifest };
  } catch (error) {
    if (error instanceof SnapshotError) {
      throw new FigmaReadError(
        fileKey,
        `Cannot use the design-sync plugin snapshot of file ${fileKey}: ${error.message}`,
        { cause: error },
      );
    }
    throw new FigmaReadError(
      fileKey,
      `Cannot use the design-sync plugin snapshot of file ${fileKey}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
