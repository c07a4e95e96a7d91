// The token input of a sync or regeneration, in any wire form, made canonical and validated.
import type { TokenSet, TokensInput } from '../../core/contract/tokens.js';
import { importDtcg, validateTokenSet } from '../../core/tokens/index.js';
import { unprocessable } from '../errors.js';

/**
 * Canonical tokens from either wire form. DTCG documents are imported; every token problem
 * is reported at once, one message per token, and nothing is stored.
 */
export function canonicalTokens(input: TokensInput): { tokens: TokenSet; warnings: string[] } {
  let tokens: TokenSet;
  const warnings: string[] = [];
  if ('format' in input && input.format === 'dtcg') {
    const imported = importDtcg(input);
    tokens = imported.tokens;
    warnings.push(...imported.warnings);
  } else {
    tokens = input as TokenSet;
  }
  const validation = validateTokenSet(tokens);
  if (validation.errors.length) {
    const errors = validation.errors;
    throw unprocessable('invalid_tokens', `${errors.length} token problem(s): ${errors.slice(0, 3).map((e) => e.message).join('; ')}${errors.length > 3 ? '; …' : ''}`, { issues: errors });
  }
  return { tokens, warnings };
}
