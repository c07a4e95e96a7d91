/**
 * Tokens whose CSS variable name is taken by another token (duplicate names in Figma, a deleted
 * variable beside the live one of the same name, two styles called alike): the one that keeps the
 * name is decided by core/codegen cssVarNames; the others get a suffix, and a warning says so,
 * naming both tokens and both CSS names, so the designer can rename or delete one.
 */
import { cssNameCollisions } from '../codegen/css-vars.js';
import type { Token, TokenSet } from '../contract/tokens.js';

function label(token: Token): string {
  const kind = token.source?.kind === 'variable' || token.source === undefined ? 'Variable' : 'Style';
  const notes = [token.id];
  if (token.deprecated !== undefined && token.deprecated !== false)
    notes.push(typeof token.deprecated === 'string' ? token.deprecated : 'deprecated');
  if (token.source?.remote) notes.push('from a library');
  return `${kind} "${token.name}" (${notes.join(', ')})`;
}

/**
 * One warning per token whose name another token of its own collection has (a duplicate in
 * Figma, a deleted variable beside the live one) or whose CSS name a composite's sub-variable
 * took; one per pair of collections for names shared across collections (files that keep each
 * theme in a collection of its own share every name, and a warning per token would bury the rest).
 */
export function cssNameWarnings(set: TokenSet): string[] {
  const names = new Map(set.collections.map((c) => [c.id, c.name]));
  const warnings: string[] = [];
  const across = new Map<string, { from: string; to: string; count: number; example: string; given: string }>();
  for (const { token, wanted, given, holder } of cssNameCollisions(set)) {
    if (holder && holder.collectionId !== token.collectionId) {
      const key = `${token.collectionId}\u0000${holder.collectionId}`;
      const entry = across.get(key) ?? {
        from: token.collectionId,
        to: holder.collectionId,
        count: 0,
        example: token.name,
        given,
      };
      entry.count++;
      across.set(key, entry);
      continue;
    }
    const owner = holder ? `${label(holder)} has ${wanted}` : `${wanted} is taken by another token's variables`;
    warnings.push(`${label(token)}: ${owner}, so its CSS variable is ${given}`);
  }
  for (const { from, to, count, example, given } of across.values()) {
    warnings.push(
      `${count} token(s) of collection "${names.get(from) ?? from}" have names that tokens of collection "${names.get(to) ?? to}" have (e.g. "${example}"): their CSS variables get a suffix (${given})`,
    );
  }
  return warnings;
}
