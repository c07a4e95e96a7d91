// What a sync records on the component row about the design it saw (for drift, coverage and
// detection), and the spec it recorded read back.
import type { Prisma } from '../../db/generated/client.js';
import { ComponentSpec } from '../../../core/contract/specs.js';
import { fromJsonColumn, toJsonColumn } from '../../lib/json-column.js';
import { codeNameOf } from './names.js';
import { recordSpec } from './recorded-specs.js';

export interface LatestDesign {
  name: string;
  codeName: string;
  description: string | null;
  figmaKey: string | null;
  fileKey: string;
  latestSpec: Prisma.InputJsonValue;
  latestSpecHash: string;
  latestSpecDigest: string;
  latestTokensHash: string;
  latestSnapshotId: string | null;
  lastSeenAt: Date;
  removedAt: null;
}

export function latestDesign(
  spec: ComponentSpec,
  hashes: { specHash: string; tokensHash: string },
  fileKey: string,
  snapshotId: string | null,
  seenAt: Date,
): LatestDesign {
  return {
    name: spec.name,
    codeName: codeNameOf(spec),
    description: spec.description ?? null,
    figmaKey: spec.key ?? null,
    fileKey,
    latestSpec: toJsonColumn(spec),
    latestSpecHash: hashes.specHash,
    latestSpecDigest: recordSpec(spec),
    latestTokensHash: hashes.tokensHash,
    latestSnapshotId: snapshotId,
    lastSeenAt: seenAt,
    removedAt: null,
  };
}

const LatestSpec = ComponentSpec.nullable();

/**
 * components.latest_spec read back: the design last recorded for the component, or null when
 * none was (a code-first component). A stored value that is not a spec throws, naming the
 * component: whatever would be generated from it is wrong.
 */
export function latestSpecOf(component: { id: string; latestSpec: Prisma.JsonValue | null }): ComponentSpec | null {
  return fromJsonColumn(LatestSpec, component.latestSpec, `components.latest_spec of component ${component.id}`);
}

/** The same, but null for a stored value that is not a spec: reports and token files pass over such a component. */
export function latestSpecIfValid(value: Prisma.JsonValue | null): ComponentSpec | null {
  const parsed = LatestSpec.safeParse(value);
  return parsed.success ? parsed.data : null;
}
