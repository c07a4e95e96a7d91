import { TokenTypes } from '../contract/enums.js';
import type { TokenSet, TokenType } from '../contract/tokens.js';
import { collectAliasTargets, isAlias } from './aliases.js';
import { mergeIssues, type IssueKind, type TokenIssue } from './issues.js';
import { indexTokenSet } from './token-index.js';
import { resolveTokenSet, type ResolveOptions } from './resolve.js';
import { checkValue, type CheckOptions } from './values.js';

export interface TokenSetValidation {
  /** one issue per token at fault (and per broken collection), all problems in its message */
  errors: TokenIssue[];
}

/** Why a name segment is not a valid DTCG name, or undefined. */
export function nameSegmentProblem(segment: string): string | undefined {
  if (segment === '') return 'has an empty path segment';
  if (/[.{}]/.test(segment)) return `path segment "${segment}" contains ".", "{" or "}"`;
  if (segment.startsWith('$')) return `path segment "${segment}" starts with "$"`;
  return undefined;
}

/**
 * Everything wrong with a token set, collected rather than thrown: missing or unknown types,
 * values that are not of their token's type (literals, and what aliases resolve to), invalid
 * names, values for unknown modes or missing for a mode, missing collections, dangling
 * aliases and cycles (with their chain), duplicate ids and names. The set is read as
 * untrusted input: it may not satisfy the TokenSet schema.
 */
export function validateTokenSet(set: TokenSet, options: ResolveOptions & CheckOptions = {}): TokenSetValidation {
  const issues: TokenIssue[] = [];
  const index = indexTokenSet(set);

  const seenCollections = new Set<string>();
  for (const c of set.collections) {
    const problem = (message: string) =>
      issues.push({
        tokenId: '',
        collectionId: c.id,
        name: c.name,
        message: `collection "${c.name}": ${message}`,
        kinds: ['invalid-collection'],
      });
    if (seenCollections.has(c.id)) problem(`id "${c.id}" is used by more than one collection`);
    seenCollections.add(c.id);
    const modes = Array.isArray(c.modes) ? c.modes : [];
    if (modes.length === 0) problem('has no modes');
    if (!modes.some((m) => m.id === c.defaultModeId))
      problem(`default mode "${c.defaultModeId}" is not one of its modes`);
    const modeIds = modes.map((m) => m.id);
    if (new Set(modeIds).size !== modeIds.length) problem('has repeated mode ids');
  }

  const resolved = resolveTokenSet(index, options);
  const seenIds = new Set<string>();
  const names = new Map<string, string>();
  for (const token of set.tokens) {
    const add = (kind: IssueKind, message: string) =>
      issues.push({ tokenId: token.id, name: token.name, message: `${token.name}: ${message}`, kinds: [kind] });

    if (seenIds.has(token.id)) add('duplicate-id', `id "${token.id}" is used by more than one token`);
    seenIds.add(token.id);

    for (const segment of String(token.name).split('/')) {
      const problem = nameSegmentProblem(segment);
      if (problem) add('invalid-name', problem);
    }

    const nameKey = `${token.collectionId}\u0000${token.type}\u0000${token.name}`;
    const other = names.get(nameKey);
    if (other !== undefined && other !== token.id)
      add('duplicate-name', `another ${token.type} token of its collection has the same name (${other})`);
    else names.set(nameKey, token.id);

    const typeKnown = (TokenTypes as readonly unknown[]).includes(token.type);
    if (token.type === undefined || token.type === null) add('missing-type', 'has no type');
    else if (!typeKnown) add('missing-type', `type "${String(token.type)}" is not a DTCG type`);

    const collection = index.collections.get(token.collectionId);
    if (!collection) add('missing-collection', `collection "${token.collectionId}" does not exist`);
    const values = token.valuesByMode ?? {};
    if (collection) {
      const unknown = Object.keys(values).filter((m) => !collection.modes.some((mode) => mode.id === m));
      if (unknown.length > 0)
        add(
          'unknown-mode',
          `values for unknown mode id(s) ${unknown.map((m) => `"${m}"`).join(', ')} of collection "${collection.name}"`,
        );
      const missing = collection.modes.filter((m) => !(m.id in values));
      if (missing.length > 0)
        add('missing-mode-value', `no value for mode(s) ${missing.map((m) => `"${m.name}"`).join(', ')}`);
    }
    if (!typeKnown) continue;

    // Literals are checked as written; what an alias brings is checked once resolved.
    const resolvedValues = resolved.values.get(token.id) ?? {};
    const problems = new Map<string, string[]>();
    for (const [modeId, raw] of Object.entries(values)) {
      const modeName = collection?.modes.find((m) => m.id === modeId)?.name ?? modeId;
      let problem: string | undefined;
      if (!isAlias(raw) && collectAliasTargets(raw).length === 0) {
        problem = checkValue(token.type as TokenType, raw, options);
      } else if (modeId in resolvedValues && index.tokens.get(token.id) === token) {
        const p = checkValue(token.type as TokenType, resolvedValues[modeId], options);
        if (p) problem = `resolves to a value of the wrong type: ${p}`;
      }
      if (problem) problems.set(problem, [...(problems.get(problem) ?? []), modeName]);
    }
    const modeCount = Object.keys(values).length;
    for (const [problem, modes] of problems) {
      add(
        'invalid-value',
        modes.length === modeCount && modeCount > 0
          ? problem
          : `${problem} (in mode${modes.length > 1 ? 's' : ''} ${modes.map((m) => `"${m}"`).join(', ')})`,
      );
    }
  }
  // A token's own missing mode is already reported above; its resolution failing there adds nothing.
  const ownMissing = new Set(issues.filter((i) => i.kinds.includes('missing-mode-value')).map((i) => i.tokenId));
  issues.push(
    ...resolved.errors.filter((e) => !(ownMissing.has(e.tokenId) && e.kinds.every((k) => k === 'missing-mode-value'))),
  );
  return { errors: mergeIssues(issues) };
}
