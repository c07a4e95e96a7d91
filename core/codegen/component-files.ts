/** The four files of one component, from a pattern's plan. */
import type { GeneratedFile } from '../contract/api.js';
import type { ComponentSpec } from '../contract/specs.js';
import type { TokenSet } from '../contract/tokens.js';
import { buildModel } from './component-model.js';
import { generateModuleCss } from './module-css.js';
import { generateStories } from './stories.js';
import { generateTestScaffold } from './test-scaffold.js';
import { generateTsx } from './tsx.js';
import type { PatternPlan } from './types.js';
import { planClasses } from './variant-classes.js';

export function emitComponentFiles(
  spec: ComponentSpec,
  tokens: TokenSet,
  pattern: { id: string; version: string },
  plan: PatternPlan,
): GeneratedFile[] {
  const model = buildModel(spec, { parts: plan.parts, reservedIdents: plan.reservedIdents });
  const view = plan.render(model);
  const classes = planClasses(model, tokens);
  return [
    generateTsx(model, view, classes, pattern),
    generateModuleCss(model, classes, plan.css, pattern),
    generateStories(model, pattern),
    generateTestScaffold(model, view, pattern),
  ];
}
