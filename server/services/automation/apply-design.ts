// What the server does on its own when a design changed (a Figma file it polls or was told
// about, a token file): record the design each component now has, then per component its
// policy decides: `manual` records only (drift shows it), otherwise a regeneration job makes a
// draft (`notify`) or publishes a non-breaking, conflict-free one (`auto`).
import type { Policy, Trigger } from '../../../core/contract/api.js';
import type { SyncRequest } from '../../../core/contract/sync.js';
import type { RequestContext } from '../../lib/context.js';
import { notify, type NotificationInput } from '../notifications/index.js';
import { PhaseTimer } from '../../lib/phases.js';
import { detectComponents, latestDesign, nameComponents, validateSyncBody } from '../sync/index.js';
import { rememberSnapshot, specsInDependencyOrder, storeSnapshot } from '../generation/index.js';
import { collectTokenRefs } from '../../../core/specs/index.js';
import { ClosureCache } from '../../../core/tokens/index.js';
import { CheckWarnings, keptWarnings } from './warnings.js';

export type BackgroundTrigger = Extract<Trigger, 'schedule' | 'webhook' | 'manual' | 'token_change' | 'design_change'>;

export interface ApplyOptions {
  trigger: BackgroundTrigger;
  /** the policy of components seen for the first time (the tracked file's) */
  policyForNew: Policy;
  /**
   * Only components already known whose bindings all lie in these tokens (a token file changes
   * tokens, not the set of components, and components bound to another source stay as they are).
   */
  onlyKnown?: boolean;
  /** what reading the design warned about (the REST reader's skipped styles, deleted variables, …) */
  readWarnings?: readonly string[];
}

export interface Applied {
  snapshotId: string;
  /** components recorded with a new design */
  changed: number;
  /** regeneration jobs enqueued */
  regenerations: number;
  /** components under policy manual that only record the change */
  recordedOnly: number;
  failed: Array<{ componentId: string; message: string }>;
  /** everything the read and the pipeline warned about, each once (bounded) */
  warnings: string[];
}

/** Records a design (a request in the plugin's shape) and enqueues what each component's policy asks for. */
export async function applyDesign(ctx: RequestContext, design: SyncRequest, options: ApplyOptions): Promise<Applied> {
  const valid = validateSyncBody(design);
  const { request, tokens } = valid;
  const snapshotId = await storeSnapshot(ctx.db, ctx.projectId, request.fileKey, valid.tokensHash, valid.tokensJson);
  const closures = new ClosureCache(tokens);
  rememberSnapshot(ctx.projectId, snapshotId, tokens, closures);

  const ids = new Set(tokens.tokens.map((t) => t.id));
  const specs = options.onlyKnown
    ? request.components.filter((c) => collectTokenRefs(c).every((id) => ids.has(id)))
    : request.components;
  const named = await nameComponents(ctx, specs);
  const detected = await detectComponents(ctx, request.fileKey, named.specs, tokens, new PhaseTimer(), closures);
  const recorded = await ctx.db.component.findMany({
    where: { projectId: ctx.projectId, figmaId: { in: named.specs.map((s) => s.id) } },
    select: { id: true, figmaId: true, policy: true, latestSpecHash: true, latestTokensHash: true, removedAt: true },
  });
  const byFigmaId = new Map(recorded.map((c) => [c.figmaId, c]));
  const allWarnings = [...(options.readWarnings ?? []), ...valid.warnings, ...named.warnings];
  const result: Applied = {
    snapshotId,
    changed: 0,
    regenerations: 0,
    recordedOnly: 0,
    failed: [],
    warnings: keptWarnings(allWarnings),
  };
  const warnings = new CheckWarnings(allWarnings, { tokens: tokens.tokens, components: named.specs });

  // A component before those that use it: its row is recorded when their regeneration jobs run
  // (each commits, and may start, before the next is recorded), so their code imports it.
  for (const d of specsInDependencyOrder(detected, (x) => x.spec)) {
    const known = byFigmaId.get(d.spec.id);
    if (d.kind === 'failed') {
      result.failed.push({ componentId: known?.id ?? d.spec.id, message: d.message });
      continue;
    }
    // Rejected earlier with these inputs, and recorded so: nothing to do (DESIGN.md "Versions").
    if (d.kind === 'upToDate' || d.kind === 'rejectedEarlier') continue;
    if (!known && options.onlyKnown) continue;
    const { inputs } = d.detection;
    // Seen before exactly like this: its job was enqueued (or its change recorded) already.
    if (
      known &&
      !known.removedAt &&
      known.latestSpecHash === inputs.specHash &&
      known.latestTokensHash === inputs.tokensHash
    )
      continue;
    await ctx.db.$transaction(async (tx) => {
      // The draft its regeneration makes carries what this check warned about its design.
      const latest = {
        ...latestDesign(d.spec, inputs, request.fileKey, snapshotId, new Date()),
        latestWarnings: warnings.forComponent(d.spec, inputs.tokens.tokens),
      };
      const component = known
        ? await tx.component.update({
            where: { id: known.id },
            data: latest,
            select: { id: true, name: true, policy: true },
          })
        : await tx.component.create({
            data: { projectId: ctx.projectId, figmaId: d.spec.id, ...latest, policy: options.policyForNew },
            select: { id: true, name: true, policy: true },
          });
      result.changed += 1;
      if (!d.needsGeneration) return;
      if (component.policy === 'manual') {
        result.recordedOnly += 1;
        await notify(tx, ctx, [updateAvailable(component, d.detection.assessment.reasons, options.trigger)]);
        return;
      }
      const job = await ctx.jobs?.send(
        tx,
        'regenerate',
        { projectId: ctx.projectId, componentId: component.id, snapshotId, trigger: options.trigger },
        { singletonKey: component.id },
      );
      if (job !== null) result.regenerations += 1;
    });
  }
  if (result.failed.length) {
    await ctx.db.$transaction((tx) =>
      notify(
        tx,
        ctx,
        result.failed.map((f) => ({
          kind: 'regeneration.failed' as const,
          title: 'A component could not be read from the design',
          body: f.message,
          data: { trigger: options.trigger },
        })),
      ),
    );
  }
  return result;
}

function updateAvailable(
  component: { id: string; name: string },
  reasons: string[],
  trigger: BackgroundTrigger,
): NotificationInput {
  return {
    kind: 'update.available',
    componentId: component.id,
    title: `${component.name} changed in the design (policy manual: recorded, not regenerated)`,
    body: reasons.slice(0, 5).join('; '),
    data: { trigger },
  };
}
