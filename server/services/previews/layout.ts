// The design's expected boxes of a version (what fidelity compares the rendered page with), and
// recording the fidelity a client measured.
import type { Prisma } from '../../db/generated/client.js';
import { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import type { FidelityOut, PreviewLayoutOut } from '../../../core/contract/responses.js';
import { flattenLayers } from '../../../core/previews/index.js';
import type { RequestContext } from '../../lib/context.js';
import { validationFailed, type ValidationIssue } from '../../lib/validation-error.js';
import { withVersionTokens } from '../generation/index.js';
import { findVersion } from '../versions/index.js';
import { projectComponentOf } from '../../../core/codegen/index.js';
import type { Layer } from '../../../core/contract/layers.js';
import { loadVersionFiles } from '../../lib/blobs.js';
import { modelOf, previewContext } from './load.js';
import { previewModes } from './modes.js';

async function versionModel(ctx: RequestContext, versionId: string) {
  const version = await findVersion(ctx.db, ctx.projectId, versionId);
  const withTokens = await withVersionTokens(ctx.db, ctx.projectId, version);
  const parsed = ComponentSpec.safeParse(version.spec);
  const spec = parsed.success ? parsed.data : null;
  // The model names the variants the page renders; the files only matter without a spec.
  const model = modelOf(version, []);
  return { version, spec, model, modes: previewModes(withTokens.tokens as TokenSet | null) };
}

export async function previewLayout(ctx: RequestContext, versionId: string): Promise<PreviewLayoutOut> {
  const { version, spec, model, modes } = await versionModel(ctx, versionId);
  const treeOf = new Map((spec?.variants ?? []).map((v) => [v.id, v.layers]));
  const files = (await loadVersionFiles(ctx.db, versionId)).map((f) => ({ path: f.path, content: f.content }));
  const context = spec ? await previewContext(ctx.db, ctx.projectId, version.spec, files) : undefined;
  // An instance the code imports is drawn by that component: its insides are its own fidelity.
  const rendersOwn = (layer: Layer): boolean =>
    !!(spec && context && layer.instance && projectComponentOf(layer.instance, context, spec));
  return {
    versionId,
    variants: model.variants.map((v) => {
      const tree = treeOf.get(v.id);
      return { id: v.id, label: v.label, layers: tree ? flattenLayers(tree, rendersOwn) : [] };
    }),
    modes: modes.map((m) => m.name),
  };
}

export interface FidelityInput {
  variants: { id: string; mode: string; matched: number; total: number }[];
}

/**
 * Stores the fidelity of a version as a client measured it (per variant and mode, summed): the
 * variants and modes must be the version's, each once, matched at most total.
 */
export async function recordFidelity(
  ctx: RequestContext,
  versionId: string,
  input: FidelityInput,
): Promise<FidelityOut> {
  const { model, modes } = await versionModel(ctx, versionId);
  const variantIds = new Set(model.variants.map((v) => v.id));
  const modeNames = new Set(modes.map((m) => m.name));
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  input.variants.forEach((v, i) => {
    const at = `body.variants.${i}`;
    if (!variantIds.has(v.id))
      issues.push({ path: `${at}.id`, message: `variant "${v.id}" is not a variant of this version` });
    if (!modeNames.has(v.mode))
      issues.push({
        path: `${at}.mode`,
        message: `mode "${v.mode}" is not one this version renders (${[...modeNames].join(', ')})`,
      });
    if (v.matched > v.total) issues.push({ path: `${at}.matched`, message: 'matched is more than total' });
    const key = JSON.stringify([v.id, v.mode]);
    if (seen.has(key)) issues.push({ path: at, message: `variant "${v.id}" in mode "${v.mode}" is listed twice` });
    seen.add(key);
  });
  if (issues.length) throw validationFailed(issues);
  const variants = [...input.variants].sort((a, b) =>
    a.id !== b.id ? (a.id < b.id ? -1 : 1) : a.mode < b.mode ? -1 : a.mode > b.mode ? 1 : 0,
  );
  const out: FidelityOut = {
    versionId,
    matched: variants.reduce((n, v) => n + v.matched, 0),
    total: variants.reduce((n, v) => n + v.total, 0),
    variants: variants.map((v) => ({ id: v.id, mode: v.mode, matched: v.matched, total: v.total })),
  };
  const stored: Prisma.InputJsonValue = { matched: out.matched, total: out.total, variants: out.variants };
  await ctx.db.componentVersion.update({ where: { id: versionId }, data: { fidelity: stored } });
  return out;
}
