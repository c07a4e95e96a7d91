// The preview pages: a version's, and a comparison of two versions side by side. A page is
// built once for its inputs and then served from the store.
import type { PrismaClient } from '../../db/generated/client.js';
import type { RequestContext } from '../../lib/context.js';
import { findComponent, findVersion, resolveVersionRef } from '../versions/index.js';
import { buildPage } from './builder.js';
import { cachedPage, storePage } from './cache.js';
import { loadSide, pageKey } from './load.js';
import type { PreviewSide } from './sources.js';

/** Builds of the same page already under way in this process: one build, every caller waits for it. */
const inFlight = new Map<string, Promise<string>>();

async function pageFor(db: PrismaClient, sides: readonly PreviewSide[], title: string): Promise<string> {
  const key = pageKey(sides);
  const cached = await cachedPage(db, key);
  if (cached !== null) return cached;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const html = await buildPage(sides, title);
      await storePage(db, key, html);
      return html;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** The page of one version: every variant in every mode. */
export async function versionPreview(ctx: RequestContext, versionId: string): Promise<string> {
  const version = await findVersion(ctx.db, ctx.projectId, versionId);
  const side = await loadSide(ctx.db, version, null);
  return pageFor(ctx.db, [side], `${version.component.name} ${version.version}`);
}

/** Builds (or finds) a version's page without a request: the job after a version is stored. */
export async function buildVersionPreview(db: PrismaClient, versionId: string): Promise<'built' | 'cached' | 'gone'> {
  const version = await db.componentVersion.findUnique({ where: { id: versionId }, include: { component: true } });
  // The version's transaction committed before the job ran; a later delete (project gone) leaves nothing to build.
  if (!version) return 'gone';
  const side = await loadSide(db, version, null);
  if ((await cachedPage(db, pageKey([side]))) !== null) return 'cached';
  await pageFor(db, [side], `${version.component.name} ${version.version}`);
  return 'built';
}

/** Two versions of a component (ids or version strings): Before and After side by side. */
export async function comparePreview(
  ctx: RequestContext,
  componentId: string,
  refs: { from: string; to: string },
): Promise<string> {
  const component = await findComponent(ctx.db, ctx.projectId, componentId);
  const [from, to] = await Promise.all([
    resolveVersionRef(ctx, componentId, refs.from),
    resolveVersionRef(ctx, componentId, refs.to),
  ]);
  const withComponent = <T extends object>(v: T) => ({ ...v, component });
  const sides = await Promise.all([
    loadSide(ctx.db, withComponent(from), 'Before'),
    loadSide(ctx.db, withComponent(to), 'After'),
  ]);
  return pageFor(ctx.db, sides, `${component.name} ${from.version} → ${to.version}`);
}
