import type { ComponentSpec } from '../contract/specs.js';
import { diffSpecs } from './spec-diff.js';

export interface VersionedSpec {
  version: string;
  spec: ComponentSpec;
}

/**
 * Why code generated from `target` cannot replace code generated from `current` without
 * breaking the code that uses it today: one human-readable reason per problem, [] when
 * `target`'s props interface accepts every use of `current`'s. Used to refuse a rollback.
 *
 * Breaking:
 * - a prop `current` has and `target` lacks (callers passing it stop compiling);
 * - a prop whose kind differs (text → boolean changes its TypeScript type);
 * - a prop renamed (matched by its Figma id: the generated prop name differs);
 * - a variant option `current` has and `target` lacks (`size="xl"` stops type-checking);
 * - the component renamed (its file and export names differ).
 * Not breaking: anything `target` adds, defaults, variants' styles and bindings, and tokens
 * (the rolled-back files carry their own token values).
 */
export function interfaceIncompatibilities(current: VersionedSpec, target: VersionedSpec): string[] {
  const now = current.version;
  const then = target.version;
  const reasons: string[] = [];
  for (const change of diffSpecs(current.spec, target.spec)) {
    const prop = `\`${change.prop ?? '?'}\``;
    switch (change.kind) {
      case 'propRemoved':
        reasons.push(`prop ${prop} exists in ${now} but not in ${then}`);
        break;
      case 'propTypeChanged':
        reasons.push(`prop ${prop} changed type ${String(change.before)} → ${String(change.after)}`);
        break;
      case 'propRenamed':
        reasons.push(`prop \`${String(change.before)}\` of ${now} is named \`${String(change.after)}\` in ${then}`);
        break;
      case 'optionRemoved':
        reasons.push(`option \`${change.option ?? '?'}\` of prop ${prop} exists in ${now} but not in ${then}`);
        break;
      case 'nameChanged':
        reasons.push(`the component is named \`${String(change.before)}\` in ${now} but \`${String(change.after)}\` in ${then} (file and export names differ)`);
        break;
      default:
        break;
    }
  }
  return reasons;
}
