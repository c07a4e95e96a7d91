// Code names: components whose names fold to the same code name ("Button", "button") get
// distinct file and export names, decided against the whole project and kept across syncs.
import type { ComponentSpec } from '../../../core/contract/specs.js';
import { componentCodeNames, componentIdentifier, type CodeNameRequest } from '../../../core/codegen/names.js';
import type { RequestContext } from '../../lib/context.js';

/** The code name a spec is generated under (what the component row records). */
export const codeNameOf = (spec: ComponentSpec): string => componentIdentifier(spec.codeName ?? spec.name);

/**
 * The sync's specs with `codeName` set where their own would collide (and only there, so the
 * specs and hashes of every other component stay as they were), plus a warning for each.
 */
export async function nameComponents(
  ctx: RequestContext,
  specs: ComponentSpec[],
): Promise<{ specs: ComponentSpec[]; warnings: string[] }> {
  const rows = await ctx.db.component.findMany({
    where: { projectId: ctx.projectId },
    select: { figmaId: true, name: true, codeName: true, createdAt: true, removedAt: true },
  });
  const inSync = new Set(specs.map((s) => s.id));
  const byFigmaId = new Map(rows.map((r) => [r.figmaId, r]));
  // Whoever holds a code name, to say who a component yielded to.
  const holders = new Map<string, string>();
  const taken: string[] = [];
  for (const r of rows) {
    if (inSync.has(r.figmaId) || r.removedAt) continue;
    const name = r.codeName ?? componentIdentifier(r.name);
    taken.push(name);
    holders.set(name.toLowerCase(), r.name);
  }
  const requests = specs.map((spec): CodeNameRequest<string> => {
    const row = byFigmaId.get(spec.id);
    // Components seen before rank first, oldest first: a newcomer never takes a name away.
    return {
      key: spec.id,
      desired: componentIdentifier(spec.codeName ?? spec.name),
      previous: row?.codeName ?? null,
      rank: [row ? '0' : '1', row ? row.createdAt.toISOString() : '', spec.id],
    };
  });
  const codeNames = componentCodeNames(requests, taken);
  for (const spec of specs) {
    const name = codeNames.get(spec.id)!;
    if (!holders.has(name.toLowerCase())) holders.set(name.toLowerCase(), spec.name);
  }
  const warnings: string[] = [];
  const named = specs.map((spec, i) => {
    const codeName = codeNames.get(spec.id)!;
    const desired = requests[i]!.desired;
    if (codeName !== desired) {
      warnings.push(
        `Component "${spec.name}" (${spec.id}) is generated as ${codeName}: its code name ${desired} is taken by "${holders.get(desired.toLowerCase()) ?? desired}"`,
      );
    }
    return codeName === componentIdentifier(spec.name) && spec.codeName === undefined ? spec : { ...spec, codeName };
  });
  return { specs: named, warnings };
}
