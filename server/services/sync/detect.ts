// Step 2, detect: per component, what changed against its current version (pure, no writes).
import type { Prisma } from '../../db/generated/client.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { ClosureCache } from '../../../core/tokens/index.js';
import type { RequestContext } from '../../lib/context.js';
import {
  contextFor,
  fullTokensOf,
  inputsKey,
  projectContext,
  snapshotIdOf,
  withVersionTokensAll,
} from '../generation/index.js';
import type { PhaseTimer } from '../../lib/phases.js';
import {
  designInputs,
  detectChange,
  pendingDraftsOf,
  type DesignInputs,
  type Detection,
  type PendingDraft,
} from '../propose/index.js';
import { describeError } from './result.js';
import { TimeSlicer } from '../../lib/event-loop.js';
import { lastRejected, rejectedEarlier, rejectedWith } from '../propose/index.js';
import type { RejectedEarlier } from '../../../core/contract/sync.js';

export type KnownComponent = Prisma.ComponentGetPayload<{ include: { currentVersion: true } }>;
type ReadComponent = Omit<KnownComponent, 'latestSpec'>;
type BaseVersion = KnownComponent['currentVersion'];

/** A component the sync does not need to touch: same inputs as stored, nothing pending. */
export interface UpToDate {
  kind: 'upToDate';
  spec: ComponentSpec;
  component: { id: string };
}

/** A component the store step must write: new, renamed, moved, or with changed inputs. */
export interface Changed {
  kind: 'changed';
  spec: ComponentSpec;
  /** Its detection against the current version read before any transaction. */
  detection: Detection;
  /** The pattern override the detection used (the stored component's), to tell if it still holds. */
  pattern: string | null;
  /** The version the detection compared against (the current one), to tell if it still holds. */
  baseVersionId: string | null;
  /** False when nothing is to be generated: no bump, or a pending draft has these very inputs. */
  needsGeneration: boolean;
}

export interface Failed {
  kind: 'failed';
  spec: ComponentSpec;
  message: string;
}

/** A component whose change was rejected earlier with these same inputs, its design already recorded: nothing to write. */
export interface RejectedBefore {
  kind: 'rejectedEarlier';
  spec: ComponentSpec;
  component: { id: string };
  rejected: RejectedEarlier;
}

export type Detected = UpToDate | Changed | Failed | RejectedBefore;

/**
 * Reads the sync's known components once (most of a sync is usually unchanged, and those are
 * settled here without a transaction of their own), then detects each one independently.
 */
export async function detectComponents(
  ctx: RequestContext,
  fileKey: string,
  specs: ComponentSpec[],
  tokens: TokenSet,
  timer: PhaseTimer,
  closures: ClosureCache,
): Promise<Detected[]> {
  // The current versions without their stored inputs (tokens and spec are most of a row's
  // bytes): only components whose inputs differ need them, read below.
  const known = new Map(
    (
      await ctx.db.component.findMany({
        where: { projectId: ctx.projectId, figmaId: { in: specs.map((c) => c.id) } },
        omit: { latestSpec: true },
        include: { currentVersion: { omit: { tokens: true, spec: true, changes: true } } },
      })
    ).map((c) => [c.figmaId, c]),
  );
  const pending = await pendingDraftsOf(
    ctx.db,
    [...known.values()].map((c) => c.id),
  );
  // The whole token sets the current versions were generated from (usually one, the last sync's).
  const baseTokens = new Map<string, TokenSet | null>();
  for (const c of known.values()) {
    const id = snapshotIdOf(c.currentVersion);
    if (id && !baseTokens.has(id)) baseTokens.set(id, await fullTokensOf(ctx.db, ctx.projectId, c.currentVersion));
  }
  // Detection costs milliseconds a component: other requests get a turn every 10 ms.
  const slicer = new TimeSlicer();
  const designed: Array<DesignInputs | Failed> = [];
  const context = await projectContext(ctx, specs);
  for (const spec of specs) {
    await slicer.tick();
    const d = timer.measure('detect', () => designOf(spec, known.get(spec.id), tokens, closures));
    const own = 'kind' in d ? undefined : contextFor(spec, context);
    if (own && !('kind' in d)) d.inputs.context = own;
    designed.push(d);
  }
  const bases = await baseInputs(
    ctx,
    specs.flatMap((spec, i) => {
      const base = known.get(spec.id)?.currentVersion;
      const d = designed[i]!;
      return base && !('kind' in d) && inputsKey(base) !== inputsKey({ ...d.inputs, ...d.pattern }) ? [base.id] : [];
    }),
  );
  const out: Detected[] = [];
  for (const [i, spec] of specs.entries()) {
    await slicer.tick();
    const d = designed[i]!;
    if ('kind' in d) {
      out.push(d);
      continue;
    }
    const existing = known.get(spec.id);
    const base = existing?.currentVersion
      ? ({ ...existing.currentVersion, ...bases.get(existing.currentVersion.id) } as BaseVersion)
      : null;
    out.push(timer.measure('detect', () => detectOne(spec, existing, base, d, pending, fileKey, tokens, baseTokens)));
  }
  return rememberRejections(ctx, out, known, fileKey);
}

/**
 * Changes rejected earlier with the same inputs are not generated again (rejected.ts). One whose
 * design is recorded as it is now is settled here, without a transaction; the others still record
 * their design in the store step, where proposing finds the same rejection (services/propose).
 */
async function rememberRejections(
  ctx: RequestContext,
  detected: Detected[],
  known: ReadonlyMap<string, Omit<ReadComponent, 'currentVersion'>>,
  fileKey: string,
): Promise<Detected[]> {
  const candidates = detected.filter(
    (d): d is Changed => d.kind === 'changed' && d.needsGeneration && known.has(d.spec.id),
  );
  const rejected = await lastRejected(
    ctx.db,
    candidates.map((d) => known.get(d.spec.id)!.id),
  );
  if (!rejected.size) return detected;
  return detected.map((d) => {
    if (d.kind !== 'changed' || !d.needsGeneration) return d;
    const existing = known.get(d.spec.id);
    const match =
      existing &&
      rejectedWith(
        rejected.get(existing.id),
        d.baseVersionId,
        inputsKey({ ...d.detection.inputs, ...d.detection.pattern }),
      );
    if (!existing || !match) return d;
    const recorded =
      !existing.removedAt &&
      existing.name === d.spec.name &&
      existing.fileKey === fileKey &&
      existing.latestSpecHash === d.detection.inputs.specHash &&
      existing.latestTokensHash === d.detection.inputs.tokensHash;
    return recorded
      ? { kind: 'rejectedEarlier', spec: d.spec, component: existing, rejected: rejectedEarlier(existing, match) }
      : { ...d, needsGeneration: false };
  });
}

function designOf(
  spec: ComponentSpec,
  existing: { pattern: string | null } | undefined,
  tokens: TokenSet,
  closures: ClosureCache,
): DesignInputs | Failed {
  try {
    return designInputs({ name: spec.name, pattern: existing?.pattern ?? null }, spec, tokens, closures);
  } catch (err) {
    return { kind: 'failed', spec, message: describeError(err, spec.name) };
  }
}

/** The stored inputs (tokens, spec) of the given versions, in one query (tokens kept by reference read from their snapshot). */
async function baseInputs(
  ctx: RequestContext,
  versionIds: string[],
): Promise<Map<string, { tokens: Prisma.JsonValue; spec: Prisma.JsonValue }>> {
  if (!versionIds.length) return new Map();
  const rows = await ctx.db.componentVersion.findMany({
    where: { id: { in: versionIds } },
    select: { id: true, tokens: true, tokensSnapshotId: true, spec: true },
  });
  const read = await withVersionTokensAll(ctx.db, ctx.projectId, rows);
  return new Map(read.map((r) => [r.id, { tokens: r.tokens, spec: r.spec }]));
}

function detectOne(
  spec: ComponentSpec,
  existing: Omit<ReadComponent, 'currentVersion'> | undefined,
  base: BaseVersion,
  designed: DesignInputs,
  pending: Map<string, PendingDraft>,
  fileKey: string,
  tokens: TokenSet,
  baseTokens: ReadonlyMap<string, TokenSet | null>,
): Detected {
  try {
    const pattern = existing?.pattern ?? null;
    const detection = detectChange(
      { name: spec.name, pattern },
      spec,
      tokens,
      base,
      baseTokens.get(snapshotIdOf(base) ?? '') ?? null,
      designed,
    );
    const draft = existing ? pending.get(existing.id) : undefined;
    const same = existing && !existing.removedAt && existing.name === spec.name && existing.fileKey === fileKey;
    if (
      same &&
      detection.assessment.bump === 'none' &&
      !draft &&
      existing.latestSpecHash === detection.inputs.specHash &&
      existing.latestTokensHash === detection.inputs.tokensHash
    ) {
      return { kind: 'upToDate', spec, component: existing };
    }
    const draftMatches =
      draft !== undefined &&
      (draft.baseVersionId ?? null) === (base?.id ?? null) &&
      inputsKey(draft) === inputsKey({ ...detection.inputs, ...detection.pattern });
    return {
      kind: 'changed',
      spec,
      detection,
      pattern,
      baseVersionId: base?.id ?? null,
      needsGeneration: detection.assessment.bump !== 'none' && !draftMatches,
    };
  } catch (err) {
    return { kind: 'failed', spec, message: describeError(err, spec.name) };
  }
}
