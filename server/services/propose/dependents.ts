// A major version of a component proposes a regeneration of every component that uses it
// (DESIGN.md "Dependencies"): their code imports it, and its props interface broke.
import type { Tx } from '../../db/database.js';
import type { Bump } from '../../../core/contract/changes.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { RequestContext } from '../../lib/context.js';
import { previousInputs } from '../generation/index.js';
import { usedByOf } from '../versions/index.js';
import { proposeDrafts, type ProposalOutcome, type ProposeItem, type ProposeOptions } from './propose.js';

/** A component proposed as a major version, from → to. */
export interface MajorChange {
  componentId: string;
  name: string;
  fromVersion: string | null;
  toVersion: string;
}

/** What uses a component going major gets: a feature of its own (it renders the new one). */
const DEPENDENT_BUMP: Bump = 'minor';

export const dependencyReason = (m: MajorChange): string =>
  `uses \`${m.name}\`, which goes ${m.fromVersion ?? 'new'} → ${m.toVersion}`;

/**
 * Drafts of the components whose current version uses one of `majors`, except those of
 * `exclude` (they have a proposal of their own), regenerated from their current spec with
 * `tokens` (the design's whole set), by name. Each names the components it uses that go major.
 */
export async function proposeDependents(
  tx: Tx,
  ctx: Omit<RequestContext, 'db'>,
  majors: readonly MajorChange[],
  exclude: ReadonlySet<string>,
  tokens: TokenSet,
  options: ProposeOptions,
): Promise<ProposalOutcome[]> {
  if (!majors.length) return [];
  const usedBy = await usedByOf(
    tx,
    ctx.projectId,
    majors.map((m) => m.componentId),
  );
  const reasons = new Map<string, string[]>();
  for (const m of majors) {
    for (const user of usedBy.get(m.componentId) ?? []) {
      if (exclude.has(user.componentId)) continue;
      reasons.set(user.componentId, [...(reasons.get(user.componentId) ?? []), dependencyReason(m)]);
    }
  }
  if (!reasons.size) return [];
  const components = await tx.component.findMany({
    where: { id: { in: [...reasons.keys()] }, projectId: ctx.projectId, currentVersionId: { not: null } },
    include: { currentVersion: { select: { id: true, version: true, spec: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const items: ProposeItem[] = [];
  for (const component of components) {
    const { spec } = previousInputs({ spec: component.currentVersion!.spec, tokens: null });
    // A version made from files alone has no design to regenerate from.
    if (!spec) continue;
    items.push({
      component: {
        id: component.id,
        name: component.name,
        pattern: component.pattern,
        policy: component.policy,
        currentVersion: { id: component.currentVersion!.id, version: component.currentVersion!.version },
      },
      spec,
      tokens,
      because: { bump: DEPENDENT_BUMP, reasons: reasons.get(component.id)! },
    });
  }
  return items.length ? proposeDrafts(tx, ctx, items, options) : [];
}
