// What a sync records on the component row about the design it saw (for drift, coverage and detection).
import type { Prisma } from '../../db/generated/client.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { codeNameOf } from './names.js';

export interface LatestDesign {
  name: string;
  codeName: string;
  description: string | null;
  figmaKey: string | null;
  fileKey: string;
  latestSpec: Prisma.InputJsonValue;
  latestSpecHash: string;
  latestTokensHash: string;
  latestSnapshotId: string | null;
  lastSeenAt: Date;
  removedAt: null;
}

export function latestDesign(
  spec: ComponentSpec, hashes: { specHash: string; tokensHash: string }, fileKey: string, snapshotId: string | null, seenAt: Date,
): LatestDesign {
  return {
    name: spec.name,
    codeName: codeNameOf(spec),
    description: spec.description ?? null,
    figmaKey: spec.key ?? null,
    fileKey,
    latestSpec: spec as unknown as Prisma.InputJsonValue,
    latestSpecHash: hashes.specHash,
    latestTokensHash: hashes.tokensHash,
    latestSnapshotId: snapshotId,
    lastSeenAt: seenAt,
    removedAt: null,
  };
}
