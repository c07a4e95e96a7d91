// Step 1½, resolve: the components a client named as unchanged (`unchanged`, by digest) become the
// specs the server recorded for them, so every later step sees one list of specs, whatever was sent.
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { UnchangedComponent } from '../../../core/contract/sync.js';
import type { RequestContext } from '../../lib/context.js';
import { conflict } from '../../lib/errors.js';
import { recordedSpec, recordSpec } from './recorded-specs.js';
import type { ValidSync } from './validate.js';

/** A component named unchanged that the server holds with that digest (`rowId`: its row). */
type Held = UnchangedComponent & { rowId: string };

/** How many mismatched ids the 409's message names (details list them all). */
const NAMED = 5;

/**
 * The request with `unchanged` replaced by the stored specs, appended to `components`. A named
 * component the server does not hold as this file's, removed, or with another digest, makes the
 * whole sync a 409 listing them: nothing is stored, and the client sends those in full.
 */
export async function withUnchanged(ctx: RequestContext, request: ValidSync['request']): Promise<ValidSync['request']> {
  const { unchanged, ...rest } = request;
  if (!unchanged?.length) return rest;
  const rows = await ctx.db.component.findMany({
    where: { projectId: ctx.projectId, figmaId: { in: unchanged.map((u) => u.id) } },
    select: { id: true, figmaId: true, fileKey: true, removedAt: true, latestSpecDigest: true },
  });
  const byFigmaId = new Map(rows.map((r) => [r.figmaId, r]));
  const stale: UnchangedComponent[] = [];
  const held: Held[] = [];
  for (const u of unchanged) {
    const row = byFigmaId.get(u.id);
    if (row && !row.removedAt && row.fileKey === request.fileKey && row.latestSpecDigest === u.digest)
      held.push({ rowId: row.id, ...u });
    else stale.push(u);
  }
  if (stale.length) throw staleComponents(stale);
  return { ...rest, components: [...rest.components, ...(await specsOf(ctx, held))] };
}

/** The specs under the digests: from memory, else read from the components' rows (and kept). */
async function specsOf(ctx: RequestContext, held: Held[]): Promise<ComponentSpec[]> {
  const specs = held.map((h) => recordedSpec(h.digest));
  const missing = held.filter((_, i) => !specs[i]);
  if (!missing.length) return specs as ComponentSpec[];
  const rows = await ctx.db.component.findMany({
    where: { id: { in: missing.map((h) => h.rowId) } },
    select: { id: true, latestSpec: true },
  });
  // Not parsed again: a spec whose digest is the one recorded with it is the very spec that was
  // validated when it was recorded (parsing megabytes of layer trees again took most of a sync).
  const read = new Map<string, ComponentSpec>();
  for (const row of rows) {
    const spec = row.latestSpec as ComponentSpec | null;
    if (spec && typeof spec === 'object') read.set(recordSpec(spec), spec);
  }
  return held.map((h, i) => {
    const spec = specs[i] ?? read.get(h.digest);
    // The row changed between the two reads (another sync recorded another design): stale after all.
    if (!spec) throw staleComponents([{ id: h.id, digest: h.digest }]);
    return spec;
  });
}

function staleComponents(stale: UnchangedComponent[]) {
  const named = stale
    .slice(0, NAMED)
    .map((u) => u.id)
    .join(', ');
  const more = stale.length > NAMED ? ` and ${stale.length - NAMED} more` : '';
  return conflict(
    'stale_unchanged',
    `unchanged names ${stale.length} component${stale.length === 1 ? '' : 's'} whose design the server does not hold with that digest (${named}${more}): send ${stale.length === 1 ? 'it' : 'them'} in components`,
    { componentIds: stale.map((u) => u.id) },
  );
}
