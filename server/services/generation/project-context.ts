// Which of the project's components specs instantiate, so generated code imports them. Here, not
// in the sync feature: every path that generates (a sync, a background check's regeneration, a
// regeneration by hand, the dependents of a major version) must give the same code.
import { dependencyOrder } from '../../../core/changes/index.js';
import type { CodegenComponent, CodegenContext } from '../../../core/codegen/index.js';
import type { Layer } from '../../../core/contract/layers.js';
import { ComponentSpec } from '../../../core/contract/specs.js';
import type { Db, Tx } from '../../db/database.js';

/** components.latest_spec read back, or null when it holds no spec (a code-first component). */
const latestSpecIfValid = (value: unknown): ComponentSpec | null => {
  const parsed = ComponentSpec.nullable().safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** Component (set) ids and keys the specs' layer trees instantiate. */
export function instanceRefs(specs: readonly ComponentSpec[]): { ids: Set<string>; keys: Set<string> } {
  const ids = new Set<string>();
  const keys = new Set<string>();
  const visit = (layer: Layer): void => {
    const i = layer.instance;
    if (i) {
      for (const id of [i.componentSetId, i.componentId]) if (id) ids.add(id);
      for (const key of [i.componentSetKey, i.componentKey]) if (key) keys.add(key);
    }
    for (const c of layer.children ?? []) visit(c);
  };
  for (const spec of specs) for (const v of spec.variants) if (v.layers) visit(v.layers);
  return { ids, keys };
}

const entry = (spec: ComponentSpec, codeName?: string | null): CodegenComponent => ({
  id: spec.id,
  key: spec.key,
  name: spec.name,
  codeName: codeName ?? spec.codeName,
  props: spec.props,
});

/**
 * The components of this sync, plus the stored ones its instances refer to (their latest
 * design's props). Only instantiated components matter to the generated code, so only those
 * are read; sorted by id, so the context never depends on the order of the sync.
 */
export async function projectContext(
  ctx: { db: Db | Tx; projectId: string },
  specs: readonly ComponentSpec[],
): Promise<CodegenContext> {
  const { ids, keys } = instanceRefs(specs);
  const inSync = new Set(specs.map((s) => s.id));
  const components: CodegenComponent[] = specs.map((s) => entry(s));
  const wanted = [...ids].filter((id) => !inSync.has(id));
  const wantedKeys = [...keys];
  if (wanted.length > 0 || wantedKeys.length > 0) {
    const stored = await ctx.db.component.findMany({
      where: {
        projectId: ctx.projectId,
        removedAt: null,
        OR: [{ figmaId: { in: wanted } }, { figmaKey: { in: wantedKeys } }],
      },
      select: { figmaId: true, figmaKey: true, name: true, codeName: true, latestSpec: true },
    });
    for (const c of stored) {
      if (inSync.has(c.figmaId)) continue;
      const spec = latestSpecIfValid(c.latestSpec);
      if (!spec) continue;
      components.push({ ...entry(spec, c.codeName), key: c.figmaKey ?? spec.key, name: c.name });
    }
  }
  return { components: components.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/** The part of the project's context one spec's instances refer to (small: it travels to a worker). */
export function contextFor(spec: ComponentSpec, project: CodegenContext): CodegenContext | undefined {
  const { ids, keys } = instanceRefs([spec]);
  if (ids.size === 0 && keys.size === 0) return undefined;
  const components = (project.components ?? []).filter(
    (c) => ids.has(c.id) || (c.key !== undefined && keys.has(c.key)),
  );
  return components.length === 0 ? undefined : { components };
}

/**
 * Specs in dependency order (each after the specs of the same list it instantiates): what
 * records them one by one lets a component's regeneration find the ones it uses recorded.
 */
export function specsInDependencyOrder<T>(items: readonly T[], specOf: (item: T) => ComponentSpec): T[] {
  const idOfKey = new Map<string, string>();
  for (const item of items) {
    const spec = specOf(item);
    if (spec.key) idOfKey.set(spec.key, spec.id);
  }
  return dependencyOrder(
    items,
    (item) => specOf(item).id,
    (item) => specOf(item).name,
    (item) => {
      const { ids, keys } = instanceRefs([specOf(item)]);
      return [...ids, ...[...keys].flatMap((k) => (idOfKey.has(k) ? [idOfKey.get(k)!] : []))];
    },
  );
}
