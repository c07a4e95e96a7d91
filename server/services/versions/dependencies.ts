// Dependencies between components (DESIGN.md "Dependencies"): what a version instantiates, read
// against the project's components. "Uses" of a component are those its current version
// instantiates; "used by" are the components whose current version instantiates it.
import type { Tx } from '../../db/database.js';
import type { RequestContext } from '../../lib/context.js';

export interface ComponentRef {
  componentId: string;
  name: string;
}

type Db = Tx | RequestContext['db'];

/**
 * Whether the dependency `d` of a version of component `owner` names component `c`: by key
 * when both have one (keys are unique across files; a library component's node id is not),
 * else by node id within the same file.
 */
const MATCHES = `(
  (d.component_key IS NOT NULL AND c.figma_key IS NOT NULL AND c.figma_key = d.component_key)
  OR ((d.component_key IS NULL OR c.figma_key IS NULL) AND c.figma_id = d.component_figma_id
      AND (c.file_key IS NULL OR owner.file_key IS NULL OR c.file_key = owner.file_key))
) AND c.id <> owner.id AND c.project_id = owner.project_id AND c.removed_at IS NULL`;

interface Row {
  from_id: string;
  to_id: string;
  to_name: string;
}

const refsOf = (rows: Row[], key: 'from_id' | 'to_id', other: 'from' | 'to'): Map<string, ComponentRef[]> => {
  const out = new Map<string, ComponentRef[]>();
  for (const r of rows) {
    const ref =
      other === 'to' ? { componentId: r.to_id, name: r.to_name } : { componentId: r.from_id, name: r.to_name };
    const list = out.get(r[key]) ?? [];
    if (!list.some((x) => x.componentId === ref.componentId)) list.push(ref);
    out.set(r[key], list);
  }
  return out;
};

/** The components each of `componentIds` uses through its current version, by name. */
export async function usesOf(db: Db, projectId: string, componentIds: readonly string[]) {
  if (!componentIds.length) return new Map<string, ComponentRef[]>();
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT DISTINCT owner.id AS from_id, c.id AS to_id, c.name AS to_name
       FROM components owner
       JOIN component_dependencies d ON d.version_id = owner.current_version_id
       JOIN components c ON ${MATCHES}
      WHERE owner.project_id = $1::uuid AND owner.id = ANY($2::uuid[])
      ORDER BY c.name, c.id`,
    projectId,
    componentIds,
  );
  return refsOf(rows, 'from_id', 'to');
}

/** The components whose current version uses each of `componentIds`, by name. */
export async function usedByOf(db: Db, projectId: string, componentIds: readonly string[]) {
  if (!componentIds.length) return new Map<string, ComponentRef[]>();
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT DISTINCT owner.id AS from_id, c.id AS to_id, owner.name AS to_name
       FROM components owner
       JOIN component_dependencies d ON d.version_id = owner.current_version_id
       JOIN components c ON ${MATCHES}
      WHERE owner.project_id = $1::uuid AND c.id = ANY($2::uuid[]) AND owner.removed_at IS NULL
      ORDER BY owner.name, owner.id`,
    projectId,
    componentIds,
  );
  return refsOf(rows, 'to_id', 'from');
}

/** What a component uses and what uses it, each by name. */
export async function dependenciesOf(db: Db, projectId: string, componentId: string) {
  const [uses, usedBy] = await Promise.all([
    usesOf(db, projectId, [componentId]),
    usedByOf(db, projectId, [componentId]),
  ]);
  return { uses: uses.get(componentId) ?? [], usedBy: usedBy.get(componentId) ?? [] };
}

/** The components each of `versionIds` uses (version id → component ids). */
export async function usesOfVersions(db: Db, projectId: string, versionIds: readonly string[]) {
  const out = new Map<string, string[]>();
  if (!versionIds.length) return out;
  const rows = await db.$queryRawUnsafe<Array<{ version_id: string; to_id: string }>>(
    `SELECT DISTINCT v.id AS version_id, c.id AS to_id
       FROM component_versions v
       JOIN components owner ON owner.id = v.component_id
       JOIN component_dependencies d ON d.version_id = v.id
       JOIN components c ON ${MATCHES}
      WHERE owner.project_id = $1::uuid AND v.id = ANY($2::uuid[])
      ORDER BY 1, 2`,
    projectId,
    versionIds,
  );
  for (const r of rows) out.set(r.version_id, [...(out.get(r.version_id) ?? []), r.to_id]);
  return out;
}
