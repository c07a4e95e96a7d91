// Customizations merged three-way into new generated files.
import type { Prisma, PrismaClient } from '../../db/generated/client.js';
import type { Tx } from '../../db/database.js';
import type { GeneratedFile } from '../../../core/contract/api.js';
import { fileRefsOf, loadBlobs, loadVersionFiles } from '../../lib/blobs.js';
import { onThisThread, type Differ } from '../../workers/diffs.js';
import { codegenContexts } from './codegen-context.js';
import { generate, inputsFor, inputsKey } from './inputs.js';
import { previousInputs } from './assessment.js';
import { withVersionTokens } from './version-tokens.js';
import { conflictWarning } from '../../../core/diff/conflict-markers.js';

type VersionRow = Prisma.ComponentVersionGetPayload<object>;

export interface CustomizedFiles {
  files: GeneratedFile[];
  customized: boolean;
  hasConflicts: boolean;
  warnings: string[];
}

/**
 * Three-way merges the component's active customization (base = the generated files it was
 * made against, ours = the developer's files, theirs = the new generation). Clean merges keep
 * the edits; conflicts leave markers and one warning per conflict region. The merge runs on
 * `differ` (the server's diff thread) within core/diff's limits: a file past them is one
 * whole-file conflict whose warning says it was too large to merge line by line.
 */
export async function applyCustomization(
  tx: Tx,
  projectId: string,
  componentId: string,
  generated: GeneratedFile[],
  differ: Differ = onThisThread,
): Promise<CustomizedFiles> {
  const custom = await tx.customization.findFirst({
    where: { componentId, replacedAt: null },
    orderBy: { createdAt: 'desc' },
  });
  if (!custom) return { files: generated, customized: false, hasConflicts: false, warnings: [] };
  const refs = fileRefsOf(custom.files, `customizations.files of ${custom.id}`);
  const contents = await loadBlobs(
    tx,
    refs.map((r) => r.sha256),
  );
  const ours = refs.map((r) => ({ path: r.path, content: contents.get(r.sha256) ?? '' }));
  const baseVersion = await tx.componentVersion.findUnique({ where: { id: custom.versionId } });
  const base = baseVersion ? (await generatedFilesOf(tx, projectId, baseVersion)).files : [];
  const merged = await differ.mergeFileSets(
    { base, ours, theirs: generated },
    {
      oursIsPartial: true,
      labels: { ours: 'customized', base: `generated ${baseVersion?.version ?? ''}`.trim(), theirs: 'regenerated' },
    },
  );
  const warnings: string[] = [];
  const files: GeneratedFile[] = [];
  for (const f of merged.files) {
    if (f.content !== null) files.push({ path: f.path, content: f.content });
    if (f.status === 'conflict') {
      for (const region of f.conflicts) {
        const why = f.tooLarge
          ? f.tooLarge.message
          : `customized and regenerated code both changed it${f.reason ? ` (${f.reason})` : ''}`;
        warnings.push(conflictWarning(f.path, region, why));
      }
      if (f.conflicts.length === 0)
        warnings.push(`conflict in ${f.path}: ${f.reason ?? 'customized and regenerated versions differ'}`);
    } else if (f.customized && f.content !== null) {
      warnings.push(`customizations preserved in ${f.path}`);
    }
  }
  return { files, customized: true, hasConflicts: !merged.clean, warnings };
}

/**
 * What the generator produced for a version, before any customization was merged in: the merge
 * base of a customization made against that version. A customized version's stored files carry
 * the earlier edits; used as the base, a regeneration (which lacks them) would look like it
 * removed them, and the merge would silently drop them. Generation is deterministic, so the
 * stored inputs give the original files back as long as the pattern version is unchanged;
 * otherwise (or for versions made from files alone) the stored files are the best base there is.
 */
export async function generatedFilesOf(
  db: Tx | PrismaClient,
  projectId: string,
  version: VersionRow,
): Promise<{ files: GeneratedFile[]; exact: boolean }> {
  if (version.customized) {
    const inputs = previousInputs(await withVersionTokens(db, projectId, version));
    if (inputs.spec && inputs.tokens) {
      // The same components imported as when it was generated: its inputs key says whether they are.
      const owner = await db.component.findUnique({ where: { id: version.componentId }, select: { fileKey: true } });
      const [context] = await codegenContexts(db, projectId, [{ spec: inputs.spec, fileKey: owner?.fileKey ?? null }]);
      const stored = inputsFor(inputs.spec, inputs.tokens, undefined, undefined, context);
      const again = generate(stored);
      if (inputsKey({ ...stored, ...again }) === inputsKey(version)) return { files: again.files, exact: true };
    }
    return { files: await loadVersionFiles(db, version.id), exact: false };
  }
  return { files: await loadVersionFiles(db, version.id), exact: true };
}
