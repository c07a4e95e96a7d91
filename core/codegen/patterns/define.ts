import type { ComponentSpec } from '../../contract/specs.js';
import { emitComponentFiles } from '../component-files.js';
import type { Pattern, PatternPlan } from '../types.js';

export interface PatternDefinition {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly keywords?: readonly string[];
  readonly priority?: number;
  plan(spec: ComponentSpec): PatternPlan;
}

export function definePattern(definition: PatternDefinition): Pattern {
  return {
    id: definition.id,
    version: definition.version,
    description: definition.description,
    keywords: definition.keywords ?? [],
    priority: definition.priority ?? 0,
    generate: (spec, tokens, context) => emitComponentFiles(spec, tokens, definition, definition.plan(spec), context),
    plan: (spec) => definition.plan(spec),
  };
}
