// What a sync records on the component row about the design it saw (for drift, coverage and
// detection), and the spec it recorded read back.
import type { Prisma } from '../../db/generated/client.js';
import { ComponentSpec } from '../../../core/contract/specs.js';
import { toJsonColumn } from '../../lib/json-column.js';
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
    latestSpec: toJsonColumn(spec),
    latestSpecHash: hashes.specHash,
    latestTokensHash: hashes.tokensHash,
    latestSnapshotId: snapshotId,
    lastSeenAt: seenAt,
    removedAt: null,
  };
}

/**
 * components.latest_spec read back: the design last recorded for the component, or null when
 * none was (a code-first component) or what is stored is not a spec as the contract reads one.
 */
export function latestSpecOf(value: Prisma.JsonValue | null): ComponentSpec | null {
  const parsed = ComponentSpec.nullable().safeParse(value);
  return parsed.success ? parsed.data : null;
}
