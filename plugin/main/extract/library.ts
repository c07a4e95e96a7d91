// Team-library variables and styles the file uses: never listed by the local getters, reachable
// only by id. Without them a file that uses a library fails with "dangling alias".
import { aliasTargets, isVariableId } from './aliases.js';

export interface Library {
  variables: Variable[];
  collections: VariableCollection[];
  paintStyles: PaintStyle[];
  textStyles: TextStyle[];
  effectStyles: EffectStyle[];
  /** ids nothing answers for (deleted from the library, or not shared with this file) */
  missing: string[];
}

/**
 * Follows every id in `wanted` that `known` lacks, and what those refer to in turn, with the
 * async getters. Collections of library variables come along (their modes name the values).
 */
export async function followLibrary(
  wanted: Iterable<string>,
  known: ReadonlySet<string>,
  knownCollections: ReadonlySet<string>,
): Promise<Library> {
  const library: Library = {
    variables: [],
    collections: [],
    paintStyles: [],
    textStyles: [],
    effectStyles: [],
    missing: [],
  };
  const seen = new Set<string>(known);
  const collections = new Set<string>(knownCollections);
  const queue = [...wanted].filter((id) => !seen.has(id));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (isVariableId(id)) {
      const variable = await figma.variables.getVariableByIdAsync(id);
      if (!variable) {
        library.missing.push(id);
        continue;
      }
      library.variables.push(variable);
      for (const value of Object.values(variable.valuesByMode))
        queue.push(...aliasTargets(value).filter((t) => !seen.has(t)));
      if (!collections.has(variable.variableCollectionId)) {
        collections.add(variable.variableCollectionId);
        const collection = await figma.variables.getVariableCollectionByIdAsync(variable.variableCollectionId);
        if (collection) library.collections.push(collection);
      }
      continue;
    }
    const style = await figma.getStyleByIdAsync(id);
    if (!style) {
      library.missing.push(id);
      continue;
    }
    if (style.type === 'PAINT') {
      library.paintStyles.push(style);
      queue.push(...aliasTargets(style.paints).filter((t) => !seen.has(t)));
    } else if (style.type === 'TEXT') {
      library.textStyles.push(style);
      queue.push(...aliasTargets(style.boundVariables).filter((t) => !seen.has(t)));
    } else if (style.type === 'EFFECT') {
      library.effectStyles.push(style);
      queue.push(...aliasTargets(style.effects).filter((t) => !seen.has(t)));
    }
  }
  return library;
}
