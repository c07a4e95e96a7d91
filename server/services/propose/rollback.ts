import type { Prisma } from '../../db/generated/client.js';
import { interfaceIncompatibilities, patternIncompatibilities } from '../../../core/changes/interface-compat.js';
import { diffFileSets } from '../../../core/diff/index.js';
import { conflict, notFound, unprocessable } from '../../lib/errors.js';
import { toJsonColumn } from '../../lib/json-column.js';
import { recordAudit } from '../../lib/audit.js';
import { loadVersionFiles } from '../../lib/blobs.js';
import { findComponent, filesHash, MAIN } from '../versions/index.js';
import type { RequestContext } from '../../lib/context.js';
import { fileStats, previousInputs, withVersionTokensAll } from '../generation/index.js';
import { changesBetween, storedInputsOf } from './version-inputs.js';
import { createDraftInTx } from './from-files.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export interface RollbackInput {
  targetVersionId: string;
  force?: boolean | undefined;
}

/**
 * Rolls a component back: a NEW published version, a patch over the current one, with the
 * target's inputs and files (history only grows; the target itself is untouched). Refused when
 * the target's props interface would break code written against the current one, unless
 * forced: then each reason becomes a warning on the new version. One transaction, audited.
 * Drafts under review stay pending; they were made from the replaced version, so publishing
 * one is a 409 (stale) and they need regenerating.
 */
export async function rollback(ctx: RequestContext, componentId: string, input: RollbackInput) {
  return ctx.db.$transaction(async (tx) => {
    const component = await findComponent(tx, ctx.projectId, componentId);
    const found = await tx.componentVersion.findFirst({ where: { id: input.targetVersionId, componentId } });
    if (!found) throw notFound('version', `${input.targetVersionId} of ${component.name}`);
    checkTarget(component.name, component.currentVersion, found);
    const [current, target] = (await withVersionTokensAll(tx, ctx.projectId, [component.currentVersion, found])) as [
      VersionRow,
      VersionRow,
    ];

    const [currentFiles, files] = await Promise.all([
      loadVersionFiles(tx, current.id),
      loadVersionFiles(tx, target.id),
    ]);
    if (
      current.tokensHash === target.tokensHash &&
      current.specHash === target.specHash &&
      sameFiles(currentFiles, files)
    ) {
      throw conflict(
        'nothing_to_roll_back',
        `${component.name} ${current.version} already has the inputs and files of ${target.version}`,
        {
          currentVersion: current.version,
          targetVersion: target.version,
        },
      );
    }

    const { reasons, unchecked } = compatibility(current, target);
    if (reasons.length > 0 && !input.force) {
      throw unprocessable(
        'incompatible_rollback',
        `Rolling ${component.name} back from ${current.version} to ${target.version} would break code that uses it: ${reasons.join('; ')}. Send force: true to roll back anyway.`,
        { reasons, currentVersion: current.version, targetVersion: target.version },
      );
    }
    const warnings = [...unchecked, ...reasons.map((r) => `forced rollback: ${r}`), ...target.warnings];

    const changes = changesBetween(current, target, { rollback: { toVersion: target.version } });
    const diff = diffFileSets(currentFiles, files, { includeUnchanged: false });
    const version = await createDraftInTx(tx, ctx, componentId, {
      ...storedInputsOf(target),
      files,
      bump: 'patch',
      trigger: 'rollback',
      summary: changes.decision.reasons,
      generationParams: {
        ...asObject(target.generationParams),
        rollback: {
          fromVersionId: current.id,
          fromVersion: current.version,
          toVersionId: target.id,
          toVersion: target.version,
          forced: reasons.length > 0,
        },
      },
      branch: MAIN,
      tags: ['rollback'],
      warnings,
      changes: toJsonColumn({
        reasons: changes.decision.reasons,
        tokenChanges: changes.tokenChanges,
        specChanges: changes.specChanges,
        files: fileStats(currentFiles, files),
        fromVersion: current.version,
      }),
      customized: target.customized,
      hasConflicts: target.hasConflicts,
      publish: true,
      keepPendingDrafts: true,
    });
    await recordAudit(tx, ctx, {
      action: 'version.rollback',
      targetType: 'component',
      targetId: componentId,
      beforeHash: await filesHash(tx, current.id),
      afterHash: await filesHash(tx, version.id),
      data: {
        versionId: version.id,
        version: version.version,
        from: current.version,
        to: target.version,
        targetVersionId: target.id,
        forced: reasons.length > 0,
        reasons,
      },
    });
    return { version, previous: current, target, warnings, diff };
  });
}

/** Only a published (or archived) main-line version other than the current one can be restored. */
function checkTarget(name: string, current: VersionRow | null, target: VersionRow): asserts current is VersionRow {
  if (target.status !== 'published' && target.status !== 'archived') {
    throw unprocessable(
      'invalid_rollback_target',
      `Version ${target.version} of ${name} is ${target.status}; only published or archived versions can be rolled back to`,
      {
        status: target.status,
      },
    );
  }
  if (target.branch !== MAIN) {
    throw unprocessable(
      'invalid_rollback_target',
      `Version ${target.version} is on branch ${target.branch}; merge the branch into main instead`,
      { branch: target.branch },
    );
  }
  if (!current) {
    throw unprocessable('no_current_version', `${name} has no current version to roll back from`);
  }
  if (current.id === target.id) {
    throw conflict('already_current', `Version ${target.version} is already the current version of ${name}`, {
      currentVersion: current.version,
    });
  }
}

/**
 * Breaking differences between the current and the target version: the generator (pattern id
 * or pattern major) and the props interface. Versions without a stored spec cannot have their
 * props checked (said as a warning); the pattern is always recorded, so it is always checked.
 */
function compatibility(current: VersionRow, target: VersionRow): { reasons: string[]; unchecked: string[] } {
  const patterns = patternIncompatibilities(
    { version: current.version, pattern: { id: current.patternId, version: current.patternVersion } },
    { version: target.version, pattern: { id: target.patternId, version: target.patternVersion } },
  );
  const now = previousInputs(current).spec;
  const then = previousInputs(target).spec;
  if (!now || !then) {
    const missing = [now ? null : current.version, then ? null : target.version]
      .filter((v) => v !== null)
      .join(' and ');
    return { reasons: patterns, unchecked: [`props interface not checked: ${missing} has no stored spec`] };
  }
  return {
    reasons: [
      ...patterns,
      ...interfaceIncompatibilities({ version: current.version, spec: now }, { version: target.version, spec: then }),
    ],
    unchecked: [],
  };
}

function sameFiles(a: { path: string; content: string }[], b: { path: string; content: string }[]): boolean {
  return a.length === b.length && a.every((f, i) => f.path === b[i]!.path && f.content === b[i]!.content);
}

function asObject(json: unknown): Record<string, Prisma.InputJsonValue> {
  return json && typeof json === 'object' && !Array.isArray(json)
    ? (json as Record<string, Prisma.InputJsonValue>)
    : {};
}
