// The project components a spec's nested instances are of, so that its code imports them (DESIGN.md
// "Dependencies"). Every path that generates builds it here: a sync, a regeneration, a merge, a
// background check or a report get the same context, hence the same files and the same inputs key.
import type { Db, Tx } from '../../db/database.js';
import type { CodegenComponent, CodegenContext } from '../../../core/codegen/index.js';
import { ComponentSpec } from '../../../core/contract/specs.js';
import { instanceRefs, refersTo, type InstanceRef } from '../../../core/specs/index.js';
import { componentIdentifier } from '../../../core/codegen/index.js';
import { dependencyOrder } from '../../../core/changes/dependency-order.js';

/** A spec to generate, and the Figma file it comes from (null when unknown). */
export interface ContextOwner {
  spec: ComponentSpec;
  fileKey: string | null;
}

type Candidate = CodegenComponent & { fileKey: string | null };

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const candidate = (spec: ComponentSpec, fileKey: string | null, stored?: StoredRow): Candidate => ({
  id: spec.id,
  key: stored?.figmaKey ?? spec.key,
  name: stored?.name ?? spec.name,
  codeName: stored?.codeName ?? spec.codeName ?? componentIdentifier(spec.name),
  props: spec.props,
  variantIds: spec.variants.map((v) => v.id),
  fileKey,
});

interface StoredRow {
  figmaId: string;
  figmaKey: string | null;
  fileKey: string | null;
  name: string;
  codeName: string | null;
  latestSpec: unknown;
}

const LatestSpec = ComponentSpec.nullable();

/**
 * One context per owner, in order (undefined when its instances name no project component).
 * `fellows` are the specs generated together with the owners (a sync's): their design stands
 * for them; the others are the project's stored components, by the design last recorded for
 * them. An instance matches as dependency edges do (core/specs refersTo); a component of the
 * fellows wins over a stored one, then the lowest node id, so the context never depends on order.
 */
export async function codegenContexts(
  db: Db | Tx,
  projectId: string,
  owners: readonly ContextOwner[],
  fellows: readonly ContextOwner[] = [],
): Promise<Array<CodegenContext | undefined>> {
  const refs = owners.map((o) => instanceRefs(o.spec));
  const all = refs.flat();
  if (!all.length) return owners.map(() => undefined);
  const fellowSet = new Set(fellows.map((f) => `${f.fileKey ?? ''}\u0000${f.spec.id}`));
  const inFellows = fellows.map((f) => candidate(f.spec, f.fileKey)).sort(byId);
  const rows: StoredRow[] = await db.component.findMany({
    where: {
      projectId,
      removedAt: null,
      OR: [
        { figmaId: { in: [...new Set(all.map((r) => r.figmaId))] } },
        { figmaKey: { in: [...new Set(all.flatMap((r) => (r.key ? [r.key] : [])))] } },
      ],
    },
    select: { figmaId: true, figmaKey: true, fileKey: true, name: true, codeName: true, latestSpec: true },
    orderBy: [{ figmaId: 'asc' }, { id: 'asc' }],
  });
  const stored: Candidate[] = [];
  for (const r of rows) {
    if (fellowSet.has(`${r.fileKey ?? ''}\u0000${r.figmaId}`)) continue;
    const parsed = LatestSpec.safeParse(r.latestSpec);
    // A code-first component (no design recorded) has no props to import it by.
    if (parsed.success && parsed.data) stored.push(candidate(parsed.data, r.fileKey, r));
  }
  return owners.map((owner, i) => {
    const self = { figmaId: owner.spec.id, key: owner.spec.key, fileKey: owner.fileKey };
    const found = new Map<string, CodegenComponent>();
    for (const ref of refs[i]!) {
      const match = matchOf(ref, owner.fileKey, inFellows, self) ?? matchOf(ref, owner.fileKey, stored, self);
      if (match && !found.has(match.id)) found.set(match.id, match);
    }
    return found.size ? { components: [...found.values()].sort(byId) } : undefined;
  });
}

function matchOf(
  ref: InstanceRef,
  fileKey: string | null,
  candidates: readonly Candidate[],
  self: { figmaId: string; key: string | undefined; fileKey: string | null },
): CodegenComponent | undefined {
  const c = candidates.find(
    (c) =>
      refersTo(ref, fileKey, { figmaId: c.id, key: c.key, fileKey: c.fileKey, variantIds: c.variantIds }) &&
      !(c.id === self.figmaId && c.fileKey === self.fileKey) &&
      !(c.key !== undefined && c.key === self.key),
  );
  if (!c) return undefined;
  const { fileKey: _file, ...component } = c;
  return component;
}

/**
 * Specs in dependency order (each after the specs of the same list it instantiates): what
 * records them one by one lets a component's regeneration find the ones it uses recorded.
 */
export function specsInDependencyOrder<T>(items: readonly T[], specOf: (item: T) => ComponentSpec): T[] {
  const identities = items.map((item) => {
    const spec = specOf(item);
    return { figmaId: spec.id, key: spec.key, variantIds: spec.variants.map((v) => v.id) };
  });
  return dependencyOrder(
    items,
    (item) => specOf(item).id,
    (item) => specOf(item).name,
    (item) =>
      instanceRefs(specOf(item)).flatMap((ref) =>
        identities.filter((c) => refersTo(ref, null, c)).map((c) => c.figmaId),
      ),
  );
}
