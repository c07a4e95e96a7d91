// The token input of a sync or regeneration, in any wire form, made canonical and validated.
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet, TokensInput } from '../../../core/contract/tokens.js';
import { LIMITS } from '../../../core/contract/limits.js';
import { withTokenRefs } from '../../../core/specs/index.js';
import {
  ClosureCache,
  closureExcess,
  importDtcg,
  importDtcgResolver,
  lenientTokenSet,
  tokenClosure,
  validateTokenSet,
  type TokenIssue,
} from '../../../core/tokens/index.js';
import { unprocessable } from '../../lib/errors.js';

/**
 * Canonical tokens from any wire form (TokenSet, DTCG documents per mode, a DTCG resolver).
 *
 * Conforming tokens are taken exactly. Values CSS can still write (a short hex fallback, em or
 * dp units, a bare number for a dimension) are read with a warning naming the token. A token
 * that still cannot be understood is left out of the set (so out of tokens.css) with a warning,
 * unless it reaches one of `components` through their bindings and alias chains: then, as for
 * any alias cycle, the sync is refused with a 422 naming the tokens, and nothing is stored.
 * So is a request whose components reach more tokens through their alias chains than the
 * closure caps allow (LIMITS.closureTokens, LIMITS.closureTokensPerSync).
 */
export function canonicalTokens(input: TokensInput, components: readonly ComponentSpec[]): CanonicalTokens {
  const canonical = readTokens(input, components);
  refuseLongClosures(canonical.tokens, components);
  return canonical;
}

export interface CanonicalTokens {
  tokens: TokenSet;
  warnings: string[];
  /**
   * Whether the set had tokens that could not be understood: then which components reach them
   * decided between leaving them out and refusing the sync, and other components could decide otherwise.
   */
  componentsDecided: boolean;
}

function readTokens(input: TokensInput, components: readonly ComponentSpec[]): CanonicalTokens {
  const { tokens: imported, warnings } = importTokens(input);
  const lenient = lenientTokenSet(imported);
  warnings.push(...lenient.warnings);
  let tokens = lenient.tokens;
  let issues = validateTokenSet(tokens, { cssLengths: true }).errors;
  const componentsDecided = issues.some((i) => !isKept(i));
  if (issues.length === 0) return { tokens, warnings, componentsDecided };

  const reached = new Set(tokenClosure(tokens, components.flatMap(boundTokenIds)).tokens.map((t) => t.id));
  const collectionsReached = new Set(tokens.tokens.filter((t) => reached.has(t.id)).map((t) => t.collectionId));
  const reaches = (i: TokenIssue) =>
    i.tokenId === '' ? collectionsReached.has(i.collectionId ?? '') : reached.has(i.tokenId);
  // Leaving a token out can break what refers to it: validate again until only kept problems remain.
  for (;;) {
    const fatal = issues.filter((i) => i.kinds.includes('alias-cycle') || (reaches(i) && !isKept(i)));
    if (fatal.length > 0) {
      throw unprocessable(
        'invalid_tokens',
        `${fatal.length} token problem(s) reaching the synced components: ${fatal
          .slice(0, 3)
          .map((e) => e.message)
          .join('; ')}${fatal.length > 3 ? '; …' : ''}`,
        { issues: [...fatal, ...issues.filter((i) => !fatal.includes(i))] },
      );
    }
    const left = issues.filter((i) => !isKept(i));
    const duplicated = issues.some((i) => i.kinds.includes('duplicate-id'));
    if (left.length === 0 && !duplicated) {
      warnings.push(...issues.map((i) => i.message));
      return { tokens, warnings, componentsDecided };
    }
    warnings.push(...left.map((i) => `${i.message} (left out of tokens.css)`));
    if (duplicated)
      warnings.push(
        ...issues
          .filter((i) => isKept(i) && i.kinds.includes('duplicate-id'))
          .map((i) => `${i.message} (left out of tokens.css; the first token with this id is kept)`),
      );
    const next = without(tokens, left);
    if (next.tokens.length === tokens.tokens.length && next.collections.length === tokens.collections.length)
      return { tokens, warnings, componentsDecided };
    tokens = next;
    issues = validateTokenSet(tokens, { cssLengths: true }).errors;
  }
}

/**
 * Problems a token is still written with: names that collide or are not DTCG names (CSS names
 * are made distinct), and a repeated id (the first token keeps it).
 */
function isKept(issue: TokenIssue): boolean {
  return (
    issue.tokenId !== '' &&
    issue.kinds.every((k) => k === 'duplicate-name' || k === 'invalid-name' || k === 'duplicate-id')
  );
}

/** The set without the tokens (and broken collections) of `issues`, and with each id once. */
function without(set: TokenSet, issues: TokenIssue[]): TokenSet {
  const dropped = new Set(issues.filter((i) => i.tokenId !== '').map((i) => i.tokenId));
  const brokenCollections = new Set(issues.filter((i) => i.tokenId === '').map((i) => i.collectionId));
  const seen = new Set<string>();
  const tokens = set.tokens.filter(
    (t) => !dropped.has(t.id) && !brokenCollections.has(t.collectionId) && !seen.has(t.id) && seen.add(t.id),
  );
  const used = new Set(tokens.map((t) => t.collectionId));
  const collections = set.collections.filter((c) => used.has(c.id) && !brokenCollections.has(c.id));
  return { collections, tokens };
}

function boundTokenIds(spec: ComponentSpec): string[] {
  return withTokenRefs(spec).tokenRefs;
}

const count = (n: number) => n.toLocaleString('en-US');

/** A 422 when a component's closure, or all closures added up, pass their caps (closureExcess). */
export function refuseLongClosures(
  tokens: TokenSet,
  components: readonly ComponentSpec[],
  closures: ClosureCache = new ClosureCache(tokens),
): void {
  const excess = closureExcess(
    closures,
    components.map((c) => ({ id: c.id, name: c.name, refs: boundTokenIds(c) })),
    { perComponent: LIMITS.closureTokens, perSync: LIMITS.closureTokensPerSync },
  );
  if (!excess) return;
  if (excess.kind === 'component') {
    throw unprocessable(
      'closure_too_large',
      `${excess.name} reaches ${count(excess.tokens)} tokens through its bindings and alias chains; a component may reach at most ${count(excess.limit)}: shorten the alias chains or bind fewer tokens`,
      {
        components: [{ componentId: excess.componentId, name: excess.name, tokens: excess.tokens }],
        limit: excess.limit,
      },
    );
  }
  throw unprocessable(
    'closures_too_large',
    `The components reach ${count(excess.total)} tokens through their bindings and alias chains, added up by ${excess.name}; a sync may reach at most ${count(excess.limit)}: sync fewer components at a time or shorten the alias chains`,
    { total: excess.total, limit: excess.limit, componentId: excess.componentId, name: excess.name },
  );
}

function importTokens(input: TokensInput): { tokens: TokenSet; warnings: string[] } {
  if ('format' in input && input.format === 'dtcg') return importDtcg(input);
  if ('format' in input && input.format === 'dtcg-resolver') {
    const imported = importDtcgResolver(input);
    if (imported.errors.length > 0) {
      throw unprocessable(
        'invalid_tokens',
        `the DTCG resolver cannot be read: ${imported.errors.slice(0, 3).join('; ')}${imported.errors.length > 3 ? '; …' : ''}`,
        { errors: imported.errors },
      );
    }
    return { tokens: imported.tokens, warnings: imported.warnings };
  }
  return { tokens: input as TokenSet, warnings: [] };
}
