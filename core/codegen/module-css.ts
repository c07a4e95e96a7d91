/** Name.module.css: the pattern's structural rules plus the token-bound variant classes. */
import type { GeneratedFile } from '../contract/api.js';
import type { Decl } from './bindings.js';
import { commentText, renderFile } from './code.js';
import type { ComponentModel } from './component-model.js';
import type { ClassPlan, ScopeRules } from './variant-classes.js';

/** Rules a pattern needs whatever the tokens (layout, resets, states), by literal selector. */
export interface PatternCss {
  readonly rules: readonly { readonly selector: string; readonly decls: readonly Decl[] }[];
}

// Shorthands before their longhands, then a stable reading order.
const PROPERTY_ORDER = [
  'all',
  'display',
  'position',
  'box-sizing',
  'flex-direction',
  'align-items',
  'justify-content',
  'width',
  'min-width',
  'max-width',
  'height',
  'min-height',
  'max-height',
  'padding',
  'padding-block',
  'padding-inline',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'gap',
  'row-gap',
  'column-gap',
  'background',
  'background-color',
  'background-image',
  'border',
  'border-style',
  'border-width',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-color',
  'border-radius',
  'border-top-left-radius',
  'border-top-right-radius',
  'border-bottom-right-radius',
  'border-bottom-left-radius',
  'font',
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-indent',
  'color',
  'box-shadow',
  'opacity',
  'cursor',
];
const rank = (property: string): number => {
  if (property === '') return PROPERTY_ORDER.length + 2;
  if (property.startsWith('--')) return PROPERTY_ORDER.length + 1;
  const i = PROPERTY_ORDER.indexOf(property);
  return i < 0 ? PROPERTY_ORDER.length : i;
};

function declLine(d: Decl): string {
  const comment = d.comment === undefined ? '' : `/* ${commentText(d.comment)} */`;
  if (d.property === '') return comment;
  return comment === '' ? `${d.property}: ${d.value};` : `${d.property}: ${d.value}; ${comment}`;
}

function sortDecls(decls: Iterable<Decl>): Decl[] {
  return [...decls].sort(
    (a, b) =>
      rank(a.property) - rank(b.property) ||
      (a.property < b.property ? -1 : a.property > b.property ? 1 : 0) ||
      ((a.comment ?? '') < (b.comment ?? '') ? -1 : (a.comment ?? '') > (b.comment ?? '') ? 1 : 0),
  );
}

function rule(selector: string, decls: readonly Decl[]): string[] {
  if (decls.length === 0) return [`${selector} {}`];
  return [`${selector} {`, ...decls.map((d) => `  ${declLine(d)}`), '}'];
}

/** Root scope first, then parts by class name. */
function scopes(rules: ScopeRules): (string | null)[] {
  return [...rules.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

function classRules(cls: string, rules: ScopeRules, keepEmptyRoot: boolean): string[][] {
  const out: string[][] = [];
  if (!rules.has(null) && keepEmptyRoot) out.push(rule(`.${cls}`, []));
  for (const scope of scopes(rules)) {
    const decls = sortDecls(rules.get(scope)?.values() ?? []);
    out.push(rule(scope === null ? `.${cls}` : `.${cls} .${scope}`, decls));
  }
  return out;
}

export function moduleCssPath(model: ComponentModel): string {
  return `${model.name}.module.css`;
}

export function generateModuleCss(
  model: ComponentModel,
  plan: ClassPlan,
  patternCss: PatternCss,
  pattern: { id: string; version: string },
): GeneratedFile {
  const blocks: string[][] = [];

  // Pattern rules for an element the base rules also style are merged into that base rule,
  // pattern declarations first, so a token binding wins over a structural default.
  const baseSelectors = new Map<string, string | null>([[`.${model.rootClass}`, null]]);
  for (const part of model.parts.values()) baseSelectors.set(`.${part.className}`, part.className);
  const structural = new Map<string | null, Decl[]>();
  const extra: string[][] = [];
  for (const r of patternCss.rules) {
    const scope = baseSelectors.get(r.selector);
    if (scope === undefined) extra.push(rule(r.selector, r.decls));
    else structural.set(scope, [...(structural.get(scope) ?? []), ...r.decls]);
  }
  // Every part gets a rule, even an empty one: a CSS module only exports classes it contains.
  const partScopes = [...model.parts.values()].map((p) => p.className);
  const baseScopes = [...new Set([null, ...partScopes, ...structural.keys(), ...plan.base.keys()])].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const scope of baseScopes) {
    const bound = sortDecls(plan.base.get(scope)?.values() ?? []);
    const boundProperties = new Set(bound.map((d) => d.property));
    const decls = [...(structural.get(scope) ?? []).filter((d) => !boundProperties.has(d.property)), ...bound];
    blocks.push(rule(scope === null ? `.${model.rootClass}` : `.${scope}`, decls));
  }
  blocks.push(...extra);

  for (const [cls, rules] of plan.perProp) blocks.push(...classRules(cls, rules, true));
  for (const [cls, rules] of plan.combined) blocks.push(...classRules(cls, rules, false));

  const lines = [
    `/* Generated by design-sync from the Figma component ${JSON.stringify(commentText(model.spec.name))} (pattern ${pattern.id} ${pattern.version}). */`,
    '/* .root always; one class per variant prop value (.size-lg); a class per full variant (.size-lg_state-hover) only for bindings no single prop explains. */',
  ];
  for (const b of blocks) lines.push('', ...b);
  return { path: moduleCssPath(model), content: renderFile(lines) };
}
