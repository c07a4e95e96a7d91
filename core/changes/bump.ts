/**
 * From changes to a semver bump, with one human-readable reason per change.
 *
 * Rules (DESIGN.md "Change detection", plus the decisions marked *):
 * - major: prop removed, prop kind changed, *prop renamed (the generated prop name changes),
 *   variant option removed, a used token removed, *a used token's type changed (its CSS value
 *   no longer fits the property it is bound to: as broken as a removal), *component renamed
 *   (file and export names change), pattern id changed or pattern major version changed.
 * - minor: a used token's value changed (per mode) or *added (a dangling reference now
 *   resolves), *a used token renamed (the generated CSS variable name changes), prop or
 *   option added, *default changed, *variant added or removed (the props interface is the
 *   same; only styles for one combination change), *binding changed, pattern minor version,
 *   a layer added or removed, a layout, style or text value of a layer changed (text default
 *   included); a removed layer that a prop is wired to is major (the prop loses its effect).
 * - patch: pattern patch / prerelease version (a generator fix), description changed (token
 *   or component), rollback (always patch, whatever it reverts), and any other change of the
 *   generated files that no rule names ("generated output changed").
 * - none: nothing changed, or both input hashes are known and equal.
 * Collections and modes (tokens.css has `:root` for default modes and one `[data-theme]` block
 * per other mode): a mode removed or renamed is major when a selector consumers use disappears
 * (a default mode, or a rename to a name with the same selector, removes none: patch); a mode
 * added or the default mode changed is minor; a collection renamed is a patch (no name in
 * code comes from a collection name; token renames are reported as such).
 * Callers pass only the changes that affect the component (see componentTokenChanges).
 */
import type {
  Bump,
  BumpOrNone,
  CollectionChange,
  PatternChange,
  SpecChange,
  TokenChange,
} from '../contract/changes.js';
import { modeSlug } from '../codegen/names.js';
import { formatValue, type TokenNameLookup } from './format-value.js';
import { layerReason } from './layer-reasons.js';
import { parseVersion } from './versions.js';

export type Severity = 'breaking' | 'feature' | 'fix' | 'none';

const RANK: Readonly<Record<BumpOrNone, number>> = { none: 0, patch: 1, minor: 2, major: 3 };
const SEVERITY: Readonly<Record<BumpOrNone, Severity>> = {
  major: 'breaking',
  minor: 'feature',
  patch: 'fix',
  none: 'none',
};

export function compareBumps(a: BumpOrNone, b: BumpOrNone): number {
  return RANK[a] - RANK[b];
}

export function maxBump(a: BumpOrNone, b: BumpOrNone): BumpOrNone {
  return RANK[b] > RANK[a] ? b : a;
}

export function severityOf(bump: BumpOrNone): Severity {
  return SEVERITY[bump];
}

export interface ClassifiedChange {
  bump: Bump;
  reason: string;
  source: 'token' | 'collection' | 'spec' | 'pattern' | 'rollback' | 'output';
  change: TokenChange | CollectionChange | SpecChange | PatternChange | null;
}

export const GENERATED_OUTPUT_CHANGED = 'generated output changed';

export function classifyCollectionChange(change: CollectionChange): ClassifiedChange {
  const c = (bump: Bump, reason: string): ClassifiedChange => ({ bump, reason, source: 'collection', change });
  const of = `collection ${change.collection}`;
  const selector = (mode: string) => `[data-theme="${modeSlug(mode)}"]`;
  switch (change.kind) {
    case 'modeRemoved': {
      const mode = change.mode ?? '?';
      return change.wasDefault
        ? c('major', `mode ${mode} removed from ${of} (it was the default mode: :root values change)`)
        : c('major', `mode ${mode} removed from ${of} (${selector(mode)} disappears)`);
    }
    case 'modeRenamed': {
      const before = change.before ?? change.mode ?? '?';
      const after = change.after ?? '?';
      const reason = `mode ${before} of ${of} renamed to ${after}`;
      if (change.wasDefault) return c('patch', `${reason} (the default mode: no selector changes)`);
      if (modeSlug(before) === modeSlug(after)) return c('patch', `${reason} (same selector ${selector(after)})`);
      return c('major', `${reason} (${selector(before)} disappears)`);
    }
    case 'modeAdded':
      return c('minor', `mode ${change.mode ?? '?'} added to ${of}`);
    case 'defaultModeChanged':
      return c('minor', `default mode of ${of} changed ${change.before ?? '?'} → ${change.after ?? '?'}`);
    case 'collectionRenamed':
      return c('patch', `collection ${change.before ?? '?'} renamed to ${change.after ?? change.collection}`);
  }
}

export function classifyTokenChange(change: TokenChange, nameOf?: TokenNameLookup): ClassifiedChange {
  const t = `token ${change.name}`;
  const c = (bump: Bump, reason: string): ClassifiedChange => ({ bump, reason, source: 'token', change });
  switch (change.kind) {
    case 'removed':
      return c('major', `${t} removed`);
    case 'typeChanged':
      return c('major', `${t} type changed ${String(change.before)} → ${String(change.after)}`);
    case 'added':
      return c('minor', `${t} added`);
    case 'renamed':
      return c('minor', `token ${change.previousName ?? change.tokenId} renamed to ${change.name}`);
    case 'descriptionChanged':
      return c('patch', `${t} description changed`);
    case 'modified': {
      const inMode = change.mode !== undefined ? ` in mode ${change.mode}` : '';
      if (change.before === undefined) return c('minor', `${t} set to ${formatValue(change.after, nameOf)}${inMode}`);
      if (change.after === undefined) {
        return c('minor', `${t} no longer defined${inMode} (was ${formatValue(change.before, nameOf)})`);
      }
      return c(
        'minor',
        `${t} changed ${formatValue(change.before, nameOf)} → ${formatValue(change.after, nameOf)}${inMode}`,
      );
    }
  }
}

const variantLabel = (key: string | undefined): string => (key ? `variant \`${key}\`` : 'the default variant');
const code = (value: unknown): string => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

export function classifySpecChange(change: SpecChange, nameOf?: TokenNameLookup): ClassifiedChange {
  const c = (bump: Bump, reason: string): ClassifiedChange => ({ bump, reason, source: 'spec', change });
  const propName = `\`${change.prop ?? '?'}\``;
  const prop = `prop ${propName}`;
  const option = `option \`${change.option ?? '?'}\` of \`${change.prop ?? '?'}\``;
  const token = (id: unknown): string => (typeof id === 'string' ? (nameOf?.(id) ?? id) : String(id));
  switch (change.kind) {
    case 'propRemoved':
      return c('major', `${prop} removed`);
    case 'propTypeChanged':
      return c('major', `${prop} type changed ${String(change.before)} → ${String(change.after)}`);
    case 'propRenamed':
      return c('major', `prop \`${String(change.before)}\` renamed to \`${String(change.after)}\``);
    case 'optionRemoved':
      return c('major', `${option} removed`);
    case 'nameChanged':
      return c('major', `component renamed ${code(change.before)} → ${code(change.after)}`);
    case 'propAdded':
      return c('minor', `${prop} added`);
    case 'optionAdded':
      return c('minor', `${option} added`);
    case 'defaultChanged':
      return c('minor', `default of ${propName} changed ${code(change.before)} → ${code(change.after)}`);
    case 'variantAdded':
      return c('minor', `${variantLabel(change.variant)} added`);
    case 'variantRemoved':
      return c('minor', `${variantLabel(change.variant)} removed`);
    case 'bindingChanged': {
      const where = `binding \`${change.binding ?? '?'}\`${change.variant ? ` of ${variantLabel(change.variant)}` : ''}`;
      if (change.before === undefined) return c('minor', `${where} added: ${token(change.after)}`);
      if (change.after === undefined) return c('minor', `${where} removed (was ${token(change.before)})`);
      return c('minor', `${where} changed ${token(change.before)} → ${token(change.after)}`);
    }
    case 'descriptionChanged':
      return c('patch', 'description changed');
    case 'layerAdded':
    case 'layerRemoved':
    case 'layerChanged': {
      const { bump, reason } = layerReason(change, nameOf);
      return c(bump, reason);
    }
  }
}

/** null when before and after are the same pattern and version. */
export function classifyPatternChange(change: PatternChange): ClassifiedChange | null {
  const { before, after } = change;
  const c = (bump: Bump, reason: string): ClassifiedChange => ({ bump, reason, source: 'pattern', change });
  if (!before) return c('major', `pattern ${after.id} ${after.version} selected`);
  if (before.id !== after.id)
    return c('major', `pattern ${before.id} ${before.version} → ${after.id} ${after.version}`);
  const a = parseVersion(before.version);
  const b = parseVersion(after.version);
  const reason = `pattern ${after.id} ${before.version} → ${after.version}`;
  if (a.major !== b.major) return c('major', reason);
  if (a.minor !== b.minor) return c('minor', reason);
  // A generator's patch release changes only what it writes: say so first, as people read it.
  if (a.patch !== b.patch || a.prerelease !== b.prerelease)
    return c('patch', `${GENERATED_OUTPUT_CHANGED} (${reason})`);
  return null;
}

export interface BumpInput {
  tokenChanges?: readonly TokenChange[];
  collectionChanges?: readonly CollectionChange[];
  specChanges?: readonly SpecChange[];
  patternChange?: PatternChange | null;
  /** a rollback is published as a patch whatever it reverts */
  rollback?: boolean | { toVersion?: string };
  /** both inputs hashes (tokens + spec + pattern); equal hashes mean nothing to generate */
  inputsHash?: { before: string | null; after: string };
  /** shows token names instead of ids in alias values and bindings */
  tokenName?: TokenNameLookup;
  /**
   * the generated files differ (or, before generating, are expected to: the inputs differ):
   * when no rule names a change, the bump is a patch, "generated output changed"
   */
  generatedOutputChanged?: boolean;
}

export interface BumpDecision {
  bump: BumpOrNone;
  severity: Severity;
  /** one per change, most severe first, duplicates dropped */
  reasons: string[];
  changes: ClassifiedChange[];
}

export function decideBump(input: BumpInput): BumpDecision {
  if (input.inputsHash && input.inputsHash.before !== null && input.inputsHash.before === input.inputsHash.after) {
    return { bump: 'none', severity: 'none', reasons: [], changes: [] };
  }
  const changes: ClassifiedChange[] = [];
  for (const change of input.tokenChanges ?? []) changes.push(classifyTokenChange(change, input.tokenName));
  for (const change of input.collectionChanges ?? []) changes.push(classifyCollectionChange(change));
  for (const change of input.specChanges ?? []) changes.push(classifySpecChange(change, input.tokenName));
  if (input.patternChange) {
    const classified = classifyPatternChange(input.patternChange);
    if (classified) changes.push(classified);
  }
  // Stable sort keeps input order within one bump level.
  changes.sort((a, b) => RANK[b.bump] - RANK[a.bump]);

  let bump: BumpOrNone = changes.reduce<BumpOrNone>((acc, ch) => maxBump(acc, ch.bump), 'none');
  if (bump === 'none' && input.generatedOutputChanged) {
    changes.push({ bump: 'patch', reason: GENERATED_OUTPUT_CHANGED, source: 'output', change: null });
    bump = 'patch';
  }
  if (input.rollback) {
    const to = typeof input.rollback === 'object' && input.rollback.toVersion ? ` to ${input.rollback.toVersion}` : '';
    changes.unshift({ bump: 'patch', reason: `rollback${to}`, source: 'rollback', change: null });
    bump = 'patch';
  }
  const reasons = [...new Set(changes.map((ch) => ch.reason))];
  return { bump, severity: severityOf(bump), reasons, changes };
}
