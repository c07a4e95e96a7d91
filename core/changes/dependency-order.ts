/**
 * Items in dependency order: each after the items it uses, ties by name (then id), so that a
 * reviewer meets a component before the ones built on it. Items in a cycle (Figma forbids
 * them; a stale edge might not) follow in name order.
 */
export function dependencyOrder<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  nameOf: (item: T) => string,
  usesOf: (item: T) => readonly string[],
): T[] {
  const byName = (a: T, b: T): number => {
    const n = nameOf(a).localeCompare(nameOf(b), 'en');
    return n !== 0 ? n : idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0;
  };
  const ids = new Set(items.map(idOf));
  const waitingFor = new Map<T, Set<string>>(
    items.map((item) => [item, new Set(usesOf(item).filter((id) => ids.has(id) && id !== idOf(item)))]),
  );
  const out: T[] = [];
  const placed = new Set<string>();
  let left = [...items].sort(byName);
  while (left.length) {
    const next = left.find((item) => [...waitingFor.get(item)!].every((id) => placed.has(id))) ?? left[0]!;
    out.push(next);
    placed.add(idOf(next));
    left = left.filter((item) => item !== next);
  }
  return out;
}
