import type { Prisma } from '../../db/generated/client.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { Bump, PatternChange, SpecChange, TokenChange } from '../../../core/contract/changes.js';
import { selectPattern } from '../../../core/codegen/index.js';
import type { RequestContext } from '../../lib/context.js';
import type { CodegenContext } from '../../../core/codegen/index.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import {
  assessChange,
  codegenContexts,
  inputsFor,
  inputsKey,
  snapshotIdOf,
  snapshotTokensOf,
  withTokensFrom,
} from '../generation/index.js';
import { latestSpecOf } from '../sync/index.js';
import { ClosureCache } from '../../../core/tokens/index.js';
import { MAIN } from '../versions/index.js';

type ComponentRow = Prisma.ComponentGetPayload<{ include: { currentVersion: true } }>;
type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export type DriftStatus = 'changed' | 'unpublished' | 'removed';

export interface DriftItem {
  componentId: string;
  name: string;
  status: DriftStatus;
  currentVersion: { id: string; version: string } | null;
  bump: Bump | null;
  reasons: string[];
  tokenChanges: TokenChange[];
  specChanges: SpecChange[];
  patternChange: PatternChange | null;
  /** the pending draft on main, and whether it was generated from exactly this design */
  pendingDraft: { id: string; version: string; upToDate: boolean } | null;
  /** tokens the design binds that its snapshot lacks: a sync would fail for this component */
  problems: string[];
  lastSeenAt: string | null;
}

export interface DriftReport {
  items: DriftItem[];
  totals: { changed: number; unpublished: number; removed: number; inSync: number };
}

/**
 * Components whose latest design differs from their published code. The comparison is the one
 * a sync makes (the same inputs, pattern selection and bump rules), but without generating
 * files or writing anything: equal input keys mean in sync, so a component right after its
 * accept never shows up (no false positives). Code-first components (never seen in a design)
 * have nothing to drift from and are left out.
 */
export async function projectDrift(ctx: RequestContext): Promise<DriftReport> {
  const components = await ctx.db.component.findMany({
    where: { projectId: ctx.projectId },
    include: { currentVersion: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  // The design's latest tokens, and those each published version was generated from.
  const snapshotIds = [
    ...new Set(
      components
        .flatMap((c) => [
          c.latestSnapshotId,
          snapshotIdOf(c.currentVersion),
          c.currentVersion?.tokensSnapshotId ?? null,
        ])
        .filter((id): id is string => id !== null),
    ),
  ];
  const snapshots = await ctx.db.tokenSnapshot.findMany({
    where: { projectId: ctx.projectId, id: { in: snapshotIds } },
  });
  const tokensBySnapshot = new Map<string, TokenSet>();
  for (const s of snapshots) {
    const tokens = snapshotTokensOf(s.tokens);
    if (tokens) tokensBySnapshot.set(s.id, tokens);
  }
  const closuresBySnapshot = new Map([...tokensBySnapshot].map(([id, tokens]) => [id, new ClosureCache(tokens)]));
  // A current version's tokens kept by reference are its snapshot's closure.
  const withTokens = (v: VersionRow | null) => {
    const closures = v?.tokensSnapshotId ? closuresBySnapshot.get(v.tokensSnapshotId) : undefined;
    return v && closures ? withTokensFrom(v, closures) : v;
  };
  const drafts = await ctx.db.componentVersion.findMany({
    where: { componentId: { in: components.map((c) => c.id) }, status: 'draft', branch: MAIN },
    orderBy: { createdAt: 'desc' },
  });
  const draftOf = new Map<string, VersionRow>();
  for (const d of drafts) if (!draftOf.has(d.componentId)) draftOf.set(d.componentId, d);

  // What each design's code would import, as a sync would give it.
  const designs = components.flatMap((c) => {
    const spec =
      !c.removedAt && c.latestSnapshotId && tokensBySnapshot.has(c.latestSnapshotId) ? latestSpecOf(c) : null;
    return spec ? [{ id: c.id, spec, fileKey: c.fileKey }] : [];
  });
  const contexts = await codegenContexts(ctx.db, ctx.projectId, designs);
  const contextOf = new Map(designs.map((d, i) => [d.id, contexts[i]]));

  const items: DriftItem[] = [];
  let inSync = 0;
  for (const c of components) {
    const tokens = c.latestSnapshotId ? tokensBySnapshot.get(c.latestSnapshotId) : undefined;
    const before = snapshotIdOf(c.currentVersion);
    const item = driftOf(
      { ...c, currentVersion: withTokens(c.currentVersion) },
      tokens,
      before ? (tokensBySnapshot.get(before) ?? null) : null,
      draftOf.get(c.id) ?? null,
      contextOf.get(c.id),
    );
    if (item) items.push(item);
    else if (c.currentVersion) inSync += 1;
  }
  const count = (s: DriftStatus) => items.filter((i) => i.status === s).length;
  return {
    items,
    totals: { changed: count('changed'), unpublished: count('unpublished'), removed: count('removed'), inSync },
  };
}

function driftOf(
  c: ComponentRow,
  tokens: TokenSet | undefined,
  publishedTokens: TokenSet | null,
  draft: VersionRow | null,
  context: CodegenContext | undefined,
): DriftItem | null {
  const base = {
    componentId: c.id,
    name: c.name,
    currentVersion: c.currentVersion ? { id: c.currentVersion.id, version: c.currentVersion.version } : null,
    lastSeenAt: c.lastSeenAt?.toISOString() ?? null,
    tokenChanges: [] as TokenChange[],
    specChanges: [] as SpecChange[],
    patternChange: null,
    problems: [] as string[],
  };
  if (c.removedAt) {
    if (!c.currentVersion) return null;
    return {
      ...base,
      status: 'removed',
      bump: null,
      reasons: [
        `${c.name} is no longer in the design file${c.fileKey ? ` ${c.fileKey}` : ''} (since ${c.removedAt.toISOString()})`,
      ],
      pendingDraft: draft ? { id: draft.id, version: draft.version, upToDate: false } : null,
    };
  }
  const spec: ComponentSpec | null = tokens ? latestSpecOf(c) : null;
  if (!spec || !tokens) return null;

  const inputs = inputsFor(spec, tokens, c.pattern, undefined, context);
  const pattern = selectPattern(inputs.spec);
  const design = { ...inputs, patternId: pattern.id, patternVersion: pattern.version };
  const known = new Set(tokens.tokens.map((t) => t.id));
  const missing = inputs.spec.tokenRefs.filter((id) => !known.has(id));
  const problems = missing.length ? [`binds token(s) missing from the design's tokens: ${missing.join(', ')}`] : [];
  const pendingDraft = draft
    ? { id: draft.id, version: draft.version, upToDate: inputsKey(draft) === inputsKey(design) }
    : null;

  const assessment = assessChange(c.currentVersion, design, {
    fullTokensBefore: publishedTokens,
    fullTokensAfter: tokens,
    componentName: c.name,
  });
  if (!c.currentVersion) {
    return { ...base, status: 'unpublished', bump: 'major', reasons: assessment.reasons, pendingDraft, problems };
  }
  if (assessment.bump === 'none') return null;
  return {
    ...base,
    status: 'changed',
    bump: assessment.bump,
    reasons: assessment.reasons,
    tokenChanges: assessment.tokenChanges,
    specChanges: assessment.specChanges,
    patternChange: assessment.patternChange,
    pendingDraft,
    problems,
  };
}
