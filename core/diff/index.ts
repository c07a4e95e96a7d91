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
 */
export { diffText, countLineChanges } from './text-diff.js';
export { diffFileSets } from './file-set-diff.js';
export { mergeText, DEFAULT_MERGE_LABELS } from './merge.js';
export { mergeFileSets } from './file-set-merge.js';
export type * from './types.js';
