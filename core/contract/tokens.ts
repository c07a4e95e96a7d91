import { z } from 'zod';
import { TokenSourceKinds, TokenTypes } from './enums.js';
import { LIMITS } from './limits.js';

/** A reference to another token by id (Figma variable id, style id, or DTCG dot path). */
export const Alias = z.object({ alias: z.string().min(1) }).strict();
export type Alias = z.infer<typeof Alias>;

/**
 * A DTCG 2025.10 value (color { colorSpace, components, alpha?, hex? }, dimension
 * { value, unit }, number, string, boolean, typography, shadow, border, …). Composite values
 * may hold an Alias in place of a sub-value. The value is checked against the token's type by
 * core/tokens/validate, which names the token at fault; the wire schema only requires JSON.
 */
export const Value = z.json();
export type Value = z.infer<typeof Value>;

export const ModeValue = z.union([Alias, Value]);
export type ModeValue = Alias | Value;

export { TokenTypes, TokenSourceKinds } from './enums.js';
export const TokenType = z.enum(TokenTypes);
export type TokenType = z.infer<typeof TokenType>;

export const TokenSource = z.object({
  kind: z.enum(TokenSourceKinds),
  /** Figma style/variable key or file name, when known */
  ref: z.string().optional(),
  /** a team library's variable or style that this file uses (read through the file, not defined in it) */
  remote: z.boolean().optional(),
});
export type TokenSource = z.infer<typeof TokenSource>;

export const CodeSyntax = z.object({
  web: z.string().optional(),
  android: z.string().optional(),
  ios: z.string().optional(),
});
export type CodeSyntax = z.infer<typeof CodeSyntax>;

export const Mode = z.object({ id: z.string().min(1), name: z.string().min(1).max(LIMITS.modeName) });
export type Mode = z.infer<typeof Mode>;

export const Collection = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(LIMITS.modeName),
  modes: z.array(Mode).min(1),
  defaultModeId: z.string().min(1),
});
export type Collection = z.infer<typeof Collection>;

export const Token = z.object({
  id: z.string().min(1),
  /** slash path, e.g. "color/primary/500"; tokenPath() splits it */
  name: z.string().min(1),
  collectionId: z.string().min(1),
  type: TokenType,
  description: z.string().optional(),
  valuesByMode: z.record(z.string(), ModeValue),
  scopes: z.array(z.string()).optional(),
  codeSyntax: CodeSyntax.optional(),
  deprecated: z.union([z.boolean(), z.string()]).optional(),
  source: TokenSource.optional(),
  /** $extensions other than the ones we model (com.figma metadata is kept here) */
  extensions: z.record(z.string(), z.json()).optional(),
});
export type Token = z.infer<typeof Token>;

export const TokenSet = z.object({
  collections: z.array(Collection),
  tokens: z.array(Token),
});
export type TokenSet = z.infer<typeof TokenSet>;

/** DTCG 2025.10 documents per mode; documents of one mode merge in order; first mode is default. */
export const DtcgTokens = z.object({
  format: z.literal('dtcg'),
  collectionName: z.string().max(LIMITS.modeName).optional(),
  modes: z
    .array(
      z.object({
        name: z.string().min(1).max(LIMITS.modeName),
        documents: z.array(z.record(z.string(), z.json())).min(1),
      }),
    )
    .min(1),
});
export type DtcgTokens = z.infer<typeof DtcgTokens>;

/**
 * A DTCG 2025.10 resolver document and the documents its `$ref`s name, keyed by each `$ref` as
 * the resolver writes it ("./base.tokens.json"); for a "file#/pointer" reference, either that key
 * (the part it points to) or the file's key (the whole file). See core/tokens/dtcg-resolver for
 * the mapping of sets and modifiers to collections and modes.
 */
export const DtcgResolverTokens = z.object({
  format: z.literal('dtcg-resolver'),
  resolver: z.record(z.string(), z.json()),
  documents: z.record(z.string(), z.record(z.string(), z.json())),
});
export type DtcgResolverTokens = z.infer<typeof DtcgResolverTokens>;

export const TokensInput = z.union([DtcgTokens, DtcgResolverTokens, TokenSet]);
export type TokensInput = z.infer<typeof TokensInput>;
