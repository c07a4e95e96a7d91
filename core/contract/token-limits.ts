import { LIMITS } from './limits.js';
import { TokensInput } from './tokens.js';

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** DTCG tokens in any document tree: objects with a `$value`. Counted without recursion. */
function countDtcgTokens(root: unknown, stopAbove: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length && count <= stopAbove) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      if (has(v, '$value')) count++;
      for (const key of Object.keys(v)) if (key !== '$value') stack.push((v as Record<string, unknown>)[key]);
    }
  }
  return count;
}

/**
 * TokensInput within the size limits: at most LIMITS.tokensPerSync tokens (TokenSet tokens, or
 * DTCG tokens across all documents of every format) and token names and ids of at most
 * LIMITS.tokenName characters.
 */
export const LimitedTokensInput = TokensInput.superRefine((input, ctx) => {
  const max = LIMITS.tokensPerSync;
  if ('tokens' in input && Array.isArray(input.tokens)) {
    if (input.tokens.length > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokens'],
        message: `at most ${max} tokens per request; this one has ${input.tokens.length}`,
      });
      return;
    }
    input.tokens.forEach((t, i) => {
      for (const field of ['id', 'name'] as const) {
        if (t[field].length > LIMITS.tokenName) {
          ctx.addIssue({
            code: 'custom',
            path: ['tokens', i, field],
            message: `token ${field}s must be at most ${LIMITS.tokenName} characters`,
          });
        }
      }
    });
    return;
  }
  const count = countDtcgTokens(input, max);
  if (count > max)
    ctx.addIssue({ code: 'custom', message: `at most ${max} tokens per request; these documents hold more` });
});
