import type { PatternChange } from '../contract/changes.js';

export interface PatternRef {
  id: string;
  version: string;
}

/**
 * The pattern change between the version a component was generated with and the pattern
 * codegen would use now; null when they are the same.
 */
export function patternChange(before: PatternRef | null | undefined, after: PatternRef): PatternChange | null {
  if (before && before.id === after.id && before.version === after.version) return null;
  return {
    kind: 'patternChanged',
    before: before ? { id: before.id, version: before.version } : null,
    after: { id: after.id, version: after.version },
  };
}
