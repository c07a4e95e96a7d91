/** The four files of one component, from a pattern's plan. */
import type { GeneratedFile } from '../contract/api.js';
import type { ComponentSpec } from '../contract/specs.js';
import type { TokenSet } from '../contract/tokens.js';
import { buildModel, type ComponentModel } from './component-model.js';
import type { CodegenContext } from './layers/context.js';
import { LayeredComponent, unwiredContentProps } from './layers/component.js';
import { hasLayers } from './layers/tree.js';
import { generateModuleCss, type PatternCss } from './module-css.js';
import { contentPartKey } from './patterns/kit.js';
import { generateStories } from './stories.js';
import { generateTestScaffold } from './test-scaffold.js';
import { generateTsx } from './tsx.js';
import type { PatternPlan } from './types.js';
import { distributeDecls, planClasses } from './variant-classes.js';

/** Class names a pattern's own rules use (`.native`), which layers must not take. */
function patternClasses(css: PatternCss): string[] {
  const names: string[] = [];
  for (const rule of css.rules) {
    const pattern = /\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)/g;
    for (let m = pattern.exec(rule.selector); m; m = pattern.exec(rule.selector)) names.push(m[1] ?? '');
  }
  return names;
}

/**
 * The model a layered spec generates with: the pattern's own parts give way to the layers,
 * except content props no layer shows, which keep the element they had.
 */
function layeredModel(spec: ComponentSpec, plan: PatternPlan): ComponentModel {
  const unwired = new Set(unwiredContentProps(spec).map(contentPartKey));
  return buildModel(spec, {
    parts: plan.parts.filter((p) => unwired.has(p.key)),
    reservedIdents: plan.reservedIdents,
  });
}

/** The layered component as generation builds it (previews use it for class names). */
export function layeredComponent(
  spec: ComponentSpec,
  tokens: TokenSet,
  plan: PatternPlan,
  context: CodegenContext = {},
): { model: ComponentModel; layered: LayeredComponent } {
  const model = layeredModel(spec, plan);
  return { model, layered: new LayeredComponent(spec, model, tokens, context, patternClasses(plan.css)) };
}

export function emitComponentFiles(
  spec: ComponentSpec,
  tokens: TokenSet,
  pattern: { id: string; version: string },
  plan: PatternPlan,
  context: CodegenContext = {},
): GeneratedFile[] {
  if (hasLayers(spec)) return emitLayered(spec, tokens, pattern, plan, context);
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

function emitLayered(
  spec: ComponentSpec,
  tokens: TokenSet,
  pattern: { id: string; version: string },
  plan: PatternPlan,
  context: CodegenContext,
): GeneratedFile[] {
  const { model, layered } = layeredComponent(spec, tokens, plan, context);
  const rendered = plan.render(model, layered);
  const view = {
    ...rendered,
    statements: [...layered.statements(), ...rendered.statements],
    imports: [...(rendered.imports ?? []), ...layered.imports()],
  };
  const { perVariant, presence } = layered.declarations();
  const classes = distributeDecls(model, perVariant, presence);
  // The pattern's structural root rule yields wherever the design says otherwise.
  const rootProperties = new Set(
    perVariant.flatMap((m) => [...m.values()].filter((e) => e.scope === null).map((e) => e.decl.property)),
  );
  const css: PatternCss = {
    rules: plan.css.rules.map((r) =>
      r.selector === `.${model.rootClass}`
        ? { ...r, decls: r.decls.filter((d) => !rootProperties.has(d.property)) }
        : r,
    ),
  };
  return [
    generateTsx(model, view, classes, pattern),
    generateModuleCss(model, classes, css, pattern),
    generateStories(model, pattern),
    generateTestScaffold(model, view, pattern),
  ];
}
