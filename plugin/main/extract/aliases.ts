/** Variable ids a value refers to: an alias, or a variable bound inside a paint, effect or text style. */
export function aliasTargets(value: unknown, into: string[] = []): string[] {
  if (!value || typeof value !== 'object') return into;
  const v = value as { type?: unknown; id?: unknown };
  if (v.type === 'VARIABLE_ALIAS' && typeof v.id === 'string') {
    into.push(v.id);
    return into;
  }
  if (Array.isArray(value)) {
    for (const item of value) aliasTargets(item, into);
    return into;
  }
  for (const key of Object.keys(value)) aliasTargets((value as Record<string, unknown>)[key], into);
  return into;
}

/** Figma's variable ids start with "VariableID:"; style ids ("S:…") do not. */
export const isVariableId = (id: string): boolean => id.startsWith('VariableID:');
