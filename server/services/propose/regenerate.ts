import type { Prisma } from '../../db/generated/client.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokensInput } from '../../../core/contract/tokens.js';
import { diffFileSets } from '../../../core/diff/index.js';
import { unprocessable } from '../../lib/errors.js';
import { recordAudit } from '../../lib/audit.js';
import { loadVersionFiles } from '../../lib/blobs.js';
import { findComponent, branchHead, filesHash, MAIN } from '../versions/index.js';
import type { RequestContext } from '../../lib/context.js';
import { previousInputs, snapshotIdOf, withVersionTokens, canonicalTokens } from '../generation/index.js';
import { proposeVersion } from './propose.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export interface RegenerateInput {
  tokens?: TokensInput | undefined;
  spec?: ComponentSpec | undefined;
  branch?: string | undefined;
  force?: boolean | undefined;
}

/**
 * Manual regeneration: a new draft of a component from its current inputs (the stored token
 * closure and spec of the head of `branch`) or from supplied ones, through the same pipeline
 * as a sync (change detection, bump, customizations) but never auto-published. Unchanged
 * inputs store nothing unless `force` (then a patch draft, e.g. after a generator fix).
 */
export async function regenerate(ctx: RequestContext, componentId: string, input: RegenerateInput) {
  const branch = input.branch ?? MAIN;
  return ctx.db.$transaction(async (tx) => {
    const component = await findComponent(tx, ctx.projectId, componentId);
    const head =
      branch === MAIN
        ? component.currentVersion
        : await branchHead(tx, componentId, component.currentVersionId, branch);
    const base = head && (await withVersionTokens(tx, ctx.projectId, head));
    const stored = base ? previousInputs(base) : { spec: null, tokens: null };
    const spec = input.spec ?? stored.spec;
    // Before anything is written: token problems reaching the spec are a 422 naming them.
    const supplied = input.tokens ? canonicalTokens(input.tokens, spec ? [spec] : []) : null;
    const tokens = supplied?.tokens ?? stored.tokens;
    if (!tokens || !spec) throw missingInputs(component.name, base, { tokens: !tokens, spec: !spec });

    const outcome = await proposeVersion(tx, ctx, component, spec, tokens, {
      trigger: 'manual',
      branch,
      force: input.force,
      // By hand: a change rejected earlier is proposed again (DESIGN.md "Versions").
      proposeRejected: true,
      applyPolicy: false,
      generationParams: {
        // Stored tokens come from the base's sync: the next change detection can still diff that whole set.
        ...(!supplied && snapshotIdOf(base) ? { snapshotId: snapshotIdOf(base) } : {}),
        regenerated: { from: base?.version ?? null, suppliedTokens: !!supplied, suppliedSpec: !!input.spec },
      },
    });
    // (never rejectedEarlier: a regeneration by hand proposes what was rejected)
    if (outcome.kind === 'unchanged' || outcome.kind === 'rejectedEarlier')
      return { changed: false as const, reasons: ['inputs unchanged'], base };

    const draft = await tx.componentVersion.findUniqueOrThrow({ where: { id: outcome.proposal.draftVersionId } });
    const [baseFiles, draftFiles] = await Promise.all([
      base ? loadVersionFiles(tx, base.id) : [],
      loadVersionFiles(tx, draft.id),
    ]);
    if (outcome.kind === 'proposed') {
      await recordAudit(tx, ctx, {
        action: 'component.regenerate',
        targetType: 'component',
        targetId: componentId,
        beforeHash: base ? await filesHash(tx, base.id) : null,
        afterHash: await filesHash(tx, draft.id),
        data: {
          draftVersionId: draft.id,
          version: draft.version,
          branch,
          from: base?.version ?? null,
          force: !!input.force,
          suppliedTokens: !!supplied,
          suppliedSpec: !!input.spec,
        },
      });
    }
    return {
      changed: true as const,
      // An identical draft was already waiting for review: it is returned, nothing new is stored.
      pending: outcome.kind === 'pending',
      proposal: outcome.proposal,
      draft,
      base,
      warnings: supplied?.warnings ?? [],
      diff: diffFileSets(baseFiles, draftFiles, { includeUnchanged: false }),
    };
  });
}

function missingInputs(name: string, base: VersionRow | null, missing: { tokens: boolean; spec: boolean }) {
  const what = [missing.tokens ? 'tokens' : null, missing.spec ? 'spec' : null].filter(Boolean).join(' and ');
  const message = base
    ? `${name} ${base.version} has no stored ${what} (it was made from files alone); supply ${what} to regenerate it`
    : `${name} has no version yet; supply both tokens and spec to generate its first version`;
  return unprocessable('no_inputs', message, { missing: what.split(' and ') });
}
