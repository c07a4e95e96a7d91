/**
 * Line diffs, hunks and stats (jsdiff), and three-way merge of customizations (node-diff3).
 *
 * Line endings, everywhere in this module: `\n` ends a line and `\r\n` is `\n` preceded by a
 * `\r` that belongs to the line, so a CRLF↔LF change is a change, as in git, and diffs and
 * merges are byte-exact. Pass `normalizeEol: true` to convert CRLF to LF in every input first
 * (e.g. a customization uploaded from Windows against LF generated code); results are then LF.
 *
 * Conflict markers (labels configurable, defaults shown; the base section only with
 * `style: 'diff3'`):
 *   <<<<<<< customized
 *   …developer's lines
 *   ||||||| generated
 *   …base lines
 *   =======
 *   …regenerated lines
 *   >>>>>>> regenerated
 *
 * Limits (DIFF_LIMITS, the same on the server and in the UI): past `maxEditLength` changed lines
 * or `timeoutMs` of work, a file is "too large to diff line by line" (no hunks, `tooLarge` with
 * both sides' sizes and sha256) or, merged, one whole-file conflict whose `tooLarge` says why.
 */
export { diffText, countLineChanges } from './text-diff.js';
export { diffFileSets } from './file-set-diff.js';
export { mergeText, DEFAULT_MERGE_LABELS } from './merge.js';
export { mergeFileSets } from './file-set-merge.js';
export { DIFF_LIMITS } from './limits.js';
export type * from './types.js';
