import type { ArrayChange } from 'diff';
import { countLines } from './lines.js';
import { alignSequences, diffTooLarge, lineTokens, limitsOf } from './limits.js';
import type { DiffLimits, DiffTooLarge } from './types.js';

/**
 * A run of a line alignment. Line numbers are 1-based. An `equal` run has the same lines on both
 * sides; a `change` run replaces `oldCount` old lines by `newCount` new ones (either may be 0).
 */
export type LineBlock =
  | { type: 'equal'; oldStart: number; newStart: number; count: number }
  | { type: 'change'; oldStart: number; oldCount: number; newStart: number; newCount: number };

export interface LineAlignment {
  /** Every line of both texts, in order; empty when the texts are too large to align. */
  blocks: LineBlock[];
  added: number;
  removed: number;
  /** Past the limits: no blocks, counted as wholly replaced. */
  tooLarge?: DiffTooLarge;
}

/**
 * Two texts aligned line by line, whole: the equal and changed runs from first line to last, for
 * views that choose themselves what to collapse (the plugin's diff viewer), where `diffText`'s
 * hunks come with a fixed context. Lines compare as `diffText` compares them: a CRLF↔LF change
 * or a dropped final newline is a change. Within the limits (default DIFF_LIMITS).
 */
export function alignLines(
  oldText: string,
  newText: string,
  options: { limits?: Partial<DiffLimits> } = {},
): LineAlignment {
  const limits = limitsOf(options.limits);
  const alignment = alignSequences(lineTokens(oldText), lineTokens(newText), limits);
  if ('tooLarge' in alignment) {
    return {
      blocks: [],
      added: countLines(newText),
      removed: countLines(oldText),
      tooLarge: diffTooLarge(alignment.tooLarge, limits, oldText, newText),
    };
  }
  const blocks = blocksOf(alignment.changes);
  let added = 0;
  let removed = 0;
  for (const b of blocks) {
    if (b.type === 'change') {
      added += b.newCount;
      removed += b.oldCount;
    }
  }
  return { blocks, added, removed };
}

function blocksOf(changes: ReadonlyArray<ArrayChange<string>>): LineBlock[] {
  const blocks: LineBlock[] = [];
  let oldNo = 1;
  let newNo = 1;
  for (const c of changes) {
    const n = c.value.length;
    if (n === 0) continue;
    if (!c.added && !c.removed) {
      blocks.push({ type: 'equal', oldStart: oldNo, newStart: newNo, count: n });
      oldNo += n;
      newNo += n;
      continue;
    }
    // jsdiff emits a replacement as adjacent removed/added objects (in either order): one block.
    let last = blocks[blocks.length - 1];
    if (last?.type !== 'change') {
      last = { type: 'change', oldStart: oldNo, oldCount: 0, newStart: newNo, newCount: 0 };
      blocks.push(last);
    }
    if (c.removed) {
      last.oldCount += n;
      oldNo += n;
    } else {
      last.newCount += n;
      newNo += n;
    }
  }
  return blocks;
}
